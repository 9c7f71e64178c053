#pragma once
// The binary-activation MLP of docs/natural_quantization.md §8.2: depth Linear layers without
// biases, width neurons per hidden layer, N(0, 1/fan_in) weights, logits from the last layer.
//   x (B,784) -> Linear -> act₁ -> Linear -> act₂ -> ... -> act_{depth−1} -> Linear -> logits (B,10)
// Quantum network: act_k is a QuantumNeuronLayer; hidden layers 1..depth−2 measure with
// strength g, the last hidden layer always projectively (g = π/2, §4.2). Model 1 is g = π/2
// everywhere. Classical network: every act_k is sgn.
#include <memory>
#include <string>

#include "experiments/natural_quantization/neuron_register.hpp"
#include "experiments/natural_quantization/quantum_neuron.hpp"
#include "nn/model.hpp"

namespace qmlr::natural_quantization {

enum class Activations { quantum, classical_sign };

struct NetworkSpec {
    Activations activations = Activations::quantum;
    NeuronSettings neurons;  // a, squash, update, and g for the weak layers
    int depth = 4;           // Linear layers (4: the authors' pre-submission script; 3: an option)
    int width = 512;
    int inputs = 784;
    int classes = 10;
};

struct Network {
    nn::Model model;
    std::shared_ptr<NeuronRegister> neurons;  // shared by the quantum layers; unused by sgn
};

// Builds and initialises (stream (seed, "init", layer, parameter), N(0, 1/fan_in)).
Network build_network(const NetworkSpec& spec, std::uint64_t seed);

}  // namespace qmlr::natural_quantization
