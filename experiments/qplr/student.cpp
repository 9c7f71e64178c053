#include "experiments/qplr/student.hpp"

#include <algorithm>
#include <numeric>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/rng.hpp"
#include "nn/adam.hpp"
#include "nn/inference.hpp"
#include "nn/lenet.hpp"
#include "nn/soft_cross_entropy.hpp"

namespace qmlr::qplr {

void InputScaling::apply(Tensor& images) const {
    if (shift == 0.0 && scale == 1.0) return;
    const auto s = static_cast<float>(shift);
    const auto inv = static_cast<float>(1.0 / scale);
    for (float& v : images) v = (v - s) * inv;
}

Tensor one_hot_targets(std::span<const int> labels) { return smoothed_targets(labels, 0.0); }

Tensor smoothed_targets(std::span<const int> labels, double epsilon) {
    return nn::smoothed_targets(labels, 10, epsilon, nn::LabelSmoothing::exclusive);
}

std::vector<std::size_t> all_indices(std::size_t n) {
    std::vector<std::size_t> indices(n);
    std::iota(indices.begin(), indices.end(), std::size_t{0});
    return indices;
}

nn::Model make_student(std::uint64_t seed) {
    nn::Model model = nn::make_lenet();
    model.initialize(Rng(seed, "student-init").next_u64());
    return model;
}

void add_rs_noise(Tensor& images, std::span<const std::size_t> image_ids, double sigma,
                  std::uint64_t seed, std::uint32_t subindex) {
    require(images.dim(0) == static_cast<std::int64_t>(image_ids.size()),
            "add_rs_noise: one image id per image is needed");
    const std::size_t pixels = images.size() / image_ids.size();
    parallel_for(image_ids.size(), 16, [&](std::size_t first, std::size_t last) {
        for (std::size_t r = first; r < last; ++r) {
            Rng rng(seed, "rs-noise", image_ids[r], subindex);
            float* row = images.sample(static_cast<std::int64_t>(r));
            for (std::size_t j = 0; j < pixels; ++j) row[j] += static_cast<float>(sigma * rng.normal());
        }
    });
}

void train_student(nn::Model& model, const Tensor& images, const Tensor& targets,
                   std::span<const std::size_t> subset, const StudentTraining& options) {
    require(images.dim(0) == targets.dim(0), "train_student: " + std::to_string(images.dim(0)) +
                                                 " images but " + std::to_string(targets.dim(0)) + " targets");
    const std::size_t n = subset.size();
    nn::Adam adam(model.parameters(), nn::AdamOptions{options.learning_rate});
    model.set_training(true);
    Tensor batch, batch_targets, grad_logits;
    std::vector<std::size_t> indices;
    for (int epoch = 0; epoch < options.epochs; ++epoch) {
        Rng shuffle(options.seed, "student-shuffle", static_cast<std::uint64_t>(epoch), options.method);
        const std::vector<std::size_t> order = random_permutation(n, shuffle);
        for (std::size_t first = 0; first < n; first += options.batch_size) {
            const std::size_t count = std::min(options.batch_size, n - first);
            indices.resize(count);
            for (std::size_t i = 0; i < count; ++i) indices[i] = subset[order[first + i]];
            nn::gather_batch(images, indices, batch);
            nn::gather_batch(targets, indices, batch_targets);
            if (options.train_noise_sigma > 0.0)
                add_rs_noise(batch, indices, options.train_noise_sigma, options.seed,
                             static_cast<std::uint32_t>(epoch));
            options.scaling.apply(batch);
            const Tensor& logits = model.forward(batch);
            nn::soft_cross_entropy(logits, batch_targets, &grad_logits);
            adam.zero_grad();
            model.backward(grad_logits);
            adam.step();
            if (options.on_batch) options.on_batch();
        }
        if (options.after_epoch) options.after_epoch(epoch + 1, model);
        model.set_training(true);
    }
}

Tensor student_logits(nn::Model& model, const Tensor& images, const InputScaling& scaling) {
    Tensor scaled = images;
    scaling.apply(scaled);
    model.set_training(false);
    return nn::predict(model, scaled, 500);
}

}  // namespace qmlr::qplr
