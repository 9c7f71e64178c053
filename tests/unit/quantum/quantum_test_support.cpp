#include "quantum/quantum_test_support.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <numbers>

namespace qmlr::quantum::test {

DenseOperator kron_operator(int n, const std::vector<std::pair<int, Matrix2>>& factors) {
    DenseOperator out{0, {Complex{1.0}}};
    for (int q = n - 1; q >= 0; --q) {  // append qubit q as the next less significant factor
        Matrix2 f = identity2();
        for (const auto& [qubit, m] : factors)
            if (qubit == q) f = m;
        const std::size_t d = std::size_t{1} << out.n_qubits, d2 = 2 * d;
        std::vector<Complex> next(d2 * d2);
        for (std::size_t r = 0; r < d; ++r)
            for (std::size_t c = 0; c < d; ++c)
                for (int a = 0; a < 2; ++a)
                    for (int b = 0; b < 2; ++b)
                        next[(2 * r + a) * d2 + (2 * c + b)] = out.m[r * d + c] * f(a, b);
        out = {out.n_qubits + 1, std::move(next)};
    }
    return out;
}

namespace {

DenseOperator add(const DenseOperator& a, const DenseOperator& b) {
    DenseOperator out = a;
    for (std::size_t i = 0; i < out.m.size(); ++i) out.m[i] += b.m[i];
    return out;
}

Matrix2 ket_bra(int r, int c) {
    Matrix2 out;
    out.m[2 * r + c] = 1.0;
    return out;
}

}  // namespace

DenseOperator dense_1q(int n, int target, const Matrix2& u) { return kron_operator(n, {{target, u}}); }

DenseOperator dense_controlled(int n, int control, int target, const Matrix2& u) {
    return add(kron_operator(n, {{control, ket_bra(0, 0)}}),
               kron_operator(n, {{control, ket_bra(1, 1)}, {target, u}}));
}

DenseOperator dense_2q(int n, int first, int second, const Matrix4& u) {
    DenseOperator out{n, std::vector<Complex>((std::size_t{1} << n) << n)};
    for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 4; ++c) {
            DenseOperator term = kron_operator(
                n, {{first, ket_bra(r >> 1, c >> 1)}, {second, ket_bra(r & 1, c & 1)}});
            for (auto& v : term.m) v *= u(r, c);
            out = add(out, term);
        }
    return out;
}

DenseOperator dense_gate(const Circuit& circuit, const Operation& op, const double* theta,
                         const double* x) {
    const int n = circuit.num_qubits();
    const int a = op.qubits[0], b = op.qubits[1];
    const auto angle = [&](int j) { return op.angles[j].resolve(theta, x); };
    switch (op.kind) {
        case GateKind::x: return dense_1q(n, a, pauli_x());
        case GateKind::y: return dense_1q(n, a, pauli_y());
        case GateKind::z: return dense_1q(n, a, pauli_z());
        case GateKind::h: return dense_1q(n, a, hadamard());
        case GateKind::s: return dense_1q(n, a, s_gate());
        case GateKind::t: return dense_1q(n, a, t_gate());
        case GateKind::rx: return dense_1q(n, a, rx(angle(0)));
        case GateKind::ry: return dense_1q(n, a, ry(angle(0)));
        case GateKind::rz: return dense_1q(n, a, rz(angle(0)));
        case GateKind::phase_shift: return dense_1q(n, a, phase_shift(angle(0)));
        case GateKind::rot: return dense_1q(n, a, rot(angle(0), angle(1), angle(2)));
        case GateKind::unitary: return dense_1q(n, a, circuit.matrix2(op.matrix_index));
        case GateKind::cnot: return dense_controlled(n, a, b, pauli_x());
        case GateKind::cz: return dense_controlled(n, a, b, pauli_z());
        case GateKind::swap: return dense_2q(n, a, b, swap_matrix());
        case GateKind::crx: return dense_controlled(n, a, b, rx(angle(0)));
        case GateKind::cry: return dense_controlled(n, a, b, ry(angle(0)));
        case GateKind::crz: return dense_controlled(n, a, b, rz(angle(0)));
        case GateKind::controlled_unitary:
            return dense_controlled(n, a, b, circuit.matrix2(op.matrix_index));
        case GateKind::unitary_2q: return dense_2q(n, a, b, circuit.matrix4(op.matrix_index));
    }
    return {};
}

std::vector<Complex> apply_dense(const DenseOperator& op, const std::vector<Complex>& state) {
    const std::size_t d = state.size();
    std::vector<Complex> out(d);
    for (std::size_t r = 0; r < d; ++r)
        for (std::size_t c = 0; c < d; ++c) out[r] += op.m[r * d + c] * state[c];
    return out;
}

std::vector<Complex> run_dense(const Circuit& circuit, const std::vector<double>& theta,
                               const std::vector<double>& x, std::vector<Complex> state) {
    for (const Operation& op : circuit.operations())
        state = apply_dense(dense_gate(circuit, op, theta.data(), x.data()), state);
    return state;
}

std::vector<Complex> random_state(int n, Rng& rng) {
    std::vector<Complex> s(std::size_t{1} << n);
    double norm2 = 0.0;
    for (auto& a : s) {
        a = {rng.normal(), rng.normal()};
        norm2 += std::norm(a);
    }
    for (auto& a : s) a /= std::sqrt(norm2);
    return s;
}

std::vector<double> random_real_state(int n, Rng& rng) {
    std::vector<double> s(std::size_t{1} << n);
    double norm2 = 0.0;
    for (auto& a : s) {
        a = rng.normal();
        norm2 += a * a;
    }
    for (auto& a : s) a /= std::sqrt(norm2);
    return s;
}

