#pragma once
// Stochastic gradient descent in PyTorch's form (torch.optim.SGD, dampening 0):
//   g = ∇ + λ·w                        (weight decay λ)
//   v = μ·v + g   (v = g on the first step)
//   d = g + μ·v   (Nesterov)   or   d = v   (plain momentum)   or   d = g   (μ = 0)
//   w = w − lr·d
#include <vector>

#include "nn/optimizer.hpp"

namespace qmlr::nn {

struct SgdOptions {
    double learning_rate = 0.01;
    double momentum = 0.0;
    bool nesterov = false;
    double weight_decay = 0.0;
};

class Sgd : public Optimizer {
public:
    Sgd(std::vector<Parameter*> parameters, SgdOptions options);
    void step() override;

private:
    SgdOptions options_;
    std::vector<Tensor> velocity_;
};

}  // namespace qmlr::nn
