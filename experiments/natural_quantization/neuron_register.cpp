#include "experiments/natural_quantization/neuron_register.hpp"

#include "core/error.hpp"

namespace qmlr::natural_quantization {

PassAddress PassAddress::training(std::uint64_t seed, int epoch) {
    require(epoch >= 0, "a training pass needs an epoch ≥ 0, got " + std::to_string(epoch));
    return {seed, "train-sample", static_cast<std::uint64_t>(epoch)};
}

PassAddress PassAddress::evaluation(std::uint64_t seed, int point, int shot) {
    require(point >= 0 && shot >= 0 && shot < 16,
            "an evaluation pass needs a point ≥ 0 and a shot in [0, 16), got point " +
                std::to_string(point) + ", shot " + std::to_string(shot));
    return {seed, "eval-sample", static_cast<std::uint64_t>(point) * 16 + static_cast<std::uint64_t>(shot)};
}

void NeuronRegister::begin_pass(const PassAddress& address, std::span<const std::size_t> images) {
    for (std::size_t image : images)
        require(image < (std::size_t{1} << 32), "image index " + std::to_string(image) + " does not fit the stream address");
    address_ = address;
    images_ = images;
    states_.assign(images.size() * static_cast<std::size_t>(width_), NeuronState{});
}

Rng NeuronRegister::stream(std::size_t b, int layer) const {
    return Rng(address_.seed, address_.purpose, (address_.pass << 32) | images_[b],
               static_cast<std::uint32_t>(layer));
}

}  // namespace qmlr::natural_quantization
