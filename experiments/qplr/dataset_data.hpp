#pragma once
// The images of one dataset at the configured sizes, loaded on first use and shared by every run
// of the plan that reads them (runs that are reused load nothing). The last evaluation set asked
// for (test images, noise field and rotated copies of one seed) is kept as well, since every
// student of a seed is evaluated on the same one.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/tensor.hpp"
#include "experiments/qplr/evaluation.hpp"

namespace qmlr::qplr {

struct Split {
    Tensor images;  // (N,1,28,28) pixels in [0,1]
    std::vector<int> labels;
};

class DatasetData {
public:
    // dataset: "mnist" or "fashion_mnist"; per_class 0 = the whole split, else a per-class subset
    // drawn with seed 0 (data::Dataset::subset_per_class).
    DatasetData(std::string dataset, std::filesystem::path data_dir, std::size_t train_per_class,
                std::size_t test_per_class);

    const std::string& key() const { return key_; }
    const std::string& title() const { return title_; }  // "MNIST", "Fashion-MNIST"
    const Split& train();
    const Split& test();
    // make_evaluation_set(test images, labels, rotations, seed), kept until another is asked for.
    const EvaluationSet& evaluation_set(std::uint64_t seed, const std::vector<double>& rotations);

private:
    Split load(const std::string& split, std::size_t per_class) const;

    std::string key_, title_;
    std::filesystem::path data_dir_;
    std::size_t train_per_class_, test_per_class_;
    std::mutex mutex_;
    std::optional<Split> train_, test_;
    std::uint64_t evaluation_seed_ = 0;
    std::vector<double> evaluation_rotations_;
    std::unique_ptr<EvaluationSet> evaluation_;
};

}  // namespace qmlr::qplr
