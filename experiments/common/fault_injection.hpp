#pragma once
// Named points where a test can make a program stop dead, as a kill would: when the environment
// variable QMLR_FAULT equals the point's name, the process prints one line to stderr and ends
// at once with status 86 (std::_Exit: no destructors, no cleanup, nothing flushed or renamed).
// Used to show that an interrupted merge or run leaves the results folder whole.
#include <string_view>

namespace qmlr::experiments {

inline constexpr int kFaultExitStatus = 86;

void fault_point(std::string_view name);

}  // namespace qmlr::experiments
