#include "experiments/report/paper_figures.hpp"

#include "experiments/report/natural_quantization_figures.hpp"
#include "experiments/report/qplr_figures.hpp"
#include "experiments/report/qplr_sensitivity.hpp"
#include "experiments/report/quantum_patches_figures.hpp"

namespace qmlr::report {

std::vector<Figure> paper_figures(const std::string& paper, const FigureInputs& inputs) {
    if (paper == "natural_quantization") return natural_quantization_figures(inputs);
    if (paper == "qplr") return qplr_figures(inputs);
    if (paper == "quantum_patches") return quantum_patches_figures(inputs);
    return {};
}

std::string paper_analysis(const std::string& paper, const FigureInputs& inputs) {
    if (paper == "qplr") return qplr_sensitivity_section(inputs);
    if (paper == "quantum_patches") return quantum_patches_preview_section(inputs);
    return "";
}

}  // namespace qmlr::report
