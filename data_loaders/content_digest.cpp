#include "data_loaders/content_digest.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <vector>

#include "core/error.hpp"
#include "core/fnv1a.hpp"
#include "data_loaders/binary_file.hpp"
#include "data_loaders/crc32.hpp"

namespace qmlr::data {

namespace fs = std::filesystem;

namespace {

struct DigestInput {
    fs::path root;                     // paths are hashed relative to it
    std::vector<std::string> files;    // named files, or
    bool whole_tree = false;           // every regular file below root
};

// The files the loaders of datasets.hpp read for a split (see there for the folder layout).
DigestInput digest_input(const fs::path& data_dir, const std::string& dataset, const std::string& split) {
    const auto idx = [&](const char* folder) {
        require(split == "train" || split == "test", dataset + " has splits train and test, not '" + split + "'");
        const std::string prefix = split == "train" ? "train" : "t10k";
        return DigestInput{data_dir / folder, {prefix + "-images-idx3-ubyte", prefix + "-labels-idx1-ubyte"}, false};
    };
    if (dataset == "mnist") return idx("mnist");
    if (dataset == "fashion_mnist") return idx("fashion-mnist");
    if (dataset == "cifar10") {
        const fs::path binary = data_dir / "cifar10" / "cifar-10-batches-bin";
        if (fs::is_directory(binary)) {
            if (split == "test") return {binary, {"test_batch.bin"}, false};
            return {binary, {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
                             "data_batch_5.bin"}, false};
        }
        return {data_dir / "cifar10" / "jpeg" / split, {}, true};
    }
    if (dataset == "cinic10") return {data_dir / "cinic10" / split, {}, true};
    throw Error("no content digest for dataset '" + dataset + "' (expected mnist, fashion_mnist, cifar10 or cinic10)");
}

std::vector<std::uint8_t> file_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    require(static_cast<bool>(in), "cannot read " + path.string() + ". " + data_fix_hint());
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

std::string content_digest(const fs::path& data_dir, const std::string& dataset, const std::string& split) {
    DigestInput input = digest_input(data_dir, dataset, split);
    if (input.whole_tree) {
        require(fs::is_directory(input.root), dataset + " " + split + ": expected the folder " + input.root.string() +
                                                  ". " + data_fix_hint());
        for (const auto& entry : fs::recursive_directory_iterator(input.root))
            if (entry.is_regular_file()) input.files.push_back(fs::relative(entry.path(), input.root).generic_string());
        std::sort(input.files.begin(), input.files.end());
    }
    Fnv1a64 digest;
    for (const std::string& name : input.files) {
        const auto bytes = file_bytes(input.root / name);
        const std::string line = name + " " + std::to_string(bytes.size()) + " " + std::to_string(crc32(bytes)) + "\n";
        digest.add(line);
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(digest.value()));
    return hex;
}

}  // namespace qmlr::data
