#pragma once
// Quantum Patches (arXiv 2604.08827) as the framework sees it: its settings, tables, stage graph,
// reference checks and figures (experiments/common/paper.hpp).
#include "experiments/common/paper.hpp"

namespace qmlr::quantum_patches {

const experiments::Paper& paper();

}  // namespace qmlr::quantum_patches
