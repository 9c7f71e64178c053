#pragma once
// A circuit: an ordered list of gate operations on n qubits whose angles are constants,
// trainable parameters (θ[index]) or encoded inputs (x[index]), each optionally scaled. The
// circuit owns no state; execution.hpp runs it, adjoint.hpp differentiates it.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "quantum/gate_matrices.hpp"

namespace qmlr::quantum {

enum class GateKind : std::uint8_t {
    // 1 qubit, fixed
    x, y, z, h, s, t,
    // 1 qubit, parametric
    rx, ry, rz, phase_shift, rot,
    // 1 qubit, general matrix
    unitary,
    // 2 qubits, fixed
    cnot, cz, swap,
    // 2 qubits, parametric (control, target)
    crx, cry, crz,
    // 2 qubits, general matrix
    controlled_unitary, unitary_2q,
};

// The source of one gate angle: angle = value, scale·θ[index] or scale·x[index].
struct Angle {
    enum class Source : std::uint8_t { constant, parameter, input };
    Source source = Source::constant;
    std::uint32_t index = 0;
    double scale = 1.0;
    double value = 0.0;

    static Angle constant(double value);
    static Angle parameter(std::size_t index, double scale = 1.0);
    static Angle input(std::size_t index, double scale = 1.0);

    double resolve(const double* theta, const double* x) const {
        switch (source) {
            case Source::parameter: return scale * theta[index];
            case Source::input: return scale * x[index];
            case Source::constant: break;
        }
        return value;
    }
};

// One gate. Qubits: 1-qubit gates {target, -1}; controlled gates (cnot, cz, crx, cry, crz,
// controlled_unitary) {control, target}; swap and unitary_2q {first, second} (the Matrix4
// convention of gate_matrices.hpp). Rot uses angles (φ, θ, ω); other rotations angles[0].
struct Operation {
    GateKind kind;
    std::array<int, 2> qubits{-1, -1};
    std::array<Angle, 3> angles{};
    std::uint8_t angle_count = 0;
    std::uint32_t matrix_index = 0;  // into the circuit's matrix lists (general-matrix gates)
};

class Circuit {
public:
    explicit Circuit(int n_qubits);

    int num_qubits() const { return n_qubits_; }
    // Length θ and x must have: one past the largest index any angle uses.
    std::size_t num_parameters() const { return num_parameters_; }
    std::size_t num_inputs() const { return num_inputs_; }
    std::span<const Operation> operations() const { return operations_; }
    const Matrix2& matrix2(std::uint32_t index) const { return matrices2_[index]; }
    const Matrix4& matrix4(std::uint32_t index) const { return matrices4_[index]; }
    // True when every gate has a real matrix for every angle, so a real state stays real
    // (RY, CRY, X, Z, H, CNOT, CZ, SWAP, real general matrices): the real fast path applies.
    bool is_real() const { return is_real_; }

    Circuit& x(int qubit);
    Circuit& y(int qubit);
    Circuit& z(int qubit);
    Circuit& h(int qubit);
    Circuit& s(int qubit);
    Circuit& t(int qubit);
    Circuit& rx(int qubit, Angle angle);
    Circuit& ry(int qubit, Angle angle);
    Circuit& rz(int qubit, Angle angle);
    Circuit& phase_shift(int qubit, Angle angle);
    Circuit& rot(int qubit, Angle phi, Angle theta, Angle omega);
    // u must be unitary (to 1e-10).
    Circuit& unitary(int qubit, const Matrix2& u);
    Circuit& cnot(int control, int target);
    Circuit& cz(int control, int target);
    Circuit& swap(int first, int second);
    Circuit& crx(int control, int target, Angle angle);
    Circuit& cry(int control, int target, Angle angle);
    Circuit& crz(int control, int target, Angle angle);
    Circuit& controlled_unitary(int control, int target, const Matrix2& u);
    Circuit& unitary_2q(int first, int second, const Matrix4& u);
    // Appends every operation of `other` (same qubit count).
    Circuit& append(const Circuit& other);

private:
    Circuit& add_1q(GateKind kind, int qubit, std::span<const Angle> angles);
    Circuit& add_2q(GateKind kind, int a, int b, std::span<const Angle> angles,
                    const char* first_name, const char* second_name);
    void note_angles(const Operation& op);

    int n_qubits_;
    std::vector<Operation> operations_;
    std::vector<Matrix2> matrices2_;
    std::vector<Matrix4> matrices4_;
    std::size_t num_parameters_ = 0;
    std::size_t num_inputs_ = 0;
    bool is_real_ = true;
};

}  // namespace qmlr::quantum
