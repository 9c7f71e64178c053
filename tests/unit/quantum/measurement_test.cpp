#include <doctest/doctest.h>

#include <cmath>
#include <numbers>

#include "core/error.hpp"
#include "quantum/measurement.hpp"
#include "quantum/quantum_test_support.hpp"

using namespace qmlr::quantum;
using namespace qmlr::quantum::test;

namespace {

const double kPi = std::numbers::pi;

// ⟨ψ|O|ψ⟩ with the dense operator.
double dense_expectation(const DenseOperator& op, const std::vector<Complex>& psi) {
    const auto o_psi = apply_dense(op, psi);
    Complex s = 0.0;
    for (std::size_t i = 0; i < psi.size(); ++i) s += std::conj(psi[i]) * o_psi[i];
    return s.real();
}

}  // namespace

TEST_CASE("state initialisation: zero, basis, amplitude encoding and its errors") {
    StateVector s(3);
    CHECK(s.amplitudes()[0] == Complex(1.0));
    CHECK(s.norm_squared() == 1.0);
    s.set_basis_state(5);
    CHECK(s.amplitudes()[5] == Complex(1.0));
    CHECK(s.amplitudes()[0] == Complex(0.0));
    CHECK_THROWS_AS(s.set_basis_state(8), qmlr::Error);
    const std::vector<double> v{0.5, 0.5, 0.5, 0.5, 0, 0, 0, 0};
    s.set_amplitudes(v);
    CHECK(probabilities(s)[2] == doctest::Approx(0.25));
    CHECK_THROWS_AS(s.set_amplitudes(std::vector<double>{1, 1, 0, 0, 0, 0, 0, 0}), qmlr::Error);
    CHECK_THROWS_AS(s.set_amplitudes(std::vector<double>{1, 0, 0, 0}), qmlr::Error);
    CHECK_THROWS_AS(StateVector(0), qmlr::Error);
    CHECK_THROWS_AS(StateVector(31), qmlr::Error);
    StateVector s2(2);
    s2.set_zero_state();
    CHECK(s2.amplitudes()[0] == Complex(1.0));
}

TEST_CASE("probabilities, marginals, <Z> and Pauli strings match the dense reference") {
    qmlr::Rng rng(21, "measure");
    const int n = 4;
    const auto psi = random_state(n, rng);
    const StateVector s = to_state(psi);
    const auto p = probabilities(s);
    for (std::size_t k = 0; k < p.size(); ++k) CHECK(p[k] == doctest::Approx(std::norm(psi[k])).epsilon(1e-14));
    // Marginal over (qubit 2, qubit 0): entry m has bit 0 = qubit 2, bit 1 = qubit 0.
    const int qubits[] = {2, 0};
    const auto m = marginal_probabilities(s, qubits);
    REQUIRE(m.size() == 4);
    for (int mm = 0; mm < 4; ++mm) {
        double expected = 0.0;
        for (std::size_t k = 0; k < p.size(); ++k)
            if ((((k >> 2) & 1) | (((k >> 0) & 1) << 1)) == static_cast<std::size_t>(mm)) expected += p[k];
        CHECK(m[mm] == doctest::Approx(expected).epsilon(1e-14));
    }
    for (int q = 0; q < n; ++q)
        CHECK(expval_z(s, q) == doctest::Approx(dense_expectation(dense_1q(n, q, pauli_z()), psi)).epsilon(1e-13));
    const DenseOperator xzy = kron_operator(n, {{0, pauli_x()}, {2, pauli_z()}, {3, pauli_y()}});
    CHECK(expval_pauli(s, parse_pauli_string("X0 Z2 Y3", n)) ==
          doctest::Approx(dense_expectation(xzy, psi)).epsilon(1e-13));
    const DenseOperator yy = kron_operator(n, {{1, pauli_y()}, {2, pauli_y()}});
    CHECK(expval_pauli(s, parse_pauli_string("y1 I0 Y2", n)) ==
          doctest::Approx(dense_expectation(yy, psi)).epsilon(1e-13));
    CHECK_THROWS_AS(parse_pauli_string("X4", n), qmlr::Error);
    CHECK_THROWS_AS(parse_pauli_string("X1 Z1", n), qmlr::Error);
    CHECK_THROWS_AS(parse_pauli_string("Q1", n), qmlr::Error);
    CHECK_THROWS_AS(parse_pauli_string("X", n), qmlr::Error);
    CHECK_THROWS_AS(expval_z(s, 4), qmlr::Error);
    CHECK_THROWS_AS(marginal_probabilities(s, std::vector<int>{1, 1}), qmlr::Error);
}

