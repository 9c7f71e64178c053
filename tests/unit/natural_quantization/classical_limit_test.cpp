// E1 and E5 of docs/natural_quantization.md §9.3 on the real data: the quantum network at a = 0 (g
// = π/2) is the sign network exactly, and the training data are the first 5,000 images of the MNIST
// file.
#include <doctest/doctest.h>

#include <cmath>

#include "data_loaders/datasets.hpp"
#include "experiments/natural_quantization/mnist_subset.hpp"
#include "experiments/natural_quantization/training.hpp"
#include "support/data_dir.hpp"

using namespace qmlr;
using namespace qmlr::natural_quantization;

TEST_CASE("E5: the training set is the first 5,000 images of the MNIST training file, in file order") {
    const FlatImages train = first_mnist_images(test::data_dir(), "train", 5000);
    const data::Dataset file = data::load_mnist(test::data_dir(), "train");
    const Tensor file_images = file.to_float();
    REQUIRE(train.images.shape() == Shape{5000, 784});
    for (std::size_t i : {std::size_t{0}, std::size_t{1234}, std::size_t{4999}}) {
        CHECK(train.labels[i] == file.labels[i]);
        for (std::size_t p = 0; p < 784; p += 97)
            CHECK(train.images.data()[i * 784 + p] == file_images.data()[i * 784 + p]);
    }
}

TEST_CASE("E1: Model 1 at a = 0 equals the sign network after one epoch: weights, logits, predictions") {
    const FlatImages train = first_mnist_images(test::data_dir(), "train", 5000);
    const FlatImages validation = first_mnist_images(test::data_dir(), "test", 10000);
    NetworkSpec sign_spec;
    sign_spec.activations = Activations::classical_sign;
    Network quantum = build_network(NetworkSpec{}, 3), sign = build_network(sign_spec, 3);
    TrainingPlan plan;
    plan.epochs = 1;
    plan.validate = false;
    train_and_validate(quantum, {train.images, train.labels}, {validation.images, validation.labels}, 3, plan);
    train_and_validate(sign, {train.images, train.labels}, {validation.images, validation.labels}, 3, plan);

    const auto qp = quantum.model.parameters(), sp = sign.model.parameters();
    REQUIRE(qp.size() == sp.size());
    for (std::size_t j = 0; j < qp.size(); ++j)
        CHECK(std::equal(qp[j]->value.data(), qp[j]->value.data() + qp[j]->value.size(), sp[j]->value.data()));

    // Logits of all 10,000 test images, and how many pre-activations were exactly 0 (where the
    // quantum neuron flips a fair coin and sgn gives 0, so bitwise equality needs none).
    std::vector<std::size_t> ids(10000);
    for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = i;
    quantum.neurons->begin_pass(PassAddress::evaluation(3, 0, 0), ids);
    const Tensor quantum_logits = quantum.model.forward(validation.images);
    const Tensor sign_logits = sign.model.forward(validation.images);
    std::size_t zero_pre_activations = 0;
    Tensor in = validation.images;
    for (std::size_t k = 0; k + 1 < sign.model.size(); k += 2) {
        Tensor h(sign.model.layer(k).output_shape(in.shape()));
        sign.model.layer(k).forward(in, h, {});
        for (std::size_t i = 0; i < h.size(); ++i) zero_pre_activations += h.data()[i] == 0.0f;
        Tensor s(h.shape());
        sign.model.layer(k + 1).forward(h, s, {});
        in = std::move(s);
    }
    MESSAGE("pre-activations exactly 0 on the test set: " << zero_pre_activations);
    REQUIRE(zero_pre_activations == 0);
    CHECK(std::equal(quantum_logits.data(), quantum_logits.data() + quantum_logits.size(), sign_logits.data()));
    std::size_t same_predictions = 0;
    for (std::size_t i = 0; i < 10000; ++i)
        same_predictions += argmax({quantum_logits.data() + i * 10, 10}) == argmax({sign_logits.data() + i * 10, 10});
    CHECK(same_predictions == 10000);
}
