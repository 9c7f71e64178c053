#include <doctest/doctest.h>

#include "core/error.hpp"
#include "data_loaders/idx.hpp"
#include "support/fixtures.hpp"
#include "support/temp_dir.hpp"

using namespace qmlr::test;

namespace {

const std::vector<std::string> kTwoClasses = {"zero", "one"};

qmlr::data::Dataset load(const TempDir& dir) {
    return qmlr::data::load_idx_dataset(dir / "images", dir / "labels", "Digits", "train", kTwoClasses);
}

}  // namespace

TEST_CASE("IDX: images and labels load as (N, 1, H, W) in file order") {
    TempDir dir;
    write_file(dir / "images", idx_images(3, 4, 5));
    write_file(dir / "labels", idx_labels({1, 0, 1}));
    const auto d = load(dir);
    CHECK(d.size() == 3);
    CHECK(d.channels == 1);
    CHECK(d.height == 4);
    CHECK(d.width == 5);
    CHECK(d.labels == std::vector<std::uint8_t>{1, 0, 1});
    CHECK(d.image(2)[0] == 14);      // i * 7
    CHECK(d.image(1)[1 * 5 + 3] == 7 + 5 + 3);
    CHECK(d.class_names == kTwoClasses);
}

TEST_CASE("IDX: every malformed input is an error naming the file") {
    TempDir dir;
    const std::string images = idx_images(3, 4, 5);
    write_file(dir / "labels", idx_labels({1, 0, 1}));

    SUBCASE("missing file") {
        CHECK_THROWS_WITH_AS(load(dir), doctest::Contains(((dir / "images").string() + ": no such file").c_str()),
                             qmlr::Error);
        CHECK_THROWS_WITH_AS(load(dir), doctest::Contains("make data"), qmlr::Error);
    }
    SUBCASE("wrong magic (a labels file given as images)") {
        write_file(dir / "images", idx_labels({1, 0, 1}));
        CHECK_THROWS_WITH_AS(load(dir), doctest::Contains("expected magic 0x00000803, found 0x00000801"),
                             qmlr::Error);
    }
    SUBCASE("truncated") {
        write_file(dir / "images", images.substr(0, images.size() - 1));
        CHECK_THROWS_WITH_AS(load(dir), doctest::Contains("the header promises 76 bytes, found 75 (truncated)"),
                             qmlr::Error);
    }
    SUBCASE("trailing data") {
        write_file(dir / "images", images + "x");
        CHECK_THROWS_WITH_AS(load(dir), doctest::Contains("(trailing data)"), qmlr::Error);
    }
    SUBCASE("shorter than a header") {
        write_file(dir / "images", "\x00\x00");
        CHECK_THROWS_WITH_AS(load(dir), doctest::Contains("not an IDX file"), qmlr::Error);
    }
    SUBCASE("image and label counts differ") {
        write_file(dir / "images", idx_images(2, 4, 5));
        CHECK_THROWS_WITH_AS(load(dir), doctest::Contains("holds 2 images but"), qmlr::Error);
    }
    SUBCASE("label outside the class range") {
        write_file(dir / "images", images);
        write_file(dir / "labels", idx_labels({1, 2, 1}));
        CHECK_THROWS_WITH_AS(load(dir), doctest::Contains("label 1 (byte offset 9) is 2, expected 0..1"),
                             qmlr::Error);
    }
}
