#include "experiments/qplr/dataset_data.hpp"

#include "core/error.hpp"
#include "data_loaders/datasets.hpp"
#include "nn/data_order.hpp"

namespace qmlr::qplr {

DatasetData::DatasetData(std::string dataset, std::filesystem::path data_dir, std::size_t train_per_class,
                         std::size_t test_per_class)
    : key_(std::move(dataset)),
      title_(key_ == "mnist" ? data::kMnistName : data::kFashionMnistName),
      data_dir_(std::move(data_dir)),
      train_per_class_(train_per_class),
      test_per_class_(test_per_class) {
    require(key_ == "mnist" || key_ == "fashion_mnist",
            "qplr: unknown dataset '" + key_ + "' (expected mnist or fashion_mnist)");
}

Split DatasetData::load(const std::string& split, std::size_t per_class) const {
    data::Dataset d = key_ == "mnist" ? data::load_mnist(data_dir_, split) : data::load_fashion_mnist(data_dir_, split);
    if (per_class != 0) d = d.subset_per_class(per_class, 0);
    return {d.to_float(), nn::all_labels(d)};
}

const Split& DatasetData::train() {
    const std::lock_guard lock(mutex_);
    if (!train_) train_ = load("train", train_per_class_);
    return *train_;
}

const Split& DatasetData::test() {
    const std::lock_guard lock(mutex_);
    if (!test_) test_ = load("test", test_per_class_);
    return *test_;
}

const EvaluationSet& DatasetData::evaluation_set(std::uint64_t seed, const std::vector<double>& rotations) {
    const Split& split = test();
    const std::lock_guard lock(mutex_);
    if (!evaluation_ || evaluation_seed_ != seed || evaluation_rotations_ != rotations) {
        evaluation_.reset();  // free the old set before building the new one
        evaluation_ = std::make_unique<EvaluationSet>(make_evaluation_set(split.images, split.labels, rotations, seed));
        evaluation_seed_ = seed;
        evaluation_rotations_ = rotations;
    }
    return *evaluation_;
}

}  // namespace qmlr::qplr
