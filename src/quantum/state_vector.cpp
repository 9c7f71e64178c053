#include "quantum/state_vector.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.hpp"

namespace qmlr::quantum {
namespace {

constexpr double kNormTolerance = 1e-10;

template <class Value>
void copy_normalised(std::span<const Value> in, Complex* out, int n_qubits) {
    const std::size_t expected = std::size_t{1} << n_qubits;
    require(in.size() == expected,
            "amplitude encoding of " + std::to_string(n_qubits) + " qubits needs " +
                std::to_string(expected) + " amplitudes, got " + std::to_string(in.size()) +
                "; pad or truncate the input to 2^n values");
    double norm2 = 0.0;
    for (const Value& v : in) norm2 += std::norm(Complex(v));
    require(std::isfinite(norm2) && std::abs(norm2 - 1.0) <= kNormTolerance,
            "amplitude encoding needs a normalised vector (sum of |a|^2 = 1 within 1e-10), got " +
                std::to_string(norm2) + "; divide the input by its Euclidean norm first");
    const double scale = 1.0 / std::sqrt(norm2);
    for (std::size_t i = 0; i < expected; ++i) out[i] = Complex(in[i]) * scale;
}

}  // namespace

int pennylane_wire_to_qubit(int wire, int n_qubits) {
    check_qubit_count(n_qubits);
    require(wire >= 0 && wire < n_qubits,
            "PennyLane wire must be in 0.." + std::to_string(n_qubits - 1) + ", got " +
                std::to_string(wire));
    return n_qubits - 1 - wire;
}

void check_qubit_count(int n_qubits) {
    require(n_qubits >= 1 && n_qubits <= kMaxQubits,
            "number of qubits must be in 1.." + std::to_string(kMaxQubits) + ", got " +
                std::to_string(n_qubits));
}

void check_qubit(int qubit, int n_qubits, const char* what) {
    require(qubit >= 0 && qubit < n_qubits,
            std::string(what) + " qubit must be in 0.." + std::to_string(n_qubits - 1) +
                " for a " + std::to_string(n_qubits) + "-qubit state, got " +
                std::to_string(qubit));
}

StateVector::StateVector(int n_qubits)
    : n_qubits_((check_qubit_count(n_qubits), n_qubits)),
      amplitudes_(std::size_t{1} << n_qubits) {
    amplitudes_[0] = 1.0;
}

void StateVector::set_zero_state() { set_basis_state(0); }

void StateVector::set_basis_state(std::uint64_t index) {
    require(index < size(), "basis state index must be below 2^" + std::to_string(n_qubits_) +
                                " = " + std::to_string(size()) + ", got " +
                                std::to_string(index));
    std::fill(amplitudes_.begin(), amplitudes_.end(), Complex{});
    amplitudes_[index] = 1.0;
}

void StateVector::set_amplitudes(std::span<const Complex> amplitudes) {
    copy_normalised(amplitudes, data(), n_qubits_);
}

void StateVector::set_amplitudes(std::span<const double> amplitudes) {
    copy_normalised(amplitudes, data(), n_qubits_);
}

double StateVector::norm_squared() const {
    double sum = 0.0;
    for (const Complex& a : amplitudes_) sum += std::norm(a);
    return sum;
}

}  // namespace qmlr::quantum
