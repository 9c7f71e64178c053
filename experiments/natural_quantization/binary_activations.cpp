#include "experiments/natural_quantization/binary_activations.hpp"

#include <cmath>
#include <numbers>
#include <vector>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"
#include "experiments/natural_quantization/neuron_row.hpp"

namespace qmlr::natural_quantization {

namespace {

Shape checked_shape(const Shape& input, int width, const std::string& layer) {
    nn::require_rank(input, 2, layer, "(B, N)");
    require(input[1] == width, layer + ": expected " + std::to_string(width) + " features per sample, got " +
                                   std::to_string(input[1]));
    return input;
}

// dL/dh = dL/ds · 1[|h| < 1], elementwise.
void straight_through(const Tensor& h, const Tensor& grad_s, Tensor* grad_h, const std::string& layer) {
    if (grad_h == nullptr) return;
    nn::require_same_shape(h, grad_s, layer, "input", "output gradient");
    // Distinct buffers (restrict) and an unconditional load before the select, so the loop
    // vectorises without branches: the window test is a coin flip per element, and a branch
    // would mispredict half the time.
    const float* __restrict hv = h.data();
    const float* __restrict gs = grad_s.data();
    float* __restrict gh = grad_h->data();
    for (std::size_t i = 0; i < h.size(); ++i) {
        const float passed = gs[i];
        gh[i] = std::fabs(hv[i]) < 1.0f ? passed : 0.0f;
    }
}

std::string squash_name(Squash squash) { return squash == Squash::tanh ? "tanh" : "hard-tanh"; }

}  // namespace

QuantumNeuronLayer::QuantumNeuronLayer(std::shared_ptr<NeuronRegister> neurons, int layer,
                                       NeuronSettings settings)
    : neurons_(std::move(neurons)), layer_(layer), settings_(settings) {
    require(neurons_ != nullptr, "QuantumNeuronLayer needs a neuron register");
    require(layer_ >= 1, "QuantumNeuronLayer: hidden layers are numbered from 1, got " + std::to_string(layer_));
    require(settings_.a >= 0 && std::isfinite(settings_.a),
            "QuantumNeuronLayer: a must be finite and ≥ 0, got " + format_number(settings_.a));
}

std::string QuantumNeuronLayer::describe() const {
    return "QuantumNeuron(layer " + std::to_string(layer_) + ", width " + std::to_string(neurons_->width()) +
           ", a " + format_number(settings_.a) + ", g " + format_number(settings_.g) + ", " +
           squash_name(settings_.squash) + ", " + (settings_.update == KrausUpdate::arcsin ? "arcsin" : "exact") + ")";
}

Shape QuantumNeuronLayer::output_shape(const Shape& input) const {
    return checked_shape(input, neurons_->width(), describe());
}

void QuantumNeuronLayer::forward(const Tensor& in, Tensor& out, const nn::BatchSlice& slice) {
    output_shape(in.shape());
    const auto batch = static_cast<std::size_t>(in.shape()[0]);
    const auto width = static_cast<std::size_t>(neurons_->width());
    require(slice.first_sample + batch <= neurons_->rows(),
            describe() + ": the register holds " + std::to_string(neurons_->rows()) +
                " samples; begin a pass over the batch before the forward call");
    const NeuronRowKernel neuron_row = neuron_row_kernel();
    parallel_for(batch, 4, [&](std::size_t begin, std::size_t end) {
        std::vector<double> draws(width);
        for (std::size_t b = begin; b < end; ++b) {
            const std::size_t row = slice.first_sample + b;
            Rng stream = neurons_->stream(row, layer_);
            stream.fill_uniform(draws);
            neuron_row(neurons_->row(row), in.data() + b * width, draws.data(), width, settings_,
                       out.data() + b * width);
        }
    });
}

void QuantumNeuronLayer::backward(const Tensor& in, const Tensor&, const Tensor& grad_out, Tensor* grad_in,
                                  std::span<Tensor* const>, const nn::BatchSlice&) {
    straight_through(in, grad_out, grad_in, describe());
}

std::string SignLayer::describe() const { return "Sign(width " + std::to_string(width_) + ")"; }

Shape SignLayer::output_shape(const Shape& input) const { return checked_shape(input, width_, describe()); }

void SignLayer::forward(const Tensor& in, Tensor& out, const nn::BatchSlice&) {
    output_shape(in.shape());
    const float* h = in.data();
    float* s = out.data();
    for (std::size_t i = 0; i < in.size(); ++i) s[i] = h[i] > 0.0f ? 1.0f : (h[i] < 0.0f ? -1.0f : 0.0f);
}

void SignLayer::backward(const Tensor& in, const Tensor&, const Tensor& grad_out, Tensor* grad_in,
                         std::span<Tensor* const>, const nn::BatchSlice&) {
    straight_through(in, grad_out, grad_in, describe());
}

}  // namespace qmlr::natural_quantization
