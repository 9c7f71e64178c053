#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include "core/error.hpp"
#include "core/philox_blocks.hpp"
#include "core/rng.hpp"
#include "core/simd_level.hpp"

using qmlr::Rng;

TEST_CASE("philox4x32-10 matches the Random123 known-answer vectors") {
    using A4 = std::array<std::uint32_t, 4>;
    CHECK(qmlr::philox4x32_10({0, 0, 0, 0}, {0, 0}) ==
          A4{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8});
    CHECK(qmlr::philox4x32_10({0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff},
                              {0xffffffff, 0xffffffff}) ==
          A4{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd});
    CHECK(qmlr::philox4x32_10({0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344},
                              {0xa4093822, 0x299f31d0}) ==
          A4{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1});
}

TEST_CASE("a stream is a pure function of its address") {
    Rng a(7, "noise", 3), b(7, "noise", 3);
    int differences = 0;
    for (int i = 0; i < 100; ++i) differences += a.next_u32() != b.next_u32();
    CHECK(differences == 0);

    // Changing any part of the address changes the stream.
    const std::uint32_t first = Rng(7, "noise", 3).next_u32();
    CHECK(Rng(8, "noise", 3).next_u32() != first);
    CHECK(Rng(7, "shuffle", 3).next_u32() != first);
    CHECK(Rng(7, "noise", 4).next_u32() != first);
    CHECK(Rng(7, "noise", 3, 1).next_u32() != first);
}

TEST_CASE("uniform draws lie in [0, 1) with mean 1/2 and variance 1/12") {
    Rng rng(1, "uniform-test");
    const int n = 200000;
    double sum = 0, sum_sq = 0;
    int outside = 0;
    for (int i = 0; i < n; ++i) {
        const double u = rng.uniform();
        outside += !(u >= 0.0 && u < 1.0);
        sum += u;
        sum_sq += u * u;
    }
    const double mean = sum / n, variance = sum_sq / n - mean * mean;
    CHECK(std::abs(mean - 0.5) < 4 * std::sqrt(1.0 / 12 / n));
    CHECK(std::abs(variance - 1.0 / 12) < 1e-3);
    CHECK(outside == 0);

    Rng rng_float(1, "uniform-float-test");
    int outside_float = 0;
    for (int i = 0; i < 10000; ++i) {
        const float u = rng_float.uniform_float();
        outside_float += !(u >= 0.0f && u < 1.0f);
    }
    CHECK(outside_float == 0);
}

TEST_CASE("the four-block Philox kernels give the words of philox4x32_10") {
    const std::array<std::uint32_t, 2> key = {0xA4093822u, 0x299F31D0u};
    for (const std::uint32_t first : {0u, 7u, 0xFFFFFFF0u}) {
        const std::array<std::uint32_t, 4> counter = {first, 5u, 0x12345678u, 0x9ABCDEF0u};
        std::vector<qmlr::detail::PhiloxBlocksKernel> kernels = {qmlr::detail::philox_blocks4_scalar};
        if constexpr (qmlr::kAvx2KernelsBuilt)
            if (qmlr::cpu_has_avx2_fma()) kernels.push_back(qmlr::detail::philox_blocks4_avx2);
        for (const auto kernel : kernels) {
            std::uint32_t words[16];
            kernel(counter, key, words);
            for (std::uint32_t b = 0; b < 4; ++b) {
                const auto expected = qmlr::philox4x32_10({first + b, counter[1], counter[2], counter[3]}, key);
                for (int w = 0; w < 4; ++w) REQUIRE(words[4 * b + w] == expected[w]);
            }
        }
    }
}

TEST_CASE("fill_uniform gives the numbers and stream position of repeated uniform()") {
    // Start at every word offset of a block (after 0-3 32-bit words) and fill odd and even lengths.
    for (int skip = 0; skip < 4; ++skip)
        for (std::size_t n : {0, 1, 2, 5, 64, 513}) {
            qmlr::Rng bulk(9, "fill", 3, 1), single(9, "fill", 3, 1);
            for (int w = 0; w < skip; ++w) {
                bulk.next_u32();
                single.next_u32();
            }
            std::vector<double> filled(n);
            bulk.fill_uniform(filled);
            for (std::size_t i = 0; i < n; ++i) REQUIRE(filled[i] == single.uniform());
            REQUIRE(bulk.next_u32() == single.next_u32());
        }
}

