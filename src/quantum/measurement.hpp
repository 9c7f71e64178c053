#pragma once
// Measurement of a StateVector: Born probabilities (all or marginal), expectation values of
// Z and of Pauli strings, shot sampling, projective measurement with collapse, reset, and a
// general two-outcome Kraus (weak) measurement.
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/rng.hpp"
#include "quantum/state_vector.hpp"

namespace qmlr::quantum {

// |ψ_k|² for every basis state k.
std::vector<double> probabilities(const StateVector& state);
// Marginal probabilities of `qubits`: entry m has bit j = the value of qubits[j].
std::vector<double> marginal_probabilities(const StateVector& state, std::span<const int> qubits);
// ⟨Z_q⟩ = P(q = 0) − P(q = 1).
double expval_z(const StateVector& state, int qubit);

// A tensor product of Paulis, e.g. parse_pauli_string("X0 Z3 Y5") (letter, then qubit; I is
// allowed and ignored; each qubit at most once).
struct PauliString {
    std::uint64_t x_mask = 0;  // qubits with X or Y
    std::uint64_t z_mask = 0;  // qubits with Z or Y
};
PauliString parse_pauli_string(std::string_view text, int n_qubits);
// ⟨ψ|P|ψ⟩ (real: P is Hermitian).
double expval_pauli(const StateVector& state, const PauliString& pauli);

// Histogram of `shots` computational-basis measurements (one count per basis state), drawn
// from `rng` (qmlr::multinomial): the same stream gives the same histogram.
std::vector<std::uint64_t> sample_counts(const StateVector& state, std::uint64_t shots, Rng& rng);

// Probability that measuring `qubit` gives 1.
double probability_of_one(const StateVector& state, int qubit);
// Projects `qubit` onto |outcome⟩ and renormalises; the outcome must have probability > 0.
// Returns the probability it had.
double collapse(StateVector& state, int qubit, int outcome);
// Projective measurement of one qubit: draws the outcome (0 or 1) from `rng`, collapses and
// renormalises. Returns the outcome.
int measure(StateVector& state, int qubit, Rng& rng);
// Measures `qubit` and flips it to |0⟩ if the outcome was 1.
void reset(StateVector& state, int qubit, Rng& rng);

// Weak (generalised) measurement of one qubit with Kraus operators {k0, k1}
// (k0†k0 + k1†k1 = I within 1e-10): draws outcome m with P(m) = ‖k_m ψ‖², applies k_m and
// renormalises. Returns m.
int apply_kraus_pair(StateVector& state, int qubit, const Matrix2& k0, const Matrix2& k1,
                     Rng& rng);

}  // namespace qmlr::quantum
