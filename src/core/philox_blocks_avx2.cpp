// The AVX2 Philox blocks (philox_blocks.hpp). This file is compiled with -mavx2 -mfma and uses
// intrinsics only, so no inline function compiled here can leak into portable code.
#include <immintrin.h>

#include "core/philox_blocks.hpp"

namespace qmlr::detail {

void philox_blocks4_avx2(std::array<std::uint32_t, 4> counter, std::array<std::uint32_t, 2> key,
                         std::uint32_t* out) {
    // Word w of the four blocks, one block per 64-bit lane (the upper halves stay zero).
    __m256i c0 = _mm256_add_epi64(_mm256_set1_epi64x(counter[0]), _mm256_set_epi64x(3, 2, 1, 0));
    __m256i c1 = _mm256_set1_epi64x(counter[1]);
    __m256i c2 = _mm256_set1_epi64x(counter[2]);
    __m256i c3 = _mm256_set1_epi64x(counter[3]);
    const __m256i m0 = _mm256_set1_epi64x(0xD2511F53u), m1 = _mm256_set1_epi64x(0xCD9E8D57u);
    const __m256i low = _mm256_set1_epi64x(0xFFFFFFFFu);
    std::uint32_t k0 = key[0], k1 = key[1];
    for (int round = 0; round < 10; ++round) {
        if (round > 0) {
            k0 += 0x9E3779B9u;
            k1 += 0xBB67AE85u;
        }
        const __m256i p0 = _mm256_mul_epu32(c0, m0), p1 = _mm256_mul_epu32(c2, m1);
        const __m256i next0 = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p1, 32), c1), _mm256_set1_epi64x(k0));
        const __m256i next2 = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p0, 32), c3), _mm256_set1_epi64x(k1));
        c1 = _mm256_and_si256(p1, low);
        c3 = _mm256_and_si256(p0, low);
        c0 = next0;
        c2 = next2;
    }
    alignas(32) std::uint64_t words[4][4];
    _mm256_store_si256(reinterpret_cast<__m256i*>(words[0]), c0);
    _mm256_store_si256(reinterpret_cast<__m256i*>(words[1]), c1);
    _mm256_store_si256(reinterpret_cast<__m256i*>(words[2]), c2);
    _mm256_store_si256(reinterpret_cast<__m256i*>(words[3]), c3);
    for (int b = 0; b < 4; ++b)
        for (int w = 0; w < 4; ++w) out[4 * b + w] = static_cast<std::uint32_t>(words[w][b]);
}

}  // namespace qmlr::detail
