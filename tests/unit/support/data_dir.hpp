#pragma once
// The folder of the fetched datasets for the real-data tests: QMLR_DATA_DIR (meson sets it to
// <project>/data), else ./data.
#include <cstdlib>
#include <filesystem>

namespace qmlr::test {

inline std::filesystem::path data_dir() {
    const char* env = std::getenv("QMLR_DATA_DIR");
    return env != nullptr ? env : "data";
}

}  // namespace qmlr::test
