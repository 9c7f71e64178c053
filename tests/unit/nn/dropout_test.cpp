// Dropout: keep rate and scaling, masks as a function of (seed, pass, sample) so slices and
// threads agree, a backward that applies the same mask, evaluation mode as the identity.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "gradient_check.hpp"
#include "nn/dropout.hpp"
#include "nn/inference.hpp"
#include "nn/model.hpp"
#include "nn/reshaping.hpp"

using qmlr::Shape;
using qmlr::Tensor;

TEST_CASE("Dropout: drops about p, scales survivors by 1/(1-p), backward uses the mask") {
    qmlr::nn::Dropout dropout(0.25, 9);
    Tensor x(Shape{64, 100}), out(x.shape()), dx(x.shape());
    x.fill(2.0f);
    dropout.forward(x, out, {0, 3});
    std::size_t dropped = 0;
    for (float v : out) {
        CHECK((v == 0.0f || v == doctest::Approx(2.0f / 0.75f)));
        dropped += v == 0.0f;
    }
    CHECK(dropped > 1400);  // expected 1600 of 6400, sd 35
    CHECK(dropped < 1800);
    const Tensor dy = qmlr::test::random_tensor(x.shape(), 3);
    dropout.backward(x, out, dy, &dx, {}, {0, 3});
    for (std::size_t i = 0; i < x.size(); ++i) CHECK(dx[i] == doctest::Approx(dy[i] * out[i] / 2.0f));
}

TEST_CASE("Dropout: the mask depends on the pass and the sample index, not on the slicing") {
    qmlr::nn::Dropout dropout(0.5, 77);
    const Tensor x = qmlr::test::random_tensor(Shape{40, 30}, 1);
    Tensor whole(x.shape()), again(x.shape()), next_pass(x.shape());
    dropout.forward(x, whole, {0, 5});
    dropout.forward(x, again, {0, 5});
    dropout.forward(x, next_pass, {0, 6});
    CHECK(std::equal(whole.begin(), whole.end(), again.begin()));
    CHECK(!std::equal(whole.begin(), whole.end(), next_pass.begin()));
    const Tensor tail = qmlr::nn::slice_batch(x, 25, 15);
    Tensor tail_out(tail.shape());
    dropout.forward(tail, tail_out, {25, 5});
    CHECK(std::equal(tail_out.begin(), tail_out.end(), whole.sample(25)));
}

TEST_CASE("Dropout in a model: fresh masks per training pass, identical on 1 and 2 threads") {
    const Tensor x = qmlr::test::random_tensor(Shape{40, 3, 2, 2}, 1);
    auto run = [&](int threads) {
        qmlr::set_thread_count(threads);
        qmlr::nn::Model model;
        model.add<qmlr::nn::Dropout>(0.5, 77);
        model.add<qmlr::nn::Flatten>();
        model.initialize(0);
        const Tensor first = model.forward(x);
        const Tensor second = model.forward(x);
        return std::make_pair(first, second);
    };
    const int saved = qmlr::thread_count();
    const auto one = run(1), two = run(2);
    qmlr::set_thread_count(saved);
    CHECK(std::equal(one.first.begin(), one.first.end(), two.first.begin()));
    CHECK(std::equal(one.second.begin(), one.second.end(), two.second.begin()));
    CHECK(!std::equal(one.first.begin(), one.first.end(), one.second.begin()));
}

TEST_CASE("Dropout: evaluation mode is the identity; p outside [0,1) is an error") {
    qmlr::nn::Dropout dropout(0.9, 1);
    dropout.set_training(false);
    const Tensor x = qmlr::test::random_tensor(Shape{3, 5}, 2);
    Tensor out(x.shape()), dx(x.shape());
    dropout.forward(x, out, {});
    CHECK(std::equal(x.begin(), x.end(), out.begin()));
    dropout.backward(x, out, x, &dx, {}, {});
    CHECK(std::equal(x.begin(), x.end(), dx.begin()));
    CHECK_THROWS_AS(qmlr::nn::Dropout(1.0, 1), qmlr::Error);
    CHECK_THROWS_AS(qmlr::nn::Dropout(-0.1, 1), qmlr::Error);
}
