#include "nn/cross_entropy.hpp"

#include <cmath>
#include <string>

#include "core/error.hpp"
#include "nn/softmax.hpp"

namespace qmlr::nn {
namespace {

void check_labels(const Tensor& logits, std::span<const int> labels) {
    require_logits(logits, "cross_entropy");
    const std::int64_t batch = logits.dim(0), classes = logits.dim(1);
    if (static_cast<std::int64_t>(labels.size()) != batch)
        throw Error("cross_entropy: logits " + logits.shape().to_string() + " need " +
                    std::to_string(batch) + " labels, got " + std::to_string(labels.size()));
    for (std::size_t n = 0; n < labels.size(); ++n)
        if (labels[n] < 0 || labels[n] >= classes)
            throw Error("cross_entropy: label " + std::to_string(n) + " is " +
                        std::to_string(labels[n]) + ", expected a class in [0, " +
                        std::to_string(classes) + ")");
}

}  // namespace

double cross_entropy(const Tensor& logits, std::span<const int> labels, Tensor* grad_logits,
                     Reduction reduction) {
    check_labels(logits, labels);
    const auto k = static_cast<std::size_t>(logits.dim(1));
    const std::size_t batch = labels.size();
    if (grad_logits != nullptr && !(grad_logits->shape() == logits.shape()))
        *grad_logits = Tensor(logits.shape());
    const double scale = reduction == Reduction::mean ? 1.0 / static_cast<double>(batch) : 1.0;
    std::vector<double> log_p(k);
    double total = 0.0;
    for (std::size_t n = 0; n < batch; ++n) {
        const auto row = static_cast<std::int64_t>(n);
        log_softmax_row(logits.sample(row), k, log_p.data());
        const auto y = static_cast<std::size_t>(labels[n]);
        total -= log_p[y];
        if (grad_logits != nullptr) {
            float* g = grad_logits->sample(row);
            for (std::size_t j = 0; j < k; ++j)
                g[j] = static_cast<float>((std::exp(log_p[j]) - (j == y ? 1.0 : 0.0)) * scale);
        }
    }
    return total * scale;
}

std::vector<double> cross_entropy_per_sample(const Tensor& logits, std::span<const int> labels) {
    check_labels(logits, labels);
    const auto k = static_cast<std::size_t>(logits.dim(1));
    std::vector<double> log_p(k), losses(labels.size());
    for (std::size_t n = 0; n < labels.size(); ++n) {
        log_softmax_row(logits.sample(static_cast<std::int64_t>(n)), k, log_p.data());
        losses[n] = -log_p[static_cast<std::size_t>(labels[n])];
    }
    return losses;
}

}  // namespace qmlr::nn
