#include "metrics/accuracy.hpp"

#include <string>

#include "core/error.hpp"
#include "nn/softmax.hpp"

namespace qmlr::metrics {

void require_same_length(std::size_t a, std::size_t b, const char* who, const char* a_name,
                         const char* b_name) {
    if (a != b || a == 0)
        throw Error(std::string(who) + ": expected as many " + a_name + " as " + b_name +
                    " (and at least one), got " + std::to_string(a) + " and " + std::to_string(b));
}

std::vector<int> predictions(const Tensor& logits) {
    nn::require_logits(logits, "predictions");
    const auto k = logits.dim(1);
    std::vector<int> predicted(static_cast<std::size_t>(logits.dim(0)));
    for (std::int64_t n = 0; n < logits.dim(0); ++n) {
        const float* row = logits.sample(n);
        std::int64_t best = 0;
        for (std::int64_t j = 1; j < k; ++j)
            if (row[j] > row[best]) best = j;
        predicted[static_cast<std::size_t>(n)] = static_cast<int>(best);
    }
    return predicted;
}

double accuracy(std::span<const int> predicted, std::span<const int> labels) {
    require_same_length(predicted.size(), labels.size(), "accuracy", "predictions", "labels");
    std::size_t correct = 0;
    for (std::size_t i = 0; i < labels.size(); ++i) correct += predicted[i] == labels[i];
    return static_cast<double>(correct) / static_cast<double>(labels.size());
}

double accuracy(const Tensor& logits, std::span<const int> labels) {
    return accuracy(predictions(logits), labels);
}

}  // namespace qmlr::metrics
