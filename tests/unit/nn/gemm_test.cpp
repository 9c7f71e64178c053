// The packed GEMM against a naive triple loop, for every transpose combination, edge sizes
// that leave partial 6×16 tiles and depths beyond one 256-deep block; both micro-kernels.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "core/parallel.hpp"
#include "core/rng.hpp"
#include "core/simd_level.hpp"
#include "nn/gemm.hpp"
#include "nn/simd_kernels.hpp"

namespace {

std::vector<float> random_values(std::size_t n, std::uint64_t seed) {
    qmlr::Rng rng(seed, "gemm-test");
    std::vector<float> v(n);
    for (float& x : v) x = static_cast<float>(rng.uniform(-1.0, 1.0));
    return v;
}

void check_gemm(std::size_t m, std::size_t n, std::size_t k, bool ta, bool tb, bool accumulate) {
    const std::size_t lda = (ta ? m : k) + 3, ldb = (tb ? k : n) + 1, ldc = n + 2;
    const auto a = random_values((ta ? k : m) * lda, 1);
    const auto b = random_values((tb ? n : k) * ldb, 2);
    auto c = random_values(m * ldc, 3);
    std::vector<double> expected(m * ldc);
    for (std::size_t i = 0; i < m; ++i)
        for (std::size_t j = 0; j < n; ++j) {
            double sum = accumulate ? c[i * ldc + j] : 0.0;
            for (std::size_t p = 0; p < k; ++p)
                sum += static_cast<double>(ta ? a[p * lda + i] : a[i * lda + p]) *
                       (tb ? b[j * ldb + p] : b[p * ldb + j]);
            expected[i * ldc + j] = sum;
        }
    const float pad = c[n];  // an element past the row, which must stay untouched
    qmlr::nn::gemm(m, n, k, {a.data(), lda, ta}, {b.data(), ldb, tb}, c.data(), ldc, accumulate);
    for (std::size_t i = 0; i < m; ++i)
        for (std::size_t j = 0; j < n; ++j) {
            INFO("m " << m << " n " << n << " k " << k << " ta " << ta << " tb " << tb << " at ("
                      << i << "," << j << ")");
            REQUIRE(std::abs(c[i * ldc + j] - expected[i * ldc + j]) <= 1e-4 * (1.0 + std::sqrt(k)));
        }
    CHECK(c[n] == pad);
}

}  // namespace

TEST_CASE("gemm matches a naive product for all transposes and edge sizes") {
    for (bool ta : {false, true})
        for (bool tb : {false, true})
            for (bool accumulate : {false, true}) {
                check_gemm(1, 1, 1, ta, tb, accumulate);
                check_gemm(7, 17, 5, ta, tb, accumulate);
                check_gemm(6, 16, 300, ta, tb, accumulate);   // two depth blocks
                check_gemm(13, 35, 25, ta, tb, accumulate);
            }
    check_gemm(64, 120, 256, false, true, false);  // LeNet fc1 forward, large enough to split
    // A·Bᵀ on both sides of the packed route's threshold (A of 131072 elements, at least 6 rows
    // and 16 columns), with edge tiles.
    check_gemm(256, 40, 512, false, true, true);    // dot: A holds exactly 131072
    check_gemm(257, 40, 512, false, true, true);    // packed
    check_gemm(250, 530, 600, false, true, false);  // packed, the evaluation blocks' shape class
    check_gemm(5, 40, 30000, false, true, false);   // dot: fewer rows than one tile
    check_gemm(250, 15, 600, false, true, false);   // dot: fewer columns than one panel
    check_gemm(150, 1100, 16, true, false, true);   // more columns than one column block
}

TEST_CASE("gemm with k = 0 clears C or leaves it") {
    std::vector<float> c(6, 5.0f);
    qmlr::nn::gemm(2, 3, 0, {nullptr, 0}, {nullptr, 0}, c.data(), 3, true);
    CHECK(c[4] == 5.0f);
    qmlr::nn::gemm(2, 3, 0, {nullptr, 0}, {nullptr, 0}, c.data(), 3, false);
    CHECK(c[4] == 0.0f);
}

