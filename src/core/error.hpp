#pragma once
// The one exception type of the suite. A message says what was expected, what was found
// (file, offset, value) and, where there is one, how to fix it. Programs catch it at main(),
// print the message on one line and exit non-zero.
#include <stdexcept>
#include <string>

namespace qmlr {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// Throws Error(message) when `condition` is false. Keep it off hot paths: the message is built
// before the check.
inline void require(bool condition, const std::string& message) {
    if (!condition) throw Error(message);
}

}  // namespace qmlr
