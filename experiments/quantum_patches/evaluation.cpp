#include "experiments/quantum_patches/evaluation.hpp"

#include "attacks/fgsm.hpp"
#include "attacks/pgd.hpp"
#include "metrics/accuracy.hpp"
#include "metrics/attack_success.hpp"
#include "nn/inference.hpp"

namespace qmlr::quantum_patches {

namespace {

std::vector<int> predict_labels(nn::Model& model, const Tensor& images, std::size_t batch_size) {
    return metrics::predictions(nn::predict(model, images, batch_size));
}

void add_attack(std::vector<Measurement>& rows, const std::string& attack, double epsilon,
                const metrics::AttackSuccess& success) {
    rows.push_back({attack, epsilon, "adversarial_accuracy", success.adversarial_accuracy});
    rows.push_back({attack, epsilon, "asr", success.asr});
    rows.push_back({attack, epsilon, "asr_all", success.asr_all});
}

}  // namespace

std::vector<Measurement> evaluate_attacks(nn::Model& model, const Tensor& images, std::span<const int> labels,
                                          const AttackPlan& plan) {
    const bool was_training = model.training();
    model.set_training(false);
    const std::vector<int> clean = predict_labels(model, images, plan.batch_size);
    std::vector<Measurement> rows;
    rows.push_back({"none", 0.0, "clean_accuracy", metrics::accuracy(clean, labels)});
    for (double epsilon : plan.epsilons) {
        attacks::FgsmOptions fgsm;
        fgsm.epsilon = epsilon;
        fgsm.batch_size = plan.batch_size;
        const std::vector<int> after_fgsm = predict_labels(model, attacks::fgsm(model, images, labels, fgsm), plan.batch_size);
        add_attack(rows, "fgsm", epsilon, metrics::attack_success(clean, after_fgsm, labels));

        attacks::PgdOptions pgd;
        pgd.epsilon = epsilon;
        pgd.step_size = plan.pgd_step_fraction * epsilon;
        pgd.steps = plan.pgd_steps;
        pgd.seed = plan.seed;
        pgd.batch_size = plan.batch_size;
        const std::vector<int> after_pgd = predict_labels(model, attacks::pgd(model, images, labels, pgd), plan.batch_size);
        add_attack(rows, "pgd", epsilon, metrics::attack_success(clean, after_pgd, labels));
    }
    model.set_training(was_training);
    return rows;
}

}  // namespace qmlr::quantum_patches
