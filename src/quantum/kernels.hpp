#pragma once
// The gate-kernel interface shared by every SIMD backend (scalar reference, AVX2+FMA).
//
// Amplitudes are either complex (`Complex*`, the general path) or real (`double*`, the fast
// path for circuits whose gates all have real matrices, e.g. RY + CZ). Every kernel updates
// one slice [begin, end) of its group index so the dispatcher can cut a gate into parallel
// chunks:
//   - 1-qubit kernels iterate over pairs p in [0, 2^(n-1)): p with a zero bit inserted at the
//     target is the |0⟩ index i0; i1 = i0 | 2^target;
//   - controlled and 2-qubit kernels iterate over quads k in [0, 2^(n-2)): k with zero bits
//     inserted at both qubit positions;
//   - the full-diagonal kernel iterates over amplitudes.
// Real kernels use only the real parts of the matrix entries they are given.
#include <cstddef>

#include "quantum/gate_matrices.hpp"

namespace qmlr::quantum {

// i with a zero bit inserted at position `bit` (the bits at and above it move up by one).
inline std::size_t insert_zero_bit(std::size_t i, int bit) {
    const std::size_t low = i & ((std::size_t{1} << bit) - 1);
    return ((i >> bit) << (bit + 1)) | low;
}

// i with zero bits inserted at two distinct positions.
inline std::size_t insert_two_zero_bits(std::size_t i, int bit_a, int bit_b) {
    const int low = bit_a < bit_b ? bit_a : bit_b;
    const int high = bit_a < bit_b ? bit_b : bit_a;
    return insert_zero_bit(insert_zero_bit(i, low), high);
}

// Function pointers of one backend for one amplitude type.
template <class Amp>
struct KernelSet {
    // U on `target`; pairs.
    void (*matrix_1q)(Amp* a, int target, const Matrix2& u, std::size_t begin, std::size_t end);
    // diag(d0, d1) on `target`; pairs. With d0 == 1 only the |1⟩ half is touched.
    void (*diagonal_1q)(Amp* a, int target, Complex d0, Complex d1, std::size_t begin,
                        std::size_t end);
    // U on `target` where `control` is 1; quads.
    void (*controlled_matrix_1q)(Amp* a, int control, int target, const Matrix2& u,
                                 std::size_t begin, std::size_t end);
    // diag(d0, d1) on `target` where `control` is 1; quads.
    void (*controlled_diagonal_1q)(Amp* a, int control, int target, Complex d0, Complex d1,
                                   std::size_t begin, std::size_t end);
    // U (Matrix4 convention: local index 2·b_first + b_second); quads.
    void (*matrix_2q)(Amp* a, int first, int second, const Matrix4& u, std::size_t begin,
                      std::size_t end);
    // a_i *= d_i (or conj(d_i) when `conjugate`), for a precomputed diagonal d; amplitudes.
    void (*multiply_diagonal)(Amp* a, const Amp* d, bool conjugate, std::size_t begin,
                              std::size_t end);
    // One step of the adjoint walk for a 1-qubit gate, fused into one pass over pairs:
    // psi ← u_inverse·psi (the state before the gate), returns the partial sum of
    // ⟨lambda| d |psi_before⟩, then lambda ← u_inverse·lambda if update_lambda.
    Amp (*adjoint_step_1q)(Amp* psi, Amp* lambda, int target, const Matrix2& u_inverse,
                           const Matrix2& d, bool update_lambda, std::size_t begin,
                           std::size_t end);
    // Partial sum of ⟨bra| M_target |ket⟩ over a slice, M not necessarily unitary. With
    // control < 0 the slice is of pairs; otherwise of quads and only control = 1 terms count.
    Amp (*matrix_element_1q)(const Amp* bra, const Amp* ket, int control, int target,
                             const Matrix2& m, std::size_t begin, std::size_t end);
};

struct KernelBackend {
    const char* name;
    KernelSet<Complex> complex_kernels;
    KernelSet<double> real_kernels;
};

// The portable reference, always available.
const KernelBackend& scalar_backend();
// The AVX2+FMA kernels (defined in a file compiled with -mavx2 -mfma); call only after
// checking that the CPU supports them.
const KernelBackend& avx2_backend();

}  // namespace qmlr::quantum
