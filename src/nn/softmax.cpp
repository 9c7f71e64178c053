#include "nn/softmax.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.hpp"

namespace qmlr::nn {

void log_softmax_row(const float* logits, std::size_t k, double* out) {
    double m = logits[0];
    for (std::size_t j = 1; j < k; ++j) m = std::max(m, static_cast<double>(logits[j]));
    double sum = 0.0;
    for (std::size_t j = 0; j < k; ++j) sum += std::exp(static_cast<double>(logits[j]) - m);
    const double log_z = m + std::log(sum);
    for (std::size_t j = 0; j < k; ++j) out[j] = static_cast<double>(logits[j]) - log_z;
}

void require_logits(const Tensor& logits, const char* who) {
    if (logits.shape().rank() != 2 || logits.dim(1) < 1)
        throw Error(std::string(who) + ": expected logits of shape (B,K), got " +
                    logits.shape().to_string());
}

Tensor softmax(const Tensor& logits) {
    require_logits(logits, "softmax");
    Tensor probs(logits.shape());
    const auto k = static_cast<std::size_t>(logits.dim(1));
    std::vector<double> row(k);
    for (std::int64_t n = 0; n < logits.dim(0); ++n) {
        log_softmax_row(logits.sample(n), k, row.data());
        float* p = probs.sample(n);
        for (std::size_t j = 0; j < k; ++j) p[j] = static_cast<float>(std::exp(row[j]));
    }
    return probs;
}

}  // namespace qmlr::nn
