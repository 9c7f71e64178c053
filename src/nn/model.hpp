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
// Scheduling (Layer::placement): consecutive sample-chunk layers (convolutions, pooling, ...)
// form a segment that runs depth-first on slices of kSamplesPerChunk samples, slices on
// different threads, so each slice's activations stay in cache; whole-batch layers (Linear, the
// quantum layer) run on the full batch with their own parallelism. Parameter gradients of a
// sliced segment are summed per slice and the slices added in slice order: results are
// bit-identical for any thread count.
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

// Samples per slice of a sample-chunk segment (fixed: slices never depend on the thread count).
inline constexpr std::size_t kSamplesPerChunk = 8;

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
    // One slice of a sample-chunk segment: activations acts[k] (input of the segment's layer
    // k; acts[n] = its output), their gradients, and this slice's parameter gradients.
    struct Slice {
        std::vector<Tensor> acts, grads, param_grads;
        std::vector<Tensor*> param_grad_ptrs;  // &param_grads[j]
    };
    // Layers [begin, end); whole-batch segments keep full-batch intermediates in acts/grads.
    struct Segment {
        std::size_t begin = 0, end = 0;
        bool sliced = false;
        std::size_t first_param = 0, param_count = 0;  // range in all_params_
        std::vector<Tensor> acts, grads;
        std::vector<Tensor*> param_grad_ptrs;  // whole-batch: &Parameter::grad
        std::vector<Slice> slices;
    };

    void plan();
    void forward_segment(std::size_t s);
    // Layers below `first` are not visited; grad_in is computed for layer i when
    // input_grad || i > first.
    void backward_segment(std::size_t s, std::size_t first, bool input_grad, bool param_grads);

    std::vector<std::unique_ptr<Layer>> layers_;
    std::vector<Segment> segments_;
    std::vector<Parameter*> all_params_;
    std::vector<Tensor> values_;     // values_[s] = input of segment s, values_.back() = output
    std::vector<Tensor> gradients_;  // gradients_[s] = dL/d(values_[s])
    Tensor empty_;
    std::uint64_t training_passes_ = 0;
    BatchSlice last_pass_;
    bool training_ = true;
    bool initialized_ = false;
    bool has_forward_ = false;
};

}  // namespace qmlr::nn
