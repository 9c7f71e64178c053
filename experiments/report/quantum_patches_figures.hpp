#pragma once
// Quantum Patches' figures: the primary attack success rate (%) of each training condition per
// dataset, FGSM and PGD at each dataset's headline ε (mean ± std over seeds), with the paper's
// values (reference rows of kind asr_band) as hollow diamonds on their bars. Datasets that were
// not run show "n/a". From results/quantum_patches/asr.csv; none when absent.
#include <string>
#include <vector>

#include "experiments/report/figure.hpp"

namespace qmlr::report {

std::vector<Figure> quantum_patches_figures(const FigureInputs& inputs);

// "### Patch previews": the program's preview PNGs (results/quantum_patches/patches_preview_<key>.png,
// the first training images and their four patched copies) linked from REPORT.md, which sits one
// folder above; "" when there are none.
std::string quantum_patches_preview_section(const FigureInputs& inputs);

}  // namespace qmlr::report
