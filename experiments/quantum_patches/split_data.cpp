#include "experiments/quantum_patches/split_data.hpp"

#include <iostream>

#include "core/error.hpp"
#include "data_loaders/datasets.hpp"
#include "nn/data_order.hpp"

namespace qmlr::quantum_patches {

namespace {

data::Dataset load_split(const std::filesystem::path& data_dir, const std::string& dataset, const std::string& split) {
    if (dataset == "mnist") return data::load_mnist(data_dir, split);
    if (dataset == "cifar10") return data::load_cifar10(data_dir, split);
    if (dataset == "cinic10") return data::load_cinic10(data_dir, split);
    throw Error("unknown dataset '" + dataset + "': expected mnist, cifar10 or cinic10");
}

}  // namespace

LazySplit::LazySplit(std::filesystem::path data_dir, std::string dataset, std::string split, std::size_t per_class,
                     std::uint64_t data_seed)
    : data_dir_(std::move(data_dir)), dataset_(std::move(dataset)), split_(std::move(split)), per_class_(per_class),
      data_seed_(data_seed) {}

const SplitData& LazySplit::get() {
    std::call_once(loaded_, [this] {
        data::Dataset all = load_split(data_dir_, dataset_, split_);
        const data::Dataset used = per_class_ == 0 ? std::move(all) : all.subset_per_class(per_class_, data_seed_);
        std::cout << "quantum_patches: " << used.describe() << '\n';
        data_.source = used.name;
        data_.images = used.to_float();
        data_.labels = nn::all_labels(used);
    });
    return data_;
}

}  // namespace qmlr::quantum_patches
