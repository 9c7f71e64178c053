#pragma once
// A circuit prepared for repeated execution from |0…0⟩, with two shortcuts:
//
// Product-state prefix. A single-qubit gate that acts on qubit q before any multi-qubit gate
// touches q commutes with every earlier gate on other qubits, so all such gates together turn
// |0…0⟩ into a product state ⊗_q v_q (v_q a 2-vector), prepared in one pass instead of one pass
// per gate. Angle encodings and the first rotation layer of every circuit in the papers are such
// a prefix. The adjoint method differentiates it in closed form (adjoint.cpp).
//
// Fused diagonals. Runs of two or more consecutive remaining gates that are diagonal with
// constant angles (a CZ ring, Z/S/T, fixed RZ/PhaseShift/CRZ) are merged into one precomputed
// diagonal applied in a single pass. Used up to kMaxFusedQubits (each run stores 2^n entries).
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "core/aligned_buffer.hpp"
#include "quantum/circuit.hpp"

namespace qmlr::quantum {

inline constexpr int kMaxFusedQubits = 16;
// Plans serve circuits of up to this many qubits (the prefix factors live on the stack).
inline constexpr int kMaxQubitsInPlan = 32;

class ExecutionPlan {
public:
    // One step after the prefix: the single operation `op`, or (diagonal >= 0) a fused diagonal.
    struct Step {
        std::uint32_t op;
        std::int32_t diagonal;
    };

    explicit ExecutionPlan(Circuit circuit);

    const Circuit& circuit() const { return circuit_; }
    // Operation indices of qubit q's prefix, in circuit order.
    std::span<const std::uint32_t> prefix(int qubit) const { return prefix_[qubit]; }
    std::span<const Step> steps() const { return steps_; }

    // Overwrites a (2^n amplitudes) with the circuit applied to |0…0⟩. Amp = Complex, or double
    // for real circuits.
    template <class Amp>
    void run_from_zero(Amp* a, const double* theta, const double* x) const;
    // Applies the inverse of step s.
    template <class Amp>
    void undo_step(std::size_t s, Amp* a, const double* theta, const double* x) const;
    // v_q = (prefix gates of q)·|0⟩ for every qubit.
    template <class Amp>
    void prefix_factors(const double* theta, const double* x, std::array<Amp, 2>* v) const;

private:
    template <class Amp>
    void apply_step(const Step& step, Amp* a, const double* theta, const double* x,
                    bool inverse) const;

    Circuit circuit_;
    std::vector<std::vector<std::uint32_t>> prefix_;  // per qubit
    std::vector<Step> steps_;
    std::vector<AlignedBuffer<Complex>> diagonals_;
    std::vector<AlignedBuffer<double>> real_diagonals_;  // real circuits only
};

// The product state ⊗_q v_q (qubit q = bit q) into a (2^n amplitudes).
template <class Amp>
void expand_product_state(const std::array<Amp, 2>* v, int n_qubits, Amp* a);

}  // namespace qmlr::quantum
