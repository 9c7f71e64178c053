#include "quantum/circuit.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.hpp"
#include "quantum/state_vector.hpp"

namespace qmlr::quantum {
namespace {

constexpr double kUnitaryTolerance = 1e-10;

bool keeps_real_states(GateKind kind) {
    switch (kind) {
        case GateKind::x: case GateKind::z: case GateKind::h: case GateKind::ry:
        case GateKind::cnot: case GateKind::cz: case GateKind::swap: case GateKind::cry:
            return true;
        default:
            return false;
    }
}

void check_unitary(double error) {
    require(error <= kUnitaryTolerance,
            "gate matrix must be unitary (|U^dagger U - I| <= 1e-10), found a deviation of " +
                std::to_string(error) + "; orthonormalise the matrix");
}

}  // namespace

Angle Angle::constant(double value) {
    require(std::isfinite(value), "a constant gate angle must be finite, got " +
                                      std::to_string(value));
    return {Source::constant, 0, 1.0, value};
}

Angle Angle::parameter(std::size_t index, double scale) {
    require(index <= UINT32_MAX && std::isfinite(scale),
            "parameter angle needs an index below 2^32 and a finite scale, got index " +
                std::to_string(index) + ", scale " + std::to_string(scale));
    return {Source::parameter, static_cast<std::uint32_t>(index), scale, 0.0};
}

Angle Angle::input(std::size_t index, double scale) {
    require(index <= UINT32_MAX && std::isfinite(scale),
            "input angle needs an index below 2^32 and a finite scale, got index " +
                std::to_string(index) + ", scale " + std::to_string(scale));
    return {Source::input, static_cast<std::uint32_t>(index), scale, 0.0};
}

Circuit::Circuit(int n_qubits) : n_qubits_((check_qubit_count(n_qubits), n_qubits)) {}

void Circuit::note_angles(const Operation& op) {
    for (int j = 0; j < op.angle_count; ++j) {
        const Angle& a = op.angles[j];
        if (a.source == Angle::Source::parameter)
            num_parameters_ = std::max<std::size_t>(num_parameters_, a.index + std::size_t{1});
        if (a.source == Angle::Source::input)
            num_inputs_ = std::max<std::size_t>(num_inputs_, a.index + std::size_t{1});
    }
}

Circuit& Circuit::add_1q(GateKind kind, int qubit, std::span<const Angle> angles) {
    check_qubit(qubit, n_qubits_, "target");
    Operation op{kind, {qubit, -1}, {}, static_cast<std::uint8_t>(angles.size()), 0};
    std::copy(angles.begin(), angles.end(), op.angles.begin());
    note_angles(op);
    is_real_ = is_real_ && keeps_real_states(kind);
    operations_.push_back(op);
    return *this;
}

Circuit& Circuit::add_2q(GateKind kind, int a, int b, std::span<const Angle> angles,
                         const char* first_name, const char* second_name) {
    check_qubit(a, n_qubits_, first_name);
    check_qubit(b, n_qubits_, second_name);
    require(a != b, std::string(first_name) + " and " + second_name +
                        " qubits of a two-qubit gate must differ, both are " + std::to_string(a));
    Operation op{kind, {a, b}, {}, static_cast<std::uint8_t>(angles.size()), 0};
    std::copy(angles.begin(), angles.end(), op.angles.begin());
    note_angles(op);
    is_real_ = is_real_ && keeps_real_states(kind);
    operations_.push_back(op);
    return *this;
}

Circuit& Circuit::x(int qubit) { return add_1q(GateKind::x, qubit, {}); }
Circuit& Circuit::y(int qubit) { return add_1q(GateKind::y, qubit, {}); }
Circuit& Circuit::z(int qubit) { return add_1q(GateKind::z, qubit, {}); }
Circuit& Circuit::h(int qubit) { return add_1q(GateKind::h, qubit, {}); }
Circuit& Circuit::s(int qubit) { return add_1q(GateKind::s, qubit, {}); }
Circuit& Circuit::t(int qubit) { return add_1q(GateKind::t, qubit, {}); }
Circuit& Circuit::rx(int qubit, Angle angle) { return add_1q(GateKind::rx, qubit, {&angle, 1}); }
Circuit& Circuit::ry(int qubit, Angle angle) { return add_1q(GateKind::ry, qubit, {&angle, 1}); }
Circuit& Circuit::rz(int qubit, Angle angle) { return add_1q(GateKind::rz, qubit, {&angle, 1}); }
Circuit& Circuit::phase_shift(int qubit, Angle angle) {
    return add_1q(GateKind::phase_shift, qubit, {&angle, 1});
}
Circuit& Circuit::rot(int qubit, Angle phi, Angle theta, Angle omega) {
    const Angle angles[3] = {phi, theta, omega};
    return add_1q(GateKind::rot, qubit, angles);
}

Circuit& Circuit::unitary(int qubit, const Matrix2& u) {
    check_unitary(unitarity_error(u));
    const bool was_real = is_real_;
    add_1q(GateKind::unitary, qubit, {});
    operations_.back().matrix_index = static_cast<std::uint32_t>(matrices2_.size());
    matrices2_.push_back(u);
    is_real_ = was_real && quantum::is_real(u);
    return *this;
}

Circuit& Circuit::cnot(int control, int target) {
    return add_2q(GateKind::cnot, control, target, {}, "control", "target");
}
Circuit& Circuit::cz(int control, int target) {
    return add_2q(GateKind::cz, control, target, {}, "control", "target");
}
Circuit& Circuit::swap(int first, int second) {
    return add_2q(GateKind::swap, first, second, {}, "first", "second");
}
Circuit& Circuit::crx(int control, int target, Angle angle) {
    return add_2q(GateKind::crx, control, target, {&angle, 1}, "control", "target");
}
Circuit& Circuit::cry(int control, int target, Angle angle) {
    return add_2q(GateKind::cry, control, target, {&angle, 1}, "control", "target");
}
Circuit& Circuit::crz(int control, int target, Angle angle) {
    return add_2q(GateKind::crz, control, target, {&angle, 1}, "control", "target");
}

Circuit& Circuit::controlled_unitary(int control, int target, const Matrix2& u) {
    check_unitary(unitarity_error(u));
    const bool was_real = is_real_;
    add_2q(GateKind::controlled_unitary, control, target, {}, "control", "target");
    operations_.back().matrix_index = static_cast<std::uint32_t>(matrices2_.size());
    matrices2_.push_back(u);
    is_real_ = was_real && quantum::is_real(u);
    return *this;
}

Circuit& Circuit::unitary_2q(int first, int second, const Matrix4& u) {
    check_unitary(unitarity_error(u));
    const bool was_real = is_real_;
    add_2q(GateKind::unitary_2q, first, second, {}, "first", "second");
    operations_.back().matrix_index = static_cast<std::uint32_t>(matrices4_.size());
    matrices4_.push_back(u);
    is_real_ = was_real && quantum::is_real(u);
    return *this;
}

Circuit& Circuit::append(const Circuit& other) {
    require(other.n_qubits_ == n_qubits_,
            "cannot append a " + std::to_string(other.n_qubits_) + "-qubit circuit to a " +
                std::to_string(n_qubits_) + "-qubit circuit; build both with the same count");
    const auto offset2 = static_cast<std::uint32_t>(matrices2_.size());
    const auto offset4 = static_cast<std::uint32_t>(matrices4_.size());
    for (Operation op : other.operations_) {
        if (op.kind == GateKind::unitary_2q) op.matrix_index += offset4;
        else if (op.kind == GateKind::unitary || op.kind == GateKind::controlled_unitary)
            op.matrix_index += offset2;
        operations_.push_back(op);
    }
    matrices2_.insert(matrices2_.end(), other.matrices2_.begin(), other.matrices2_.end());
    matrices4_.insert(matrices4_.end(), other.matrices4_.begin(), other.matrices4_.end());
    num_parameters_ = std::max(num_parameters_, other.num_parameters_);
    num_inputs_ = std::max(num_inputs_, other.num_inputs_);
    is_real_ = is_real_ && other.is_real_;
    return *this;
}

}  // namespace qmlr::quantum
