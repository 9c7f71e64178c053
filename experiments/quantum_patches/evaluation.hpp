#pragma once
// White-box evaluation of a trained model (docs/quantum_patches.md §7.5–7.6): clean accuracy, then
// for each attack (FGSM; PGD with a random start, α = step_fraction·ε, final iterate) and each ε the
// adversarial accuracy, the ASR over originally-correct samples (primary) and ASR_all =
// 1 − adversarial accuracy. Gradients flow through the whole model, simulated circuit included.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/tensor.hpp"
#include "nn/model.hpp"

namespace qmlr::quantum_patches {

struct AttackPlan {
    std::vector<double> epsilons;  // the first is the dataset's headline ε
    int pgd_steps = 10;
    double pgd_step_fraction = 0.25;  // α = fraction·ε (0.25·ε equals ε/4 exactly)
    std::uint64_t seed = 0;        // PGD random starts: stream (seed, "pgd-start", image, restart)
    std::size_t batch_size = 128;
};

struct Measurement {
    std::string attack;  // "none", "fgsm", "pgd"
    double epsilon = 0;
    std::string metric;  // clean_accuracy | adversarial_accuracy | asr | asr_all
    double value = 0;
};

std::vector<Measurement> evaluate_attacks(nn::Model& model, const Tensor& images, std::span<const int> labels,
                                          const AttackPlan& plan);

}  // namespace qmlr::quantum_patches
