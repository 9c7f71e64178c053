#include "nn/data_order.hpp"

#include <string>

#include "core/error.hpp"
#include "core/rng.hpp"

namespace qmlr::nn {

std::vector<std::size_t> epoch_order(std::size_t samples, std::uint64_t seed, std::uint64_t epoch) {
    Rng rng(seed, "shuffle", epoch);
    return random_permutation(samples, rng);
}

std::vector<int> gather_labels(const data::Dataset& dataset, std::span<const std::size_t> indices) {
    std::vector<int> labels(indices.size());
    for (std::size_t i = 0; i < indices.size(); ++i) {
        require(indices[i] < dataset.size(),
                "gather_labels: index " + std::to_string(indices[i]) + " is out of range for " +
                    dataset.name + " " + dataset.split + " (" + std::to_string(dataset.size()) +
                    " samples)");
        labels[i] = dataset.labels[indices[i]];
    }
    return labels;
}

std::vector<int> all_labels(const data::Dataset& dataset) {
    return std::vector<int>(dataset.labels.begin(), dataset.labels.end());
}

}  // namespace qmlr::nn
