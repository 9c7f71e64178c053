#include "quantum/measurement.hpp"

#include <algorithm>
#include <bit>
#include <cctype>
#include <cmath>
#include <string>

#include "core/error.hpp"
#include "quantum/kernel_dispatch.hpp"
#include "quantum/outputs.hpp"

namespace qmlr::quantum {
namespace {

constexpr double kCompletenessTolerance = 1e-10;

std::vector<double> evaluate(const StateVector& state, const Outputs& outputs) {
    outputs.check(state.num_qubits());
    std::vector<double> out(outputs.size(state.num_qubits()));
    compute_outputs(outputs, state.data(), state.num_qubits(), out.data());
    return out;
}

// ⟨ψ| M_qubit |ψ⟩ for a Hermitian M: real.
double expectation_1q(const StateVector& state, int qubit, const Matrix2& m) {
    return matrix_element_1q(state.data(), state.data(), state.num_qubits(), -1, qubit, m).real();
}

Matrix2 sum(const Matrix2& a, const Matrix2& b) {
    Matrix2 out;
    for (int j = 0; j < 4; ++j) out.m[j] = a.m[j] + b.m[j];
    return out;
}

}  // namespace

std::vector<double> probabilities(const StateVector& state) {
    return evaluate(state, Outputs::probabilities());
}

std::vector<double> marginal_probabilities(const StateVector& state, std::span<const int> qubits) {
    return evaluate(state, Outputs::marginal_probabilities({qubits.begin(), qubits.end()}));
}

double expval_z(const StateVector& state, int qubit) {
    return evaluate(state, Outputs::expval_z({qubit}))[0];
}

PauliString parse_pauli_string(std::string_view text, int n_qubits) {
    PauliString pauli;
    std::uint64_t seen = 0;
    std::size_t i = 0;
    const auto fail = [&](const std::string& what) {
        throw Error("Pauli string '" + std::string(text) + "': " + what +
                    "; expected terms like 'X0 Z3 Y5' (letter I/X/Y/Z, then a qubit index)");
    };
    while (i < text.size()) {
        if (text[i] == ' ') { ++i; continue; }
        const char letter = static_cast<char>(std::toupper(static_cast<unsigned char>(text[i++])));
        if (letter != 'I' && letter != 'X' && letter != 'Y' && letter != 'Z')
            fail(std::string("unknown Pauli letter '") + letter + "'");
        if (i >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i])))
            fail(std::string("missing qubit index after '") + letter + "'");
        int qubit = 0;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) && qubit < 1000)
            qubit = 10 * qubit + (text[i++] - '0');
        if (qubit >= n_qubits)
            fail("qubit " + std::to_string(qubit) + " is out of range for " +
                 std::to_string(n_qubits) + " qubits");
        const std::uint64_t bit = std::uint64_t{1} << qubit;
        if (seen & bit) fail("qubit " + std::to_string(qubit) + " appears twice");
        seen |= bit;
        if (letter == 'X' || letter == 'Y') pauli.x_mask |= bit;
        if (letter == 'Z' || letter == 'Y') pauli.z_mask |= bit;
    }
    return pauli;
}

// P = i^{#Y} X^x Z^z, so P|k⟩ = i^{#Y} (−1)^{|k ∧ z|} |k ⊕ x⟩ and
// ⟨ψ|P|ψ⟩ = i^{#Y} Σ_k (−1)^{|k ∧ z|} conj(ψ_{k⊕x}) ψ_k.
double expval_pauli(const StateVector& state, const PauliString& pauli) {
    const std::uint64_t limit = state.size();
    require((pauli.x_mask | pauli.z_mask) < limit,
            "Pauli string acts on qubits beyond the " + std::to_string(state.num_qubits()) +
                "-qubit state");
    const Complex* a = state.data();
    Complex total = 0.0;
    for (std::uint64_t k = 0; k < limit; ++k) {
        const Complex term = std::conj(a[k ^ pauli.x_mask]) * a[k];
        total += (std::popcount(k & pauli.z_mask) & 1) ? -term : term;
    }
    static constexpr Complex kPowersOfI[4] = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
    return (kPowersOfI[std::popcount(pauli.x_mask & pauli.z_mask) % 4] * total).real();
}

std::vector<std::uint64_t> sample_counts(const StateVector& state, std::uint64_t shots, Rng& rng) {
    const std::vector<double> p = probabilities(state);
    return multinomial(p, shots, rng);
}

double probability_of_one(const StateVector& state, int qubit) {
    check_qubit(qubit, state.num_qubits(), "measured");
    return expectation_1q(state, qubit, Matrix2{{0.0, 0.0, 0.0, 1.0}});
}

double collapse(StateVector& state, int qubit, int outcome) {
    check_qubit(qubit, state.num_qubits(), "measured");
    require(outcome == 0 || outcome == 1,
            "measurement outcome must be 0 or 1, got " + std::to_string(outcome));
    const double p1 = probability_of_one(state, qubit);
    const double p = outcome == 1 ? p1 : 1.0 - p1;
    require(p > 0.0, "cannot collapse qubit " + std::to_string(qubit) + " onto |" +
                         std::to_string(outcome) + "> : that outcome has probability 0");
    const double scale = 1.0 / std::sqrt(p);
    apply_diagonal_1q(state.data(), state.num_qubits(), qubit, outcome == 0 ? scale : 0.0,
                      outcome == 1 ? scale : 0.0);
    return p;
}

int measure(StateVector& state, int qubit, Rng& rng) {
    const double p1 = probability_of_one(state, qubit);
    const int outcome = rng.bernoulli(std::min(1.0, std::max(0.0, p1))) ? 1 : 0;
    collapse(state, qubit, outcome);
    return outcome;
}

void reset(StateVector& state, int qubit, Rng& rng) {
    if (measure(state, qubit, rng) == 1)
        apply_matrix_1q(state.data(), state.num_qubits(), qubit, pauli_x());
}

int apply_kraus_pair(StateVector& state, int qubit, const Matrix2& k0, const Matrix2& k1,
                     Rng& rng) {
    check_qubit(qubit, state.num_qubits(), "measured");
    const Matrix2 e0 = multiply(adjoint(k0), k0), e1 = multiply(adjoint(k1), k1);
    const Matrix2 completeness = sum(e0, e1);
    double worst = 0.0;
    for (int j = 0; j < 4; ++j)
        worst = std::max(worst, std::abs(completeness.m[j] - identity2().m[j]));
    require(worst <= kCompletenessTolerance,
            "Kraus pair must satisfy K0^dagger K0 + K1^dagger K1 = I (within 1e-10), found a "
            "deviation of " + std::to_string(worst) + "; rescale the operators");
    const double p0 = expectation_1q(state, qubit, e0), p1 = expectation_1q(state, qubit, e1);
    const int outcome = rng.bernoulli(std::min(1.0, std::max(0.0, p1 / (p0 + p1)))) ? 1 : 0;
    const double p = outcome == 1 ? p1 : p0;
    Matrix2 k = outcome == 1 ? k1 : k0;
    for (auto& entry : k.m) entry /= std::sqrt(p);
    apply_matrix_1q(state.data(), state.num_qubits(), qubit, k);
    return outcome;
}

}  // namespace qmlr::quantum
