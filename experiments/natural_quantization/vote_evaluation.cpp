#include "experiments/natural_quantization/vote_evaluation.hpp"

#include <numeric>
#include <vector>

#include "core/error.hpp"
#include "nn/inference.hpp"

namespace qmlr::natural_quantization {

int argmax(std::span<const float> values) {
    int best = 0;
    for (std::size_t i = 1; i < values.size(); ++i)
        if (values[i] > values[static_cast<std::size_t>(best)]) best = static_cast<int>(i);
    return best;
}

int majority_vote(std::span<const int> counts) {
    int best = 0;
    for (std::size_t c = 1; c < counts.size(); ++c)
        if (counts[c] > counts[static_cast<std::size_t>(best)]) best = static_cast<int>(c);
    return best;
}

VoteResult evaluate_by_vote(Network& network, const Tensor& images, std::span<const int> labels,
                            std::uint64_t seed, int point, int shots) {
    const auto n = static_cast<std::size_t>(images.shape()[0]);
    require(labels.size() == n, "evaluate_by_vote: " + std::to_string(n) + " images but " +
                                    std::to_string(labels.size()) + " labels");
    require(shots >= 1 && shots < 16, "evaluate_by_vote: shots must be in [1, 15], got " + std::to_string(shots));
    nn::Model& model = network.model;
    const nn::BatchSlice whole{0, 0};
    // Blocks of images bound the memory of the per-layer activations.
    constexpr std::size_t kBlock = 1000;
    std::size_t wrong_votes = 0, wrong_passes = 0;
    std::vector<std::size_t> ids;
    for (std::size_t first = 0; first < n; first += kBlock) {
        const std::size_t count = std::min(kBlock, n - first);
        ids.resize(count);
        std::iota(ids.begin(), ids.end(), first);
        const Tensor block = nn::slice_batch(images, first, count);
        Tensor first_layer(model.layer(0).output_shape(block.shape()));
        model.layer(0).forward(block, first_layer, whole);

        const int classes = static_cast<int>(model.output_shape(block.shape())[1]);
        std::vector<int> counts(count * static_cast<std::size_t>(classes), 0);
        std::vector<Tensor> acts(model.size());
        for (int shot = 0; shot < shots; ++shot) {
            network.neurons->begin_pass(PassAddress::evaluation(seed, point, shot), ids);
            const Tensor* in = &first_layer;
            for (std::size_t k = 1; k < model.size(); ++k) {
                const Shape shape = model.layer(k).output_shape(in->shape());
                if (acts[k].shape() != shape) acts[k] = Tensor(shape);
                model.layer(k).forward(*in, acts[k], whole);
                in = &acts[k];
            }
            for (std::size_t i = 0; i < count; ++i) {
                const int predicted = argmax({in->data() + i * static_cast<std::size_t>(classes),
                                              static_cast<std::size_t>(classes)});
                ++counts[i * static_cast<std::size_t>(classes) + static_cast<std::size_t>(predicted)];
                wrong_passes += predicted != labels[first + i];
            }
        }
        for (std::size_t i = 0; i < count; ++i)
            wrong_votes += majority_vote({counts.data() + i * static_cast<std::size_t>(classes),
                                          static_cast<std::size_t>(classes)}) != labels[first + i];
    }
    return {static_cast<double>(wrong_votes) / static_cast<double>(n),
            static_cast<double>(wrong_passes) / (static_cast<double>(n) * shots)};
}

}  // namespace qmlr::natural_quantization
