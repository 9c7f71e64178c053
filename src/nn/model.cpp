#include "nn/model.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/rng.hpp"

namespace qmlr::nn {
namespace {

// Keeps `t` when it already has `shape`, so steady-state calls reuse their buffers.
void ensure_shape(Tensor& t, const Shape& shape) {
    if (!(t.shape() == shape)) t = Tensor(shape);
}

}  // namespace

void Model::add(std::unique_ptr<Layer> layer) {
    require(layer != nullptr, "Model::add: expected a layer, got a null pointer");
    layer->set_training(training_);
    layers_.push_back(std::move(layer));
    initialized_ = false;
    has_forward_ = false;
}

Layer& Model::layer(std::size_t index) {
    require(index < layers_.size(), "Model::layer: index " + std::to_string(index) +
                                        " is out of range for a model of " +
                                        std::to_string(layers_.size()) + " layers");
    return *layers_[index];
}

const Layer& Model::layer(std::size_t index) const {
    return const_cast<Model*>(this)->layer(index);
}

void Model::initialize(std::uint64_t seed, InitScheme scheme) {
    for (std::size_t i = 0; i < layers_.size(); ++i) {
        std::span<Parameter> params = layers_[i]->parameters();
        for (std::size_t j = 0; j < params.size(); ++j) {
            Parameter& p = params[j];
            Rng rng(seed, "init", i, static_cast<std::uint32_t>(j));
            switch (p.role) {
                case Parameter::Role::weight:
                    initialize_values(p.value, scheme.weight, p.fan_in, p.fan_out, rng);
                    break;
                case Parameter::Role::bias:
                    initialize_values(p.value, scheme.bias, p.fan_in, p.fan_out, rng);
                    break;
                case Parameter::Role::angle: initialize_angles(p.value, rng); break;
            }
            p.grad.fill(0.0f);
        }
    }
    initialized_ = true;
}

const Tensor& Model::forward(const Tensor& input) {
    require(!layers_.empty(), "Model::forward: the model has no layers; add some first");
    require(initialized_, "Model::forward: parameters are not initialised; call "
                          "Model::initialize(seed) or load a model file first");
    require(input.shape().rank() >= 1 && input.dim(0) > 0,
            "Model::forward: expected a batch (B,...) with B >= 1, got " +
                input.shape().to_string());
    activations_.resize(layers_.size() + 1);
    ensure_shape(activations_[0], input.shape());
    std::copy(input.begin(), input.end(), activations_[0].begin());
    for (std::size_t i = 0; i < layers_.size(); ++i) {
        ensure_shape(activations_[i + 1], layers_[i]->output_shape(activations_[i].shape()));
        layers_[i]->forward(activations_[i], activations_[i + 1]);
    }
    has_forward_ = true;
    return activations_.back();
}

const Tensor& Model::backward(const Tensor& grad_output, Gradients what) {
    require(has_forward_, "Model::backward: call forward first (backward differentiates the "
                          "most recent forward call)");
    if (!(grad_output.shape() == activations_.back().shape()))
        throw Error("Model::backward: the output gradient has shape " +
                    grad_output.shape().to_string() + " but the last output has shape " +
                    activations_.back().shape().to_string());
    const bool parameter_grads = what != Gradients::input;
    const bool input_grad = what != Gradients::parameters;
    // Without an input gradient the walk stops at the first layer that has parameters.
    std::size_t first = 0;
    if (!input_grad)
        while (first < layers_.size() && layers_[first]->parameters().empty()) ++first;

    gradients_.resize(layers_.size() + 1);
    ensure_shape(gradients_.back(), grad_output.shape());
    std::copy(grad_output.begin(), grad_output.end(), gradients_.back().begin());
    for (std::size_t i = layers_.size(); i-- > first;) {
        Tensor* grad_in = nullptr;
        if (i > first || input_grad) {
            ensure_shape(gradients_[i], activations_[i].shape());
            grad_in = &gradients_[i];
        }
        layers_[i]->backward(activations_[i], activations_[i + 1], gradients_[i + 1], grad_in,
                             parameter_grads);
    }
    return input_grad ? gradients_[0] : empty_;
}

std::vector<Parameter*> Model::parameters() {
    std::vector<Parameter*> all;
    for (auto& layer : layers_)
        for (Parameter& p : layer->parameters()) all.push_back(&p);
    return all;
}

std::size_t Model::parameter_count() {
    std::size_t count = 0;
    for (Parameter* p : parameters()) count += p->value.size();
    return count;
}

void Model::zero_grad() {
    for (Parameter* p : parameters()) p->grad.fill(0.0f);
}

void Model::set_training(bool training) {
    training_ = training;
    for (auto& layer : layers_) layer->set_training(training);
}

Shape Model::output_shape(const Shape& input) const {
    Shape shape = input;
    for (const auto& layer : layers_) shape = layer->output_shape(shape);
    return shape;
}

std::string Model::summary(const Shape& input) const {
    std::string text = "input " + input.to_string() + "\n";
    Shape shape = input;
    std::size_t total = 0;
    for (const auto& layer : layers_) {
        shape = layer->output_shape(shape);
        std::size_t count = 0;
        for (const Parameter& p : layer->parameters()) count += p.value.size();
        total += count;
        text += "  " + layer->describe() + " -> " + shape.to_string() +
                (count > 0 ? ", " + std::to_string(count) + " parameters" : "") + "\n";
    }
    return text + "total " + std::to_string(total) + " parameters\n";
}

}  // namespace qmlr::nn
