#include "metrics/attack_success.hpp"

#include "metrics/accuracy.hpp"

namespace qmlr::metrics {

AttackSuccess attack_success(std::span<const int> clean_predictions,
                             std::span<const int> adversarial_predictions,
                             std::span<const int> labels) {
    require_same_length(clean_predictions.size(), labels.size(), "attack_success",
                        "clean predictions", "labels");
    require_same_length(adversarial_predictions.size(), labels.size(), "attack_success",
                        "adversarial predictions", "labels");
    AttackSuccess s;
    s.samples = labels.size();
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const bool clean_ok = clean_predictions[i] == labels[i];
        s.clean_correct += clean_ok;
        s.flipped += clean_ok && adversarial_predictions[i] != clean_predictions[i];
        s.adversarial_correct += adversarial_predictions[i] == labels[i];
    }
    const auto n = static_cast<double>(s.samples);
    s.asr = s.clean_correct == 0 ? 0.0 : static_cast<double>(s.flipped) / static_cast<double>(s.clean_correct);
    s.clean_accuracy = static_cast<double>(s.clean_correct) / n;
    s.adversarial_accuracy = static_cast<double>(s.adversarial_correct) / n;
    s.asr_all = 1.0 - s.adversarial_accuracy;
    return s;
}

}  // namespace qmlr::metrics
