#include "data_loaders/cifar_binary.hpp"

#include "core/error.hpp"
#include "data_loaders/binary_file.hpp"

namespace qmlr::data {

void append_cifar_batch(const std::filesystem::path& batch_file, Dataset& dataset) {
    const auto bytes = read_binary_file(batch_file);
    if (bytes.empty() || bytes.size() % kCifarRecordBytes != 0)
        throw Error(batch_file.string() + ": expected a whole number of " +
                    std::to_string(kCifarRecordBytes) + "-byte CIFAR records, found " +
                    std::to_string(bytes.size()) + " bytes (" +
                    std::to_string(bytes.size() / kCifarRecordBytes) + " records and " +
                    std::to_string(bytes.size() % kCifarRecordBytes) +
                    " bytes over): the file is truncated or not a CIFAR-10 batch. " + data_fix_hint());
    const std::size_t records = bytes.size() / kCifarRecordBytes;
    dataset.pixels.reserve(dataset.pixels.size() + records * (kCifarRecordBytes - 1));
    for (std::size_t r = 0; r < records; ++r) {
        const std::uint8_t* record = bytes.data() + r * kCifarRecordBytes;
        if (record[0] >= dataset.class_names.size())
            throw Error(batch_file.string() + ": record " + std::to_string(r) + " (byte offset " +
                        std::to_string(r * kCifarRecordBytes) + ") has label " +
                        std::to_string(record[0]) + ", expected 0.." +
                        std::to_string(dataset.class_names.size() - 1) + ". " + data_fix_hint());
        dataset.labels.push_back(record[0]);
        dataset.pixels.insert(dataset.pixels.end(), record + 1, record + kCifarRecordBytes);
    }
}

Dataset load_cifar10_binary(const std::filesystem::path& batches_dir, const std::string& split,
                            std::vector<std::string> class_names) {
    std::vector<std::string> files;
    if (split == "train")
        files = {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
                 "data_batch_5.bin"};
    else if (split == "test")
        files = {"test_batch.bin"};
    else
        throw Error("CIFAR-10 has splits 'train' and 'test', not '" + split + "'");

    Dataset dataset{"CIFAR-10", split, 3, kCifarSide, kCifarSide, {}, {}, std::move(class_names)};
    for (const auto& file : files) append_cifar_batch(batches_dir / file, dataset);
    return dataset;
}

}  // namespace qmlr::data