std::vector<double> random_vector(std::size_t size, Rng& rng, double lo, double hi) {
    std::vector<double> v(size);
    for (auto& e : v) e = rng.uniform(lo, hi);
    return v;
}

StateVector to_state(const std::vector<Complex>& amplitudes) {
    StateVector state(std::countr_zero(amplitudes.size()));
    state.set_amplitudes(amplitudes);
    return state;
}

std::vector<Complex> amplitudes_of(const StateVector& state) {
    return {state.amplitudes().begin(), state.amplitudes().end()};
}

double max_abs_difference(const std::vector<Complex>& a, const std::vector<Complex>& b) {
    double worst = a.size() == b.size() ? 0.0 : INFINITY;
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i)
        worst = std::max(worst, std::abs(a[i] - b[i]));
    return worst;
}

namespace {

Matrix2 random_unitary(Rng& rng) {
    return rot(rng.uniform(-3, 3), rng.uniform(-3, 3), rng.uniform(-3, 3));
}

// An entangling, orientation-sensitive 4×4 unitary: (U⊗V)·CNOT·(W⊗H).
Matrix4 random_unitary_2q(Rng& rng) {
    const Matrix4 p0 = kron(Matrix2{{1.0, 0.0, 0.0, 0.0}}, identity2());
    const Matrix4 p1_x = kron(Matrix2{{0.0, 0.0, 0.0, 1.0}}, pauli_x());
    Matrix4 cnot;
    for (int j = 0; j < 16; ++j) cnot.m[j] = p0.m[j] + p1_x.m[j];
    return multiply(kron(random_unitary(rng), random_unitary(rng)),
                    multiply(cnot, kron(random_unitary(rng), hadamard())));
}

Angle random_angle(std::size_t n_params, std::size_t n_inputs, Rng& rng) {
    const double scale = rng.uniform(0.5, 1.5);
    switch (rng.below(3)) {
        case 0: if (n_params > 0) return Angle::parameter(rng.below(n_params), scale); break;
        case 1: if (n_inputs > 0) return Angle::input(rng.below(n_inputs), scale); break;
        default: break;
    }
    return Angle::constant(rng.uniform(-3, 3));
}

}  // namespace

Circuit random_circuit(int n, int gates, std::size_t n_params, std::size_t n_inputs, Rng& rng,
                       bool real_only) {
    static const GateKind all[] = {
        GateKind::x,   GateKind::y,    GateKind::z,   GateKind::h,       GateKind::s,
        GateKind::t,   GateKind::rx,   GateKind::ry,  GateKind::rz,      GateKind::phase_shift,
        GateKind::rot, GateKind::unitary, GateKind::cnot, GateKind::cz,  GateKind::swap,
        GateKind::crx, GateKind::cry,  GateKind::crz, GateKind::controlled_unitary,
        GateKind::unitary_2q};
    static const GateKind real_kinds[] = {GateKind::x,    GateKind::z,  GateKind::h,
                                          GateKind::ry,   GateKind::cnot, GateKind::cz,
                                          GateKind::swap, GateKind::cry};
    Circuit c(n);
    // Every parameter and input is used at least once, so θ and x have exactly these lengths.
    for (std::size_t i = 0; i < n_params; ++i) c.ry(static_cast<int>(i % n), Angle::parameter(i));
    for (std::size_t i = 0; i < n_inputs; ++i) c.ry(static_cast<int>(i % n), Angle::input(i));
    while (static_cast<int>(c.operations().size()) < gates) {
        const GateKind kind = real_only ? real_kinds[rng.below(std::size(real_kinds))]
                                        : all[rng.below(std::size(all))];
        const int a = static_cast<int>(rng.below(n));
        int b = static_cast<int>(rng.below(n));
        const bool two_qubit = kind >= GateKind::cnot;
        if (two_qubit && n < 2) continue;
        while (two_qubit && b == a) b = static_cast<int>(rng.below(n));
        const auto angle = [&] { return random_angle(n_params, n_inputs, rng); };
        switch (kind) {
            case GateKind::x: c.x(a); break;
            case GateKind::y: c.y(a); break;
            case GateKind::z: c.z(a); break;
            case GateKind::h: c.h(a); break;
            case GateKind::s: c.s(a); break;
            case GateKind::t: c.t(a); break;
            case GateKind::rx: c.rx(a, angle()); break;
            case GateKind::ry: c.ry(a, angle()); break;
            case GateKind::rz: c.rz(a, angle()); break;
            case GateKind::phase_shift: c.phase_shift(a, angle()); break;
            case GateKind::rot: c.rot(a, angle(), angle(), angle()); break;
            case GateKind::unitary: c.unitary(a, random_unitary(rng)); break;
            case GateKind::cnot: c.cnot(a, b); break;
            case GateKind::cz: c.cz(a, b); break;
            case GateKind::swap: c.swap(a, b); break;
            case GateKind::crx: c.crx(a, b, angle()); break;
            case GateKind::cry: c.cry(a, b, angle()); break;
            case GateKind::crz: c.crz(a, b, angle()); break;
            case GateKind::controlled_unitary: c.controlled_unitary(a, b, random_unitary(rng)); break;
            case GateKind::unitary_2q:
                c.unitary_2q(a, b, random_unitary_2q(rng));
                break;
        }
    }
    return c;
}

std::vector<SimdBackend> available_backends() {
    std::vector<SimdBackend> out{SimdBackend::scalar};
    if (backend_available(SimdBackend::avx2)) out.push_back(SimdBackend::avx2);
    return out;
}

}  // namespace qmlr::quantum::test
