#pragma once
// A circuit prepared for repeated execution. Runs of two or more consecutive gates that are
// diagonal with constant angles (a CZ ring, Z/S/T, fixed RZ/PhaseShift/CRZ) are merged into one
// precomputed diagonal and applied in a single pass: the three CZ rings of the QPLR circuit cost
// three passes instead of thirty. Fusion is used up to kMaxFusedQubits (each fused run stores
// 2^n entries); larger circuits run gate by gate.
#include <cstdint>
#include <span>
#include <vector>

#include "core/aligned_buffer.hpp"
#include "quantum/circuit.hpp"

namespace qmlr::quantum {

inline constexpr int kMaxFusedQubits = 16;

class ExecutionPlan {
public:
    // One step: the single operation `op`, or (diagonal >= 0) the fused diagonal of
    // operations [op, op_end).
    struct Step {
        std::uint32_t op;
        std::uint32_t op_end;
        std::int32_t diagonal;
    };

    explicit ExecutionPlan(Circuit circuit);

    const Circuit& circuit() const { return circuit_; }
    std::span<const Step> steps() const { return steps_; }
    // Index of the first step with a parametric operation (steps before it need no gradient
    // walk); steps().size() when there is none.
    std::size_t first_parametric_step() const { return first_parametric_; }

    // Applies every step to a (2^n amplitudes). Amp = Complex, or double for real circuits.
    template <class Amp>
    void run(Amp* a, const double* theta, const double* x) const;
    // Applies the inverse of step s.
    template <class Amp>
    void undo_step(std::size_t s, Amp* a, const double* theta, const double* x) const;

private:
    template <class Amp>
    void apply_step(const Step& step, Amp* a, const double* theta, const double* x,
                    bool inverse) const;

    Circuit circuit_;
    std::vector<Step> steps_;
    std::vector<AlignedBuffer<Complex>> diagonals_;
    std::vector<AlignedBuffer<double>> real_diagonals_;  // real circuits only
    std::size_t first_parametric_ = 0;
};

}  // namespace qmlr::quantum
