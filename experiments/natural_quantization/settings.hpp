#pragma once
// Every protocol choice of the natural-quantization sweeps (docs/natural_quantization.md §8) as a
// declared setting with a default per profile (§8.6); the defaults are the choices the committed
// results were produced with.
//   a_grid, g_steps, projective_step, g_sweep_a     the sweeps (§8.5)
//   depth, width, squash, kraus_update              the network (§8.2, §4.5)
//   train_images, validation_images                 the data (§8.1)
//   epochs, evaluate_every, batch_size,
//   learning_rate, momentum                         training (§8.3)
//   shots, classical_shots                          validation by vote (§8.4)
//   seeds
#include "experiments/common/settings.hpp"

namespace qmlr::natural_quantization {

const experiments::SettingsSchema& settings_schema();

}  // namespace qmlr::natural_quantization
