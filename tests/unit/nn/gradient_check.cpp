#include "gradient_check.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "core/rng.hpp"

namespace qmlr::test {
namespace {

// Indices of the elements to check: all, or max_elements spread evenly with a random offset.
std::vector<std::size_t> elements_to_check(std::size_t count, std::size_t max_elements) {
    std::vector<std::size_t> picked;
    if (count <= max_elements) {
        for (std::size_t i = 0; i < count; ++i) picked.push_back(i);
        return picked;
    }
    Rng rng(7, "test-pick", count);
    const std::size_t offset = rng.below(count);
    for (std::size_t i = 0; i < max_elements; ++i)
        picked.push_back((offset + i * count / max_elements) % count);
    return picked;
}

double weighted_sum(const Tensor& out, const Tensor& weights) {
    double sum = 0.0;
    for (std::size_t i = 0; i < out.size(); ++i) sum += static_cast<double>(out[i]) * weights[i];
    return sum;
}

// Compares analytic[i] with central differences of `loss` when value[i] moves by ±h.
std::size_t compare(const char* what, float* value, std::size_t count, const float* analytic,
                    const std::function<double()>& loss, const GradientCheckOptions& o) {
    std::size_t checked = 0;
    for (std::size_t i : elements_to_check(count, o.max_elements)) {
        const float saved = value[i];
        value[i] = saved + o.step;
        const double up = loss();
        value[i] = saved - o.step;
        const double down = loss();
        value[i] = saved;
        const double numeric = (up - down) / (2.0 * static_cast<double>(o.step));
        const double exact = analytic[i];
        const double allowed = o.atol + o.rtol * std::max(std::abs(exact), std::abs(numeric));
        INFO(what << " element " << i << ": analytic " << exact << ", numeric " << numeric);
        CHECK(std::abs(exact - numeric) <= allowed);
        ++checked;
    }
    return checked;
}

}  // namespace

std::vector<Tensor*> grads_of(nn::Layer& layer) {
    std::vector<Tensor*> grads;
    for (nn::Parameter& p : layer.parameters()) grads.push_back(&p.grad);
    return grads;
}

Tensor random_tensor(const Shape& shape, std::uint64_t seed) {
    Tensor t(shape);
    Rng rng(seed, "test-input");
    for (float& v : t) v = static_cast<float>(rng.normal());
    return t;
}

Tensor uniform_images(const Shape& shape, std::uint64_t seed) {
    Tensor t(shape);
    Rng rng(seed, "test-images");
    for (float& v : t) v = rng.uniform_float();
    return t;
}

Tensor kink_free_tensor(const Shape& shape, std::uint64_t seed) {
    Tensor t(shape);
    Rng rng(seed, "test-input");
    std::vector<float> values;
    for (float v = -3.0f; values.size() < t.size(); v += 0.0625f) {
        const float a = std::abs(v);
        if (a >= 0.05f && std::abs(a - 1.0f) >= 0.05f) values.push_back(v);
    }
    const auto order = random_permutation(values.size(), rng);
    for (std::size_t i = 0; i < t.size(); ++i) t[i] = values[order[i]];
    return t;
}

std::size_t check_layer_gradients(nn::Layer& layer, const Tensor& input, std::uint64_t seed,
                                  GradientCheckOptions options) {
    Tensor x = input;
    Tensor out(layer.output_shape(x.shape()));
    const Tensor weights = random_tensor(out.shape(), seed + 1000);
    auto loss = [&] {
        layer.forward(x, out, {});
        return weighted_sum(out, weights);
    };

    for (nn::Parameter& p : layer.parameters()) p.grad.fill(0.0f);
    layer.forward(x, out, {});
    Tensor grad_in(x.shape());
    layer.backward(x, out, weights, &grad_in, grads_of(layer), {});
    std::vector<Tensor> param_grads;
    for (nn::Parameter& p : layer.parameters()) param_grads.push_back(p.grad);

    std::size_t checked = compare("input", x.data(), x.size(), grad_in.data(), loss, options);
    std::size_t j = 0;
    for (nn::Parameter& p : layer.parameters()) {
        checked += compare(p.name.c_str(), p.value.data(), p.value.size(), param_grads[j].data(),
                           loss, options);
        ++j;
    }
    return checked;
}

std::size_t check_model_gradients(nn::Model& model, const Tensor& input, std::uint64_t seed,
                                  GradientCheckOptions options) {
    Tensor x = input;
    const Tensor weights = random_tensor(model.output_shape(x.shape()), seed + 1000);
    auto loss = [&] { return weighted_sum(model.forward(x), weights); };

    model.zero_grad();
    model.forward(x);
    const Tensor grad_in = model.backward(weights, nn::Gradients::input);
    model.forward(x);
    model.backward(weights, nn::Gradients::parameters);

    std::size_t checked = compare("input", x.data(), x.size(), grad_in.data(), loss, options);
    for (nn::Parameter* p : model.parameters()) {
        const Tensor analytic = p->grad;
        checked += compare(p->name.c_str(), p->value.data(), p->value.size(), analytic.data(),
                           loss, options);
    }
    return checked;
}

std::size_t check_function_gradient(const std::function<double(const Tensor&)>& loss,
                                    const Tensor& x, const Tensor& grad,
                                    GradientCheckOptions options) {
    Tensor moved = x;
    return compare("x", moved.data(), moved.size(), grad.data(), [&] { return loss(moved); },
                   options);
}

}  // namespace qmlr::test
