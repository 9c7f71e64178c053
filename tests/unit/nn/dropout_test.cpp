// Dropout: keep rate and scaling, seeded masks independent of threads, eval identity, and a
// backward that applies the same mask.
#include <doctest/doctest.h>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "gradient_check.hpp"
#include "nn/dropout.hpp"

using qmlr::Shape;
using qmlr::Tensor;

TEST_CASE("Dropout: drops about p, scales survivors by 1/(1-p), backward uses the mask") {
    qmlr::nn::Dropout dropout(0.25, 9);
    Tensor x(Shape{64, 100}), out(x.shape()), dy(x.shape()), dx(x.shape());
    x.fill(2.0f);
    dropout.forward(x, out);
    std::size_t dropped = 0;
    for (float v : out) {
        CHECK((v == 0.0f || v == doctest::Approx(2.0f / 0.75f)));
        dropped += v == 0.0f;
    }
    CHECK(dropped > 1400);  // expected 1600 of 6400, sd 35
    CHECK(dropped < 1800);
    dy = qmlr::test::random_tensor(x.shape(), 3);
    dropout.backward(x, out, dy, &dx, true);
    for (std::size_t i = 0; i < x.size(); ++i) CHECK(dx[i] == doctest::Approx(dy[i] * out[i] / 2.0f));
}

TEST_CASE("Dropout: same seed and call give the same mask on 1 and 2 threads; calls differ") {
    const Tensor x = qmlr::test::random_tensor(Shape{40, 30}, 1);
    auto run = [&](int threads, int calls) {
        qmlr::set_thread_count(threads);
        qmlr::nn::Dropout dropout(0.5, 77);
        Tensor out(x.shape());
        for (int c = 0; c < calls; ++c) dropout.forward(x, out);
        return out;
    };
    const int saved = qmlr::thread_count();
    const Tensor one = run(1, 1), two = run(2, 1), second_call = run(2, 2);
    qmlr::set_thread_count(saved);
    CHECK(std::equal(one.begin(), one.end(), two.begin()));
    CHECK(!std::equal(one.begin(), one.end(), second_call.begin()));
}

TEST_CASE("Dropout: evaluation mode is the identity; p outside [0,1) is an error") {
    qmlr::nn::Dropout dropout(0.9, 1);
    dropout.set_training(false);
    const Tensor x = qmlr::test::random_tensor(Shape{3, 5}, 2);
    Tensor out(x.shape()), dx(x.shape());
    dropout.forward(x, out);
    CHECK(std::equal(x.begin(), x.end(), out.begin()));
    dropout.backward(x, out, x, &dx, true);
    CHECK(std::equal(x.begin(), x.end(), dx.begin()));
    CHECK(dropout.calls() == 0);
    CHECK_THROWS_AS(qmlr::nn::Dropout(1.0, 1), qmlr::Error);
    CHECK_THROWS_AS(qmlr::nn::Dropout(-0.1, 1), qmlr::Error);
}
