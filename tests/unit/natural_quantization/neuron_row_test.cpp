// The vectorised neuron row against the scalar neuron step (neuron_row.hpp).
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "core/rng.hpp"
#include "core/simd_level.hpp"
#include "experiments/natural_quantization/neuron_row.hpp"

namespace nq = qmlr::natural_quantization;
using std::numbers::pi;

namespace {

// A row of n neurons in varied registers: collapsed states (0 with m = +1, ±π with m = −1)
// or weakly measured ones (φ ∈ [−π, π], any m), pre-activations in [−3, 3] with some zeros.
struct Row {
    std::vector<nq::NeuronState> states;
    std::vector<float> h;
};

Row random_row(std::size_t n, qmlr::Rng& rng) {
    Row row{std::vector<nq::NeuronState>(n), std::vector<float>(n)};
    for (std::size_t i = 0; i < n; ++i) {
        const double kind = rng.uniform();
        if (kind < 0.3) row.states[i] = {0.0, +1};
        else if (kind < 0.6) row.states[i] = {rng.uniform() < 0.5 ? pi : -pi, -1};
        else row.states[i] = {(2 * rng.uniform() - 1) * pi, rng.uniform() < 0.5 ? +1 : -1};
        row.h[i] = rng.uniform() < 0.05 ? 0.0f : static_cast<float>(6 * rng.uniform() - 3);
    }
    return row;
}

// The scalar P(+1) after the rotation of a neuron (libm).
double scalar_plus(const nq::NeuronState& state, float h, const nq::NeuronSettings& settings) {
    const double phi = state.phi + pi / 2 * (state.m - nq::squash(h, settings.a, settings.squash));
    return nq::plus_probability(phi, settings.g);
}

// Model 1 in both squashes at several a, and weak measurements in both update forms.
std::vector<nq::NeuronSettings> settings_grid() {
    std::vector<nq::NeuronSettings> grid;
    for (const nq::Squash squash : {nq::Squash::tanh, nq::Squash::hard_tanh})
        for (const double a : {1e-6, 0.05, 0.5, 3.0}) grid.push_back({.a = a, .squash = squash});
    for (const nq::KrausUpdate update : {nq::KrausUpdate::arcsin, nq::KrausUpdate::exact})
        for (const double a : {0.0, 0.3})
            for (const double g : {0.0, pi / 10, pi / 4, 0.49 * pi})
                grid.push_back({.a = a, .g = g, .update = update});
    return grid;
}

}  // namespace

TEST_CASE("neuron row: AVX2 probabilities within 1e-14 and angles within 1e-13 of libm's") {
    if constexpr (qmlr::kAvx2KernelsBuilt) {  // else this build has no AVX2 kernels
        if (!qmlr::cpu_has_avx2_fma()) return;  // nothing to compare on this CPU
        qmlr::Rng rng(3, "neuron-row-accuracy");
        constexpr double kMargin = 1e-14;
        const std::size_t n = 37;  // nine groups of four and a tail of one
        for (const nq::NeuronSettings& settings : settings_grid())
            for (int trial = 0; trial < 100; ++trial) {
                const Row row = random_row(n, rng);
                // Draws just below and just above P: the outcome tells on which side the kernel's P
                // lies, so agreement bounds its error by kMargin.
                for (const double side : {-1.0, 1.0}) {
                    std::vector<double> u(n);
                    for (std::size_t i = 0; i < n; ++i) u[i] = scalar_plus(row.states[i], row.h[i], settings) + side * kMargin;
                    std::vector<nq::NeuronState> fast = row.states, reference = row.states;
                    std::vector<float> s_fast(n), s_reference(n);
                    nq::neuron_row_avx2(fast.data(), row.h.data(), u.data(), n, settings, s_fast.data());
                    nq::neuron_row_scalar(reference.data(), row.h.data(), u.data(), n, settings, s_reference.data());
                    for (std::size_t i = 0; i < n; ++i) {
                        REQUIRE(s_fast[i] == s_reference[i]);
                        REQUIRE(fast[i].m == reference[i].m);
                        // Modulo 2π: ±π are one state, and which one a sine of ~1e-16 picks is rounding.
                        CHECK(std::fabs(std::remainder(fast[i].phi - reference[i].phi, 2 * pi)) <= 1e-13);
                    }
                }
            }
    }
}

TEST_CASE("neuron row at a = 0, g = pi/2: both kernels give sgn h with certainty") {
    qmlr::Rng rng(4, "neuron-row-classical");
    const std::size_t n = 41;
    std::vector<nq::NeuronRowKernel> kernels = {nq::neuron_row_scalar};
    if constexpr (qmlr::kAvx2KernelsBuilt)
        if (qmlr::cpu_has_avx2_fma()) kernels.push_back(nq::neuron_row_avx2);
    for (int trial = 0; trial < 200; ++trial) {
        Row row = random_row(n, rng);
        for (std::size_t i = 0; i < n; ++i) {
            // Collapsed registers only (the classical network's), and h ≠ 0.
            if (row.states[i].m > 0) row.states[i].phi = 0.0;
            else row.states[i].phi = row.states[i].phi < 0 ? -pi : pi;
            if (row.h[i] == 0.0f) row.h[i] = 0.5f;
        }
        // Draws at the ends of [0, 1): P ∈ {0, 1} decides them all the same way.
        std::vector<double> u(n);
        for (std::size_t i = 0; i < n; ++i) u[i] = i % 2 == 0 ? 0.0 : 1.0 - 0x1p-53;
        for (const nq::NeuronRowKernel kernel : kernels) {
            std::vector<nq::NeuronState> states = row.states;
            std::vector<float> s(n);
            kernel(states.data(), row.h.data(), u.data(), n, nq::NeuronSettings{}, s.data());
            for (std::size_t i = 0; i < n; ++i) {
                REQUIRE(s[i] == (row.h[i] > 0 ? 1.0f : -1.0f));
                REQUIRE(std::fabs(states[i].phi) == (s[i] > 0 ? 0.0 : pi));
                REQUIRE(states[i].m == static_cast<int>(s[i]));
            }
        }
    }
}
