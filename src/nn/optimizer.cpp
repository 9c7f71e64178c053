#include "nn/optimizer.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.hpp"

namespace qmlr::nn {

Optimizer::Optimizer(std::vector<Parameter*> parameters, double learning_rate)
    : parameters_(std::move(parameters)) {
    constexpr std::size_t kPiece = std::size_t{1} << 14;
    for (std::size_t i = 0; i < parameters_.size(); ++i) {
        require(parameters_[i] != nullptr, "optimiser: got a null parameter pointer");
        const std::size_t n = parameters_[i]->value.size();
        for (std::size_t begin = 0; begin < n; begin += kPiece)
            pieces_.push_back({i, begin, std::min(n, begin + kPiece)});
    }
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
