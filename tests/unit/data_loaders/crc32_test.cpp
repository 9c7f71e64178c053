#include <doctest/doctest.h>

#include <string_view>

#include "data_loaders/crc32.hpp"

namespace {

std::uint32_t crc_of(std::string_view text) {
    return qmlr::data::crc32({reinterpret_cast<const std::uint8_t*>(text.data()), text.size()});
}

}  // namespace

TEST_CASE("CRC-32 matches the standard check values") {
    CHECK(crc_of("123456789") == 0xCBF43926u);
    CHECK(crc_of("") == 0x00000000u);
    CHECK(crc_of("a") == 0xE8B7BE43u);
    CHECK(crc_of("The quick brown fox jumps over the lazy dog") == 0x414FA339u);
    CHECK(crc_of("IEND") == 0xAE426082u);  // every PNG's last four bytes
}
