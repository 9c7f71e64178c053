#include "experiments/qplr/teacher.hpp"

#include <numbers>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "nn/activations.hpp"
#include "nn/adam.hpp"
#include "nn/cross_entropy.hpp"
#include "nn/inference.hpp"
#include "nn/linear.hpp"
#include "nn/lr_schedule.hpp"
#include "nn/quantum_layer.hpp"
#include "nn/reshaping.hpp"
#include "quantum/builders.hpp"

namespace qmlr::qplr {

quantum::Circuit teacher_circuit(int layers) {
    require(layers >= 1, "the QPLR teacher needs at least one circuit layer, got " + std::to_string(layers));
    quantum::Circuit circuit(kTeacherQubits);
    quantum::append_angle_encoding(circuit, quantum::GateKind::ry, 0, std::numbers::pi);
    std::size_t next = 0;
    for (int l = 0; l < layers; ++l) next = quantum::append_ry_cz_ring_layer(circuit, next);
    return circuit;
}

TeacherNet make_teacher(int layers, std::uint64_t seed) {
    TeacherNet teacher;
    teacher.front.add<nn::Flatten>();
    teacher.front.add<nn::Linear>(28 * 28, kHiddenUnits);
    teacher.front.add<nn::ReLU>();
    teacher.front.add<nn::Linear>(kHiddenUnits, kTeacherQubits);
    teacher.front.add<nn::Sigmoid>();
    teacher.front.add<nn::QuantumLayer>(teacher_circuit(layers), quantum::Outputs::probabilities());
    const int outcomes = 1 << kTeacherQubits;
    teacher.post.add<nn::Linear>(outcomes, kHiddenUnits);
    teacher.post.add<nn::ReLU>();
    teacher.post.add<nn::Linear>(kHiddenUnits, 10);
    teacher.front.initialize(Rng(seed, "teacher-init", 0).next_u64());
    teacher.post.initialize(Rng(seed, "teacher-init", 1).next_u64());
    return teacher;
}

void train_teacher(TeacherNet& teacher, const Tensor& images, std::span<const int> labels,
                   const TeacherTraining& options, const std::function<void()>& on_batch) {
    const auto n = static_cast<std::size_t>(images.dim(0));
    require(n == labels.size() && n > 0, "train_teacher: " + std::to_string(n) + " images but " +
                                             std::to_string(labels.size()) + " labels");
    std::vector<nn::Parameter*> params = teacher.front.parameters();
    for (nn::Parameter* p : teacher.post.parameters()) params.push_back(p);
    nn::Adam adam(params, nn::AdamOptions{options.learning_rate});
    const nn::StepSchedule schedule{options.learning_rate, options.decay_after_epochs, 0.1};
    teacher.front.set_training(true);
    teacher.post.set_training(true);
    Tensor batch, grad_logits;
    std::vector<int> batch_labels;
    for (int epoch = 0; epoch < options.epochs; ++epoch) {
        adam.set_learning_rate(schedule.at(epoch));
        Rng shuffle(options.seed, "teacher-shuffle", static_cast<std::uint64_t>(epoch));
        const std::vector<std::size_t> order = random_permutation(n, shuffle);
        for (std::size_t first = 0; first < n; first += options.batch_size) {
            const std::span<const std::size_t> indices(order.data() + first,
                                                       std::min(options.batch_size, n - first));
            nn::gather_batch(images, indices, batch);
            batch_labels.resize(indices.size());
            for (std::size_t i = 0; i < indices.size(); ++i) batch_labels[i] = labels[indices[i]];
            const Tensor& probabilities = teacher.front.forward(batch);
            const Tensor& logits = teacher.post.forward(probabilities);
            nn::cross_entropy(logits, batch_labels, &grad_logits);
            adam.zero_grad();
            const Tensor& grad_probabilities = teacher.post.backward(grad_logits, nn::Gradients::both);
            teacher.front.backward(grad_probabilities, nn::Gradients::parameters);
            adam.step();
            if (on_batch) on_batch();
        }
    }
}

Tensor teacher_probabilities(TeacherNet& teacher, const Tensor& images) {
    teacher.front.set_training(false);
    return nn::predict(teacher.front, images, 512);
}

}  // namespace qmlr::qplr
