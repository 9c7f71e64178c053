#include <doctest/doctest.h>

#include <cmath>

#include "core/parallel.hpp"
#include "experiments/quantum_patches/hybrid_model.hpp"
#include "experiments/quantum_patches/training.hpp"
#include "metrics/attack_success.hpp"
#include "nn/cross_entropy.hpp"
#include "nn/gradient_check.hpp"
#include "nn/inference.hpp"
#include "nn/quantum_layer.hpp"

using namespace qmlr;
using namespace qmlr::quantum_patches;

TEST_CASE("hybrid model: shapes and parameter count of docs/quantum_patches.md §7.3") {
    nn::Model cifar = make_hybrid_model(3, 32), mnist = make_hybrid_model(1, 28);
    CHECK(cifar.output_shape(Shape{2, 3, 32, 32}) == Shape{2, 10});
    CHECK(mnist.output_shape(Shape{2, 1, 28, 28}) == Shape{2, 10});
    auto* quantum = dynamic_cast<nn::QuantumLayer*>(&cifar.layer(kQuantumLayerIndex));
    REQUIRE(quantum != nullptr);
    CHECK(quantum->theta().value.size() == 32);
    // conv 3·16·9+16, conv 16·32·9+32, linear 2048·8+8, circuit 32, linear 8·10+10
    CHECK(cifar.parameter_count() == 448 + 4640 + 16392 + 32 + 90);
}

TEST_CASE("hybrid model: last-layer RZ angles get zero gradient (H2); all angles 0 give <Z> = 1 (H3)") {
    nn::Model model = make_hybrid_model(1, 8);
    model.initialize(2);
    auto& quantum = dynamic_cast<nn::QuantumLayer&>(model.layer(kQuantumLayerIndex));
    const Tensor input = test::uniform_images(Shape{4, 1, 8, 8}, 8);
    const std::vector<int> labels{0, 3, 5, 9};
    Tensor grad;
    nn::cross_entropy(model.forward(input), labels, &grad);
    model.zero_grad();
    model.backward(grad);
    double rz_last = 0, others = 0;
    for (std::size_t k = 0; k < 32; ++k) (k >= 24 ? rz_last : others) += std::abs(quantum.theta().grad[k]);
    CHECK(rz_last <= 1e-12);
    CHECK(others > 1e-6);

    // z = 0 and θ = β = 0: the state stays |0…0⟩.
    quantum.theta().value.fill(0.0f);
    Tensor zeros(Shape{2, 8}), out(Shape{2, 8});
    quantum.forward(zeros, out, {});
    for (float v : out) CHECK(std::abs(v - 1.0f) <= 1e-15);
}

TEST_CASE("attack success rates on the worked example of docs/quantum_patches.md §8.1 (A3)") {
    // 10 images: 6 correct when clean, 3 of those flip; 1 of the 4 wrong ones becomes correct.
    const std::vector<int> labels{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    const std::vector<int> clean{0, 1, 2, 3, 4, 5, 0, 0, 0, 0};
    const std::vector<int> adversarial{0, 1, 2, 9, 9, 9, 6, 0, 0, 0};
    const auto success = metrics::attack_success(clean, adversarial, labels);
    CHECK(success.asr == doctest::Approx(0.5));
    CHECK(success.adversarial_accuracy == doctest::Approx(0.4));
    CHECK(success.asr_all == doctest::Approx(0.6));
}

TEST_CASE("training conditions: deterministic streams and the clean first half of every batch") {
    CHECK(condition_id(Condition::quantum_patches) == "c_quantum_patches");
    int counts[4] = {0, 0, 0, 0};
    for (std::uint64_t image = 0; image < 4000; ++image) ++counts[patch_choice(1, image, 0)];
    for (int c : counts) CHECK(c > 900);
    CHECK(patch_choice(1, 17, 3) == patch_choice(1, 17, 3));
    std::vector<float> a(50, 0.5f), b(50, 0.5f);
    add_gaussian_augmentation(a.data(), 50, 0.1, 4, 7, 2);
    add_gaussian_augmentation(b.data(), 50, 0.1, 4, 7, 3);
    CHECK(a != b);  // a fresh draw each epoch

    // Same seed, 1 or 2 threads: bit-identical trained weights (D1) for a perturbed condition.
    const Tensor images = test::uniform_images(Shape{40, 1, 8, 8}, 3);
    std::vector<int> labels(40);
    for (std::size_t i = 0; i < 40; ++i) labels[i] = static_cast<int>(i % 10);
    const PatchMasks masks = compute_patch_masks(images, PatchFilter());
    std::vector<float> weights[2];
    for (int threads : {1, 2}) {
        set_thread_count(threads);
        nn::Model model = make_hybrid_model(1, 8);
        model.initialize(1);
        TrainingOptions options;
        options.condition = Condition::fgsm_training;
        options.epochs = 2;
        options.batch_size = 16;
        options.fgsm_epsilon = 0.1;
        train_hybrid(model, {images, labels, &masks}, options);
        for (nn::Parameter* p : model.parameters()) weights[threads - 1].insert(weights[threads - 1].end(), p->value.begin(), p->value.end());
    }
    set_thread_count(0);
    CHECK(weights[0] == weights[1]);
}

TEST_CASE("hybrid model: the quantum layer alone matches finite differences") {
    nn::Model model = make_hybrid_model(1, 8);
    model.initialize(11);
    Tensor z = test::random_tensor(Shape{3, 8}, 2);
    for (float& v : z) v = std::tanh(v);
    CHECK(test::check_layer_gradients(model.layer(kQuantumLayerIndex), z, 3) > 10);
}
