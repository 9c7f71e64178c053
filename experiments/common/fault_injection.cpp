#include "experiments/common/fault_injection.hpp"

#include <cstdio>
#include <cstdlib>

namespace qmlr::experiments {

void fault_point(std::string_view name) {
    const char* wanted = std::getenv("QMLR_FAULT");
    if (wanted == nullptr || name != wanted) return;
    std::fprintf(stderr, "QMLR_FAULT: stopping dead at %.*s\n", static_cast<int>(name.size()), name.data());
    std::fflush(stderr);
    std::_Exit(kFaultExitStatus);
}

}  // namespace qmlr::experiments