TEST_CASE("gemm gives identical bits on 1 and 2 threads") {
    const auto a = random_values(480 * 300, 4), b = random_values(300 * 200, 5);
    std::vector<float> one(480 * 200), two(480 * 200);
    const int saved = qmlr::thread_count();
    for (bool tb : {false, true}) {  // B as 300×200, or as 200×300 read transposed (A·Bᵀ, packed)
        const std::size_t ldb = tb ? 300 : 200;
        qmlr::set_thread_count(1);
        qmlr::nn::gemm(480, 200, 300, {a.data(), 300}, {b.data(), ldb, tb}, one.data(), 200, false);
        qmlr::set_thread_count(2);
        qmlr::nn::gemm(480, 200, 300, {a.data(), 300}, {b.data(), ldb, tb}, two.data(), 200, false);
        CHECK(one == two);
    }
    qmlr::set_thread_count(saved);
}

TEST_CASE("micro-kernels: scalar and AVX2 agree on full and edge tiles") {
    using namespace qmlr::nn::detail;
    const std::size_t k = 37;
    const auto a = random_values(k * kGemmRows, 6), b = random_values(k * kGemmCols, 7);
    std::vector<float> scalar(kGemmRows * 20, 1.0f);
    broadcast_kernel_scalar(k, a.data(), b.data(), scalar.data(), 20, true, 6, 16);
    for (std::size_t r = 0; r < kGemmRows; ++r)
        for (std::size_t j = 0; j < kGemmCols; ++j) {
            double sum = 1.0;
            for (std::size_t p = 0; p < k; ++p) sum += static_cast<double>(a[p * 6 + r]) * b[p * 16 + j];
            REQUIRE(std::abs(scalar[r * 20 + j] - sum) < 1e-4);
        }
    CHECK(scalar[16] == 1.0f);  // outside the tile
    // Dot kernel: rows of A (3×k) against rows of B (4×k), k = 37 leaves a 5-wide tail. The
    // kernel reads kDotRows A and kDotCols B row pointers whatever m_valid and n_valid are, so an
    // edge tile repeats a valid row in the unused slots.
    static_assert(kDotRows == 3 && kDotCols == 4, "the row-pointer arrays below list every slot");
    std::vector<float> dot_scalar(kDotRows * 5, 1.0f);
    const float* a_rows[kDotRows] = {a.data(), a.data() + k, a.data() + 2 * k};
    const float* a_edge[kDotRows] = {a_rows[0], a_rows[0], a_rows[0]};
    const float* b_rows[kDotCols] = {b.data(), b.data() + k, b.data() + 2 * k, b.data() + 3 * k};
    const float* b_edge[kDotCols] = {b_rows[0], b_rows[1], b_rows[2], b_rows[2]};
    dot_kernel_scalar(1, k, a_rows, 0, b_rows, 0, dot_scalar.data(), 5, true, kDotRows, kDotCols);
    for (std::size_t i = 0; i < kDotRows; ++i)
        for (std::size_t j = 0; j < kDotCols; ++j) {
            double sum = 1.0;
            for (std::size_t p = 0; p < k; ++p) sum += static_cast<double>(a[i * k + p]) * b[j * k + p];
            REQUIRE(std::abs(dot_scalar[i * 5 + j] - sum) < 1e-4);
        }
    if constexpr (qmlr::kAvx2KernelsBuilt) {  // else this build has no AVX2 kernels
        if (!qmlr::cpu_has_avx2_fma()) return;  // nothing to compare on this CPU
        std::vector<float> vector_full(kGemmRows * 20, 1.0f), vector_edge(kGemmRows * 20, 1.0f);
        broadcast_kernel_avx2(k, a.data(), b.data(), vector_full.data(), 20, true, 6, 16);
        broadcast_kernel_avx2(k, a.data(), b.data(), vector_edge.data(), 20, false, 4, 9);
        for (std::size_t r = 0; r < kGemmRows; ++r)
            for (std::size_t j = 0; j < kGemmCols; ++j) {
                CHECK(std::abs(vector_full[r * 20 + j] - scalar[r * 20 + j]) < 1e-4);
                if (r < 4 && j < 9) CHECK(std::abs(vector_edge[r * 20 + j] + 1.0f - scalar[r * 20 + j]) < 1e-4);
                else CHECK(vector_edge[r * 20 + j] == 1.0f);
            }
        std::vector<float> dot_vector(kDotRows * 5, 1.0f), dot_edge(kDotRows * 5, 1.0f);
        dot_kernel_avx2(1, k, a_rows, 0, b_rows, 0, dot_vector.data(), 5, true, kDotRows, kDotCols);
        dot_kernel_avx2(1, k, a_edge, 0, b_edge, 0, dot_edge.data(), 5, false, 1, 3);
        for (std::size_t i = 0; i < kDotRows; ++i)
            for (std::size_t j = 0; j < 5; ++j) {
                if (j < kDotCols) CHECK(std::abs(dot_vector[i * 5 + j] - dot_scalar[i * 5 + j]) < 1e-4);
                if (i < 1 && j < 3) CHECK(std::abs(dot_edge[i * 5 + j] + 1.0f - dot_scalar[i * 5 + j]) < 1e-4);
                else CHECK(dot_edge[i * 5 + j] == 1.0f);
            }
    }
}

