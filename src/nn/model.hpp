#pragma once
// A network: a sequence of layers with the activations and gradients they pass along.
//
//   nn::Model net;
//   net.add<nn::Conv2d>(1, 6, 5);  net.add<nn::ReLU>();  net.add<nn::MaxPool2d>(2);
//   ...
//   net.initialize(seed);                       // every parameter from (seed, "init", layer, j)
//   const Tensor& logits = net.forward(x);      // x (B,C,H,W)
//   net.backward(dlogits);                      // parameter gradients, accumulated
//   const Tensor& dx = net.backward(dlogits, nn::Gradients::input);  // dL/dx only
//
// Activations and gradient buffers are kept between calls and reallocated only when a shape
// changes, so a training loop allocates nothing per batch. backward differentiates the most
// recent forward call.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "nn/init.hpp"
#include "nn/layer.hpp"

namespace qmlr::nn {

enum class Gradients { parameters, input, both };

class Model {
public:
    Model() = default;
    Model(Model&&) = default;
    Model& operator=(Model&&) = default;

    template <class L, class... Args>
    L& add(Args&&... args) {
        auto layer = std::make_unique<L>(std::forward<Args>(args)...);
        L& ref = *layer;
        add(std::move(layer));
        return ref;
    }
    void add(std::unique_ptr<Layer> layer);

    std::size_t size() const { return layers_.size(); }
    Layer& layer(std::size_t index);
    const Layer& layer(std::size_t index) const;

    // Draws every parameter: layer i, parameter j from the stream (seed, "init", i, j) with the
    // scheme's initialiser for weights and biases; circuit angles U[0, 2π).
    void initialize(std::uint64_t seed, InitScheme scheme = {});
    bool initialized() const { return initialized_; }
    // Declares the parameters set by other means (a loaded file, a copy) as initialised.
    void mark_initialized() { initialized_ = true; }

    // input (B,...) -> output of the last layer; an Error before initialize().
    const Tensor& forward(const Tensor& input);
    // grad_output = dL/d(output of the last forward call). Adds parameter gradients into each
    // Parameter::grad (parameters, both) and returns dL/d(input) (input, both) or an empty
    // tensor (parameters).
    const Tensor& backward(const Tensor& grad_output, Gradients what = Gradients::parameters);

    std::vector<Parameter*> parameters();
    std::size_t parameter_count();
    void zero_grad();

    // Training mode (dropout active) is the default.
    void set_training(bool training);
    bool training() const { return training_; }

    Shape output_shape(const Shape& input) const;
    // One line per layer with its output shape and parameter count.
    std::string summary(const Shape& input) const;

private:
    std::vector<std::unique_ptr<Layer>> layers_;
    std::vector<Tensor> activations_;  // [0] = copy of the input, [i+1] = output of layer i
    std::vector<Tensor> gradients_;    // [i] = dL/d(activations_[i])
    Tensor empty_;
    bool training_ = true;
    bool initialized_ = false;
    bool has_forward_ = false;
};

}  // namespace qmlr::nn
