#pragma once
// One hidden layer of neurons for one sample, a whole row at once.
//   states (n)  the sample's register row, updated in place
//   h      (n)  pre-activations (float32, promoted to double for the squash)
//   u      (n)  the neurons' uniform draws in [0, 1)
//   s      (n)  outcomes, +1 or −1
// Each neuron does neuron_step(states[i], h[i], settings, u[i])
// (docs/natural_quantization.md §3.2, §4.1, §8.2).
//
// The scalar version calls neuron_step (libm). The AVX2 version evaluates four neurons at a
// time with its own exp, cos, sin and atan (Taylor series after exact range reduction, each
// truncated below 1e-16): its probabilities are within 1e-14 of the scalar ones and its
// post-measurement angles within 1e-13 (both tested), so an outcome can differ only when u lies
// that close to P. At a = 0 with g = π/2 both are exact — f = sgn h, the cosine of a multiple
// of π is ±1 — so P ∈ {0, 1} and the classical limit holds bit for bit (E1). The kernel is
// chosen once by CPUID like the network kernels (QML_SIMD=scalar|avx2).
#include <cstddef>

#include "experiments/natural_quantization/quantum_neuron.hpp"

namespace qmlr::natural_quantization {

using NeuronRowKernel = void (*)(NeuronState* states, const float* h, const double* u, std::size_t n,
                                 const NeuronSettings& settings, float* s);

void neuron_row_scalar(NeuronState* states, const float* h, const double* u, std::size_t n,
                       const NeuronSettings& settings, float* s);
// Compiled with -mavx2 -mfma: call only when the CPU supports both.
void neuron_row_avx2(NeuronState* states, const float* h, const double* u, std::size_t n,
                     const NeuronSettings& settings, float* s);

// The version in use, chosen on first call.
NeuronRowKernel neuron_row_kernel();

}  // namespace qmlr::natural_quantization
