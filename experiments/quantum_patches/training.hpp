#pragma once
// Joint training of the hybrid model under the four conditions of docs/quantum_patches.md §7.4.
// Every batch of b shuffled images keeps positions 0 … ⌈b/2⌉−1 clean and replaces positions
// ⌈b/2⌉ … b−1 by a perturbed version of the same image:
//   clean            none (the whole batch is clean)
//   fgsm_training    FGSM at ε on the current parameters: clip_[0,1](x + ε·sign ∇ₓCE)
//   quantum_patches  patched copy x^(c), c uniform in {0..3} from (seed, "patch-choice", image, epoch)
//   gaussian_noise   x + σ·n, n ~ N(0, I) from (seed, "gauss-aug", image, epoch), not clipped
// Loss: mean cross-entropy over the b images; Adam; a fresh permutation each epoch
// (nn::epoch_order), the last partial batch kept, final-epoch weights used.
#include <cstdint>
#include <functional>
#include <span>
#include <string>

#include "core/tensor.hpp"
#include "experiments/quantum_patches/patch_masks.hpp"
#include "nn/model.hpp"

namespace qmlr::quantum_patches {

enum class Condition { clean, fgsm_training, quantum_patches, gaussian_noise };
inline constexpr Condition kConditions[] = {Condition::clean, Condition::fgsm_training,
                                            Condition::quantum_patches, Condition::gaussian_noise};

// "a_clean", "b_fgsm_training", "c_quantum_patches", "d_gaussian_noise": the table's row ids.
std::string condition_id(Condition condition);
// The condition of an id (an Error listing the ids when there is none).
Condition condition_from_id(const std::string& id);

struct TrainingOptions {
    Condition condition = Condition::clean;
    int epochs = 15;
    std::size_t batch_size = 64;
    double learning_rate = 1e-3;
    double fgsm_epsilon = 0.0;  // fgsm_training
    double noise_sigma = 0.0;   // gaussian_noise: σ_d
    std::uint64_t seed = 0;     // shuffling, patch choice, Gaussian augmentation
};

struct TrainingSet {
    const Tensor& images;             // (N, C, H, W) in [0, 1]
    std::span<const int> labels;      // (N)
    const PatchMasks* masks = nullptr;  // (N, 4, H/2, W/2); needed by quantum_patches
};

struct TrainingStats {
    double seconds = 0;
    double images_per_second = 0;  // training images (clean + perturbed) processed per second
    double last_epoch_loss = 0;    // mean batch loss of the final epoch
};

// Adds σ·n to the `count` values of training image `image` in epoch `epoch`
// (stream (seed, "gauss-aug", image, epoch), one normal per value in order).
void add_gaussian_augmentation(float* values, std::size_t count, double sigma, std::uint64_t seed,
                               std::uint64_t image, std::uint64_t epoch);

// The patched copy chosen for training image `image` in epoch `epoch`.
int patch_choice(std::uint64_t seed, std::uint64_t image, std::uint64_t epoch);

// Trains `model` (already initialised) in place. on_batch, when set, is called after every step.
TrainingStats train_hybrid(nn::Model& model, const TrainingSet& data, const TrainingOptions& options,
                           const std::function<void()>& on_batch = {});

}  // namespace qmlr::quantum_patches
