#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "data_loaders/content_digest.hpp"
#include "support/data_dir.hpp"
#include "support/temp_dir.hpp"

using namespace qmlr;

TEST_CASE("content digest: fixed for the same bytes, new for any edited byte or another split") {
    test::TempDir dir;
    const auto copy = dir / "mnist";
    std::filesystem::create_directories(copy);
    for (const char* file : {"t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"})
        std::filesystem::copy_file(test::data_dir() / "mnist" / file, copy / file);
    const std::string original = data::content_digest(dir.path(), "mnist", "test");
    CHECK(original.size() == 16);
    CHECK(original == data::content_digest(test::data_dir(), "mnist", "test"));
    CHECK(original != data::content_digest(test::data_dir(), "mnist", "train"));
    {
        // Invert one pixel (the first image's first byte after the 16-byte header).
        std::fstream file(copy / "t10k-images-idx3-ubyte", std::ios::in | std::ios::out | std::ios::binary);
        file.seekg(16);
        char byte = 0;
        file.read(&byte, 1);
        byte = static_cast<char>(255 - static_cast<unsigned char>(byte));
        file.seekp(16);
        file.write(&byte, 1);
    }
    CHECK(data::content_digest(dir.path(), "mnist", "test") != original);
    CHECK_THROWS_WITH_AS(data::content_digest(dir.path(), "mnist", "train"),
                         doctest::Contains("train-images-idx3-ubyte"), Error);
    CHECK_THROWS_WITH_AS(data::content_digest(dir.path(), "imagenet", "test"), doctest::Contains("no content digest"),
                         Error);
}
