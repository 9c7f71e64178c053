#pragma once
// Natural Quantization of Neural Networks (arXiv 2503.15482) as a paper of the suite
// (experiments/common/paper.hpp; docs/natural_quantization.md).
#include "experiments/common/paper.hpp"

namespace qmlr::natural_quantization {

const experiments::Paper& paper();

}  // namespace qmlr::natural_quantization
