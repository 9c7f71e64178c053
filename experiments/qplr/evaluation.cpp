#include "experiments/qplr/evaluation.hpp"

#include <algorithm>
#include <cmath>

#include "attacks/fgsm.hpp"
#include "attacks/gaussian_noise.hpp"
#include "attacks/pgd.hpp"
#include "attacks/rotation.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "metrics/accuracy.hpp"
#include "metrics/attack_success.hpp"
#include "metrics/calibration.hpp"
#include "nn/inference.hpp"

namespace qmlr::qplr {

EvaluationSet make_evaluation_set(Tensor images, std::vector<int> labels,
                                  std::span<const double> rotations, std::uint64_t seed) {
    require(images.dim(0) == static_cast<std::int64_t>(labels.size()) && !labels.empty(),
            "make_evaluation_set: need one label per test image");
    EvaluationSet set;
    set.noise = attacks::gaussian_noise(Tensor(images.shape()),
                                        {.sigma = 1.0, .clip = false, .seed = seed, .stream = "eval-noise"});
    for (double angle : rotations) {
        if (angle == 0.0) continue;
        set.rotations.push_back(angle);
        set.rotated.push_back(attacks::rotate(images, angle));
    }
    set.images = std::move(images);
    set.labels = std::move(labels);
    return set;
}

Tensor corrupt(const EvaluationSet& set, const Condition& condition, double pixel_sigma) {
    const Tensor* base = &set.images;
    if (condition.rotation_degrees != 0.0) {
        const auto it = std::find(set.rotations.begin(), set.rotations.end(), condition.rotation_degrees);
        require(it != set.rotations.end(), "corrupt: no rotated copy for " +
                                               std::to_string(condition.rotation_degrees) + " degrees");
        base = &set.rotated[static_cast<std::size_t>(it - set.rotations.begin())];
    }
    Tensor out = *base;
    const auto s = static_cast<float>(pixel_sigma);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const float v = out[i] + s * set.noise[i];
        out[i] = condition.clipped ? std::clamp(v, 0.0f, 1.0f) : v;
    }
    return out;
}

std::vector<Measurement> evaluate_condition(nn::Model& model, const InputScaling& scaling,
                                            const EvaluationSet& set, const Condition& condition,
                                            bool noise_in_input_space) {
    const double pixel_sigma = condition.sigma * (noise_in_input_space ? scaling.scale : 1.0);
    const Tensor logits = student_logits(model, corrupt(set, condition, pixel_sigma), scaling);
    return {{"accuracy", metrics::accuracy(logits, set.labels)},
            {"ece", metrics::expected_calibration_error(logits, set.labels)},
            {"nll", metrics::negative_log_likelihood(logits, set.labels)},
            {"brier", metrics::brier_score(logits, set.labels)}};
}

std::vector<metrics::ReliabilityBin> clean_reliability(nn::Model& model, const InputScaling& scaling,
                                                       const EvaluationSet& set) {
    return metrics::reliability_bins(student_logits(model, set.images, scaling), set.labels);
}

std::vector<AttackResult> attack_student(nn::Model& model, const Tensor& test_images, std::span<const int> test_labels,
                                         const AttackSettings& settings) {
    const auto total = static_cast<std::size_t>(test_images.dim(0));
    require(total == test_labels.size(), "attack_student: need one label per test image");
    const std::size_t n = settings.images == 0 ? total : std::min(settings.images, total);
    const Tensor images = nn::slice_batch(test_images, 0, n);
    const std::span<const int> labels = test_labels.first(n);
    model.set_training(false);
    const std::vector<int> clean = metrics::predictions(nn::predict(model, images, 500));
    const auto measure = [&](const Tensor& adversarial) {
        const auto success = metrics::attack_success(clean, metrics::predictions(nn::predict(model, adversarial, 500)), labels);
        return std::vector<Measurement>{{"accuracy", success.adversarial_accuracy}, {"asr", success.asr}};
    };
    std::vector<AttackResult> results;
    for (std::size_t e = 0; e < settings.epsilons.size(); ++e) {
        const double epsilon = settings.epsilons[e];
        results.push_back({"fgsm", 1, epsilon, measure(attacks::fgsm(model, images, labels, {.epsilon = epsilon}))});
        attacks::PgdOptions pgd;
        pgd.epsilon = epsilon;
        pgd.step_size = settings.pgd_step_fraction * epsilon;
        pgd.steps = settings.pgd_steps;
        pgd.seed = Rng(settings.seed, "pgd-start", e).next_u64();
        results.push_back({"pgd", settings.pgd_steps, epsilon, measure(attacks::pgd(model, images, labels, pgd))});
    }
    return results;
}

}  // namespace qmlr::qplr
