#pragma once
// Evaluating a student (docs/qplr.md §7.4–7.5): test images rotated (or not), then noise σ·n_i
// added with one fixed field n_i per test image (stream (seed, "eval-noise", i)) shared by every σ,
// rotation, clipping and method, so comparisons are paired; accuracy, ECE (15 bins), NLL and Brier
// per condition; FGSM and PGD accuracy on clean images (docs/qplr.md §7.5).
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/tensor.hpp"
#include "experiments/qplr/student.hpp"
#include "metrics/calibration.hpp"
#include "nn/model.hpp"

namespace qmlr::qplr {

struct Condition {
    double sigma = 0.0;
    double rotation_degrees = 0.0;
    bool clipped = false;
};

// The test images with what every condition needs precomputed.
struct EvaluationSet {
    Tensor images;   // (N,1,28,28) pixels in [0,1]
    std::vector<int> labels;
    Tensor noise;    // (N,1,28,28) standard-normal field n_i
    std::vector<double> rotations;  // the angles of `rotated`
    std::vector<Tensor> rotated;    // images rotated by rotations[j]
};

EvaluationSet make_evaluation_set(Tensor images, std::vector<int> labels,
                                  std::span<const double> rotations, std::uint64_t seed);

// rotate (when the condition asks for it; the angle must be in set.rotations) first, then add
// pixel_sigma·n_i, then clip to [0,1] when the condition says so.
Tensor corrupt(const EvaluationSet& set, const Condition& condition, double pixel_sigma);

struct Measurement {
    std::string metric;  // accuracy, ece, nll, brier, asr
    double value = 0.0;
};

// accuracy, ece, nll, brier of the student on the corrupted set. The noise is σ in pixel space
// (noise_in_input_space false) or σ in the network's input space, i.e. σ·scaling.scale pixels.
std::vector<Measurement> evaluate_condition(nn::Model& model, const InputScaling& scaling,
                                            const EvaluationSet& set, const Condition& condition,
                                            bool noise_in_input_space = false);

// The 15-bin reliability diagram (metrics::reliability_bins) of the student on the clean test set.
std::vector<metrics::ReliabilityBin> clean_reliability(nn::Model& model, const InputScaling& scaling,
                                                       const EvaluationSet& set);

struct AttackSettings {
    std::vector<double> epsilons{0.05, 0.1, 0.2};
    int pgd_steps = 20;
    double pgd_step_fraction = 0.125;  // α = fraction·ε
    std::size_t images = 0;    // the first `images` test images; 0 = all
    std::uint64_t seed = 0;    // PGD start of ε index e: (Rng(seed, "pgd-start", e) seed, …)
};

struct AttackResult {
    std::string attack;  // fgsm, pgd
    int steps = 1;       // 1 for FGSM, pgd_steps for PGD
    double epsilon = 0.0;
    std::vector<Measurement> values;  // accuracy, asr
};

// FGSM and PGD at every ε on the first settings.images clean test images (N,1,28,28) with their
// labels. The model reads pixels directly (raw scaling).
std::vector<AttackResult> attack_student(nn::Model& model, const Tensor& test_images, std::span<const int> test_labels,
                                         const AttackSettings& settings);

}  // namespace qmlr::qplr
