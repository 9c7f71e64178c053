#include "core/rng.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "core/error.hpp"
#include "core/philox_blocks.hpp"

namespace qmlr {
namespace {

constexpr std::uint32_t kMultiplier0 = 0xD2511F53u;
constexpr std::uint32_t kMultiplier1 = 0xCD9E8D57u;
constexpr std::uint32_t kWeyl0 = 0x9E3779B9u;  // golden ratio
constexpr std::uint32_t kWeyl1 = 0xBB67AE85u;  // sqrt(3) - 1

std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

}  // namespace

std::array<std::uint32_t, 4> philox4x32_10(std::array<std::uint32_t, 4> c,
                                           std::array<std::uint32_t, 2> k) {
    for (int round = 0; round < 10; ++round) {
        if (round > 0) {
            k[0] += kWeyl0;
            k[1] += kWeyl1;
        }
        const std::uint64_t p0 = std::uint64_t{kMultiplier0} * c[0];
        const std::uint64_t p1 = std::uint64_t{kMultiplier1} * c[2];
        const auto hi0 = static_cast<std::uint32_t>(p0 >> 32), lo0 = static_cast<std::uint32_t>(p0);
        const auto hi1 = static_cast<std::uint32_t>(p1 >> 32), lo1 = static_cast<std::uint32_t>(p1);
        c = {hi1 ^ c[1] ^ k[0], lo1, hi0 ^ c[3] ^ k[1], lo0};
    }
    return c;
}

Rng::Rng(std::uint64_t seed, std::string_view purpose, std::uint64_t index,
         std::uint32_t subindex) {
    const std::uint64_t key = splitmix64(splitmix64(seed) ^ purpose_hash(purpose));
    key_ = {static_cast<std::uint32_t>(key), static_cast<std::uint32_t>(key >> 32)};
    counter_ = {0u, subindex, static_cast<std::uint32_t>(index),
                static_cast<std::uint32_t>(index >> 32)};
}

void Rng::refill() {
    block_ = philox4x32_10(counter_, key_);
    if (++counter_[0] == 0)
        throw Error("random stream exhausted after 2^34 words; split the work over more "
                    "stream indices");
    used_ = 0;
}

std::uint32_t Rng::next_u32() {
    if (used_ == 4) refill();
    return block_[used_++];
}

std::uint64_t Rng::next_u64() {
    const std::uint64_t hi = next_u32();
    return (hi << 32) | next_u32();
}

double Rng::uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

void Rng::fill_uniform(std::span<double> out) {
    std::size_t i = 0;
    // The current block's remainder (after an odd number of 32-bit words, every draw).
    while (i < out.size() && used_ != 4) out[i++] = uniform();
    // Whole blocks: words (w0, w1) and (w2, w3) make two 53-bit uniforms, as uniform() does;
    // four blocks at a time while the block counter cannot wrap, then one at a time.
    auto to_uniform = [](std::uint32_t hi, std::uint32_t lo) {
        return static_cast<double>(((std::uint64_t{hi} << 32) | lo) >> 11) * 0x1.0p-53;
    };
    const detail::PhiloxBlocksKernel blocks4 = detail::philox_blocks4_kernel();
    for (; i + 8 <= out.size() && counter_[0] < 0xFFFFFFFCu; i += 8) {
        std::uint32_t w[16];
        blocks4(counter_, key_, w);
        counter_[0] += 4;
        for (int j = 0; j < 8; ++j) out[i + j] = to_uniform(w[2 * j], w[2 * j + 1]);
    }
    for (; i + 2 <= out.size(); i += 2) {
        const std::array<std::uint32_t, 4> w = philox4x32_10(counter_, key_);
        if (++counter_[0] == 0)
            throw Error("random stream exhausted after 2^34 words; split the work over more "
                        "stream indices");
        out[i] = to_uniform(w[0], w[1]);
        out[i + 1] = to_uniform(w[2], w[3]);
    }
    if (i < out.size()) out[i] = uniform();  // an odd last one opens a block for later draws
}

float Rng::uniform_float() { return static_cast<float>(next_u32() >> 8) * 0x1.0p-24f; }

double Rng::uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

double Rng::normal() {
    if (has_spare_normal_) {
        has_spare_normal_ = false;
        return spare_normal_;
    }
    const double u1 = 1.0 - uniform();  // (0, 1]: log stays finite
    const double u2 = uniform();
    const double radius = std::sqrt(-2.0 * std::log(u1));
    const double angle = 2.0 * std::numbers::pi * u2;
    spare_normal_ = radius * std::sin(angle);
    has_spare_normal_ = true;
    return radius * std::cos(angle);
}

std::uint64_t Rng::below(std::uint64_t n) {
    if (n == 0) throw Error("Rng::below(n) needs n > 0, got 0");
    // Lemire, "Fast random integer generation in an interval" (2019).
    unsigned __int128 m = static_cast<unsigned __int128>(next_u64()) * n;
    auto low = static_cast<std::uint64_t>(m);
    if (low < n) {
        const std::uint64_t threshold = (0 - n) % n;
        while (low < threshold) {
            m = static_cast<unsigned __int128>(next_u64()) * n;
            low = static_cast<std::uint64_t>(m);
        }
    }
    return static_cast<std::uint64_t>(m >> 64);
}

bool Rng::bernoulli(double p) {
    if (!(p >= 0.0 && p <= 1.0))
        throw Error("Bernoulli probability must be in [0, 1], got " + std::to_string(p));
    return uniform() < p;
}

std::vector<std::size_t> random_permutation(std::size_t n, Rng& rng) {
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
    return order;
}

std::vector<std::uint64_t> multinomial(std::span<const double> probabilities,
                                       std::uint64_t shots, Rng& rng) {
    if (probabilities.empty()) throw Error("multinomial: expected at least one category, got 0");
    std::vector<double> cumulative(probabilities.size());
    double total = 0.0;
    for (std::size_t k = 0; k < probabilities.size(); ++k) {
        const double p = probabilities[k];
        if (!(p >= 0.0 && std::isfinite(p)))
            throw Error("multinomial: probability " + std::to_string(k) +
                        " must be finite and >= 0, got " + std::to_string(p));
        total += p;
        cumulative[k] = total;
    }
    if (!(total > 0.0)) throw Error("multinomial: probabilities sum to 0");

    // u * total can round up to exactly `total`; such a draw belongs to the last category
    // with non-zero mass (zero-mass categories are otherwise never chosen: their cumulative
    // value equals their predecessor's, so upper_bound skips them).
    std::size_t last_nonzero = probabilities.size() - 1;
    while (probabilities[last_nonzero] == 0.0) --last_nonzero;

    std::vector<std::uint64_t> counts(probabilities.size(), 0);
    for (std::uint64_t s = 0; s < shots; ++s) {
        const double u = rng.uniform() * total;
        const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), u);
        const auto k = it == cumulative.end() ? last_nonzero
                                              : static_cast<std::size_t>(it - cumulative.begin());
        ++counts[k];
    }
    return counts;
}

}  // namespace qmlr
