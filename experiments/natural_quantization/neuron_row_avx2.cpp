// The AVX2+FMA neuron row (neuron_row.hpp). This file is compiled with -mavx2 -mfma
// and uses intrinsics only, so no inline function compiled here can leak into portable code.
#include <immintrin.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

#include "experiments/natural_quantization/neuron_row.hpp"

namespace qmlr::natural_quantization {

namespace {

// 1/d! for d = 0..17 (d! is exact in double up to 18!, so each entry is correctly rounded).
constexpr std::array<double, 18> inverse_factorials() {
    std::array<double, 18> out{};
    double factorial = 1.0;
    for (int d = 0; d < 18; ++d) {
        if (d > 0) factorial *= d;
        out[d] = 1.0 / factorial;
    }
    return out;
}
constexpr std::array<double, 18> kInvFact = inverse_factorials();

__m256d set(double x) { return _mm256_set1_pd(x); }

// e^z for z ∈ [−40, 0]: z = k·ln 2 + r with |r| ≤ ln2/2 (the two-part ln 2 and the fused
// multiply-adds make r exact to ~1e-32), e^r by its Taylor series to r^13 (the first dropped
// term is below 5e-18 of the result), times 2^k built in the exponent bits (k ≥ −58: normal).
__m256d exp_nonpositive(__m256d z) {
    constexpr double ln2_hi = 0.6931471805599453, ln2_lo = 2.3190468138462996e-17;
    const __m256d k = _mm256_round_pd(_mm256_mul_pd(z, set(std::numbers::log2e)),
                                      _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    const __m256d r = _mm256_fnmadd_pd(k, set(ln2_lo), _mm256_fnmadd_pd(k, set(ln2_hi), z));
    __m256d p = set(kInvFact[13]);
    for (int d = 12; d >= 0; --d) p = _mm256_fmadd_pd(p, r, set(kInvFact[d]));
    const __m256i exponent = _mm256_add_epi64(_mm256_cvtepi32_epi64(_mm256_cvtpd_epi32(k)), _mm256_set1_epi64x(1023));
    return _mm256_mul_pd(p, _mm256_castsi256_pd(_mm256_slli_epi64(exponent, 52)));
}

// tanh x = sgn x · (1 − e)/(1 + e) with e = exp(−2|x|); |x| is capped at 20, where tanh
// already rounds to 1. Absolute error below 3e-16; the relative error of tiny |x| is larger,
// which does not matter here: f enters the angle φ additively.
__m256d tanh4(__m256d x) {
    const __m256d sign = _mm256_and_pd(x, set(-0.0));
    const __m256d y = _mm256_min_pd(_mm256_andnot_pd(set(-0.0), x), set(20.0));
    const __m256d e = exp_nonpositive(_mm256_mul_pd(y, set(-2.0)));
    const __m256d t = _mm256_div_pd(_mm256_sub_pd(set(1.0), e), _mm256_add_pd(set(1.0), e));
    return _mm256_or_pd(t, sign);
}

// f_a(h): sgn h (sgn 0 = 0) at a = 0, else tanh(h/a) or clip(h/a, −1, 1).
__m256d squash4(__m256d h, double a, Squash kind) {
    if (a == 0.0) {
        const __m256d positive = _mm256_and_pd(_mm256_cmp_pd(h, set(0.0), _CMP_GT_OQ), set(1.0));
        const __m256d negative = _mm256_and_pd(_mm256_cmp_pd(h, set(0.0), _CMP_LT_OQ), set(1.0));
        return _mm256_sub_pd(positive, negative);
    }
    const __m256d x = _mm256_div_pd(h, set(a));
    return kind == Squash::tanh ? tanh4(x) : _mm256_max_pd(set(-1.0), _mm256_min_pd(x, set(1.0)));
}

// sin x and cos x for |x| up to ~1e5 (here |x| ≤ 3π): x = k·π/2 + r with |r| ≤ π/4 (two-part
// π/2 and fused multiply-adds), then ±sin r or ±cos r by the quadrant k mod 4, each by its
// Taylor series (to r^15 and r^16: the first dropped terms are below 5e-17). Multiples of π
// give cos = ±1 exactly: r is then below 1e-15 and 1 − r²/2 rounds to 1.
struct SinCos {
    __m256d sin, cos;
};
SinCos sincos4(__m256d x) {
    constexpr double pio2_hi = 1.5707963267948966, pio2_lo = 6.123233995736766e-17;
    const __m256d k = _mm256_round_pd(_mm256_mul_pd(x, set(2.0 / std::numbers::pi)),
                                      _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    const __m256d r = _mm256_fnmadd_pd(k, set(pio2_lo), _mm256_fnmadd_pd(k, set(pio2_hi), x));
    const __m256d r2 = _mm256_mul_pd(r, r);
    __m256d c = set(kInvFact[16]), s = set(-kInvFact[15]);
    for (int j = 7; j >= 0; --j) c = _mm256_fmadd_pd(c, r2, set(j % 2 == 0 ? kInvFact[2 * j] : -kInvFact[2 * j]));
    for (int j = 6; j >= 0; --j) s = _mm256_fmadd_pd(s, r2, set(j % 2 == 0 ? kInvFact[2 * j + 1] : -kInvFact[2 * j + 1]));
    s = _mm256_mul_pd(s, r);
    // Quadrant q: sin x = (s, c, −s, −c)[q], cos x = (c, −s, −c, s)[q].
    const __m256i q = _mm256_cvtepi32_epi64(_mm256_cvtpd_epi32(k));
    const __m256d odd = _mm256_castsi256_pd(_mm256_slli_epi64(q, 63));  // sign bit set for odd q
    const __m256d sin_negative = _mm256_castsi256_pd(_mm256_slli_epi64(_mm256_srli_epi64(q, 1), 63));
    const __m256d cos_negative = _mm256_castsi256_pd(_mm256_slli_epi64(_mm256_srli_epi64(_mm256_add_epi64(q, _mm256_set1_epi64x(1)), 1), 63));
    return {_mm256_xor_pd(_mm256_blendv_pd(s, c, odd), sin_negative),
            _mm256_xor_pd(_mm256_blendv_pd(c, s, odd), cos_negative)};
}

// atan2(y, x) for y, x not both zero (x = ±0 allowed). With t = min/max of |y|, |x| ∈ [0, 1]:
// t > tan(π/8) is mapped to (t − 1)/(t + 1) with π/4 added back, so the Taylor series of atan
// runs on |t| ≤ tan(π/8) ≈ 0.4142 (to t^41: the first dropped term is below 1e-17); then
// π/2 − ·, π − · and the sign of y by the octant. atan2(±0, x) is ±0 for x > 0 and ±π for
// x < 0 or x = −0, like libm.
__m256d atan2_4(__m256d y, __m256d x) {
    const __m256d abs_mask = set(-0.0);
    const __m256d ay = _mm256_andnot_pd(abs_mask, y), ax = _mm256_andnot_pd(abs_mask, x);
    const __m256d swap = _mm256_cmp_pd(ay, ax, _CMP_GT_OQ);
    const __m256d t = _mm256_div_pd(_mm256_min_pd(ay, ax), _mm256_max_pd(_mm256_max_pd(ay, ax), set(1e-300)));
    const __m256d reduce = _mm256_cmp_pd(t, set(0.41421356237309503), _CMP_GT_OQ);
    const __m256d v = _mm256_blendv_pd(t, _mm256_div_pd(_mm256_sub_pd(t, set(1.0)), _mm256_add_pd(t, set(1.0))), reduce);
    const __m256d v2 = _mm256_mul_pd(v, v);
    __m256d p = set(1.0 / 41.0);  // Σ_{j=0..20} (−1)^j v^(2j+1)/(2j+1), j = 20 positive
    for (int j = 19; j >= 0; --j) p = _mm256_fmadd_pd(p, v2, set((j % 2 == 0 ? 1.0 : -1.0) / (2 * j + 1)));
    __m256d angle = _mm256_fmadd_pd(p, v, _mm256_and_pd(reduce, set(std::numbers::pi / 4)));
    angle = _mm256_blendv_pd(angle, _mm256_sub_pd(set(std::numbers::pi / 2), angle), swap);
    angle = _mm256_blendv_pd(angle, _mm256_sub_pd(set(std::numbers::pi), angle), x);  // by x's sign bit
    return _mm256_or_pd(angle, _mm256_and_pd(y, abs_mask));
}

// Four neurons from lane-packed copies of their registers, pre-activations and draws (the
// formulas of neuron_step); writes the new angles and the outcomes.
void step4(const double* phi, const double* m, const float* h, const double* u, const NeuronSettings& settings,
           double sin_g, double* phi_out, double* s_out) {
    const __m256d f = squash4(_mm256_cvtps_pd(_mm_loadu_ps(h)), settings.a, settings.squash);
    const __m256d rotated = _mm256_add_pd(_mm256_loadu_pd(phi),
                                          _mm256_mul_pd(set(std::numbers::pi / 2), _mm256_sub_pd(_mm256_loadu_pd(m), f)));
    const __m256d draw = _mm256_loadu_pd(u);
    if (settings.g == std::numbers::pi / 2) {
        // Projective: P(+1) = (1 + cos φ)/2, then φ = 0 after +1 and ±π (the sign of φ) after −1.
        const __m256d p_plus = _mm256_mul_pd(_mm256_add_pd(set(1.0), sincos4(rotated).cos), set(0.5));
        const __m256d plus = _mm256_cmp_pd(draw, p_plus, _CMP_LT_OQ);
        _mm256_storeu_pd(phi_out, _mm256_andnot_pd(plus, _mm256_or_pd(set(std::numbers::pi), _mm256_and_pd(rotated, set(-0.0)))));
        _mm256_storeu_pd(s_out, _mm256_blendv_pd(set(-1.0), set(1.0), plus));
        return;
    }
    // Weak: P(+1) = clamp((1 + sin g·cos φ)/2, 0, 1); the amplitudes (sin φ/2, cos φ/2) scaled by
    // (√(1 − s sin g), √(1 + s sin g)) give φ' = 2·atan2(s', |c'|) (arcsin form) or 2·atan2(s', c').
    const __m256d cos_phi = sincos4(rotated).cos;
    const __m256d p_plus = _mm256_min_pd(set(1.0), _mm256_max_pd(set(0.0),
                                         _mm256_mul_pd(_mm256_fmadd_pd(set(sin_g), cos_phi, set(1.0)), set(0.5))));
    const __m256d plus = _mm256_cmp_pd(draw, p_plus, _CMP_LT_OQ);
    const __m256d outcome = _mm256_blendv_pd(set(-1.0), set(1.0), plus);
    const SinCos half = sincos4(_mm256_mul_pd(rotated, set(0.5)));
    const __m256d scaled_sin = _mm256_mul_pd(half.sin, _mm256_sqrt_pd(_mm256_fnmadd_pd(outcome, set(sin_g), set(1.0))));
    __m256d scaled_cos = _mm256_mul_pd(half.cos, _mm256_sqrt_pd(_mm256_fmadd_pd(outcome, set(sin_g), set(1.0))));
    if (settings.update == KrausUpdate::arcsin) scaled_cos = _mm256_andnot_pd(set(-0.0), scaled_cos);
    _mm256_storeu_pd(phi_out, _mm256_mul_pd(set(2.0), atan2_4(scaled_sin, scaled_cos)));
    _mm256_storeu_pd(s_out, outcome);
}

}  // namespace

void neuron_row_avx2(NeuronState* states, const float* h, const double* u, std::size_t n,
                     const NeuronSettings& settings, float* s) {
    const double sin_g = std::sin(settings.g);
    for (std::size_t i = 0; i < n; i += 4) {
        // The last group is padded with copies of valid lanes; only valid lanes are stored.
        const std::size_t valid = std::min<std::size_t>(4, n - i);
        double phi[4], m[4], draws[4], phi_out[4], s_out[4];
        float hs[4];
        for (std::size_t t = 0; t < 4; ++t) {
            const std::size_t lane = i + std::min(t, valid - 1);
            phi[t] = states[lane].phi;
            m[t] = states[lane].m;
            hs[t] = h[lane];
            draws[t] = u[lane];
        }
        step4(phi, m, hs, draws, settings, sin_g, phi_out, s_out);
        for (std::size_t t = 0; t < valid; ++t) {
            states[i + t].phi = phi_out[t];
            states[i + t].m = s_out[t] > 0 ? +1 : -1;
            s[i + t] = static_cast<float>(s_out[t]);
        }
    }
}

}  // namespace qmlr::natural_quantization
