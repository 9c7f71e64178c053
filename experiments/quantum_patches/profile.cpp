#include "experiments/quantum_patches/profile.hpp"

#include "core/error.hpp"
#include "data_loaders/datasets.hpp"

namespace qmlr::quantum_patches {

ProfileSettings profile_settings(Profile profile) {
    ProfileSettings settings;
    switch (profile) {
        case Profile::quick:
            settings.train_per_class = 100;
            settings.test_per_class = 10;
            settings.cinic_test_per_class = 10;
            settings.epochs = 2;
            settings.seeds = {0};
            settings.datasets = {"mnist", "cifar10", "cinic10"};
            break;
        case Profile::standard:
            settings.cinic_test_per_class = 1000;
            settings.seeds = {0};
            settings.datasets = {"mnist", "cifar10", "cinic10"};
            break;
        case Profile::paper:
            settings.datasets = {"mnist", "cifar10", "cinic10"};
            break;
    }
    return settings;
}

std::vector<double> attack_epsilons(const std::string& dataset_key) {
    if (dataset_key == "mnist") return {0.1, 0.3};
    if (dataset_key == "cifar10" || dataset_key == "cinic10") return {8.0 / 255.0};
    throw Error("unknown dataset '" + dataset_key + "': expected mnist, cifar10 or cinic10");
}

double headline_epsilon(const std::string& dataset_key) { return attack_epsilons(dataset_key).front(); }

bool dataset_available(const std::filesystem::path& data_dir, const std::string& dataset_key) {
    return dataset_key != "cinic10" || data::cinic10_available(data_dir);
}

data::Dataset load_dataset(const std::filesystem::path& data_dir, const std::string& dataset_key,
                           const std::string& split) {
    if (dataset_key == "mnist") return data::load_mnist(data_dir, split);
    if (dataset_key == "cifar10") return data::load_cifar10(data_dir, split);
    if (dataset_key == "cinic10") return data::load_cinic10(data_dir, split);
    throw Error("unknown dataset '" + dataset_key + "': expected mnist, cifar10 or cinic10");
}

std::size_t test_per_class(const ProfileSettings& settings, const std::string& dataset_key) {
    return dataset_key == "cinic10" && settings.cinic_test_per_class > 0 ? settings.cinic_test_per_class
                                                                         : settings.test_per_class;
}

data::Dataset select_per_class(const data::Dataset& dataset, std::size_t per_class) {
    return per_class == 0 ? dataset : dataset.subset_per_class(per_class, kDataSeed);
}

}  // namespace qmlr::quantum_patches
