#pragma once
// Learning-rate schedules as pure functions of the step (or epoch) index t = 0, 1, 2, ...
//   step:   lr(t) = base · γ^⌊t / step_size⌋           (torch StepLR; QPLR: γ = 0.1 after epoch 3)
//   cosine: lr(t) = min + (base − min)·(1 + cos(π·t'/T'))/2 after `warmup` linear steps
//           from base/warmup up to base; t' = t − warmup, T' = total − warmup; lr = min for
//           t >= total                                   (torch CosineAnnealingLR, one cycle)
namespace qmlr::nn {

struct StepSchedule {
    double base;
    long long step_size;
    double gamma = 0.1;
    double at(long long t) const;
};

struct CosineSchedule {
    double base;
    long long total;
    double min = 0.0;
    long long warmup = 0;
    double at(long long t) const;
};

}  // namespace qmlr::nn
