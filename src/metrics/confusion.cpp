#include "metrics/confusion.hpp"

#include <string>

#include "core/error.hpp"
#include "metrics/accuracy.hpp"

namespace qmlr::metrics {

double ConfusionMatrix::recall(std::size_t c) const {
    std::size_t row = 0;
    for (std::size_t j = 0; j < classes; ++j) row += at(c, j);
    return row == 0 ? 0.0 : static_cast<double>(at(c, c)) / static_cast<double>(row);
}

ConfusionMatrix confusion_matrix(std::span<const int> predicted, std::span<const int> labels,
                                 std::size_t classes) {
    require_same_length(predicted.size(), labels.size(), "confusion_matrix", "predictions", "labels");
    ConfusionMatrix m{classes, std::vector<std::size_t>(classes * classes, 0)};
    for (std::size_t i = 0; i < labels.size(); ++i) {
        for (int v : {labels[i], predicted[i]})
            if (v < 0 || static_cast<std::size_t>(v) >= classes)
                throw Error("confusion_matrix: sample " + std::to_string(i) + " has class " +
                            std::to_string(v) + ", expected a class in [0, " +
                            std::to_string(classes) + ")");
        ++m.counts[static_cast<std::size_t>(labels[i]) * classes + static_cast<std::size_t>(predicted[i])];
    }
    return m;
}

}  // namespace qmlr::metrics
