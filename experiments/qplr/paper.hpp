#pragma once
// The QPLR paper as the framework sees it: its settings, tables, stage graph, checks and figures
// (experiments/common/paper.hpp).
#include "experiments/common/paper.hpp"

namespace qmlr::qplr {

const experiments::Paper& paper();

}  // namespace qmlr::qplr
