#include <doctest/doctest.h>

#include <cstdlib>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "data_loaders/datasets.hpp"
#include "data_loaders/image_folder.hpp"
#include "support/fixtures.hpp"
#include "support/temp_dir.hpp"

using namespace qmlr::test;
namespace fs = std::filesystem;

namespace {

const qmlr::data::ImageFolderSpec kSpec{"Tiny", {"cat", "dog"}, 4, 3};  // 4 high, 3 wide

// <root>/train/{cat: b.png a.png, dog: c.png} with distinct patterns.
void write_tiny_folder(const TempDir& dir) {
    write_png(dir / "train/cat/b.png", 3, 4, rgb_pattern(3, 4, 20));
    write_png(dir / "train/cat/a.png", 3, 4, rgb_pattern(3, 4, 10));
    write_png(dir / "train/dog/c.png", 3, 4, rgb_pattern(3, 4, 30));
}

}  // namespace

TEST_CASE("image folder: classes in the given order, files sorted, pixels as (3, H, W)") {
    TempDir dir;
    write_tiny_folder(dir);
    write_file(dir / "train/.DS_Store", "ignored");
    const auto d = qmlr::data::load_image_folder(dir.path(), "train", kSpec);
    REQUIRE(d.size() == 3);
    CHECK(d.labels == std::vector<std::uint8_t>{0, 0, 1});
    CHECK(d.channels == 3);
    CHECK(d.height == 4);
    CHECK(d.width == 3);
    // a.png comes first (seed 10). Red plane = seed + y, green = seed + x, blue = seed + x + y.
    const std::uint8_t* a = d.image(0);
    CHECK(a[0 * 12 + 2 * 3 + 1] == 12);  // red at (y=2, x=1)
    CHECK(a[1 * 12 + 2 * 3 + 1] == 11);  // green
    CHECK(a[2 * 12 + 2 * 3 + 1] == 13);  // blue
    CHECK(d.image(1)[0] == 20);          // b.png
    CHECK(d.image(2)[0] == 30);          // dog/c.png
}

TEST_CASE("image folder: JPEG files decode close to their source") {
    TempDir dir;
    const auto rgb = rgb_pattern(3, 4, 100);
    write_jpg(dir / "train/cat/x.jpg", 3, 4, rgb);
    fs::create_directories(dir / "train/dog");
    const auto d = qmlr::data::load_image_folder(dir.path(), "train", kSpec);
    REQUIRE(d.size() == 1);
    int worst = 0;
    for (int p = 0; p < 12; ++p)
        for (int c = 0; c < 3; ++c)
            worst = std::max(worst, std::abs(int(d.image(0)[c * 12 + p]) - int(rgb[p * 3 + c])));
    CHECK(worst <= 12);  // lossy but the same picture
}

TEST_CASE("image folder: the result does not depend on the thread count") {
    TempDir dir;
    for (int i = 0; i < 600; ++i)
        write_png(dir / "train/cat" / (std::to_string(i) + ".png"), 3, 4, rgb_pattern(3, 4, i));
    fs::create_directories(dir / "train/dog");
    qmlr::set_thread_count(1);
    const auto one = qmlr::data::load_image_folder(dir.path(), "train", kSpec);
    qmlr::set_thread_count(2);
    const auto two = qmlr::data::load_image_folder(dir.path(), "train", kSpec);
    CHECK(one.pixels == two.pixels);
    // Sorted by name as bytes: "0.png", "1.png", "10.png", "100.png", ...
    CHECK(one.image(2)[0] == 10);
}

TEST_CASE("image folder: every bad layout or image is an error naming the file") {
    TempDir dir;
    write_tiny_folder(dir);
    SUBCASE("image of the wrong size") {
        write_png(dir / "train/dog/d.png", 4, 4, rgb_pattern(4, 4, 0));
        CHECK_THROWS_WITH_AS(qmlr::data::load_image_folder(dir.path(), "train", kSpec),
                             doctest::Contains("d.png: expected a 3x4 image, found 4x4"), qmlr::Error);
    }
    SUBCASE("unknown class folder") {
        fs::create_directories(dir / "train/bird");
        CHECK_THROWS_WITH_AS(qmlr::data::load_image_folder(dir.path(), "train", kSpec),
                             doctest::Contains("unknown class folder 'bird'; Tiny expects only the folders cat, dog"),
                             qmlr::Error);
    }
    SUBCASE("missing class folder") {
        fs::remove_all(dir / "train/dog");
        CHECK_THROWS_WITH_AS(qmlr::data::load_image_folder(dir.path(), "train", kSpec),
                             doctest::Contains("missing class folder 'dog'"), qmlr::Error);
    }
    SUBCASE("a file that is not an image") {
        write_file(dir / "train/cat/notes.txt", "hello");
        CHECK_THROWS_WITH_AS(qmlr::data::load_image_folder(dir.path(), "train", kSpec),
                             doctest::Contains("notes.txt: expected only .png/.jpg/.jpeg files"), qmlr::Error);
    }
    SUBCASE("a file that is neither PNG nor JPEG") {
        write_file(dir / "train/cat/a.png", "\x89PNG not really");
        CHECK_THROWS_WITH_AS(qmlr::data::load_image_folder(dir.path(), "train", kSpec),
                             doctest::Contains("a.png: not a PNG or JPEG file (expected the PNG signature "
                                               "89 50 4E 47 or the JPEG start marker FF D8, found 89 50 4E 47)"),
                             qmlr::Error);
    }
    SUBCASE("missing split") {
        CHECK_THROWS_WITH_AS(qmlr::data::load_image_folder(dir.path(), "test", kSpec),
                             doctest::Contains("test: no such folder"), qmlr::Error);
    }
}

