#pragma once
// The checks an image file passes before stb_image decodes it. stb_image skips PNG's chunk
// CRCs (and zlib's checksum), so a flipped byte could decode to wrong pixels without a word, and
// it decodes a truncated JPEG or reports it as "bad png sig" after trying the other format. So:
//   the format comes from the magic bytes: PNG signature 89 50 4E 47 0D 0A 1A 0A, JPEG SOI FF D8;
//   PNG: every chunk up to IEND is complete and its CRC-32 (over type and data) matches;
//   JPEG: the file ends with the EOI marker FF D9, else it is truncated.
// A failure is an Error naming the file, the format ("corrupt PNG", "truncated or corrupt
// JPEG"), the chunk or marker, and the fix.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

namespace qmlr::data {

enum class ImageFormat { png, jpeg };

// Returns the format of `bytes` (the contents of `file`) once the checks above pass.
ImageFormat check_image_integrity(const std::filesystem::path& file, std::span<const std::uint8_t> bytes);

// "corrupt PNG" or "truncated or corrupt JPEG": what a file of that format that fails to decode is.
std::string corrupt_image_name(ImageFormat format);

// "… Replace the file or fetch the dataset again." (ends every corrupt-image message)
std::string corrupt_image_fix();

}  // namespace qmlr::data
