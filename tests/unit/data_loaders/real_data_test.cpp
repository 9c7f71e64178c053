// Checks on the real dataset files fetched by `make data` (the unit-test command fetches them
// first). QMLR_DATA_DIR points at the data folder; meson sets it to <project>/data.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "data_loaders/datasets.hpp"
#include "support/data_dir.hpp"

namespace {

std::vector<std::size_t> all(std::size_t per_class) { return std::vector<std::size_t>(10, per_class); }

}  // namespace

TEST_CASE("real MNIST: 60k/10k images 1x28x28 with the known class counts") {
    const auto train = qmlr::data::load_mnist(qmlr::test::data_dir(), "train");
    INFO(train.describe());
    CHECK(train.size() == 60000);
    CHECK(train.height == 28);
    CHECK(train.width == 28);
    CHECK(train.counts_per_class() ==
          std::vector<std::size_t>{5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949});
    CHECK(train.labels[0] == 5);  // the first training digit is a 5
    const auto test = qmlr::data::load_mnist(qmlr::test::data_dir(), "test");
    CHECK(test.counts_per_class() ==
          std::vector<std::size_t>{980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009});
}

TEST_CASE("real Fashion-MNIST: 6000 training and 1000 test images per class") {
    const auto train = qmlr::data::load_fashion_mnist(qmlr::test::data_dir(), "train");
    INFO(train.describe());
    CHECK(train.counts_per_class() == all(6000));
    CHECK(train.class_names[9] == "Ankle boot");
    CHECK(train.labels[0] == 9);  // the first training item is an ankle boot
    CHECK(qmlr::data::load_fashion_mnist(qmlr::test::data_dir(), "test").counts_per_class() == all(1000));
}

TEST_CASE("real CIFAR-10: 5000 training and 1000 test images per class, 3x32x32") {
    const auto train = qmlr::data::load_cifar10(qmlr::test::data_dir(), "train");
    INFO(train.describe());
    CHECK((train.name == "CIFAR-10" || train.name == "CIFAR-10 (JPEG q75 copy)"));
    CHECK(train.channels == 3);
    CHECK(train.height == 32);
    CHECK(train.counts_per_class() == all(5000));
    CHECK(qmlr::data::load_cifar10(qmlr::test::data_dir(), "test").counts_per_class() == all(1000));
    // Real photographs: pixel values span most of the byte range.
    const auto [lo, hi] = std::minmax_element(train.pixels.begin(), train.pixels.end());
    CHECK(*lo < 10);
    CHECK(*hi > 245);
}
