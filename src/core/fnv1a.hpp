#pragma once
// 64-bit FNV-1a, the suite's one non-cryptographic fingerprint (run keys, data digests, model
// file checksums, RNG purpose names). constexpr, so names can be hashed at compile time.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace qmlr {

class Fnv1a64 {
public:
    constexpr Fnv1a64& add(std::string_view bytes) {
        for (char c : bytes) add_byte(static_cast<unsigned char>(c));
        return *this;
    }
    constexpr Fnv1a64& add(const std::uint8_t* bytes, std::size_t size) {
        for (std::size_t i = 0; i < size; ++i) add_byte(bytes[i]);
        return *this;
    }
    constexpr std::uint64_t value() const { return state_; }

private:
    constexpr void add_byte(std::uint8_t byte) {
        state_ ^= byte;
        state_ *= 0x100000001b3ULL;  // the FNV prime
    }
    std::uint64_t state_ = 0xcbf29ce484222325ULL;  // the FNV offset basis
};

constexpr std::uint64_t fnv1a64(std::string_view bytes) { return Fnv1a64().add(bytes).value(); }

}  // namespace qmlr
