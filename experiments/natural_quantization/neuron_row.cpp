#include "experiments/natural_quantization/neuron_row.hpp"

#include "core/simd_level.hpp"

namespace qmlr::natural_quantization {

void neuron_row_scalar(NeuronState* states, const float* h, const double* u, std::size_t n,
                       const NeuronSettings& settings, float* s) {
    for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<float>(neuron_step(states[i], h[i], settings, u[i]));
}

namespace {

NeuronRowKernel choose_neuron_row_kernel() {
    if constexpr (kAvx2KernelsBuilt)
        if (simd_level_from_environment() == SimdLevel::avx2) return neuron_row_avx2;
    return neuron_row_scalar;
}

}  // namespace

NeuronRowKernel neuron_row_kernel() {
    static const NeuronRowKernel kernel = choose_neuron_row_kernel();
    return kernel;
}

}  // namespace qmlr::natural_quantization
