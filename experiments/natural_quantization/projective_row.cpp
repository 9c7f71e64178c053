#include "experiments/natural_quantization/projective_row.hpp"

#include <numbers>

#include "core/simd_level.hpp"

namespace qmlr::natural_quantization {

void projective_row_scalar(NeuronState* states, const float* h, const double* u, std::size_t n,
                           double a, Squash squash, float* s) {
    const NeuronSettings projective{.a = a, .g = std::numbers::pi / 2, .squash = squash};
    for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<float>(neuron_step(states[i], h[i], projective, u[i]));
}

ProjectiveRowKernel projective_row_kernel() {
    static const ProjectiveRowKernel kernel =
        simd_level_from_environment() == SimdLevel::avx2 ? projective_row_avx2 : projective_row_scalar;
    return kernel;
}

}  // namespace qmlr::natural_quantization
