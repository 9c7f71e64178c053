#include "quantum/execution_plan.hpp"

#include <algorithm>

#include "quantum/execution.hpp"
#include "quantum/kernel_dispatch.hpp"

namespace qmlr::quantum {
namespace {

bool all_angles_constant(const Operation& op) {
    return std::all_of(op.angles.begin(), op.angles.begin() + op.angle_count,
                       [](const Angle& a) { return a.source == Angle::Source::constant; });
}

bool is_constant_diagonal(const Operation& op) {
    switch (op.kind) {
        case GateKind::z: case GateKind::s: case GateKind::t: case GateKind::cz:
            return true;
        case GateKind::rz: case GateKind::phase_shift: case GateKind::crz:
            return all_angles_constant(op);
        default:
            return false;
    }
}

}  // namespace

ExecutionPlan::ExecutionPlan(Circuit circuit) : circuit_(std::move(circuit)) {
    const auto ops = circuit_.operations();
    const int n = circuit_.num_qubits();
    const bool fuse = n <= kMaxFusedQubits;
    for (std::size_t i = 0; i < ops.size();) {
        std::size_t end = i + 1;
        if (fuse)
            while (end <= ops.size() - 1 && is_constant_diagonal(ops[i]) &&
                   is_constant_diagonal(ops[end]))
                ++end;
        if (end - i < 2) {
            steps_.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + 1), -1});
            i = end;
            continue;
        }
        // A diagonal gate acts elementwise, so applying the run to a vector of ones yields its
        // diagonal.
        AlignedBuffer<Complex> diagonal(std::size_t{1} << n);
        std::fill(diagonal.begin(), diagonal.end(), Complex(1.0));
        for (std::size_t j = i; j < end; ++j)
            apply_gate(diagonal.data(), n, resolve_gate(circuit_, ops[j], nullptr, nullptr));
        if (circuit_.is_real()) {
            AlignedBuffer<double> real(diagonal.size());
            for (std::size_t k = 0; k < real.size(); ++k) real[k] = diagonal[k].real();
            real_diagonals_.push_back(std::move(real));
        }
        steps_.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(end),
                          static_cast<std::int32_t>(diagonals_.size())});
        diagonals_.push_back(std::move(diagonal));
        i = end;
    }
    first_parametric_ = steps_.size();
    for (std::size_t s = 0; s < steps_.size(); ++s)
        if (steps_[s].diagonal < 0 && ops[steps_[s].op].angle_count > 0) {
            first_parametric_ = s;
            break;
        }
}

template <class Amp>
void ExecutionPlan::apply_step(const Step& step, Amp* a, const double* theta, const double* x,
                               bool inverse) const {
    const int n = circuit_.num_qubits();
    if (step.diagonal >= 0) {
        if constexpr (sizeof(Amp) == sizeof(double))
            apply_full_diagonal(a, n, real_diagonals_[step.diagonal].data(), inverse);
        else
            apply_full_diagonal(a, n, diagonals_[step.diagonal].data(), inverse);
        return;
    }
    const ResolvedGate gate = resolve_gate(circuit_, circuit_.operations()[step.op], theta, x);
    apply_gate(a, n, inverse ? quantum::inverse(gate) : gate);
}

template <class Amp>
void ExecutionPlan::run(Amp* a, const double* theta, const double* x) const {
    for (const Step& step : steps_) apply_step(step, a, theta, x, false);
}

template <class Amp>
void ExecutionPlan::undo_step(std::size_t s, Amp* a, const double* theta, const double* x) const {
    apply_step(steps_[s], a, theta, x, true);
}

template void ExecutionPlan::run<double>(double*, const double*, const double*) const;
template void ExecutionPlan::run<Complex>(Complex*, const double*, const double*) const;
template void ExecutionPlan::undo_step<double>(std::size_t, double*, const double*, const double*) const;
template void ExecutionPlan::undo_step<Complex>(std::size_t, Complex*, const double*,
                                                const double*) const;

}  // namespace qmlr::quantum
