#pragma once
// One neuron of the natural-quantization network (arXiv 2503.15482;
// docs/natural_quantization.md §3–4): a qubit at real angle φ, i.e. the state
// cos(φ/2)|0⟩ + sin(φ/2)|1⟩ = RY(φ)|0⟩, with outcome |0⟩ ↦ s = +1 and |1⟩ ↦ s = −1.
//
// Per forward pass the neuron is rotated by (π/2)(m − f_a(h)), where m is its previous outcome
// and f_a squashes the pre-activation h, then measured with strength g through an ancilla:
// g = π/2 is a projective measurement (Model 1), g < π/2 a weak one (Model 2) that leaves the
// neuron at a post-measurement angle carried into the next layer. a = 0 with g = π/2 is exactly
// the classical sign network.
//
// All quantities are double: they are this model's state vector.

namespace qmlr::natural_quantization {

enum class Squash {
    tanh,       // f_a(h) = tanh(h / a)  (the authors' paper code)
    hard_tanh,  // f_a(h) = clip(h / a, −1, 1)  (the authors' hardware code)
};

enum class KrausUpdate {
    arcsin,  // the authors' φ' = 2·asin(sin(φ/2)·√((1 − m sin g)/(1 + m sin g cos φ)))
    exact,   // apply M_m to the amplitudes (cos φ/2, sin φ/2), renormalise, φ' = 2·atan2(s', c')
};

// f_a(h): sgn(h) with sgn(0) = 0 when a = 0, else tanh(h/a) or clip(h/a, −1, 1). a must be ≥ 0.
double squash(double h, double a, Squash kind);

// P(m = +1) = (1 + sin g · cos φ) / 2, clamped to [0, 1].
double plus_probability(double phi, double g);

// The neuron angle after outcome m ∈ {+1, −1} of a measurement of strength g at angle φ.
// The two forms agree for φ ∈ [−π, π] (docs/natural_quantization.md §4.5).
double post_measurement_angle(double phi, double g, int m, KrausUpdate form);

// The per-neuron register carried through the hidden layers of one forward pass.
struct NeuronState {
    double phi = 0.0;  // current angle
    int m = +1;        // last outcome
};

struct NeuronSettings {
    double a = 0.0;               // quantumness of the squash
    double g = 1.5707963267948966;  // measurement strength (π/2: projective)
    Squash squash = Squash::tanh;
    KrausUpdate update = KrausUpdate::arcsin;
};

// One layer step of one neuron: rotate, measure with the uniform draw u ∈ [0, 1) (outcome +1
// when u < P(+1)), update the register. Returns the outcome s ∈ {+1, −1}.
int neuron_step(NeuronState& state, double h, const NeuronSettings& settings, double u);

}  // namespace qmlr::natural_quantization
