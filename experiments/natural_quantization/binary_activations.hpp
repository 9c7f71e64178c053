#pragma once
// The binary activations of the natural-quantization network, as network layers:
//   forward   in h (B,N) -> out s (B,N), s ∈ {−1, +1}
//   backward  dL/dh = dL/ds · 1[|h| < 1]   (the straight-through estimator of the authors' code,
//             docs/natural_quantization.md §5: the gradient ignores a, g, the angles and the
//             sampled randomness)
// QuantumNeuronLayer is hidden layer k of the quantum network: each neuron is rotated and
// measured (quantum_neuron.hpp) with the register and random stream of the current pass.
// SignLayer is the classical network's sgn(h) (sgn(0) = 0), deterministic.
#include <memory>
#include <string>

#include "experiments/natural_quantization/neuron_register.hpp"
#include "experiments/natural_quantization/quantum_neuron.hpp"
#include "nn/layer.hpp"

namespace qmlr::natural_quantization {

class QuantumNeuronLayer : public nn::Layer {
public:
    // `layer` is 1-based (it addresses the random stream); the register is shared by every
    // hidden layer of the network and must have begun a pass over the batch.
    QuantumNeuronLayer(std::shared_ptr<NeuronRegister> neurons, int layer, NeuronSettings settings);

    std::string describe() const override;
    Shape output_shape(const Shape& input) const override;
    void forward(const Tensor& in, Tensor& out, const nn::BatchSlice& slice) override;
    void backward(const Tensor& in, const Tensor& out, const Tensor& grad_out, Tensor* grad_in,
                  std::span<Tensor* const> param_grads, const nn::BatchSlice& slice) override;

    const NeuronSettings& settings() const { return settings_; }

private:
    std::shared_ptr<NeuronRegister> neurons_;
    int layer_;
    NeuronSettings settings_;
};

class SignLayer : public nn::Layer {
public:
    explicit SignLayer(int width) : width_(width) {}

    std::string describe() const override;
    Shape output_shape(const Shape& input) const override;
    void forward(const Tensor& in, Tensor& out, const nn::BatchSlice& slice) override;
    void backward(const Tensor& in, const Tensor& out, const Tensor& grad_out, Tensor* grad_in,
                  std::span<Tensor* const> param_grads, const nn::BatchSlice& slice) override;

private:
    int width_;
};

}  // namespace qmlr::natural_quantization
