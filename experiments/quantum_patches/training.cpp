#include "experiments/quantum_patches/training.hpp"

#include <chrono>
#include <string>
#include <vector>

#include "attacks/fgsm.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "nn/adam.hpp"
#include "nn/cross_entropy.hpp"
#include "nn/data_order.hpp"
#include "nn/inference.hpp"

namespace qmlr::quantum_patches {

std::string condition_id(Condition condition) {
    switch (condition) {
        case Condition::clean: return "a_clean";
        case Condition::fgsm_training: return "b_fgsm_training";
        case Condition::quantum_patches: return "c_quantum_patches";
        case Condition::gaussian_noise: return "d_gaussian_noise";
    }
    return "?";
}

Condition condition_from_id(const std::string& id) {
    for (Condition condition : kConditions)
        if (condition_id(condition) == id) return condition;
    throw Error("unknown condition '" + id + "': expected a_clean, b_fgsm_training, c_quantum_patches or d_gaussian_noise");
}

void add_gaussian_augmentation(float* values, std::size_t count, double sigma, std::uint64_t seed,
                               std::uint64_t image, std::uint64_t epoch) {
    Rng rng(seed, "gauss-aug", image, static_cast<std::uint32_t>(epoch));
    for (std::size_t i = 0; i < count; ++i) values[i] = static_cast<float>(values[i] + sigma * rng.normal());
}

int patch_choice(std::uint64_t seed, std::uint64_t image, std::uint64_t epoch) {
    Rng rng(seed, "patch-choice", image, static_cast<std::uint32_t>(epoch));
    return static_cast<int>(rng.below(kPatchMaps));
}

namespace {

// Replaces rows [first, B) of `batch` (images `indices`) by their perturbed versions.
void perturb_second_half(nn::Model& model, const TrainingSet& data, const TrainingOptions& options,
                         std::span<const std::size_t> indices, std::span<const int> labels, std::size_t first,
                         std::uint64_t epoch, Tensor& batch) {
    const std::size_t count = indices.size() - first;
    const std::size_t row = batch.size() / indices.size();
    switch (options.condition) {
        case Condition::clean: return;
        case Condition::fgsm_training: {
            const Tensor half = nn::slice_batch(batch, first, count);
            attacks::FgsmOptions fgsm;
            fgsm.epsilon = options.fgsm_epsilon;
            fgsm.batch_size = count;
            const Tensor adversarial = attacks::fgsm(model, half, labels.subspan(first), fgsm);
            std::copy(adversarial.begin(), adversarial.end(), batch.data() + first * row);
            return;
        }
        case Condition::quantum_patches: {
            const int channels = static_cast<int>(batch.dim(1)), height = static_cast<int>(batch.dim(2)),
                      width = static_cast<int>(batch.dim(3));
            std::vector<float> clean(row);
            for (std::size_t i = first; i < indices.size(); ++i) {
                float* x = batch.data() + i * row;
                std::copy(x, x + row, clean.begin());
                const int c = patch_choice(options.seed, indices[i], epoch);
                patched_copy(clean.data(), channels, height, width, data.masks->mask(indices[i], c), x);
            }
            return;
        }
        case Condition::gaussian_noise:
            for (std::size_t i = first; i < indices.size(); ++i)
                add_gaussian_augmentation(batch.data() + i * row, row, options.noise_sigma, options.seed, indices[i],
                                          epoch);
            return;
    }
}

}  // namespace

TrainingStats train_hybrid(nn::Model& model, const TrainingSet& data, const TrainingOptions& options,
                           const std::function<void()>& on_batch) {
    const auto n = static_cast<std::size_t>(data.images.dim(0));
    require(data.labels.size() == n, "train_hybrid: " + std::to_string(n) + " images but " +
                                         std::to_string(data.labels.size()) + " labels");
    require(options.condition != Condition::quantum_patches || (data.masks && data.masks->images == n),
            "train_hybrid: the quantum-patches condition needs one patch mask set per training image");
    require(options.batch_size > 0 && options.epochs > 0, "train_hybrid: expected batch size and epochs > 0");

    const auto start = std::chrono::steady_clock::now();
    nn::AdamOptions adam_options;
    adam_options.learning_rate = options.learning_rate;
    nn::Adam adam(model.parameters(), adam_options);
    model.set_training(true);
    Tensor batch, grad_logits;
    std::vector<int> labels;
    TrainingStats stats;
    for (int epoch = 0; epoch < options.epochs; ++epoch) {
        const std::vector<std::size_t> order = nn::epoch_order(n, options.seed, static_cast<std::uint64_t>(epoch));
        double loss_sum = 0;
        std::size_t batches = 0;
        for (std::size_t begin = 0; begin < n; begin += options.batch_size) {
            const std::span<const std::size_t> indices(order.data() + begin, std::min(options.batch_size, n - begin));
            nn::gather_batch(data.images, indices, batch);
            labels.resize(indices.size());
            for (std::size_t i = 0; i < indices.size(); ++i) labels[i] = data.labels[indices[i]];
            const std::size_t first_perturbed = (indices.size() + 1) / 2;  // ⌈b/2⌉
            perturb_second_half(model, data, options, indices, labels, first_perturbed,
                                static_cast<std::uint64_t>(epoch), batch);
            const Tensor& logits = model.forward(batch);
            loss_sum += nn::cross_entropy(logits, labels, &grad_logits, nn::Reduction::mean);
            ++batches;
            adam.zero_grad();
            model.backward(grad_logits, nn::Gradients::parameters);
            adam.step();
            if (on_batch) on_batch();
        }
        stats.last_epoch_loss = loss_sum / static_cast<double>(batches);
    }
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    stats.images_per_second = static_cast<double>(n) * options.epochs / stats.seconds;
    return stats;
}

}  // namespace qmlr::quantum_patches
