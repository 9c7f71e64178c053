#pragma once
// Deterministic data order for training loops: the permutation of epoch e is drawn from the
// stream (seed, "shuffle", e), so it depends on nothing but the seed and the epoch.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "data_loaders/dataset.hpp"

namespace qmlr::nn {

std::vector<std::size_t> epoch_order(std::size_t samples, std::uint64_t seed, std::uint64_t epoch);

// Labels of the samples at `indices`, in that order, as the losses take them.
std::vector<int> gather_labels(const data::Dataset& dataset, std::span<const std::size_t> indices);
// Every label of the dataset.
std::vector<int> all_labels(const data::Dataset& dataset);

}  // namespace qmlr::nn
