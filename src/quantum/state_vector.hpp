#pragma once
// The state of n qubits: 2^n complex amplitudes, 64-byte aligned. Qubit q is bit q of the basis
// index (qubit 0 = least significant bit).
#include <complex>
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/aligned_buffer.hpp"
#include "quantum/gate_matrices.hpp"

namespace qmlr::quantum {

inline constexpr int kMaxQubits = 30;

// PennyLane numbers the wires of an n-wire circuit the other way round (wire 0 = most
// significant). This is the one place that converts: wire w is our qubit n − 1 − w (the map is
// its own inverse).
int pennylane_wire_to_qubit(int wire, int n_qubits);

// Errors unless 1 <= n <= kMaxQubits.
void check_qubit_count(int n_qubits);
// Errors unless 0 <= qubit < n_qubits; `what` names the argument in the message.
void check_qubit(int qubit, int n_qubits, const char* what);

class StateVector {
public:
    // |0…0⟩ on n qubits. Allocation failure is an Error naming the size.
    explicit StateVector(int n_qubits);

    int num_qubits() const { return n_qubits_; }
    std::size_t size() const { return amplitudes_.size(); }
    Complex* data() { return amplitudes_.data(); }
    const Complex* data() const { return amplitudes_.data(); }
    std::span<Complex> amplitudes() { return {amplitudes_.data(), amplitudes_.size()}; }
    std::span<const Complex> amplitudes() const { return {amplitudes_.data(), amplitudes_.size()}; }

    void set_zero_state();
    // |index⟩; index < 2^n.
    void set_basis_state(std::uint64_t index);
    // Amplitude encoding: `amplitudes` must have 2^n entries and unit norm (to 1e-10; the
    // stored vector is renormalised exactly).
    void set_amplitudes(std::span<const Complex> amplitudes);
    void set_amplitudes(std::span<const double> amplitudes);

    double norm_squared() const;

private:
    int n_qubits_;
    AlignedBuffer<Complex> amplitudes_;
};

}  // namespace qmlr::quantum
