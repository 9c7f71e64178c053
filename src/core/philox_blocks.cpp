#include "core/philox_blocks.hpp"

#include "core/rng.hpp"
#include "core/simd_level.hpp"

namespace qmlr::detail {

void philox_blocks4_scalar(std::array<std::uint32_t, 4> counter, std::array<std::uint32_t, 2> key,
                           std::uint32_t* out) {
    for (std::uint32_t b = 0; b < 4; ++b) {
        const std::array<std::uint32_t, 4> words =
            philox4x32_10({counter[0] + b, counter[1], counter[2], counter[3]}, key);
        for (int w = 0; w < 4; ++w) out[4 * b + w] = words[w];
    }
}

namespace {

PhiloxBlocksKernel choose_philox_blocks4_kernel() {
    if constexpr (kAvx2KernelsBuilt)
        if (simd_level_from_environment() == SimdLevel::avx2) return philox_blocks4_avx2;
    return philox_blocks4_scalar;
}

}  // namespace

PhiloxBlocksKernel philox_blocks4_kernel() {
    static const PhiloxBlocksKernel kernel = choose_philox_blocks4_kernel();
    return kernel;
}

}  // namespace qmlr::detail
