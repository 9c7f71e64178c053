#pragma once
// Confusion matrix: counts[true label][predicted class], K×K.
#include <cstddef>
#include <span>
#include <vector>

namespace qmlr::metrics {

struct ConfusionMatrix {
    std::size_t classes = 0;
    std::vector<std::size_t> counts;  // row-major, classes × classes

    std::size_t at(std::size_t true_label, std::size_t predicted) const {
        return counts[true_label * classes + predicted];
    }
    // Share of samples of class c predicted as c (0 when class c has no samples).
    double recall(std::size_t c) const;
};

ConfusionMatrix confusion_matrix(std::span<const int> predicted, std::span<const int> labels,
                                 std::size_t classes);

}  // namespace qmlr::metrics
