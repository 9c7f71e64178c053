#include "experiments/natural_quantization/network.hpp"

#include <numbers>

#include "core/error.hpp"
#include "experiments/natural_quantization/binary_activations.hpp"
#include "nn/linear.hpp"

namespace qmlr::natural_quantization {

Network build_network(const NetworkSpec& spec, std::uint64_t seed) {
    require(spec.depth >= 2, "the network needs at least 2 Linear layers (one hidden layer), got depth " +
                                 std::to_string(spec.depth));
    require(spec.width > 0 && spec.inputs > 0 && spec.classes > 0, "network sizes must be positive");
    Network network{nn::Model(), std::make_shared<NeuronRegister>(spec.width)};
    const int hidden_layers = spec.depth - 1;
    int features = spec.inputs;
    for (int k = 1; k <= hidden_layers; ++k) {
        network.model.add<nn::Linear>(features, spec.width, /*bias=*/false);
        features = spec.width;
        if (spec.activations == Activations::classical_sign) {
            network.model.add<SignLayer>(spec.width);
            continue;
        }
        NeuronSettings settings = spec.neurons;
        if (k == hidden_layers) settings.g = std::numbers::pi / 2;  // last hidden layer: projective
        network.model.add<QuantumNeuronLayer>(network.neurons, k, settings);
    }
    network.model.add<nn::Linear>(features, spec.classes, /*bias=*/false);
    network.model.initialize(seed, nn::InitScheme{nn::Init::normal_fan_in, nn::Init::zeros});
    return network;
}

}  // namespace qmlr::natural_quantization
