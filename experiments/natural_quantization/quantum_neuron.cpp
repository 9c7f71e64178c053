#include "experiments/natural_quantization/quantum_neuron.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "core/error.hpp"

namespace qmlr::natural_quantization {

double squash(double h, double a, Squash kind) {
    if (!(a >= 0.0)) throw Error("the quantumness a must be >= 0, got " + std::to_string(a));
    if (a == 0.0) return h > 0.0 ? 1.0 : (h < 0.0 ? -1.0 : 0.0);
    return kind == Squash::tanh ? std::tanh(h / a) : std::clamp(h / a, -1.0, 1.0);
}

double plus_probability(double phi, double g) {
    return std::clamp((1.0 + std::sin(g) * std::cos(phi)) / 2.0, 0.0, 1.0);
}

double post_measurement_angle(double phi, double g, int m, KrausUpdate form) {
    // Kraus update of the amplitudes (c, s) = (cos φ/2, sin φ/2): M₊ scales them by
    // (√((1+sin g)/2), √((1−sin g)/2)), M₋ by the same two factors swapped. The common 1/√2
    // cancels in atan2, which also needs no renormalisation.
    const double sin_g = std::sin(g);
    const double s = std::sin(phi / 2.0) * std::sqrt(1.0 - m * sin_g);
    const double c = std::cos(phi / 2.0) * std::sqrt(1.0 + m * sin_g);
    if (form == KrausUpdate::exact) return 2.0 * std::atan2(s, c);
    // The authors' 2·asin(sin(φ/2)·√((1 − m sin g)/(1 + m sin g cos φ))) is 2·asin(s/√(s²+c²)),
    // which equals 2·atan2(s, |c|): the same numbers without asin's loss of half the digits
    // near ±1 (at g = π/2 it returns π exactly, not π − 6e-8). The |c| is the authors' implicit
    // assumption cos(φ/2) ≥ 0, harmless for φ ∈ [−π, π] (docs/natural_quantization.md §4.5).
    return 2.0 * std::atan2(s, std::abs(c));
}

int neuron_step(NeuronState& state, double h, const NeuronSettings& settings, double u) {
    state.phi += std::numbers::pi / 2.0 * (state.m - squash(h, settings.a, settings.squash));
    int outcome;
    if (settings.g == std::numbers::pi / 2) {
        // Projective: the general formulas at sin g = 1 exactly, without their sin g, √ and atan2
        // (the hot path of Model 1). P(+1) = (1 + cos φ)/2 needs no clamp; the collapsed angle
        // is 2·atan2(±0, |c|) = ±0 for +1 and 2·atan2(s, +0) = ±π with the sign of sin(φ/2)
        // for −1. That is the sign of φ for φ ∈ [−2π, 2π], the range the arcsin form keeps
        // (measured angles in [−π, π] plus a rotation of at most π); beyond it (exact Kraus
        // form) the two results are the same state up to the global sign of |1⟩.
        outcome = u < (1.0 + std::cos(state.phi)) / 2.0 ? +1 : -1;
        state.phi = outcome > 0 ? 0.0 : std::copysign(std::numbers::pi, state.phi);
    } else {
        outcome = u < plus_probability(state.phi, settings.g) ? +1 : -1;
        state.phi = post_measurement_angle(state.phi, settings.g, outcome, settings.update);
    }
    state.m = outcome;
    return outcome;
}

}  // namespace qmlr::natural_quantization
