#pragma once
// Chooses the kernel backend once (CPUID, or QML_SIMD=scalar|avx2) and applies gates to whole
// state vectors: small states call one kernel directly (the hot path: no allocation, one
// indirect call), states of kParallelMinQubits or more are cut into fixed chunks for
// parallel_for, so results never depend on the thread count.
#include <string_view>

#include "quantum/kernels.hpp"

namespace qmlr::quantum {

enum class SimdBackend { scalar, avx2 };

// Threads are used from this many qubits on. Below it a gate (< ~50 µs) is too short to
// repay waking the pool: on the 2-core development machine two threads only beat one from
// n = 17–18 on (bench/results/statevector.md).
inline constexpr int kParallelMinQubits = 17;

bool backend_available(SimdBackend backend);
std::string_view backend_name(SimdBackend backend);
SimdBackend active_backend();
// Switches the backend for every later call (tests and benchmarks compare backends). Call
// between simulations only; an unavailable backend is an Error.
void set_backend(SimdBackend backend);

// Gate application on a state of n qubits (a has 2^n amplitudes). Semantics as in kernels.hpp.
template <class Amp>
void apply_matrix_1q(Amp* a, int n, int target, const Matrix2& u);
template <class Amp>
void apply_diagonal_1q(Amp* a, int n, int target, Complex d0, Complex d1);
template <class Amp>
void apply_controlled_matrix_1q(Amp* a, int n, int control, int target, const Matrix2& u);
template <class Amp>
void apply_controlled_diagonal_1q(Amp* a, int n, int control, int target, Complex d0, Complex d1);
template <class Amp>
void apply_matrix_2q(Amp* a, int n, int first, int second, const Matrix4& u);
// a_i *= d_i (or conj(d_i)) for a diagonal d of 2^n entries.
template <class Amp>
void apply_full_diagonal(Amp* a, int n, const Amp* d, bool conjugate);
// The fused adjoint step of kernels.hpp over a whole state; returns ⟨lambda| d |psi_before⟩.
template <class Amp>
Amp adjoint_step_1q(Amp* psi, Amp* lambda, int n, int target, const Matrix2& u_inverse,
                    const Matrix2& d, bool update_lambda);
// ⟨bra| M_target |ket⟩ (restricted to control = 1 when control >= 0), summed in a fixed order.
template <class Amp>
Amp matrix_element_1q(const Amp* bra, const Amp* ket, int n, int control, int target,
                      const Matrix2& m);

}  // namespace qmlr::quantum
