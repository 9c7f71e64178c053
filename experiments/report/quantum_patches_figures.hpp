#pragma once
// Quantum Patches' figures: the primary attack success rate (%) of each training condition per
// dataset, FGSM and PGD at each dataset's headline ε (mean ± std over seeds), with the paper's
// values (reference rows of kind asr_band) as hollow diamonds on their bars. Datasets that were
// not run show "n/a". From results/quantum_patches/asr.csv; none when absent.
#include <vector>

#include "experiments/report/figure.hpp"

namespace qmlr::report {

std::vector<Figure> quantum_patches_figures(const FigureInputs& inputs);

}  // namespace qmlr::report
