#pragma once
// Attack success (docs/conventions.md §9):
//   asr     (primary) among samples classified correctly when clean, the share whose
//           prediction changes under attack; 0 when no sample was correct
//   asr_all 1 − adversarial accuracy, over all samples
#include <cstddef>
#include <span>

namespace qmlr::metrics {

struct AttackSuccess {
    std::size_t samples = 0;
    std::size_t clean_correct = 0;      // correct before the attack
    std::size_t flipped = 0;            // of those, changed by the attack
    std::size_t adversarial_correct = 0;
    double asr = 0.0;
    double asr_all = 0.0;
    double clean_accuracy = 0.0;
    double adversarial_accuracy = 0.0;
};

AttackSuccess attack_success(std::span<const int> clean_predictions,
                             std::span<const int> adversarial_predictions,
                             std::span<const int> labels);

}  // namespace qmlr::metrics
