// A LeNet trained on 2,000 real MNIST images (200 per class) for a few epochs with Adam
// classifies at least 90% of 1,000 test images correctly. Seeded: the result is the same on
// every run and any thread count.
#include <doctest/doctest.h>

#include <filesystem>

#include "data_loaders/datasets.hpp"
#include "metrics/accuracy.hpp"
#include "nn/adam.hpp"
#include "nn/cross_entropy.hpp"
#include "nn/data_order.hpp"
#include "nn/inference.hpp"
#include "nn/lenet.hpp"
#include "support/data_dir.hpp"

TEST_CASE("LeNet on 2,000 MNIST images exceeds 90% accuracy on 1,000 test images") {
    using namespace qmlr;
    const data::Dataset train = data::load_mnist(qmlr::test::data_dir(), "train").subset_per_class(200, 0);
    const data::Dataset test_full = data::load_mnist(qmlr::test::data_dir(), "test");
    std::vector<std::size_t> first(1000);
    for (std::size_t i = 0; i < first.size(); ++i) first[i] = i;
    const data::Dataset test = test_full.select(first);
    const Tensor train_images = train.to_float(), test_images = test.to_float();

    nn::Model model = nn::make_lenet();
    model.initialize(1);
    nn::Adam adam(model.parameters(), {.learning_rate = 2e-3});
    constexpr std::size_t kBatch = 32, kEpochs = 8;
    Tensor grad, x;
    double last_loss = 0.0;
    for (std::size_t epoch = 0; epoch < kEpochs; ++epoch) {
        const auto order = nn::epoch_order(train.size(), 1, epoch);
        double loss_sum = 0.0;
        for (std::size_t begin = 0; begin < order.size(); begin += kBatch) {
            const std::span<const std::size_t> batch(order.data() + begin,
                                                     std::min(kBatch, order.size() - begin));
            adam.zero_grad();
            nn::gather_batch(train_images, batch, x);
            loss_sum += nn::cross_entropy(model.forward(x), nn::gather_labels(train, batch), &grad);
            model.backward(grad);
            adam.step();
        }
        last_loss = loss_sum / static_cast<double>((order.size() + kBatch - 1) / kBatch);
    }
    model.set_training(false);
    const double accuracy = metrics::accuracy(nn::predict(model, test_images), nn::all_labels(test));
    INFO("final training loss " << last_loss << ", test accuracy " << accuracy);
    CHECK(last_loss < 0.2);
    CHECK(accuracy > 0.90);
}
