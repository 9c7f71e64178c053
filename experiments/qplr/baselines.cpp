#include "experiments/qplr/baselines.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"
#include "nn/inference.hpp"
#include "nn/lenet.hpp"
#include "nn/softmax.hpp"

namespace qmlr::qplr {

namespace {

// mean += softmax(logits) / passes, elementwise over (N,10).
void accumulate_softmax(const Tensor& logits, int passes, Tensor& mean) {
    const Tensor p = nn::softmax(logits);
    const float w = 1.0f / static_cast<float>(passes);
    for (std::size_t i = 0; i < p.size(); ++i) mean[i] += p[i] * w;
}

// The pass subindex of the label noise, above any training epoch of the same stream.
constexpr std::uint32_t kLabelPassOffset = 1u << 16;

}  // namespace

Tensor bnn_labels(const Tensor& images, std::span<const int> labels, const BaselineOptions& options) {
    require(options.passes > 0 && options.dropout > 0.0 && options.dropout < 1.0,
            "bnn_labels: need passes > 0 and a dropout rate in (0, 1)");
    nn::LeNetOptions lenet;
    lenet.fc_dropout = options.dropout;
    lenet.dropout_seed = Rng(options.training.seed, "dropout").next_u64();
    nn::Model model = nn::make_lenet(lenet);
    model.initialize(Rng(options.training.seed, "student-init", 1).next_u64());
    train_student(model, images, one_hot_targets(labels), all_indices(labels.size()), options.training);
    Tensor mean(Shape{images.dim(0), 10});
    model.set_training(true);  // MC dropout: masks stay active
    for (int pass = 0; pass < options.passes; ++pass) {
        Tensor scaled = images;
        options.training.scaling.apply(scaled);
        accumulate_softmax(nn::predict(model, scaled, 500), options.passes, mean);
    }
    return mean;
}

Tensor rs_labels(const Tensor& images, std::span<const int> labels, const BaselineOptions& options) {
    require(options.passes > 0 && options.noise_sigma > 0.0, "rs_labels: need passes > 0 and σ > 0");
    StudentTraining training = options.training;
    training.train_noise_sigma = options.noise_sigma;
    nn::Model model = make_student(training.seed);
    train_student(model, images, one_hot_targets(labels), all_indices(labels.size()), training);
    Tensor mean(Shape{images.dim(0), 10});
    const std::vector<std::size_t> ids = all_indices(labels.size());
    for (int pass = 0; pass < options.passes; ++pass) {
        Tensor noisy = images;
        add_rs_noise(noisy, ids, options.noise_sigma, training.seed,
                     kLabelPassOffset + static_cast<std::uint32_t>(pass));
        accumulate_softmax(student_logits(model, noisy, training.scaling), options.passes, mean);
    }
    return mean;
}

}  // namespace qmlr::qplr
