#pragma once
// Counter-based random numbers: Philox4x32-10 (Salmon et al., SC'11) with our own uniform,
// normal, integer and multinomial draws. No std::*_distribution: their output differs across
// standard libraries.
//
// A stream is addressed by (seed, purpose, index, subindex), e.g. (seed, "shuffle", epoch) or
// (seed, "noise", sample). Every number is a pure function of that address and its position
// in the stream, so results do not depend on which thread draws them or in what order streams
// are opened.
#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/fnv1a.hpp"

namespace qmlr {

// One Philox4x32 block with 10 rounds: the raw bijection, exposed for known-answer tests.
std::array<std::uint32_t, 4> philox4x32_10(std::array<std::uint32_t, 4> counter,
                                           std::array<std::uint32_t, 2> key);

// 64-bit FNV-1a of a purpose name; constexpr so call sites may hash at compile time.
constexpr std::uint64_t purpose_hash(std::string_view purpose) { return fnv1a64(purpose); }

class Rng {
public:
    // Key = mix(seed, purpose); counter = (block, subindex, index lo, index hi). One stream
    // yields 2^34 32-bit words before it is exhausted (an Error).
    Rng(std::uint64_t seed, std::string_view purpose, std::uint64_t index = 0,
        std::uint32_t subindex = 0);

    std::uint32_t next_u32();
    std::uint64_t next_u64();

    // Uniform in [0, 1): 53 random bits (double) or 24 random bits (float).
    double uniform();
    float uniform_float();
    // out.size() uniforms in [0, 1): the numbers, and the stream position after, of as many
    // uniform() calls, with the per-call bookkeeping hoisted out of the loop over whole blocks.
    void fill_uniform(std::span<double> out);
    // Uniform in [lo, hi).
    double uniform(double lo, double hi);
    // Standard normal by the Box–Muller transform; values come in pairs, the second is cached.
    double normal();
    // Uniform integer in [0, n), unbiased (Lemire's multiply-and-reject); n must be > 0.
    std::uint64_t below(std::uint64_t n);
    // True with probability p (p in [0, 1]).
    bool bernoulli(double p);

private:
    void refill();

    std::array<std::uint32_t, 2> key_;
    std::array<std::uint32_t, 4> counter_;
    std::array<std::uint32_t, 4> block_{};
    int used_ = 4;  // words of block_ already handed out
    bool has_spare_normal_ = false;
    double spare_normal_ = 0.0;
};

// A uniformly random permutation of 0..n-1 (Fisher–Yates driven by `rng`).
std::vector<std::size_t> random_permutation(std::size_t n, Rng& rng);

// Histogram of `shots` independent draws from the categorical distribution `probabilities`
// (non-negative, finite, positive total; normalised internally so a sum of 1 ± rounding is
// fine). Returns one count per category; the counts add up to `shots`.
std::vector<std::uint64_t> multinomial(std::span<const double> probabilities,
                                       std::uint64_t shots, Rng& rng);

}  // namespace qmlr
