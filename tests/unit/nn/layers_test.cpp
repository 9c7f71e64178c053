// Every layer: forward values against a direct reference, backward against central finite
// differences (input and parameter gradients), and shape errors that name both shapes.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "gradient_check.hpp"
#include "nn/activations.hpp"
#include "nn/conv2d.hpp"
#include "nn/init.hpp"
#include "nn/linear.hpp"
#include "nn/pooling.hpp"
#include "nn/reshaping.hpp"

using qmlr::Shape;
using qmlr::Tensor;
using namespace qmlr::nn;

namespace {

void randomize(Layer& layer, std::uint64_t seed) {
    std::uint32_t j = 0;
    for (Parameter& p : layer.parameters()) {
        qmlr::Rng rng(seed, "test-params", 0, j++);
        initialize_values(p.value, Init::kaiming_uniform, p.fan_in, p.fan_out, rng);
    }
}

// Direct 7-loop convolution: out[n][k][oy][ox] = b[k] + Σ w[k][c][ky][kx]·x[n][c][iy][ix].
Tensor naive_conv(const Tensor& x, Conv2d& conv, int stride, int pad) {
    const Tensor& w = conv.weight().value;
    const Shape out_shape = conv.output_shape(x.shape());
    Tensor out(out_shape);
    const auto r = w.dim(2);
    for (std::int64_t n = 0; n < out_shape[0]; ++n)
        for (std::int64_t k = 0; k < out_shape[1]; ++k)
            for (std::int64_t oy = 0; oy < out_shape[2]; ++oy)
                for (std::int64_t ox = 0; ox < out_shape[3]; ++ox) {
                    double sum = conv.bias() ? conv.bias()->value[static_cast<std::size_t>(k)] : 0.0;
                    for (std::int64_t c = 0; c < x.dim(1); ++c)
                        for (std::int64_t ky = 0; ky < r; ++ky)
                            for (std::int64_t kx = 0; kx < r; ++kx) {
                                const auto iy = oy * stride - pad + ky, ix = ox * stride - pad + kx;
                                if (iy < 0 || ix < 0 || iy >= x.dim(2) || ix >= x.dim(3)) continue;
                                sum += static_cast<double>(
                                           w[static_cast<std::size_t>(((k * x.dim(1) + c) * r + ky) * r + kx)]) *
                                       x[static_cast<std::size_t>(((n * x.dim(1) + c) * x.dim(2) + iy) * x.dim(3) + ix)];
                            }
                    out[static_cast<std::size_t>(((n * out_shape[1] + k) * out_shape[2] + oy) * out_shape[3] + ox)] =
                        static_cast<float>(sum);
                }
    return out;
}

void check_conv(int c, int k, int r, Conv2dOptions options, Shape input_shape) {
    Conv2d conv(c, k, r, options);
    randomize(conv, 11);
    const Tensor x = qmlr::test::random_tensor(input_shape, 12);
    Tensor out(conv.output_shape(x.shape()));
    conv.forward(x, out, {});
    const Tensor expected = naive_conv(x, conv, options.stride, options.padding);
    for (std::size_t i = 0; i < out.size(); ++i) REQUIRE(std::abs(out[i] - expected[i]) < 1e-4);
    CHECK(qmlr::test::check_layer_gradients(conv, x, 13) > 0);
}

}  // namespace

TEST_CASE("Conv2d: forward equals a direct convolution, backward equals finite differences") {
    SUBCASE("3x3, padding 1") { check_conv(2, 3, 3, {1, 1, true}, Shape{2, 2, 6, 5}); }
    SUBCASE("stride 2, no padding") { check_conv(3, 2, 3, {2, 0, true}, Shape{2, 3, 7, 7}); }
    SUBCASE("stride 2, padding 2, no bias") { check_conv(1, 4, 5, {2, 2, false}, Shape{3, 1, 8, 9}); }
    SUBCASE("1x1 pointwise") { check_conv(3, 5, 1, {1, 0, true}, Shape{2, 3, 4, 4}); }
    SUBCASE("LeNet conv1 on 40 samples (several sample chunks)") {
        check_conv(1, 6, 5, {}, Shape{40, 1, 12, 12});
    }
}