TEST_CASE("a histogram of 10^6 shots is within 4 sigma and reproducible from its seed") {
    qmlr::Rng state_rng(22, "sample-state");
    const StateVector s = to_state(random_state(3, state_rng));
    const auto p = probabilities(s);
    const std::uint64_t shots = 1'000'000;
    qmlr::Rng rng(7, "shots");
    const auto counts = sample_counts(s, shots, rng);
    std::uint64_t total = 0;
    for (std::size_t k = 0; k < p.size(); ++k) {
        const double sigma = std::sqrt(shots * p[k] * (1 - p[k]));
        CHECK(std::abs(static_cast<double>(counts[k]) - shots * p[k]) <= 4 * sigma);
        total += counts[k];
    }
    CHECK(total == shots);
    qmlr::Rng again(7, "shots");
    CHECK(sample_counts(s, shots, again) == counts);
    qmlr::Rng other(8, "shots");
    CHECK(sample_counts(s, shots, other) != counts);
}

TEST_CASE("projective measurement collapses and renormalises (hand-computed)") {
    // (|00> + |01> + |10> + |11>)/2 after RY on qubit 0 of angle pi/3: qubit 0 is
    // cos(pi/6)|0> + sin(pi/6)|1>, qubit 1 is |+>.
    StateVector s(2);
    const double c = std::cos(kPi / 6), sn = std::sin(kPi / 6), h = 1 / std::sqrt(2.0);
    s.set_amplitudes(std::vector<Complex>{c * h, sn * h, c * h, sn * h});
    CHECK(probability_of_one(s, 0) == doctest::Approx(0.25));
    CHECK(collapse(s, 0, 1) == doctest::Approx(0.25));
    CHECK(std::abs(s.amplitudes()[1] - Complex(h)) < 1e-15);
    CHECK(std::abs(s.amplitudes()[3] - Complex(h)) < 1e-15);
    CHECK(s.amplitudes()[0] == Complex(0.0));
    CHECK_THROWS_AS(collapse(s, 0, 0), qmlr::Error);  // probability 0 now
    CHECK_THROWS_AS(collapse(s, 2, 0), qmlr::Error);
    CHECK_THROWS_AS(collapse(s, 0, 2), qmlr::Error);

    // Outcome frequencies of measure() follow P(1) = sin^2(pi/6) = 1/4.
    qmlr::Rng rng(3, "measure-freq");
    int ones = 0;
    const int trials = 20000;
    for (int i = 0; i < trials; ++i) {
        StateVector t(1);
        t.set_amplitudes(std::vector<double>{c, sn});
        const int outcome = measure(t, 0, rng);
        ones += outcome;
        CHECK(std::norm(t.amplitudes()[outcome]) == doctest::Approx(1.0));
    }
    CHECK(std::abs(ones - trials * 0.25) < 4 * std::sqrt(trials * 0.25 * 0.75));

    StateVector r(2);
    r.set_basis_state(3);
    qmlr::Rng rr(4, "reset");
    reset(r, 1, rr);
    CHECK(std::abs(r.amplitudes()[1] - Complex(1.0)) < 1e-15);
}

TEST_CASE("Kraus pair: natural-quantization weak measurement, hand-computed table") {
    // phi = pi/3, g = pi/4: P(m=+1) = (1 + sin g cos phi)/2 = 0.676777; the post-measurement
    // angle is 0.469475 (m = +1) or 1.896924 (m = -1) (docs/natural_quantization.md §9.1).
    const double phi = kPi / 3, g = kPi / 4;
    const double a = std::sqrt((1 + std::sin(g)) / 2), b = std::sqrt((1 - std::sin(g)) / 2);
    const Matrix2 plus{{a, 0, 0, b}}, minus{{b, 0, 0, a}};
    int seen_plus = 0, seen_minus = 0;
    for (std::uint64_t i = 0; i < 64; ++i) {
        StateVector s(1);
        s.set_amplitudes(std::vector<double>{std::cos(phi / 2), std::sin(phi / 2)});
        qmlr::Rng rng(5, "kraus", i);
        const int m = apply_kraus_pair(s, 0, plus, minus, rng);
        const double after = 2 * std::atan2(s.amplitudes()[1].real(), s.amplitudes()[0].real());
        CHECK(s.norm_squared() == doctest::Approx(1.0).epsilon(1e-14));
        if (m == 0) { ++seen_plus; CHECK(after == doctest::Approx(0.469475).epsilon(1e-6)); }
        else { ++seen_minus; CHECK(after == doctest::Approx(1.896924).epsilon(1e-6)); }
    }
    CHECK(seen_plus > 0);
    CHECK(seen_minus > 0);
    // Outcome probability over many draws, on the neuron of a 2-qubit (neuron + ancilla) state.
    int plus_count = 0;
    const int trials = 20000;
    qmlr::Rng rng(6, "kraus-freq");
    for (int i = 0; i < trials; ++i) {
        StateVector s(2);
        s.set_amplitudes(std::vector<double>{std::cos(phi / 2), 0, std::sin(phi / 2), 0});
        plus_count += apply_kraus_pair(s, 1, plus, minus, rng) == 0;
    }
    CHECK(std::abs(plus_count - trials * 0.676777) < 4 * std::sqrt(trials * 0.68 * 0.32));
    StateVector s(1);
    CHECK_THROWS_AS(apply_kraus_pair(s, 0, plus, plus, rng), qmlr::Error);
    CHECK_THROWS_AS(apply_kraus_pair(s, 1, plus, minus, rng), qmlr::Error);
}
