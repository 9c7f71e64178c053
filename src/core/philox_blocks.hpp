#pragma once
// Internal to core/: four consecutive Philox4x32-10 blocks at once, for bulk uniform draws.
//   blocks b = 0..3 use the counter (counter[0] + b, counter[1], counter[2], counter[3]) and
//   one key; out[4·b + w] = word w of block b (16 words). counter[0] + 3 must not wrap.
// The AVX2 version runs the four blocks in the 64-bit lanes of one register set (the 32×32→64
// multiplies of Philox map onto _mm256_mul_epu32) and gives the same words as the scalar one.
#include <array>
#include <cstdint>

namespace qmlr::detail {

using PhiloxBlocksKernel = void (*)(std::array<std::uint32_t, 4> counter,
                                    std::array<std::uint32_t, 2> key, std::uint32_t* out);

void philox_blocks4_scalar(std::array<std::uint32_t, 4> counter, std::array<std::uint32_t, 2> key,
                           std::uint32_t* out);
// Compiled with -mavx2 -mfma: call only when the CPU supports both.
void philox_blocks4_avx2(std::array<std::uint32_t, 4> counter, std::array<std::uint32_t, 2> key,
                         std::uint32_t* out);

// The version in use, chosen on first call (CPUID; QML_SIMD=scalar|avx2 forces one).
PhiloxBlocksKernel philox_blocks4_kernel();

}  // namespace qmlr::detail
