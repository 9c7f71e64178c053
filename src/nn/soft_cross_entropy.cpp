#include "nn/soft_cross_entropy.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "nn/softmax.hpp"

namespace qmlr::nn {

double soft_cross_entropy(const Tensor& logits, const Tensor& targets, Tensor* grad_logits,
                          Reduction reduction) {
    require_logits(logits, "soft_cross_entropy");
    if (!(targets.shape() == logits.shape()))
        throw Error("soft_cross_entropy: targets have shape " + targets.shape().to_string() +
                    " but logits have shape " + logits.shape().to_string() + "; they must match");
    const auto k = static_cast<std::size_t>(logits.dim(1));
    const auto batch = static_cast<std::size_t>(logits.dim(0));
    if (grad_logits != nullptr && !(grad_logits->shape() == logits.shape()))
        *grad_logits = Tensor(logits.shape());
    const double scale = reduction == Reduction::mean ? 1.0 / static_cast<double>(batch) : 1.0;
    std::vector<double> log_p(k);
    double total = 0.0;
    for (std::size_t n = 0; n < batch; ++n) {
        const auto row = static_cast<std::int64_t>(n);
        const float* t = targets.sample(row);
        double mass = 0.0;
        for (std::size_t j = 0; j < k; ++j) {
            if (!(t[j] >= 0.0f) || !std::isfinite(t[j]))
                throw Error("soft_cross_entropy: target row " + std::to_string(n) + " has value " +
                            std::to_string(t[j]) + " at class " + std::to_string(j) +
                            "; targets must be finite and >= 0");
            mass += t[j];
        }
        if (std::abs(mass - 1.0) > 1e-4)
            throw Error("soft_cross_entropy: target row " + std::to_string(n) + " sums to " +
                        std::to_string(mass) + ", expected 1; normalise the targets");
        log_softmax_row(logits.sample(row), k, log_p.data());
        for (std::size_t j = 0; j < k; ++j) total -= static_cast<double>(t[j]) * log_p[j];
        if (grad_logits != nullptr) {
            float* g = grad_logits->sample(row);
            for (std::size_t j = 0; j < k; ++j)
                g[j] = static_cast<float>((std::exp(log_p[j]) - static_cast<double>(t[j])) * scale);
        }
    }
    return total * scale;
}

Tensor smoothed_targets(std::span<const int> labels, int classes, double epsilon,
                        LabelSmoothing convention) {
    require(classes >= 2, "smoothed_targets: expected at least 2 classes, got " +
                              std::to_string(classes));
    require(epsilon >= 0.0 && epsilon <= 1.0,
            "smoothed_targets: expected epsilon in [0, 1], got " + std::to_string(epsilon));
    const double k = classes;
    const double off = convention == LabelSmoothing::exclusive ? epsilon / (k - 1.0) : epsilon / k;
    const double on = convention == LabelSmoothing::exclusive ? 1.0 - epsilon : 1.0 - epsilon + epsilon / k;
    Tensor targets(Shape{static_cast<std::int64_t>(labels.size()), classes});
    for (std::size_t n = 0; n < labels.size(); ++n) {
        require(labels[n] >= 0 && labels[n] < classes,
                "smoothed_targets: label " + std::to_string(n) + " is " +
                    std::to_string(labels[n]) + ", expected a class in [0, " +
                    std::to_string(classes) + ")");
        float* row = targets.sample(static_cast<std::int64_t>(n));
        for (int j = 0; j < classes; ++j) row[j] = static_cast<float>(j == labels[n] ? on : off);
    }
    return targets;
}

double label_smoothing_cross_entropy(const Tensor& logits, std::span<const int> labels,
                                     double epsilon, LabelSmoothing convention,
                                     Tensor* grad_logits, Reduction reduction) {
    require_logits(logits, "label_smoothing_cross_entropy");
    const Tensor targets =
        smoothed_targets(labels, static_cast<int>(logits.dim(1)), epsilon, convention);
    return soft_cross_entropy(logits, targets, grad_logits, reduction);
}

}  // namespace qmlr::nn
