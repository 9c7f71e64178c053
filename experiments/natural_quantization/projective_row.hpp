#pragma once
// A projective (g = π/2) hidden layer for one sample: a whole row of neurons at once.
//   states (n)  the sample's register row, updated in place
//   h      (n)  pre-activations (float32, promoted to double for the squash)
//   u      (n)  the neurons' uniform draws in [0, 1)
//   s      (n)  outcomes, +1 or −1
// Each neuron does neuron_step(states[i], h[i], {a, π/2, squash}, u[i]) (spec §3.2, §8.2):
// f = f_a(h), φ += (π/2)(m − f), s = +1 iff u < (1 + cos φ)/2, then φ = 0 or ±π, m = s.
//
// The scalar version calls neuron_step (libm). The AVX2 version evaluates four neurons at a
// time with its own tanh and cos (Taylor polynomials after exact range reduction, truncation
// below 1e-16): the probability differs from the scalar one by at most a few units of 1e-16,
// so an outcome can differ only when u lies that close to P. At a = 0 both are exact —
// f = sgn h, cos of a multiple of π is ±1 — so P ∈ {0, 1} and the classical limit holds bit
// for bit (E1). The kernel is chosen once by CPUID like the network kernels (QML_SIMD).
#include <cstddef>

#include "experiments/natural_quantization/quantum_neuron.hpp"

namespace qmlr::natural_quantization {

using ProjectiveRowKernel = void (*)(NeuronState* states, const float* h, const double* u,
                                     std::size_t n, double a, Squash squash, float* s);

void projective_row_scalar(NeuronState* states, const float* h, const double* u, std::size_t n,
                           double a, Squash squash, float* s);
// Compiled with -mavx2 -mfma: call only when the CPU supports both.
void projective_row_avx2(NeuronState* states, const float* h, const double* u, std::size_t n,
                         double a, Squash squash, float* s);

// The version in use, chosen on first call.
ProjectiveRowKernel projective_row_kernel();

}  // namespace qmlr::natural_quantization
