#pragma once
// Every protocol choice of `qplr`, declared once with its default per profile (docs/qplr.md §7.8):
//   quick    a tiny run for the smoke test: 200 training / 50 test images per class, at most 5
//            teacher epochs, 5 student epochs, seed 0; numbers are never compared with the paper
//   default  the protocol's sizes (60k / 10k, teacher 5 or 25 epochs, students 20 epochs),
//            seeds 0–2, attacks on the first 2,000 test images, sensitivity study on seed 0
//   paper    the same sizes with one seed and attacks on all 10,000 test images
// Settings of one dataset are named <dataset>_<name> (mnist_teacher_layers,
// fashion_mnist_sigmas, …); dataset_setting() spells them.
#include <string>
#include <string_view>
#include <vector>

#include "experiments/common/settings.hpp"

namespace qmlr::qplr {

const experiments::SettingsSchema& settings_schema();

// The dataset keys `datasets` accepts, in the order the plan runs them.
const std::vector<std::string>& dataset_keys();

// "<dataset>_<name>", e.g. dataset_setting("fashion_mnist", "sigmas") = "fashion_mnist_sigmas".
std::string dataset_setting(std::string_view dataset, std::string_view name);

}  // namespace qmlr::qplr
