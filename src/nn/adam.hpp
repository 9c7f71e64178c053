#pragma once
// Adam (Kingma & Ba) in PyTorch's form (torch.optim.Adam, amsgrad off):
//   g = ∇ + λ·w
//   m = β1·m + (1−β1)·g;   v = β2·v + (1−β2)·g²
//   w = w − (lr / (1−β1^t)) · m / (√v / √(1−β2^t) + eps)
// Defaults β = (0.9, 0.999), eps 1e-8, no weight decay (docs/conventions.md §4).
#include <vector>

#include "nn/optimizer.hpp"

namespace qmlr::nn {

struct AdamOptions {
    double learning_rate = 1e-3;
    double beta1 = 0.9;
    double beta2 = 0.999;
    double eps = 1e-8;
    double weight_decay = 0.0;
};

class Adam : public Optimizer {
public:
    Adam(std::vector<Parameter*> parameters, AdamOptions options = {});
    void step() override;

private:
    AdamOptions options_;
    std::vector<Tensor> first_moment_, second_moment_;
};

}  // namespace qmlr::nn
