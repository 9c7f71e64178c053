#include <doctest/doctest.h>

#include "core/error.hpp"
#include "data_loaders/dataset.hpp"

namespace {

// 30 one-pixel images: image i has pixel value i and label i % 3.
qmlr::data::Dataset toy() {
    qmlr::data::Dataset d{"Toy", "train", 1, 1, 1, {}, {}, {"a", "b", "c"}};
    for (int i = 0; i < 30; ++i) {
        d.pixels.push_back(static_cast<std::uint8_t>(i * 8));
        d.labels.push_back(static_cast<std::uint8_t>(i % 3));
    }
    return d;
}

}  // namespace

TEST_CASE("to_float scales to [0, 1] and keeps NCHW") {
    const auto d = toy();
    const auto all = d.to_float();
    CHECK(all.shape().to_string() == "(30,1,1,1)");
    CHECK(all[0] == 0.0f);
    CHECK(all[2] == doctest::Approx(16.0 / 255.0));
    const std::vector<std::size_t> picks = {29, 1};
    const auto some = d.to_float(picks);
    CHECK(some.dim(0) == 2);
    CHECK(some[0] == doctest::Approx(232.0 / 255.0));
    CHECK(some[1] == doctest::Approx(8.0 / 255.0));
    const std::vector<std::size_t> bad = {30};
    CHECK_THROWS_WITH_AS(d.to_float(bad), doctest::Contains("sample index 30 out of range (size 30)"),
                         qmlr::Error);
}

TEST_CASE("subset_per_class draws a seeded, ordered, balanced subset") {
    const auto d = toy();
    const auto s = d.subset_per_class(4, 7);
    CHECK(s.size() == 12);
    CHECK(s.counts_per_class() == std::vector<std::size_t>{4, 4, 4});
    for (std::size_t i = 1; i < s.size(); ++i) CHECK(s.pixels[i - 1] < s.pixels[i]);  // original order
    CHECK(d.subset_per_class(4, 7).pixels == s.pixels);    // same seed, same subset
    CHECK(d.subset_per_class(4, 8).pixels != s.pixels);    // another seed, another subset
    CHECK(d.subset_per_class(10, 1).size() == 30);
    CHECK_THROWS_WITH_AS(d.subset_per_class(11, 1),
                         "Toy train: asked for 11 samples of class 'a', it has only 10", qmlr::Error);
}

TEST_CASE("describe gives the size, shape and counts per class") {
    CHECK(toy().describe() == "Toy train: 30 images 1x1x1, 3 classes: a=10 b=10 c=10");
}
