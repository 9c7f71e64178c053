#pragma once
// Whole-file reads for the loaders, with the error every loader gives for a missing file.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace qmlr::data {

// The file's bytes; a missing or unreadable file is an Error naming it and the fix (make data).
std::vector<std::uint8_t> read_binary_file(const std::filesystem::path& path);

// "… Fix: run `make data` (or pass --data DIR pointing at a folder filled by it)."
std::string data_fix_hint();

}  // namespace qmlr::data
