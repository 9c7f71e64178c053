#pragma once
// Quantum Patches' declared settings (docs/quantum_patches.md §7): every protocol choice with its
// default per profile. The defaults reproduce the protocol of §7.7:
//   quick    100 / 10 images per class, 2 epochs, seed 0 (the smoke test)
//   default  the full training and test sets (CINIC-10's test split cut to 1,000 per class),
//            15 epochs, seed 0
//   paper    the full sets, CINIC-10's whole test split, 15 epochs, seeds 0–2
#include <string>

#include "experiments/common/settings.hpp"
#include "experiments/quantum_patches/patch_filter.hpp"

namespace qmlr::quantum_patches {

const experiments::SettingsSchema& settings_schema();

// The patch filter a `patch_gates` and a `patch_encoding` value name.
GateList gate_list(const std::string& setting_value);
Encoding encoding(const std::string& setting_value);

// The names of a dataset's per-dataset settings: "<dataset>_epsilons" (the attack ε list, the
// first being the headline ε of the checks) and "<dataset>_training_epsilon" (the FGSM
// adversarial-training ε), and the test images per class it is evaluated on.
std::string epsilons_setting(const std::string& dataset);
std::string training_epsilon_setting(const std::string& dataset);
std::string test_per_class_setting(const std::string& dataset);

}  // namespace qmlr::quantum_patches