TEST_CASE("gemm_segmented_dot: strided rows read in pieces") {
    // A rows of 3 segments × 5 values with a step of 7; B rows at arbitrary offsets, step 11.
    const auto a = random_values(4 * 30, 10), b = random_values(200, 11);
    const std::vector<std::ptrdiff_t> offsets = {0, 13, 40, 2, 77};
    std::vector<float> c(4 * 6, 1.0f);
    qmlr::nn::gemm_segmented_dot(4, 5, 3, 5, a.data(), 30, 7, b.data(), offsets.data(), 11,
                                 c.data(), 6, true);
    for (std::size_t i = 0; i < 4; ++i) {
        for (std::size_t j = 0; j < 5; ++j) {
            double sum = 1.0;
            for (std::size_t s = 0; s < 3; ++s)
                for (std::size_t t = 0; t < 5; ++t)
                    sum += static_cast<double>(a[i * 30 + s * 7 + t]) *
                           b[static_cast<std::size_t>(offsets[j]) + s * 11 + t];
            CHECK(std::abs(c[i * 6 + j] - sum) < 1e-4);
        }
        CHECK(c[i * 6 + 5] == 1.0f);
    }
}

TEST_CASE("gemm_lhs_panel: packed left operand times 16-column panels") {
    const std::size_t m = 13, k = 29;
    const auto a = random_values(k * m, 8), panel = random_values(k * 16, 9);
    for (bool transposed : {false, true}) {
        std::vector<float> packed(qmlr::nn::packed_lhs_size(m, k));
        qmlr::nn::pack_lhs({a.data(), transposed ? m : k, transposed}, m, k, packed.data());
        std::vector<float> c(m * 12, 7.0f);
        qmlr::nn::gemm_lhs_panel(m, k, packed.data(), panel.data(), 11, c.data(), 12, false);
        for (std::size_t i = 0; i < m; ++i) {
            for (std::size_t j = 0; j < 11; ++j) {
                double sum = 0.0;
                for (std::size_t p = 0; p < k; ++p)
                    sum += static_cast<double>(transposed ? a[p * m + i] : a[i * k + p]) * panel[p * 16 + j];
                REQUIRE(std::abs(c[i * 12 + j] - sum) < 1e-4);
            }
            CHECK(c[i * 12 + 11] == 7.0f);
        }
    }
}
