#include "nn/optimizer.hpp"

#include <cmath>
#include <string>

#include "core/error.hpp"

namespace qmlr::nn {

Optimizer::Optimizer(std::vector<Parameter*> parameters, double learning_rate)
    : parameters_(std::move(parameters)) {
    for (const Parameter* p : parameters_)
        require(p != nullptr, "optimiser: got a null parameter pointer");
    set_learning_rate(learning_rate);
}

void Optimizer::zero_grad() {
    for (Parameter* p : parameters_) p->grad.fill(0.0f);
}

void Optimizer::set_learning_rate(double learning_rate) {
    require(std::isfinite(learning_rate) && learning_rate >= 0.0,
            "optimiser: expected a finite learning rate >= 0, got " +
                std::to_string(learning_rate));
    learning_rate_ = learning_rate;
}

}  // namespace qmlr::nn
