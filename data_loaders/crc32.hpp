#pragma once
// CRC-32 as PNG (and zip, gzip) use it: reflected polynomial 0xEDB88320, initial value and final
// XOR 0xFFFFFFFF. crc32("123456789") == 0xCBF43926.
#include <cstdint>
#include <span>

namespace qmlr::data {

std::uint32_t crc32(std::span<const std::uint8_t> bytes);

}  // namespace qmlr::data
