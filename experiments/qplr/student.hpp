#pragma once
// Training a LeNet student on soft targets (docs/qplr.md §7.3): the loss is always the soft-target
// cross-entropy −Σ_k t_k log softmax(z)_k (the ordinary CE for one-hot t), Adam at a constant
// learning rate, a fresh permutation every epoch (stream (seed, "student-shuffle", epoch,
// method)), the last partial batch kept, the final weights used.
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "core/tensor.hpp"
#include "nn/model.hpp"

namespace qmlr::qplr {

// How pixels in [0,1] reach the network: x' = (x − shift) / scale. The sensitivity study's
// three choices; the protocol's is raw.
struct InputScaling {
    std::string name = "raw";
    double shift = 0.0, scale = 1.0;

    static InputScaling raw() { return {}; }
    static InputScaling mean_std(double mean, double std) { return {"mean_std", mean, std}; }
    static InputScaling symmetric() { return {"minus1_1", 0.5, 0.5}; }
    // In place, any shape.
    void apply(Tensor& images) const;
};

// One-hot (N,10) targets, and the paper's label smoothing (true class 1−ε, others ε/9).
Tensor one_hot_targets(std::span<const int> labels);
Tensor smoothed_targets(std::span<const int> labels, double epsilon);

struct StudentTraining {
    int epochs = 20;
    std::size_t batch_size = 64;
    double learning_rate = 1e-4;
    std::uint64_t seed = 0;        // the pipeline seed: shuffle and training-noise streams
    std::uint32_t method = 0;      // subindex of the shuffle stream
    InputScaling scaling;
    // Randomized-smoothing training: x + N(0, σ²) per pixel before scaling, fresh per image and
    // epoch from (seed, "rs-noise", image, epoch); 0 = none.
    double train_noise_sigma = 0.0;
    // Called after each finished epoch (1-based) with the model, e.g. for snapshots.
    std::function<void(int epoch, nn::Model&)> after_epoch;
    std::function<void()> on_batch;
};

// images[r] += σ·N(0,1) per pixel from the stream (seed, "rs-noise", image_ids[r], subindex):
// the randomized-smoothing noise, for training (subindex = epoch) and for labels.
void add_rs_noise(Tensor& images, std::span<const std::size_t> image_ids, double sigma,
                  std::uint64_t seed, std::uint32_t subindex);

// 0, 1, …, n−1.
std::vector<std::size_t> all_indices(std::size_t n);

// The student of every method within a seed: the LeNet from stream (seed, "student-init").
nn::Model make_student(std::uint64_t seed);

// Trains `model` on the pixels images (N,1,28,28) in [0,1] with targets (N,10), over the
// samples at `subset` (an empty subset trains nothing).
void train_student(nn::Model& model, const Tensor& images, const Tensor& targets,
                   std::span<const std::size_t> subset, const StudentTraining& options);

// Logits (N,10) of the model (evaluation mode) on pixel images after `scaling`.
Tensor student_logits(nn::Model& model, const Tensor& images, const InputScaling& scaling);

}  // namespace qmlr::qplr