TEST_CASE("image folder: corrupt or truncated files are named with their format and what is wrong") {
    TempDir dir;
    write_tiny_folder(dir);
    const auto load = [&] { return qmlr::data::load_image_folder(dir.path(), "train", kSpec); };
    const fs::path png = dir / "train/cat/a.png";
    const std::string png_bytes = read_file(png);
    const std::size_t idat = png_bytes.find("IDAT") - 4;  // the chunk starts with its length
    const std::string at_idat = "chunk 'IDAT' at byte " + std::to_string(idat);
    SUBCASE("a flipped byte in PNG data fails the chunk's CRC (stb_image would not notice)") {
        // The last data byte of IDAT, in zlib's Adler-32, which stb_image does not check either;
        // IDAT is followed by its CRC (4 bytes) and the 12-byte IEND chunk.
        std::string flipped = png_bytes;
        const std::size_t last_idat_byte = png_bytes.size() - 12 - 4 - 1;
        flipped[last_idat_byte] = static_cast<char>(flipped[last_idat_byte] ^ 0x01);
        write_file(png, flipped);
        CHECK_THROWS_WITH_AS(load(), doctest::Contains(("a.png: corrupt PNG: " + at_idat + " fails its CRC-32 check").c_str()),
                             qmlr::Error);
    }
    SUBCASE("a PNG cut inside a chunk") {
        write_file(png, png_bytes.substr(0, idat + 12));
        CHECK_THROWS_WITH_AS(load(), doctest::Contains(("a.png: corrupt PNG: " + at_idat + " needs").c_str()), qmlr::Error);
    }
    SUBCASE("a PNG cut before its IEND chunk") {
        write_file(png, png_bytes.substr(0, png_bytes.size() - 12));
        CHECK_THROWS_WITH_AS(load(), doctest::Contains("a.png: corrupt PNG: no IEND chunk before the end of the file"),
                             qmlr::Error);
    }
    const fs::path jpg = dir / "train/dog/x.jpg";
    write_jpg(jpg, 3, 4, rgb_pattern(3, 4, 100));
    const std::string jpg_bytes = read_file(jpg);
    SUBCASE("a truncated JPEG is reported as one, not as a bad PNG") {
        write_file(jpg, jpg_bytes.substr(0, jpg_bytes.size() / 2));
        CHECK_THROWS_WITH_AS(load(),
                             doctest::Contains("x.jpg: truncated or corrupt JPEG: it does not end with the "
                                               "end-of-image marker FF D9 (truncated). Replace the file"),
                             qmlr::Error);
    }
    SUBCASE("a JPEG with both markers but nothing decodable between them") {
        write_file(jpg, "\xFF\xD8\xFF\xD9");
        CHECK_THROWS_WITH_AS(load(), doctest::Contains("x.jpg: truncated or corrupt JPEG: cannot decode it ("),
                             qmlr::Error);
    }
    SUBCASE("intact files pass the checks") {
        CHECK(load().size() == 4);
    }
}

TEST_CASE("CINIC-10: the three-split layout loads from a generated fixture") {
    TempDir dir;
    CHECK_FALSE(qmlr::data::cinic10_available(dir.path()));
    CHECK_THROWS_WITH_AS(qmlr::data::load_cinic10(dir.path(), "train"),
                         doctest::Contains("make data CINIC10=path/to/CINIC-10.tar.gz"), qmlr::Error);
    const auto& classes = qmlr::data::cifar10_class_names();
    for (const char* split : {"train", "valid", "test"})
        for (std::size_t c = 0; c < classes.size(); ++c) {
            write_png(dir / "cinic10" / split / classes[c] / "cifar10-train-7.png", 32, 32,
                      rgb_pattern(32, 32, static_cast<int>(c)));
            write_png(dir / "cinic10" / split / classes[c] / "n01443537_12.png", 32, 32,
                      rgb_pattern(32, 32, static_cast<int>(c) + 50));
        }
    CHECK(qmlr::data::cinic10_available(dir.path()));
    for (const char* split : {"train", "valid", "test"}) {
        const auto d = qmlr::data::load_cinic10(dir.path(), split);
        CHECK(d.name == "CINIC-10");
        CHECK(d.size() == 20);
        CHECK(d.counts_per_class() == std::vector<std::size_t>(10, 2));
        CHECK(d.image(0)[0] == 0);      // airplane/cifar10-train-7.png sorts first
        CHECK(d.image(19)[0] == 9 + 50);  // truck/n01443537_12.png last
    }
    CHECK_THROWS_WITH_AS(qmlr::data::load_cinic10(dir.path(), "validation"),
                         doctest::Contains("splits 'train', 'valid' and 'test'"), qmlr::Error);
}