TEST_CASE("Conv2d: parameter gradients accumulate and are skipped on request") {
    Conv2d conv(1, 2, 3);
    randomize(conv, 1);
    const Tensor x = qmlr::test::random_tensor(Shape{2, 1, 5, 5}, 2);
    Tensor out(conv.output_shape(x.shape()));
    conv.forward(x, out, {});
    const Tensor dy = qmlr::test::random_tensor(out.shape(), 3);
    conv.backward(x, out, dy, nullptr, qmlr::test::grads_of(conv), {});
    const Tensor once = conv.weight().grad;
    conv.backward(x, out, dy, nullptr, qmlr::test::grads_of(conv), {});
    for (std::size_t i = 0; i < once.size(); ++i) CHECK(conv.weight().grad[i] == doctest::Approx(2 * once[i]));
    Tensor dx(x.shape());
    conv.backward(x, out, dy, &dx, {}, {});
    for (std::size_t i = 0; i < once.size(); ++i) CHECK(conv.weight().grad[i] == doctest::Approx(2 * once[i]));
}

TEST_CASE("Conv2d: a wrong input shape names the expected and the found shape") {
    Conv2d conv(3, 4, 3);
    try {
        (void)conv.output_shape(Shape{2, 1, 8, 8});
        FAIL("no error");
    } catch (const qmlr::Error& e) {
        const std::string message = e.what();
        CHECK(message.find("(B,3,H,W)") != std::string::npos);
        CHECK(message.find("(2,1,8,8)") != std::string::npos);
    }
    CHECK_THROWS_AS((void)conv.output_shape(Shape{2, 3, 8}), qmlr::Error);
    CHECK_THROWS_AS(Conv2d(0, 4, 3), qmlr::Error);
}

TEST_CASE("Linear: forward equals x·Wᵀ + b, backward equals finite differences") {
    for (bool bias : {true, false}) {
        Linear fc(7, 5, bias);
        randomize(fc, 21);
        const Tensor x = qmlr::test::random_tensor(Shape{3, 7}, 22);
        Tensor out(fc.output_shape(x.shape()));
        fc.forward(x, out, {});
        for (int n = 0; n < 3; ++n)
            for (int o = 0; o < 5; ++o) {
                double sum = bias ? fc.bias()->value[static_cast<std::size_t>(o)] : 0.0;
                for (int i = 0; i < 7; ++i)
                    sum += static_cast<double>(fc.weight().value[static_cast<std::size_t>(o * 7 + i)]) *
                           x[static_cast<std::size_t>(n * 7 + i)];
                CHECK(out[static_cast<std::size_t>(n * 5 + o)] == doctest::Approx(sum).epsilon(1e-5));
            }
        CHECK(qmlr::test::check_layer_gradients(fc, x, 23) == 21 + 35 + (bias ? 5 : 0));
    }
    Linear fc(4, 2);
    try {
        (void)fc.output_shape(Shape{2, 1, 2, 2});
        FAIL("no error");
    } catch (const qmlr::Error& e) {
        CHECK(std::string(e.what()).find("Flatten") != std::string::npos);
    }
}

TEST_CASE("MaxPool2d: window maxima, gradient to the first maximum") {
    MaxPool2d pool(2);
    Tensor x(Shape{1, 1, 2, 4});
    const float values[] = {1, 5, 2, 2, 3, 4, 0, 2};
    std::copy(values, values + 8, x.begin());
    Tensor out(pool.output_shape(x.shape()));
    CHECK(out.shape() == Shape{1, 1, 1, 2});
    pool.forward(x, out, {});
    CHECK(out[0] == 5.0f);
    CHECK(out[1] == 2.0f);
    Tensor dy(out.shape()), dx(x.shape());
    dy[0] = 1.5f;
    dy[1] = -2.0f;
    pool.backward(x, out, dy, &dx, {}, {});
    const float expected[] = {0, 1.5f, -2.0f, 0, 0, 0, 0, 0};  // tie 2,2,2: first in row-major
    for (int i = 0; i < 8; ++i) CHECK(dx[static_cast<std::size_t>(i)] == expected[i]);

    MaxPool2d plain(2);
    CHECK(qmlr::test::check_layer_gradients(plain, qmlr::test::kink_free_tensor(Shape{2, 3, 6, 5}, 31), 32) > 0);
    MaxPool2d overlapping(3, 2);
    CHECK(qmlr::test::check_layer_gradients(overlapping, qmlr::test::kink_free_tensor(Shape{2, 2, 7, 7}, 33), 34) > 0);
    CHECK_THROWS_AS((void)plain.output_shape(Shape{1, 1, 1, 4}), qmlr::Error);
}

