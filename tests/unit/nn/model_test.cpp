// Model: end-to-end gradients against finite differences, input gradients, reuse of buffers,
// errors, and bit-identical training steps on 1 and 2 threads.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "gradient_check.hpp"
#include "nn/activations.hpp"
#include "nn/adam.hpp"
#include "nn/conv2d.hpp"
#include "nn/cross_entropy.hpp"
#include "nn/lenet.hpp"
#include "nn/linear.hpp"
#include "nn/model.hpp"
#include "nn/pooling.hpp"
#include "nn/reshaping.hpp"

using qmlr::Shape;
using qmlr::Tensor;
using namespace qmlr::nn;

namespace {

Model small_cnn() {
    Model model;
    model.add<Conv2d>(2, 3, 3, Conv2dOptions{1, 1, true});
    model.add<Tanh>();
    model.add<AvgPool2d>(2);
    model.add<Flatten>();
    model.add<Linear>(3 * 3 * 3, 5);
    model.add<Sigmoid>();
    model.add<Linear>(5, 4, false);
    return model;
}

Model lenet() {
    Model model;
    model.add<Conv2d>(1, 6, 5);
    model.add<ReLU>();
    model.add<MaxPool2d>(2);
    model.add<Conv2d>(6, 16, 5);
    model.add<ReLU>();
    model.add<MaxPool2d>(2);
    model.add<Flatten>();
    model.add<Linear>(256, 120);
    model.add<ReLU>();
    model.add<Linear>(120, 84);
    model.add<ReLU>();
    model.add<Linear>(84, 10);
    return model;
}

}  // namespace

TEST_CASE("Model: input and parameter gradients equal finite differences") {
    Model model = small_cnn();
    model.initialize(5);
    CHECK(model.output_shape(Shape{3, 2, 6, 6}) == Shape{3, 4});
    CHECK(qmlr::test::check_model_gradients(model, qmlr::test::random_tensor(Shape{3, 2, 6, 6}, 6), 7) == 160 + 57 + 140 + 20);
}

TEST_CASE("Model: the parameter-only backward gives the same gradients as the full one") {
    Model model = small_cnn();
    model.initialize(1);
    const Tensor x = qmlr::test::random_tensor(Shape{2, 2, 6, 6}, 2);
    const Tensor dy = qmlr::test::random_tensor(Shape{2, 4}, 3);
    model.forward(x);
    CHECK(model.backward(dy).size() == 0);
    std::vector<Tensor> first;
    for (Parameter* p : model.parameters()) first.push_back(p->grad);
    model.zero_grad();
    model.forward(x);
    const Tensor& dx = model.backward(dy, Gradients::both);
    CHECK(dx.shape() == x.shape());
    std::size_t i = 0;
    for (Parameter* p : model.parameters()) {
        CHECK(std::equal(p->grad.begin(), p->grad.end(), first[i].begin()));
        ++i;
    }
    model.zero_grad();
    model.forward(x);
    model.backward(dy, Gradients::input);
    for (Parameter* p : model.parameters())
        for (float g : p->grad) REQUIRE(g == 0.0f);
}

TEST_CASE("Model: errors for missing initialisation, wrong shapes, backward before forward") {
    Model model = small_cnn();
    const Tensor x = qmlr::test::random_tensor(Shape{1, 2, 6, 6}, 1);
    CHECK_THROWS_WITH_AS(model.forward(x), doctest::Contains("initialize"), qmlr::Error);
    model.initialize(0);
    CHECK_THROWS_WITH_AS(model.backward(Tensor(Shape{1, 4})), doctest::Contains("forward"), qmlr::Error);
    CHECK_THROWS_AS(model.forward(Tensor(Shape{1, 1, 6, 6})), qmlr::Error);
    model.forward(x);
    CHECK_THROWS_WITH_AS(model.backward(Tensor(Shape{2, 4})), doctest::Contains("(2,4)"), qmlr::Error);
    CHECK(model.summary(Shape{1, 2, 6, 6}).find("Linear(27->5, bias) -> (1,5), 140 parameters") != std::string::npos);
}

TEST_CASE("Model: initialisation is a function of the seed only") {
    Model a = lenet(), b = lenet(), c = lenet();
    a.initialize(3);
    b.initialize(3);
    c.initialize(4);
    CHECK(a.parameter_count() == 156 + 2416 + 30840 + 10164 + 850);
    const Tensor& wa = a.parameters()[6]->value;  // fc2 weight (84,120)
    const Tensor& wb = b.parameters()[6]->value;
    const Tensor& wc = c.parameters()[6]->value;
    CHECK(std::equal(wa.begin(), wa.end(), wb.begin()));
    CHECK(!std::equal(wa.begin(), wa.end(), wc.begin()));
    const float bound = 1.0f / std::sqrt(120.0f);
    for (float w : wa) REQUIRE(std::abs(w) <= bound);
}

TEST_CASE("make_lenet: pooling before ReLU gives the same outputs and gradients, bit for bit") {
    Model pooled_first = make_lenet();  // conv, pool, relu
    Model relu_first = lenet();         // conv, relu, pool: parameters at the same layer indices
    pooled_first.initialize(4);
    relu_first.initialize(4);
    const Tensor x = qmlr::test::random_tensor(Shape{20, 1, 28, 28}, 5);
    const Tensor dy = qmlr::test::random_tensor(Shape{20, 10}, 6);
    const Tensor out_a = pooled_first.forward(x);
    const Tensor dx_a = pooled_first.backward(dy, Gradients::both);
    const Tensor out_b = relu_first.forward(x);
    const Tensor dx_b = relu_first.backward(dy, Gradients::both);
    CHECK(std::equal(out_a.begin(), out_a.end(), out_b.begin()));
    CHECK(std::equal(dx_a.begin(), dx_a.end(), dx_b.begin()));
    const auto pa = pooled_first.parameters(), pb = relu_first.parameters();
    REQUIRE(pa.size() == pb.size());
    for (std::size_t i = 0; i < pa.size(); ++i)
        CHECK(std::equal(pa[i]->grad.begin(), pa[i]->grad.end(), pb[i]->grad.begin()));
}

TEST_CASE("Model: a LeNet training step is bit-identical on 1 and 2 threads") {
    const Tensor x = qmlr::test::random_tensor(Shape{64, 1, 28, 28}, 8);
    std::vector<int> labels(64);
    for (int i = 0; i < 64; ++i) labels[static_cast<std::size_t>(i)] = (i * 7) % 10;
    auto train = [&](int threads) {
        qmlr::set_thread_count(threads);
        Model model = lenet();
        model.initialize(9);
        Adam adam(model.parameters());
        Tensor grad;
        for (int step = 0; step < 2; ++step) {
            adam.zero_grad();
            cross_entropy(model.forward(x), labels, &grad);
            model.backward(grad);
            adam.step();
        }
        std::vector<float> weights;
        for (Parameter* p : model.parameters()) weights.insert(weights.end(), p->value.begin(), p->value.end());
        const Tensor& dx = model.backward(grad, Gradients::input);
        weights.insert(weights.end(), dx.begin(), dx.end());
        return weights;
    };
    const int saved = qmlr::thread_count();
    const auto one = train(1), two = train(2);
    qmlr::set_thread_count(saved);
    CHECK(one.size() == 44426 + 64 * 784);
    CHECK(one == two);
}
