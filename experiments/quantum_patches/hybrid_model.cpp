#include "experiments/quantum_patches/hybrid_model.hpp"

#include <numbers>

#include "nn/activations.hpp"
#include "nn/conv2d.hpp"
#include "nn/linear.hpp"
#include "nn/pooling.hpp"
#include "nn/quantum_layer.hpp"
#include "nn/reshaping.hpp"
#include "quantum/builders.hpp"

namespace qmlr::quantum_patches {

nn::Model make_hybrid_model(int channels, int image_size) {
    nn::Model model;
    model.add<nn::Conv2d>(channels, 16, 3, nn::Conv2dOptions{1, 1, true});
    model.add<nn::MaxPool2d>(2);
    model.add<nn::ReLU>();
    model.add<nn::Conv2d>(16, 32, 3, nn::Conv2dOptions{1, 1, true});
    model.add<nn::MaxPool2d>(2);
    model.add<nn::ReLU>();
    model.add<nn::Flatten>();
    const int side = image_size / 4;
    model.add<nn::Linear>(32 * side * side, kFeatureQubits);
    model.add<nn::Tanh>();

    quantum::Circuit circuit(kFeatureQubits);
    quantum::append_angle_encoding(circuit, quantum::GateKind::ry, 0, std::numbers::pi / 2);
    std::size_t parameter = 0;
    for (int layer = 0; layer < kCircuitLayers; ++layer)
        parameter = quantum::append_ry_rz_cnot_ring_layer(circuit, parameter);
    std::vector<int> qubits;
    for (int q = 0; q < kFeatureQubits; ++q) qubits.push_back(q);
    model.add<nn::QuantumLayer>(std::move(circuit), quantum::Outputs::expval_z(std::move(qubits)));
    model.add<nn::Linear>(kFeatureQubits, kClasses);
    return model;
}

}  // namespace qmlr::quantum_patches
