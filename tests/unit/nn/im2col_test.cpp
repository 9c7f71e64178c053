// Unfolding: panels equal the matching columns of the full im2col, and col2im is its adjoint
// (<im2col(x), Y> = <x, col2im(Y)>), with padding and strides.
#include <doctest/doctest.h>

#include <vector>

#include "core/rng.hpp"
#include "nn/im2col.hpp"

using qmlr::nn::ConvGeometry;

namespace {

std::vector<float> random_values(std::size_t n, std::uint64_t seed) {
    qmlr::Rng rng(seed, "im2col-test");
    std::vector<float> v(n);
    for (float& x : v) x = static_cast<float>(rng.uniform(-1.0, 1.0));
    return v;
}

ConvGeometry geometry(std::size_t c, std::size_t h, std::size_t w, std::size_t r, std::size_t s,
                      std::size_t p) {
    return {c, h, w, r, s, p, (h + 2 * p - r) / s + 1, (w + 2 * p - r) / s + 1};
}

}  // namespace

TEST_CASE("im2col: known values with zero padding") {
    const ConvGeometry g = geometry(1, 2, 2, 2, 1, 1);  // 3x3 output
    const std::vector<float> image = {1, 2, 3, 4};
    std::vector<float> col(g.col_rows() * g.col_cols());
    qmlr::nn::UnfoldPlan plan;
    plan.compute(g);
    qmlr::nn::im2col(g, plan, image.data(), col.data());
    // Row (ky, kx) = (0, 0) reads image[oy − 1][ox − 1].
    const std::vector<float> first = {0, 0, 0, 0, 1, 2, 0, 3, 4};
    CHECK(std::vector<float>(col.begin(), col.begin() + 9) == first);
    // Row (1, 1) reads image[oy][ox].
    const std::vector<float> last = {1, 2, 0, 3, 4, 0, 0, 0, 0};
    CHECK(std::vector<float>(col.begin() + 27, col.end()) == last);
}

TEST_CASE("im2col_panel matches im2col, col2im is its adjoint") {
    for (const ConvGeometry& g : {geometry(2, 7, 9, 3, 1, 1), geometry(3, 8, 8, 3, 2, 0),
                                  geometry(1, 12, 12, 5, 1, 2), geometry(2, 9, 7, 2, 3, 1)}) {
        const auto image = random_values(g.channels * g.height * g.width, 1);
        qmlr::nn::UnfoldPlan plan;
        plan.compute(g);
        std::vector<float> col(g.col_rows() * g.col_cols());
        qmlr::nn::im2col(g, plan, image.data(), col.data());
        std::vector<float> panel(g.col_rows() * qmlr::nn::kColPanel, 9.0f);
        for (std::size_t p0 = 0; p0 < g.col_cols(); p0 += qmlr::nn::kColPanel) {
            const std::size_t count = std::min(qmlr::nn::kColPanel, g.col_cols() - p0);
            qmlr::nn::im2col_panel(g, plan, image.data(), p0, count, panel.data());
            for (std::size_t r = 0; r < g.col_rows(); ++r)
                for (std::size_t j = 0; j < qmlr::nn::kColPanel; ++j)
                    REQUIRE(panel[r * 16 + j] == (j < count ? col[r * g.col_cols() + p0 + j] : 0.0f));
        }
        const auto weights = random_values(col.size(), 2);
        std::vector<float> folded(image.size(), 5.0f);  // overwritten, not added to
        qmlr::nn::col2im(g, plan, weights.data(), folded.data());
        double forward_dot = 0.0, adjoint_dot = 0.0;
        for (std::size_t i = 0; i < col.size(); ++i) forward_dot += static_cast<double>(col[i]) * weights[i];
        for (std::size_t i = 0; i < image.size(); ++i) adjoint_dot += static_cast<double>(image[i]) * folded[i];
        CHECK(forward_dot == doctest::Approx(adjoint_dot).epsilon(1e-5));  // float sums
    }
}
