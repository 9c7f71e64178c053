#include "nn/adam.hpp"

#include <cmath>
#include <string>

#include "core/error.hpp"
#include "nn/simd_kernels.hpp"

namespace qmlr::nn {

Adam::Adam(std::vector<Parameter*> parameters, AdamOptions options)
    : Optimizer(std::move(parameters), options.learning_rate), options_(options) {
    require(options.beta1 >= 0.0 && options.beta1 < 1.0 && options.beta2 >= 0.0 &&
                options.beta2 < 1.0 && options.eps > 0.0 && options.weight_decay >= 0.0,
            "Adam: expected betas in [0, 1), eps > 0 and weight decay >= 0, got beta1 " +
                std::to_string(options.beta1) + ", beta2 " + std::to_string(options.beta2) +
                ", eps " + std::to_string(options.eps) + ", weight decay " +
                std::to_string(options.weight_decay));
    for (const Parameter* p : parameters_) {
        first_moment_.emplace_back(p->value.shape());
        second_moment_.emplace_back(p->value.shape());
    }
}

void Adam::step() {
    const double t = static_cast<double>(steps_ + 1);
    const double correction1 = 1.0 - std::pow(options_.beta1, t);
    const double correction2 = 1.0 - std::pow(options_.beta2, t);
    const auto step_size = static_cast<float>(learning_rate_ / correction1);
    const auto inv_sqrt_c2 = static_cast<float>(1.0 / std::sqrt(correction2));
    const auto b1 = static_cast<float>(options_.beta1), b2 = static_cast<float>(options_.beta2);
    const auto eps = static_cast<float>(options_.eps);
    const auto decay = static_cast<float>(options_.weight_decay);
    const detail::AdamCoefficients k{b1, b2, eps, decay, step_size, inv_sqrt_c2};
    const detail::AdamKernel update = detail::simd_kernels().adam;
    for_each_piece([&](std::size_t i, std::size_t begin, std::size_t end) {
        update(k, parameters_[i]->grad.data() + begin, parameters_[i]->value.data() + begin,
               first_moment_[i].data() + begin, second_moment_[i].data() + begin, end - begin);
    });
    ++steps_;
}

}  // namespace qmlr::nn
