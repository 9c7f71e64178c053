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

namespace {

// The update of one contiguous piece, with every option fixed at compile time so the loop has
// no branches and vectorises; each element sees the operations of the header's formulas.
template <bool kFirst, bool kNesterov>
void momentum_update(float* __restrict w, const float* __restrict grad, float* __restrict v,
                     std::size_t n, float lr, float mu, float decay) {
    for (std::size_t j = 0; j < n; ++j) {
        const float g = grad[j] + decay * w[j];
        const float velocity = kFirst ? g : mu * v[j] + g;
        v[j] = velocity;
        w[j] -= lr * (kNesterov ? g + mu * velocity : velocity);
    }
}

void plain_update(float* __restrict w, const float* __restrict grad, std::size_t n, float lr,
                  float decay) {
    for (std::size_t j = 0; j < n; ++j) w[j] -= lr * (grad[j] + decay * w[j]);
}

}  // namespace

void Sgd::step() {
    const auto lr = static_cast<float>(learning_rate_);
    const auto mu = static_cast<float>(options_.momentum);
    const auto decay = static_cast<float>(options_.weight_decay);
    const bool first = steps_ == 0;
    const bool nesterov = options_.nesterov;
    for_each_piece([&](std::size_t i, std::size_t begin, std::size_t end) {
        float* w = parameters_[i]->value.data() + begin;
        const float* grad = parameters_[i]->grad.data() + begin;
        const std::size_t n = end - begin;
        if (mu == 0.0f) return plain_update(w, grad, n, lr, decay);
        float* v = velocity_[i].data() + begin;
        if (first)
            nesterov ? momentum_update<true, true>(w, grad, v, n, lr, mu, decay)
                     : momentum_update<true, false>(w, grad, v, n, lr, mu, decay);
        else
            nesterov ? momentum_update<false, true>(w, grad, v, n, lr, mu, decay)
                     : momentum_update<false, false>(w, grad, v, n, lr, mu, decay);
    });
    ++steps_;
}

}  // namespace qmlr::nn
