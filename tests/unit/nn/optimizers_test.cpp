// SGD (plain, momentum, Nesterov, weight decay), Adam and the schedules against values worked
// out from PyTorch's update rules.
#include <doctest/doctest.h>

#include <cmath>

#include "core/error.hpp"
#include "core/simd_level.hpp"
#include "nn/adam.hpp"
#include "nn/lr_schedule.hpp"
#include "nn/sgd.hpp"
#include "nn/simd_kernels.hpp"
#include "core/rng.hpp"
#include <vector>

using namespace qmlr::nn;

namespace {

// One scalar parameter with value w; step() after setting its gradient to g.
struct Scalar {
    Parameter p{"w", Parameter::Role::weight, qmlr::Shape{1}, 1, 1};
    explicit Scalar(float w) { p.value[0] = w; }
    float step(Optimizer& opt, float g) {
        p.grad[0] = g;
        opt.step();
        return p.value[0];
    }
};

}  // namespace

TEST_CASE("SGD: plain, momentum, Nesterov and weight decay") {
    Scalar plain(1.0f);
    Sgd sgd({&plain.p}, {0.1, 0.0, false, 0.0});
    CHECK(plain.step(sgd, 0.5f) == doctest::Approx(0.95));

    Scalar heavy(1.0f);
    Sgd momentum({&heavy.p}, {0.1, 0.9, false, 0.0});
    CHECK(heavy.step(momentum, 1.0f) == doctest::Approx(0.9));   // v = 1
    CHECK(heavy.step(momentum, 1.0f) == doctest::Approx(0.71));  // v = 1.9

    Scalar ahead(1.0f);
    Sgd nesterov({&ahead.p}, {0.1, 0.9, true, 0.0});
    CHECK(ahead.step(nesterov, 1.0f) == doctest::Approx(0.81));   // d = 1 + 0.9·1
    CHECK(ahead.step(nesterov, 1.0f) == doctest::Approx(0.539));  // d = 1 + 0.9·1.9

    Scalar decayed(1.0f);
    Sgd decay({&decayed.p}, {0.1, 0.0, false, 0.1});
    CHECK(decayed.step(decay, 0.5f) == doctest::Approx(0.94));  // g = 0.5 + 0.1·1

    CHECK_THROWS_AS(Sgd({&plain.p}, {0.1, 0.0, true, 0.0}), qmlr::Error);
    CHECK_THROWS_AS(sgd.set_learning_rate(-1.0), qmlr::Error);
}

TEST_CASE("Adam: bias-corrected steps as in PyTorch") {
    Scalar s(1.0f);
    Adam adam({&s.p}, {0.1, 0.9, 0.999, 1e-8, 0.0});
    // Step 1: m̂ = g, v̂ = g², so the step is lr·g/|g|.
    CHECK(s.step(adam, 0.5f) == doctest::Approx(0.9).epsilon(1e-6));
    // Step 2 by the formula, in double.
    const double m = 0.9 * 0.05 + 0.1 * -0.25, v = 0.999 * 0.00025 + 0.001 * 0.0625;
    const double expected = 0.9 - 0.1 / (1 - 0.81) * m / (std::sqrt(v) / std::sqrt(1 - 0.999 * 0.999) + 1e-8);
    CHECK(s.step(adam, -0.25f) == doctest::Approx(expected).epsilon(1e-6));
    CHECK(adam.steps() == 2);

    Scalar d(2.0f);
    Adam decayed({&d.p}, {0.1, 0.9, 0.999, 1e-8, 0.5});
    CHECK(d.step(decayed, -1.0f) == doctest::Approx(2.0));  // g = −1 + 0.5·2 = 0: no move
    CHECK_THROWS_AS(Adam({&d.p}, {0.1, 1.0, 0.999, 1e-8, 0.0}), qmlr::Error);
}

TEST_CASE("Adam kernels: AVX2 and portable updates agree to rounding") {
    if constexpr (qmlr::kAvx2KernelsBuilt) {  // else this build has no AVX2 kernels
        if (!qmlr::cpu_has_avx2_fma()) return;  // nothing to compare on this CPU
        qmlr::Rng rng(3, "adam-kernel-test");
        std::vector<float> grad(37), w(37), m(37), v(37);
        for (std::size_t i = 0; i < 37; ++i) {
            grad[i] = static_cast<float>(rng.normal());
            w[i] = static_cast<float>(rng.normal());
            m[i] = static_cast<float>(0.1 * rng.normal());
            v[i] = static_cast<float>(rng.uniform(0.0, 0.01));
        }
        auto w2 = w, m2 = m, v2 = v;
        const detail::AdamCoefficients k{0.9f, 0.999f, 1e-8f, 0.01f, 0.003f, 1.7f};
        detail::adam_kernel_scalar(k, grad.data(), w.data(), m.data(), v.data(), 37);
        detail::adam_kernel_avx2(k, grad.data(), w2.data(), m2.data(), v2.data(), 37);
        for (std::size_t i = 0; i < 37; ++i) {
            CHECK(w2[i] == doctest::Approx(w[i]).epsilon(1e-6));
            CHECK(m2[i] == doctest::Approx(m[i]).epsilon(1e-6));
            CHECK(v2[i] == doctest::Approx(v[i]).epsilon(1e-6));
        }
        CHECK(w2[36] == w[36]);  // the tail runs the portable loop
    }
}

TEST_CASE("learning-rate schedules") {
    const StepSchedule decay{1e-3, 3, 0.1};
    CHECK(decay.at(0) == doctest::Approx(1e-3));
    CHECK(decay.at(2) == doctest::Approx(1e-3));
    CHECK(decay.at(3) == doctest::Approx(1e-4));
    CHECK(decay.at(6) == doctest::Approx(1e-5));

    const CosineSchedule cosine{1.0, 10};
    CHECK(cosine.at(0) == doctest::Approx(1.0));
    CHECK(cosine.at(5) == doctest::Approx(0.5));
    CHECK(cosine.at(10) == doctest::Approx(0.0));
    const CosineSchedule warm{1.0, 12, 0.1, 2};
    CHECK(warm.at(0) == doctest::Approx(0.5));
    CHECK(warm.at(1) == doctest::Approx(1.0));
    CHECK(warm.at(2) == doctest::Approx(1.0));
    CHECK(warm.at(7) == doctest::Approx(0.55));
    CHECK(warm.at(20) == doctest::Approx(0.1));
    const StepSchedule no_steps{1.0, 0, 0.1};
    CHECK_THROWS_AS((void)no_steps.at(1), qmlr::Error);
}
