#include "attacks/attack_common.hpp"

#include <algorithm>
#include <string>

#include "core/error.hpp"
#include "nn/batch_parallel.hpp"
#include "nn/cross_entropy.hpp"
#include "nn/inference.hpp"

namespace qmlr::attacks {

std::vector<double> loss_input_gradient(nn::Model& model, const Tensor& x,
                                        std::span<const int> labels, Tensor& grad) {
    const Tensor& logits = model.forward(x);
    Tensor grad_logits;
    nn::cross_entropy(logits, labels, &grad_logits, nn::Reduction::sum);
    std::vector<double> losses = nn::cross_entropy_per_sample(logits, labels);
    const Tensor& dx = model.backward(grad_logits, nn::Gradients::input);
    if (!(grad.shape() == dx.shape())) grad = Tensor(dx.shape());
    std::copy(dx.begin(), dx.end(), grad.begin());
    return losses;
}

void signed_step(Tensor& x, const Tensor& grad, const Tensor& x0, float alpha, float epsilon,
                 Goal goal) {
    const float direction = goal == Goal::untargeted ? alpha : -alpha;
    float* v = x.data();
    const float* g = grad.data();
    const float* origin = x0.data();
    nn::for_element_chunks(x.size(), [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            const float sign = g[i] > 0.0f ? 1.0f : (g[i] < 0.0f ? -1.0f : 0.0f);
            const float moved = v[i] + direction * sign;
            const float projected = std::clamp(moved, origin[i] - epsilon, origin[i] + epsilon);
            v[i] = std::clamp(projected, 0.0f, 1.0f);
        }
    });
}

Tensor attack_in_batches(
    nn::Model& model, const Tensor& images, std::span<const int> labels, std::size_t batch_size,
    const std::function<Tensor(const Tensor&, std::span<const int>, std::size_t)>& attack) {
    require(batch_size > 0, "attack: expected a batch size > 0");
    require(images.shape().rank() >= 2 && images.dim(0) > 0,
            "attack: expected images (N,...) with N >= 1, got " + images.shape().to_string());
    const auto n = static_cast<std::size_t>(images.dim(0));
    require(labels.size() == n, "attack: images " + images.shape().to_string() + " need " +
                                    std::to_string(n) + " labels, got " +
                                    std::to_string(labels.size()));
    const bool was_training = model.training();
    model.set_training(false);
    Tensor adversarial(images.shape());
    const std::size_t row = images.size() / n;
    try {
        for (std::size_t begin = 0; begin < n; begin += batch_size) {
            const std::size_t count = std::min(batch_size, n - begin);
            const Tensor batch = attack(nn::slice_batch(images, begin, count),
                                        labels.subspan(begin, count), begin);
            std::copy(batch.begin(), batch.end(), adversarial.data() + begin * row);
        }
    } catch (...) {
        model.set_training(was_training);
        throw;
    }
    model.set_training(was_training);
    return adversarial;
}

}  // namespace qmlr::attacks