TEST_CASE("AvgPool2d: window means and finite differences") {
    AvgPool2d pool(2);
    Tensor x(Shape{1, 1, 2, 2});
    for (int i = 0; i < 4; ++i) x[static_cast<std::size_t>(i)] = static_cast<float>(i + 1);
    Tensor out(pool.output_shape(x.shape()));
    pool.forward(x, out, {});
    CHECK(out[0] == 2.5f);
    AvgPool2d overlapping(3, 2);
    CHECK(qmlr::test::check_layer_gradients(overlapping, qmlr::test::random_tensor(Shape{2, 2, 7, 6}, 41), 42) > 0);
}

TEST_CASE("activations: values and finite differences away from kinks") {
    const Tensor x = qmlr::test::kink_free_tensor(Shape{3, 40}, 51);
    ReLU relu;
    Tanh tanh_layer;
    Sigmoid sigmoid;
    HardTanh hard;
    HardTanh hard_wide(-0.5f, 2.0f);
    for (Layer* layer : std::initializer_list<Layer*>{&relu, &tanh_layer, &sigmoid, &hard})
        CHECK(qmlr::test::check_layer_gradients(*layer, x, 52) == 120);

    Tensor probe(Shape{1, 4}), out(Shape{1, 4}), dy(Shape{1, 4}), dx(Shape{1, 4});
    const float inputs[] = {-2.0f, -0.5f, 0.0f, 1.5f};
    std::copy(inputs, inputs + 4, probe.begin());
    dy.fill(1.0f);
    relu.forward(probe, out, {});
    CHECK(out[0] == 0.0f);
    CHECK(out[3] == 1.5f);
    relu.backward(probe, out, dy, &dx, {}, {});
    CHECK(dx[2] == 0.0f);  // ReLU'(0) = 0
    sigmoid.forward(probe, out, {});
    CHECK(out[2] == 0.5f);
    CHECK(out[0] == doctest::Approx(1.0 / (1.0 + std::exp(2.0))));
    Tensor big(Shape{1, 2}), big_out(Shape{1, 2});
    big[0] = -200.0f;
    big[1] = 200.0f;
    sigmoid.forward(big, big_out, {});
    CHECK(big_out[0] == 0.0f);
    CHECK(big_out[1] == 1.0f);
    hard_wide.forward(probe, out, {});
    CHECK(out[0] == -0.5f);
    CHECK(out[3] == 1.5f);
    hard_wide.backward(probe, out, dy, &dx, {}, {});
    CHECK(dx[0] == 0.0f);
    CHECK(dx[1] == 0.0f);  // at the clip bound: outside the strict window
    CHECK(dx[3] == 1.0f);
    CHECK_THROWS_AS(HardTanh(1.0f, 1.0f), qmlr::Error);
}

TEST_CASE("Flatten and Upsample: values and finite differences") {
    Flatten flatten;
    CHECK(flatten.output_shape(Shape{4, 16, 5, 5}) == Shape{4, 400});
    CHECK(qmlr::test::check_layer_gradients(flatten, qmlr::test::random_tensor(Shape{2, 3, 2, 2}, 61), 62) == 24);

    Upsample up;
    Tensor x(Shape{1, 1, 2, 2});
    for (int i = 0; i < 4; ++i) x[static_cast<std::size_t>(i)] = static_cast<float>(i);
    Tensor out(up.output_shape(x.shape()));
    CHECK(out.shape() == Shape{1, 1, 4, 4});
    up.forward(x, out, {});
    const float expected[] = {0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3};
    for (int i = 0; i < 16; ++i) CHECK(out[static_cast<std::size_t>(i)] == expected[i]);
    CHECK(qmlr::test::check_layer_gradients(up, qmlr::test::random_tensor(Shape{2, 2, 3, 2}, 63), 64) == 24);
    Upsample triple(3);
    CHECK(qmlr::test::check_layer_gradients(triple, qmlr::test::random_tensor(Shape{1, 2, 2, 3}, 65), 66) == 12);
}
