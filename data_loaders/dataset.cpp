#include "data_loaders/dataset.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/rng.hpp"

namespace qmlr::data {

namespace {
constexpr float kByteToUnit = 1.0f / 255.0f;
}

Tensor Dataset::to_float() const {
    Tensor images(Shape{static_cast<std::int64_t>(size()), channels, height, width});
    for (std::size_t i = 0; i < pixels.size(); ++i) images[i] = pixels[i] * kByteToUnit;
    return images;
}

Tensor Dataset::to_float(std::span<const std::size_t> indices) const {
    Tensor images(Shape{static_cast<std::int64_t>(indices.size()), channels, height, width});
    const std::size_t n = image_size();
    for (std::size_t k = 0; k < indices.size(); ++k) {
        if (indices[k] >= size())
            throw Error(name + " " + split + ": sample index " + std::to_string(indices[k]) +
                        " out of range (size " + std::to_string(size()) + ")");
        const std::uint8_t* source = image(indices[k]);
        float* target = images.data() + k * n;
        for (std::size_t j = 0; j < n; ++j) target[j] = source[j] * kByteToUnit;
    }
    return images;
}

std::vector<std::size_t> Dataset::counts_per_class() const {
    std::vector<std::size_t> counts(class_names.size(), 0);
    for (std::uint8_t label : labels) ++counts.at(label);
    return counts;
}

Dataset Dataset::select(std::span<const std::size_t> indices) const {
    Dataset out{name, split, channels, height, width, {}, {}, class_names};
    out.pixels.resize(indices.size() * image_size());
    out.labels.resize(indices.size());
    for (std::size_t k = 0; k < indices.size(); ++k) {
        if (indices[k] >= size())
            throw Error(name + " " + split + ": sample index " + std::to_string(indices[k]) +
                        " out of range (size " + std::to_string(size()) + ")");
        std::copy_n(image(indices[k]), image_size(), out.pixels.data() + k * image_size());
        out.labels[k] = labels[indices[k]];
    }
    return out;
}

Dataset Dataset::subset_per_class(std::size_t per_class, std::uint64_t seed) const {
    std::vector<std::vector<std::size_t>> members(class_names.size());
    for (std::size_t i = 0; i < size(); ++i) members[labels[i]].push_back(i);

    std::vector<std::size_t> chosen;
    for (std::size_t c = 0; c < members.size(); ++c) {
        if (members[c].size() < per_class)
            throw Error(name + " " + split + ": asked for " + std::to_string(per_class) +
                        " samples of class '" + class_names[c] + "', it has only " +
                        std::to_string(members[c].size()));
        Rng rng(seed, "class-subset", c);
        const auto order = random_permutation(members[c].size(), rng);
        for (std::size_t k = 0; k < per_class; ++k) chosen.push_back(members[c][order[k]]);
    }
    std::sort(chosen.begin(), chosen.end());
    return select(chosen);
}

std::string Dataset::describe() const {
    std::string text = name + " " + split + ": " + std::to_string(size()) + " images " +
                       std::to_string(channels) + "x" + std::to_string(height) + "x" +
                       std::to_string(width) + ", " + std::to_string(class_names.size()) +
                       " classes:";
    const auto counts = counts_per_class();
    for (std::size_t c = 0; c < counts.size(); ++c)
        text += " " + class_names[c] + "=" + std::to_string(counts[c]);
    return text;
}

}  // namespace qmlr::data
