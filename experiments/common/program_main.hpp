#pragma once
// The one main() shape of every experiment program: run the body, turn any error into one line
// on stderr ("<program>: error: <message>") and a non-zero exit status. Usage:
//   int main(int argc, char** argv) { return qmlr::experiments::run_program("qplr", argc, argv, run); }
#include <functional>
#include <string_view>

namespace qmlr::experiments {

using ProgramBody = std::function<int(int argc, const char* const* argv)>;

int run_program(std::string_view program, int argc, const char* const* argv, const ProgramBody& body);

}  // namespace qmlr::experiments
