#include "attacks/fgsm.hpp"

#include <string>

#include "core/error.hpp"

namespace qmlr::attacks {

Tensor fgsm(nn::Model& model, const Tensor& images, std::span<const int> labels,
            const FgsmOptions& options) {
    require(options.epsilon >= 0.0,
            "fgsm: expected epsilon >= 0, got " + std::to_string(options.epsilon));
    const auto epsilon = static_cast<float>(options.epsilon);
    Tensor grad;
    return attack_in_batches(model, images, labels, options.batch_size,
                             [&](const Tensor& x0, std::span<const int> y, std::size_t) {
                                 loss_input_gradient(model, x0, y, grad);
                                 Tensor x = x0;
                                 signed_step(x, grad, x0, epsilon, epsilon, options.goal);
                                 return x;
                             });
}

}  // namespace qmlr::attacks
