#include "metrics/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.hpp"
#include "metrics/accuracy.hpp"
#include "nn/softmax.hpp"

namespace qmlr::metrics {
namespace {

// body(probabilities of row n (K values, double), label) for every row, after checks.
template <class F>
void for_each_row(const Tensor& logits, std::span<const int> labels, const char* who, F&& body) {
    nn::require_logits(logits, who);
    require_same_length(static_cast<std::size_t>(logits.dim(0)), labels.size(), who, "logit rows",
                        "labels");
    const auto k = static_cast<std::size_t>(logits.dim(1));
    std::vector<double> p(k);
    for (std::size_t n = 0; n < labels.size(); ++n) {
        if (labels[n] < 0 || static_cast<std::size_t>(labels[n]) >= k)
            throw Error(std::string(who) + ": label " + std::to_string(n) + " is " +
                        std::to_string(labels[n]) + ", expected a class in [0, " +
                        std::to_string(k) + ")");
        nn::log_softmax_row(logits.sample(static_cast<std::int64_t>(n)), k, p.data());
        body(p, static_cast<std::size_t>(labels[n]));
    }
}

}  // namespace

std::vector<ReliabilityBin> reliability_bins(const Tensor& logits, std::span<const int> labels,
                                             std::size_t bins) {
    require(bins >= 1, "reliability_bins: expected at least one bin");
    std::vector<ReliabilityBin> table(bins);
    std::vector<double> correct(bins, 0.0), confidence(bins, 0.0);
    for_each_row(logits, labels, "reliability_bins", [&](std::vector<double>& log_p, std::size_t y) {
        const std::size_t predicted = static_cast<std::size_t>(
            std::max_element(log_p.begin(), log_p.end()) - log_p.begin());
        const double c = std::exp(log_p[predicted]);
        const double scaled = std::ceil(static_cast<double>(bins) * c) - 1.0;
        const auto b = static_cast<std::size_t>(std::clamp(scaled, 0.0, static_cast<double>(bins - 1)));
        ++table[b].count;
        correct[b] += predicted == y ? 1.0 : 0.0;
        confidence[b] += c;
    });
    for (std::size_t b = 0; b < bins; ++b) {
        table[b].lower = static_cast<double>(b) / static_cast<double>(bins);
        table[b].upper = static_cast<double>(b + 1) / static_cast<double>(bins);
        if (table[b].count == 0) continue;
        table[b].accuracy = correct[b] / static_cast<double>(table[b].count);
        table[b].confidence = confidence[b] / static_cast<double>(table[b].count);
    }
    return table;
}

double expected_calibration_error(const Tensor& logits, std::span<const int> labels,
                                  std::size_t bins) {
    double ece = 0.0;
    for (const ReliabilityBin& bin : reliability_bins(logits, labels, bins))
        ece += static_cast<double>(bin.count) / static_cast<double>(labels.size()) *
               std::abs(bin.accuracy - bin.confidence);
    return ece;
}

double negative_log_likelihood(const Tensor& logits, std::span<const int> labels) {
    double total = 0.0;
    for_each_row(logits, labels, "negative_log_likelihood",
                 [&](std::vector<double>& log_p, std::size_t y) { total -= log_p[y]; });
    return total / static_cast<double>(labels.size());
}

double brier_score(const Tensor& logits, std::span<const int> labels) {
    double total = 0.0;
    for_each_row(logits, labels, "brier_score", [&](std::vector<double>& log_p, std::size_t y) {
        for (std::size_t k = 0; k < log_p.size(); ++k) {
            const double d = std::exp(log_p[k]) - (k == y ? 1.0 : 0.0);
            total += d * d;
        }
    });
    return total / static_cast<double>(labels.size());
}

}  // namespace qmlr::metrics