TEST_CASE("normal draws have mean 0, variance 1 and Gaussian tails") {
    Rng rng(2, "normal-test");
    const int n = 400000;
    double sum = 0, sum_sq = 0;
    int beyond_two_sigma = 0;
    for (int i = 0; i < n; ++i) {
        const double z = rng.normal();
        sum += z;
        sum_sq += z * z;
        beyond_two_sigma += std::abs(z) > 2.0;
    }
    CHECK(std::abs(sum / n) < 4.0 / std::sqrt(n));
    CHECK(std::abs(sum_sq / n - 1.0) < 4.0 * std::sqrt(2.0 / n));
    // P(|Z| > 2) = 0.0455; binomial standard error over n draws.
    const double p = 0.04550026, se = std::sqrt(p * (1 - p) / n);
    CHECK(std::abs(static_cast<double>(beyond_two_sigma) / n - p) < 4 * se);
}

TEST_CASE("below(n) is uniform over [0, n) and rejects n = 0") {
    Rng rng(3, "below-test");
    const int n = 7, draws = 70000;
    std::array<int, n> counts{};
    for (int i = 0; i < draws; ++i) {
        const auto k = rng.below(n);
        REQUIRE(k < static_cast<std::uint64_t>(n));  // guards the index below
        ++counts[k];
    }
    const double expected = double(draws) / n, sd = std::sqrt(expected * (1 - 1.0 / n));
    for (int c : counts) CHECK(std::abs(c - expected) < 4 * sd);
    CHECK_THROWS_AS(rng.below(0), qmlr::Error);
}

TEST_CASE("bernoulli follows p and rejects probabilities outside [0, 1]") {
    Rng rng(4, "bernoulli-test");
    int ones = 0;
    for (int i = 0; i < 100000; ++i) ones += rng.bernoulli(0.3);
    CHECK(std::abs(ones / 100000.0 - 0.3) < 4 * std::sqrt(0.3 * 0.7 / 100000));
    CHECK_THROWS_AS(rng.bernoulli(1.5), qmlr::Error);
    CHECK_THROWS_AS(rng.bernoulli(std::nan("")), qmlr::Error);
}

TEST_CASE("random_permutation is a permutation and depends on the stream") {
    Rng a(5, "perm"), b(6, "perm");
    const auto p = qmlr::random_permutation(1000, a);
    const auto q = qmlr::random_permutation(1000, b);
    CHECK(std::set<std::size_t>(p.begin(), p.end()).size() == 1000);
    CHECK(*std::max_element(p.begin(), p.end()) == 999);
    CHECK(p != q);
    // Each position is uniform: position 0 over 2000 shuffles of 4 items.
    std::array<int, 4> first{};
    for (int t = 0; t < 4000; ++t) {
        Rng rng(9, "perm-uniform", static_cast<std::uint64_t>(t));
        ++first[qmlr::random_permutation(4, rng)[0]];
    }
    for (int c : first) CHECK(std::abs(c - 1000) < 4 * std::sqrt(4000 * 0.25 * 0.75));
}

TEST_CASE("multinomial histograms: 10^6 shots within 4 sigma, zero-mass never drawn") {
    const std::vector<double> p = {0.1, 0.0, 0.25, 0.4, 0.25, 0.0};
    Rng rng(11, "shots");
    const std::uint64_t shots = 1000000;
    const auto counts = qmlr::multinomial(p, shots, rng);
    REQUIRE(counts.size() == p.size());
    CHECK(std::accumulate(counts.begin(), counts.end(), std::uint64_t{0}) == shots);
    for (std::size_t k = 0; k < p.size(); ++k) {
        const double expected = p[k] * shots, sd = std::sqrt(shots * p[k] * (1 - p[k]));
        if (p[k] == 0.0)
            CHECK(counts[k] == 0);
        else
            CHECK(std::abs(static_cast<double>(counts[k]) - expected) < 4 * sd);
    }
    Rng again(11, "shots");
    CHECK(qmlr::multinomial(p, shots, again) == counts);
}

TEST_CASE("multinomial rejects bad probability vectors") {
    Rng rng(0, "bad");
    CHECK_THROWS_AS(qmlr::multinomial(std::vector<double>{}, 10, rng), qmlr::Error);
    CHECK_THROWS_AS(qmlr::multinomial(std::vector<double>{0.5, -0.1}, 10, rng), qmlr::Error);
    CHECK_THROWS_AS(qmlr::multinomial(std::vector<double>{0.0, 0.0}, 10, rng), qmlr::Error);
    CHECK_THROWS_AS(qmlr::multinomial(std::vector<double>{std::nan(""), 1.0}, 10, rng),
                    qmlr::Error);
}
