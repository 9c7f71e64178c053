#include "data_loaders/binary_file.hpp"

#include <fstream>

#include "core/error.hpp"

namespace qmlr::data {

std::string data_fix_hint() {
    return "Fix: run `make data` (or pass --data DIR pointing at a folder filled by it).";
}

std::vector<std::uint8_t> read_binary_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) throw Error(path.string() + ": no such file or not readable. " + data_fix_hint());
    const auto size = static_cast<std::size_t>(in.tellg());
    std::vector<std::uint8_t> bytes(size);
    in.seekg(0);
    if (size > 0 && !in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size)))
        throw Error(path.string() + ": read failed after " + std::to_string(in.gcount()) + " bytes");
    return bytes;
}

}  // namespace qmlr::data
