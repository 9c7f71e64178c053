#include "experiments/qplr/soft_labels.hpp"

#include <algorithm>
#include <cstring>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "nn/inference.hpp"
#include "nn/softmax.hpp"

namespace qmlr::qplr {

void shot_frequencies(std::span<const float> p, int shots, Rng& rng, std::span<float> out) {
    require(shots > 0 && out.size() == p.size() && !p.empty(),
            "shot_frequencies: need shots > 0 and an output as long as the distribution");
    std::vector<double> cdf(p.size());
    double total = 0.0;
    std::size_t last_positive = 0;
    for (std::size_t b = 0; b < p.size(); ++b) {
        require(p[b] >= 0.0f, "shot_frequencies: probability " + std::to_string(b) + " is negative");
        total += p[b];
        cdf[b] = total;
        if (p[b] > 0.0f) last_positive = b;
    }
    require(total > 0.0, "shot_frequencies: the distribution has no positive entry");
    std::fill(out.begin(), out.end(), 0.0f);
    const float weight = 1.0f / static_cast<float>(shots);
    std::vector<int> counts(p.size(), 0);
    for (int k = 0; k < shots; ++k) {
        const double u = rng.uniform();
        const auto it = std::upper_bound(cdf.begin(), cdf.end(), u);  // first b with u < CDF_b
        ++counts[it == cdf.end() ? last_positive : static_cast<std::size_t>(it - cdf.begin())];
    }
    for (std::size_t b = 0; b < p.size(); ++b) out[b] = static_cast<float>(counts[b]) * weight;
}

Tensor soft_labels(TeacherNet& teacher, const Tensor& probabilities, const LabelOptions& options) {
    require(probabilities.shape().rank() == 2, "soft_labels: expected probabilities (N,1024), got " +
                                                   probabilities.shape().to_string());
    const auto n = static_cast<std::size_t>(probabilities.dim(0));
    const auto outcomes = static_cast<std::size_t>(probabilities.dim(1));
    teacher.post.set_training(false);
    Tensor labels(Shape{static_cast<std::int64_t>(n), 10});
    // Blocks bound the memory of the histograms (block × 1024 floats).
    constexpr std::size_t kBlock = 2048;
    for (std::size_t first = 0; first < n; first += kBlock) {
        const std::size_t count = std::min(kBlock, n - first);
        Tensor block = nn::slice_batch(probabilities, first, count);
        if (options.shots > 0) {
            const Tensor exact = block;
            parallel_for(count, 16, [&](std::size_t begin, std::size_t end) {
                for (std::size_t i = begin; i < end; ++i) {
                    Rng rng(options.seed, options.stream, first + i);
                    shot_frequencies(std::span(exact.sample(static_cast<std::int64_t>(i)), outcomes),
                                     options.shots, rng,
                                     std::span(block.sample(static_cast<std::int64_t>(i)), outcomes));
                }
            });
        }
        const Tensor q = nn::softmax(nn::predict(teacher.post, block, 512));
        std::copy(q.begin(), q.end(), labels.sample(static_cast<std::int64_t>(first)));
    }
    return labels;
}

std::vector<std::size_t> confident_subset(const Tensor& labels, double threshold) {
    require(labels.shape().rank() == 2, "confident_subset: expected labels (N,K), got " +
                                            labels.shape().to_string());
    const auto k = static_cast<std::size_t>(labels.dim(1));
    std::vector<std::size_t> subset;
    for (std::int64_t i = 0; i < labels.dim(0); ++i) {
        const float* row = labels.sample(i);
        if (*std::max_element(row, row + k) >= static_cast<float>(threshold)) subset.push_back(static_cast<std::size_t>(i));
    }
    return subset;
}

std::vector<std::uint8_t> encode_soft_labels(const SoftLabels& labels) {
    require(labels.shot.shape() == labels.exact.shape(), "encode_soft_labels: shot and exact labels differ in shape");
    std::vector<std::uint8_t> bytes(2 * labels.shot.size() * sizeof(float));
    std::memcpy(bytes.data(), labels.shot.data(), labels.shot.size() * sizeof(float));
    std::memcpy(bytes.data() + labels.shot.size() * sizeof(float), labels.exact.data(), labels.exact.size() * sizeof(float));
    return bytes;
}

SoftLabels decode_soft_labels(std::span<const std::uint8_t> bytes, std::int64_t images, const std::string& source) {
    SoftLabels labels{Tensor(Shape{images, 10}), Tensor(Shape{images, 10})};
    const std::size_t half = labels.shot.size() * sizeof(float);
    require(bytes.size() == 2 * half, source + ": expected " + std::to_string(2 * half) + " bytes of soft labels for " +
                                          std::to_string(images) + " training images, found " +
                                          std::to_string(bytes.size()));
    std::memcpy(labels.shot.data(), bytes.data(), half);
    std::memcpy(labels.exact.data(), bytes.data() + half, half);
    return labels;
}

}  // namespace qmlr::qplr
