#include "experiments/natural_quantization/mnist_subset.hpp"

#include <numeric>

#include "core/error.hpp"
#include "data_loaders/datasets.hpp"
#include "nn/data_order.hpp"

namespace qmlr::natural_quantization {

FlatImages first_mnist_images(const std::filesystem::path& data_dir, const std::string& split, int count) {
    const data::Dataset all = data::load_mnist(data_dir, split);
    require(count > 0 && static_cast<std::size_t>(count) <= all.size(),
            "MNIST " + split + " has " + std::to_string(all.size()) + " images; asked for the first " +
                std::to_string(count));
    std::vector<std::size_t> first(static_cast<std::size_t>(count));
    std::iota(first.begin(), first.end(), 0);
    const data::Dataset subset = all.select(first);
    FlatImages out{subset.to_float(), nn::all_labels(subset)};
    out.images.reshape(Shape{count, 784});
    return out;
}

}  // namespace qmlr::natural_quantization
