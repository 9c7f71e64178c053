#include "nn/init.hpp"

#include <cmath>
#include <numbers>
#include <string>

#include "core/error.hpp"

namespace qmlr::nn {
namespace {

void fill_uniform(Tensor& values, double bound, Rng& rng) {
    for (float& v : values) v = static_cast<float>(rng.uniform(-bound, bound));
}

void fill_normal(Tensor& values, double std_dev, Rng& rng) {
    for (float& v : values) v = static_cast<float>(std_dev * rng.normal());
}

}  // namespace

void initialize_values(Tensor& values, Init init, std::int64_t fan_in, std::int64_t fan_out,
                       Rng& rng) {
    require(fan_in > 0 && fan_out > 0, "initialisers need positive fan_in and fan_out, got " +
                                           std::to_string(fan_in) + " and " +
                                           std::to_string(fan_out));
    const double in = static_cast<double>(fan_in), sum = static_cast<double>(fan_in + fan_out);
    switch (init) {
        case Init::pytorch_default: return fill_uniform(values, 1.0 / std::sqrt(in), rng);
        case Init::kaiming_normal: return fill_normal(values, std::sqrt(2.0 / in), rng);
        case Init::kaiming_uniform: return fill_uniform(values, std::sqrt(6.0 / in), rng);
        case Init::xavier_normal: return fill_normal(values, std::sqrt(2.0 / sum), rng);
        case Init::xavier_uniform: return fill_uniform(values, std::sqrt(6.0 / sum), rng);
        case Init::normal_fan_in: return fill_normal(values, 1.0 / std::sqrt(in), rng);
        case Init::zeros: return values.fill(0.0f);
    }
    throw Error("unknown initialiser " + std::to_string(static_cast<int>(init)));
}

void initialize_angles(Tensor& values, Rng& rng) {
    for (float& v : values) v = static_cast<float>(rng.uniform(0.0, 2.0 * std::numbers::pi));
}

}  // namespace qmlr::nn
