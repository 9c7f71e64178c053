#include "attacks/pgd.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "metrics/accuracy.hpp"
#include "nn/batch_parallel.hpp"
#include "nn/cross_entropy.hpp"

namespace qmlr::attacks {
namespace {

// x = clip_[0,1](x0 + u), u ~ U[−ε, ε] from (seed, "pgd-start", first + b, restart).
void random_start(Tensor& x, const Tensor& x0, float epsilon, std::uint64_t seed,
                  std::size_t first, int restart) {
    const auto batch = static_cast<std::size_t>(x0.dim(0));
    const std::size_t row = x0.size() / batch;
    nn::for_sample_chunks(batch, [&](std::size_t begin, std::size_t end) {
        for (std::size_t b = begin; b < end; ++b) {
            Rng rng(seed, "pgd-start", first + b, static_cast<std::uint32_t>(restart));
            for (std::size_t i = b * row; i < (b + 1) * row; ++i) {
                const auto u = static_cast<float>(rng.uniform(-1.0, 1.0)) * epsilon;
                x[i] = std::clamp(x0[i] + u, 0.0f, 1.0f);
            }
        }
    });
}

}  // namespace

Tensor pgd(nn::Model& model, const Tensor& images, std::span<const int> labels,
           const PgdOptions& options) {
    require(options.epsilon >= 0.0 && options.step_size >= 0.0 && options.steps >= 0 &&
                options.restarts >= 1,
            "pgd: expected epsilon >= 0, step size >= 0, steps >= 0 and restarts >= 1, got " +
                std::to_string(options.epsilon) + ", " + std::to_string(options.step_size) +
                ", " + std::to_string(options.steps) + ", " + std::to_string(options.restarts));
    const auto epsilon = static_cast<float>(options.epsilon);
    const auto alpha = static_cast<float>(options.step_size);
    Tensor grad;
    auto run = [&](const Tensor& x0, std::span<const int> y, std::size_t first, int restart) {
        Tensor x = x0;
        if (options.random_start) random_start(x, x0, epsilon, options.seed, first, restart);
        for (int t = 0; t < options.steps; ++t) {
            loss_input_gradient(model, x, y, grad);
            signed_step(x, grad, x0, alpha, epsilon, options.goal);
        }
        return x;
    };
    return attack_in_batches(
        model, images, labels, options.batch_size,
        [&](const Tensor& x0, std::span<const int> y, std::size_t first) {
            Tensor best = run(x0, y, first, 0);
            if (options.restarts == 1) return best;
            const auto batch = static_cast<std::size_t>(x0.dim(0));
            const std::size_t row = x0.size() / batch;
            // Per sample: has it succeeded, and the loss of the kept run.
            auto judge = [&](const Tensor& x, std::vector<bool>& success, std::vector<double>& loss) {
                const Tensor& logits = model.forward(x);
                loss = nn::cross_entropy_per_sample(logits, y);
                const std::vector<int> predicted = metrics::predictions(logits);
                for (std::size_t b = 0; b < batch; ++b)
                    success[b] = options.goal == Goal::untargeted ? predicted[b] != y[b]
                                                                  : predicted[b] == y[b];
            };
            std::vector<bool> best_success(batch), success(batch);
            std::vector<double> best_loss, loss;
            judge(best, best_success, best_loss);
            for (int r = 1; r < options.restarts; ++r) {
                const Tensor candidate = run(x0, y, first, r);
                judge(candidate, success, loss);
                for (std::size_t b = 0; b < batch; ++b) {
                    const bool better = options.goal == Goal::untargeted ? loss[b] > best_loss[b]
                                                                         : loss[b] < best_loss[b];
                    if (best_success[b] || (!success[b] && !better)) continue;
                    std::copy(candidate.data() + b * row, candidate.data() + (b + 1) * row,
                              best.data() + b * row);
                    best_success[b] = success[b];
                    best_loss[b] = loss[b];
                }
            }
            return best;
        });
}

}  // namespace qmlr::attacks
