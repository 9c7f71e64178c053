#pragma once
// Finite-difference checks for layers and models, in float.
//
// The scalar checked is L = Σ_i out_i · r_i with fixed random weights r (accumulated in
// double), so every output element carries its own gradient. Each checked input or parameter
// element is compared with the central difference (L(v + h) − L(v − h)) / 2h:
//   |analytic − numeric| <= atol + rtol · max(|analytic|, |numeric|)
// The default tolerances (rtol 2e-2, atol 2e-3 at h = 1e-2) are far tighter than the error a
// wrong sign, a swapped index or a missing term produces on O(0.1..1) gradients.
#include <cstdint>
#include <functional>
#include <vector>

#include "core/tensor.hpp"
#include "nn/layer.hpp"
#include "nn/model.hpp"

namespace qmlr::test {

struct GradientCheckOptions {
    float step = 1e-2f;
    double rtol = 2e-2;
    double atol = 2e-3;
    std::size_t max_elements = 160;  // per tensor: every element if fewer, else a fixed sample
};

// Pointers to each parameter's gradient, as Layer::backward takes them.
std::vector<Tensor*> grads_of(nn::Layer& layer);

// Standard-normal values from the stream (seed, "test-input").
Tensor random_tensor(const Shape& shape, std::uint64_t seed);
// Uniform [0, 1) values (valid images) from the stream (seed, "test-images").
Tensor uniform_images(const Shape& shape, std::uint64_t seed);
// Values spaced at least 0.05 apart in random order, |v| >= 0.05 and |v ∓ 1| >= 0.05: no max
// ties and no ReLU or hard-tanh kink within any finite-difference step.
Tensor kink_free_tensor(const Shape& shape, std::uint64_t seed);

// Checks dL/d(in) and dL/d(every parameter) of `layer` at `input`. Returns the number of
// elements compared (so callers can assert the check did something).
std::size_t check_layer_gradients(nn::Layer& layer, const Tensor& input, std::uint64_t seed,
                                  GradientCheckOptions options = {});

// Same for a whole model: dL/d(input) via Gradients::input, dL/d(parameters) via
// Gradients::parameters.
std::size_t check_model_gradients(nn::Model& model, const Tensor& input, std::uint64_t seed,
                                  GradientCheckOptions options = {});

// Checks grad(x) against central differences of loss(x), elementwise as above.
std::size_t check_function_gradient(const std::function<double(const Tensor&)>& loss,
                                    const Tensor& x, const Tensor& grad,
                                    GradientCheckOptions options = {});

}  // namespace qmlr::test
