#include <doctest/doctest.h>

#include "core/error.hpp"
#include "experiments/common/output_folder.hpp"
#include "support/temp_dir.hpp"

using qmlr::experiments::prepare_output_folder;
namespace fs = std::filesystem;

TEST_CASE("output folder: created when missing, and the write probe leaves nothing behind") {
    qmlr::test::TempDir dir;
    prepare_output_folder(dir / "results/paper");
    CHECK(fs::is_directory(dir / "results/paper"));
    CHECK(fs::is_empty(dir / "results/paper"));
    prepare_output_folder(dir / "results/paper");  // an existing folder is fine
}

// Permission bits do not stop root (CI runs the tests as root), a regular file on the path does.
TEST_CASE("output folder: one that cannot be created is an error naming it and the fix") {
    qmlr::test::TempDir dir;
    qmlr::test::write_file(dir / "file.txt", "not a folder");
    const fs::path below_file = dir / "file.txt/out";
    CHECK_THROWS_WITH_AS(prepare_output_folder(below_file),
                         doctest::Contains(("--out: cannot create the output folder " + below_file.string() + " (").c_str()),
                         qmlr::Error);
    CHECK_THROWS_WITH_AS(prepare_output_folder(below_file),
                         doctest::Contains("pass a folder you can write to with --out DIR"), qmlr::Error);
    CHECK_THROWS_WITH_AS(prepare_output_folder(dir / "file.txt"),
                         doctest::Contains(("--out: cannot use the output folder " + (dir / "file.txt").string() +
                                            " (it is a file, not a folder)").c_str()),
                         qmlr::Error);
}
