#include "nn/sgd.hpp"

#include <string>

#include "core/error.hpp"

namespace qmlr::nn {

Sgd::Sgd(std::vector<Parameter*> parameters, SgdOptions options)
    : Optimizer(std::move(parameters), options.learning_rate), options_(options) {
    require(options.momentum >= 0.0 && options.weight_decay >= 0.0,
            "Sgd: expected momentum >= 0 and weight decay >= 0, got " +
                std::to_string(options.momentum) + " and " + std::to_string(options.weight_decay));
    require(!options.nesterov || options.momentum > 0.0,
            "Sgd: Nesterov momentum needs momentum > 0");
    for (const Parameter* p : parameters_) velocity_.emplace_back(p->value.shape());
}

void Sgd::step() {
    const auto lr = static_cast<float>(learning_rate_);
    const auto mu = static_cast<float>(options_.momentum);
    const auto decay = static_cast<float>(options_.weight_decay);
    const bool first = steps_ == 0;
    for_each_piece([&](std::size_t i, std::size_t begin, std::size_t end) {
        float* w = parameters_[i]->value.data();
        const float* grad = parameters_[i]->grad.data();
        float* v = velocity_[i].data();
        for (std::size_t j = begin; j < end; ++j) {
            float g = grad[j] + decay * w[j];
            if (mu > 0.0f) {
                v[j] = first ? g : mu * v[j] + g;
                g = options_.nesterov ? g + mu * v[j] : v[j];
            }
            w[j] -= lr * g;
        }
    });
    ++steps_;
}

}  // namespace qmlr::nn
