#include <doctest/doctest.h>

#include "core/error.hpp"
#include "data_loaders/cifar_binary.hpp"
#include "data_loaders/datasets.hpp"
#include "support/fixtures.hpp"
#include "support/temp_dir.hpp"

using namespace qmlr::test;

namespace {

// A cifar-10-batches-bin folder with `per_batch` records in each of the six batch files.
void write_batches(const TempDir& dir, std::size_t per_batch) {
    for (const char* name : {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
                             "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"}) {
        std::vector<std::uint8_t> labels;
        for (std::size_t i = 0; i < per_batch; ++i) labels.push_back(static_cast<std::uint8_t>(i % 10));
        write_file(dir / "cifar10/cifar-10-batches-bin" / name, cifar_batch(labels));
    }
}

}  // namespace

TEST_CASE("CIFAR binary: five training batches, records kept as (3, 32, 32)") {
    TempDir dir;
    write_batches(dir, 4);
    const auto train = qmlr::data::load_cifar10(dir.path(), "train");
    CHECK(train.name == "CIFAR-10");
    CHECK(train.size() == 20);
    CHECK(train.channels == 3);
    CHECK(train.height == 32);
    CHECK(train.labels[5] == 1);
    // Record 2 of a batch: pixel byte j = (2 + j) % 256; byte 1024 is the first green value.
    CHECK(train.image(2)[0] == 2);
    CHECK(train.image(2)[1024] == (2 + 1024) % 256);
    CHECK(train.image(6)[0] == 2);  // record 2 of the second batch
    CHECK(qmlr::data::load_cifar10(dir.path(), "test").size() == 4);
    CHECK_THROWS_WITH_AS(qmlr::data::load_cifar10(dir.path(), "valid"),
                         doctest::Contains("splits 'train' and 'test'"), qmlr::Error);
}

TEST_CASE("CIFAR binary: truncated files, bad labels and missing batches are errors") {
    TempDir dir;
    write_batches(dir, 2);
    const auto batch = dir / "cifar10/cifar-10-batches-bin/test_batch.bin";
    SUBCASE("truncated") {
        write_file(batch, cifar_batch({1, 2}).substr(0, 6000));
        CHECK_THROWS_WITH_AS(qmlr::data::load_cifar10(dir.path(), "test"),
                             doctest::Contains("test_batch.bin: expected a whole number of 3073-byte CIFAR records, found 6000 bytes"),
                             qmlr::Error);
    }
    SUBCASE("label out of range") {
        write_file(batch, cifar_batch({1, 10}));
        CHECK_THROWS_WITH_AS(qmlr::data::load_cifar10(dir.path(), "test"),
                             doctest::Contains("record 1 (byte offset 3073) has label 10, expected 0..9"),
                             qmlr::Error);
    }
    SUBCASE("missing batch") {
        std::filesystem::remove(dir / "cifar10/cifar-10-batches-bin/data_batch_3.bin");
        CHECK_THROWS_WITH_AS(qmlr::data::load_cifar10(dir.path(), "train"),
                             doctest::Contains("data_batch_3.bin: no such file"), qmlr::Error);
    }
}

TEST_CASE("CIFAR-10 absent in both forms names both places and make data") {
    TempDir dir;
    CHECK_THROWS_WITH_AS(qmlr::data::load_cifar10(dir.path(), "train"),
                         doctest::Contains("make data"), qmlr::Error);
}
