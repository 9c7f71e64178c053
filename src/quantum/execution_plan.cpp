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

bool is_single_qubit(const Operation& op) { return op.qubits[1] < 0; }

template <class Amp>
Amp as_amplitude(Complex z) {
    if constexpr (sizeof(Amp) == sizeof(double)) return z.real();
    else return z;
}

}  // namespace

ExecutionPlan::ExecutionPlan(Circuit circuit)
    : circuit_(std::move(circuit)), prefix_(circuit_.num_qubits()) {
    const auto ops = circuit_.operations();
    const int n = circuit_.num_qubits();
    // Split off the prefix: 1-qubit gates on qubits no multi-qubit gate has touched yet.
    std::vector<bool> entangled(n, false);
    std::vector<std::uint32_t> rest;
    for (std::uint32_t i = 0; i < ops.size(); ++i) {
        const Operation& op = ops[i];
        if (is_single_qubit(op) && !entangled[op.qubits[0]]) {
            prefix_[op.qubits[0]].push_back(i);
            continue;
        }
        if (!is_single_qubit(op)) entangled[op.qubits[0]] = entangled[op.qubits[1]] = true;
        rest.push_back(i);
    }
    // Fuse runs of constant diagonal gates among the rest.
    const bool fuse = n <= kMaxFusedQubits;
    for (std::size_t r = 0; r < rest.size();) {
        std::size_t end = r + 1;
        if (fuse && is_constant_diagonal(ops[rest[r]]))
            while (end < rest.size() && is_constant_diagonal(ops[rest[end]])) ++end;
        if (end - r < 2) {
            steps_.push_back({rest[r], -1});
            r = end;
            continue;
        }
        // A diagonal gate acts elementwise: applying the run to a vector of ones yields its
        // diagonal.
        AlignedBuffer<Complex> diagonal(std::size_t{1} << n);
        std::fill(diagonal.begin(), diagonal.end(), Complex(1.0));
        for (std::size_t j = r; j < end; ++j)
            apply_gate(diagonal.data(), n, resolve_gate(circuit_, ops[rest[j]], nullptr, nullptr));
        if (circuit_.is_real()) {
            AlignedBuffer<double> real(diagonal.size());
            for (std::size_t k = 0; k < real.size(); ++k) real[k] = diagonal[k].real();
            real_diagonals_.push_back(std::move(real));
        }
        steps_.push_back({rest[r], static_cast<std::int32_t>(diagonals_.size())});
        diagonals_.push_back(std::move(diagonal));
        r = end;
    }
}

template <class Amp>
void ExecutionPlan::prefix_factors(const double* theta, const double* x,
                                   std::array<Amp, 2>* v) const {
    for (int q = 0; q < circuit_.num_qubits(); ++q) {
        Amp v0 = 1.0, v1 = 0.0;
        for (std::uint32_t i : prefix_[q]) {
            const Matrix2 u = resolve_gate(circuit_, circuit_.operations()[i], theta, x).u;
            const Amp n0 = as_amplitude<Amp>(u.m[0]) * v0 + as_amplitude<Amp>(u.m[1]) * v1;
            v1 = as_amplitude<Amp>(u.m[2]) * v0 + as_amplitude<Amp>(u.m[3]) * v1;
            v0 = n0;
        }
        v[q] = {v0, v1};
    }
}

template <class Amp>
void expand_product_state(const std::array<Amp, 2>* v, int n, Amp* a) {
    a[0] = 1.0;
    for (int q = 0; q < n; ++q) {
        const std::size_t size = std::size_t{1} << q;
        for (std::size_t i = 0; i < size; ++i) {
            a[i + size] = a[i] * v[q][1];
            a[i] = a[i] * v[q][0];
        }
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
void ExecutionPlan::run_from_zero(Amp* a, const double* theta, const double* x) const {
    std::array<std::array<Amp, 2>, kMaxQubitsInPlan> v;
    prefix_factors(theta, x, v.data());
    expand_product_state(v.data(), circuit_.num_qubits(), a);
    for (const Step& step : steps_) apply_step(step, a, theta, x, false);
}

template <class Amp>
void ExecutionPlan::undo_step(std::size_t s, Amp* a, const double* theta, const double* x) const {
    apply_step(steps_[s], a, theta, x, true);
}

#define QMLR_INSTANTIATE_PLAN(Amp)                                                            \
    template void ExecutionPlan::run_from_zero<Amp>(Amp*, const double*, const double*) const; \
    template void ExecutionPlan::undo_step<Amp>(std::size_t, Amp*, const double*,             \
                                                const double*) const;                         \
    template void ExecutionPlan::prefix_factors<Amp>(const double*, const double*,            \
                                                     std::array<Amp, 2>*) const;              \
    template void expand_product_state<Amp>(const std::array<Amp, 2>*, int, Amp*);
QMLR_INSTANTIATE_PLAN(double)
QMLR_INSTANTIATE_PLAN(Complex)
#undef QMLR_INSTANTIATE_PLAN

}  // namespace qmlr::quantum
