#pragma once
// Quantum Patches' figures: the primary attack success rate (%) of each training condition per
// dataset, FGSM and PGD at each dataset's headline ε (mean ± std over seeds), with the paper's
// values (reference rows of kind asr_band) as hollow diamonds on their bars; a dataset that was
// not run shows "n/a". From the asr and datasets tables; none when asr is absent.
// The analysis section shows the preview PNGs the patches runs publish beside the tables
// (patches_preview_<dataset>.png: the first training images and their four patched copies).
#include <string>
#include <vector>

#include "experiments/common/figure.hpp"

namespace qmlr::quantum_patches {

std::vector<experiments::Figure> figures(const experiments::FigureInputs& inputs);

// "### Patch previews" with the preview PNGs linked from REPORT.md, which sits one folder above
// the results folder; "" when there are none.
std::string analysis(const experiments::FigureInputs& inputs);

}  // namespace qmlr::quantum_patches
