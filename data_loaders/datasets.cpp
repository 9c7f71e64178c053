#include "data_loaders/datasets.hpp"

#include "core/error.hpp"
#include "data_loaders/binary_file.hpp"
#include "data_loaders/cifar_binary.hpp"
#include "data_loaders/idx.hpp"
#include "data_loaders/image_folder.hpp"

namespace qmlr::data {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> digit_class_names() {
    return {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
}

// IDX file prefix of a split: "train" -> "train", "test" -> "t10k".
std::string idx_prefix(const std::string& dataset, const std::string& split) {
    if (split == "train") return "train";
    if (split == "test") return "t10k";
    throw Error(dataset + " has splits 'train' and 'test', not '" + split + "'");
}

Dataset load_idx_split(const fs::path& folder, const std::string& name, const std::string& split,
                       std::vector<std::string> class_names) {
    const std::string prefix = idx_prefix(name, split);
    return load_idx_dataset(folder / (prefix + "-images-idx3-ubyte"),
                            folder / (prefix + "-labels-idx1-ubyte"), name, split,
                            std::move(class_names));
}

}  // namespace

const std::vector<std::string>& cifar10_class_names() {
    static const std::vector<std::string> names = {"airplane", "automobile", "bird", "cat", "deer",
                                                   "dog", "frog", "horse", "ship", "truck"};
    return names;
}

const std::vector<std::string>& fashion_mnist_class_names() {
    static const std::vector<std::string> names = {"T-shirt/top", "Trouser", "Pullover", "Dress",
                                                   "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                                                   "Ankle boot"};
    return names;
}

Dataset load_mnist(const fs::path& data_dir, const std::string& split) {
    return load_idx_split(data_dir / "mnist", kMnistName, split, digit_class_names());
}

Dataset load_fashion_mnist(const fs::path& data_dir, const std::string& split) {
    return load_idx_split(data_dir / "fashion-mnist", kFashionMnistName, split,
                          fashion_mnist_class_names());
}

Dataset load_cifar10(const fs::path& data_dir, const std::string& split) {
    const fs::path binary = data_dir / "cifar10" / "cifar-10-batches-bin";
    if (fs::is_directory(binary)) return load_cifar10_binary(binary, split, cifar10_class_names());
    const fs::path jpeg = data_dir / "cifar10" / "jpeg";
    if (!fs::is_directory(jpeg))
        throw Error("CIFAR-10 not found: expected " + binary.string() + " or " + jpeg.string() +
                    ". " + data_fix_hint());
    if (split != "train" && split != "test")
        throw Error("CIFAR-10 has splits 'train' and 'test', not '" + split + "'");
    return load_image_folder(jpeg, split, {kCifar10JpegName, cifar10_class_names(), 32, 32});
}

bool cinic10_available(const fs::path& data_dir) {
    return fs::is_directory(data_dir / "cinic10" / "train");
}

Dataset load_cinic10(const fs::path& data_dir, const std::string& split) {
    if (!cinic10_available(data_dir))
        throw Error("CINIC-10 not found in " + (data_dir / "cinic10").string() +
                    ": it is not downloaded automatically. Fix: download CINIC-10.tar.gz "
                    "(doi 10.7488/ds/2448) and run `make data CINIC10=path/to/CINIC-10.tar.gz`.");
    if (split != "train" && split != "valid" && split != "test")
        throw Error("CINIC-10 has splits 'train', 'valid' and 'test', not '" + split + "'");
    return load_image_folder(data_dir / "cinic10", split, {kCinic10Name, cifar10_class_names(), 32, 32});
}

}  // namespace qmlr::data
