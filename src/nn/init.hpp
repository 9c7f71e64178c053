#pragma once
// Parameter initialisers. fan_in / fan_out as PyTorch computes them: for a weight (O,I) or
// (O,C,R,R), fan_in = I or C·R², fan_out = O or O·R².
//   pytorch_default   U(−1/√fan_in, 1/√fan_in) (kaiming_uniform with a = √5; also the bias)
//   kaiming_normal    N(0, 2/fan_in)           (ReLU gain √2, fan_in mode)
//   kaiming_uniform   U(±√(6/fan_in))
//   xavier_normal     N(0, 2/(fan_in + fan_out))
//   xavier_uniform    U(±√(6/(fan_in + fan_out)))
//   normal_fan_in     N(0, 1/fan_in)           (docs/natural_quantization.md §5: linear gain)
//   zeros
// Circuit angles (Parameter::Role::angle) are always U[0, 2π).
#include <cstdint>

#include "core/rng.hpp"
#include "core/tensor.hpp"

namespace qmlr::nn {

enum class Init {
    pytorch_default,
    kaiming_normal,
    kaiming_uniform,
    xavier_normal,
    xavier_uniform,
    normal_fan_in,
    zeros,
};

struct InitScheme {
    Init weight = Init::pytorch_default;
    Init bias = Init::pytorch_default;
};

// Fills `values` with draws from `rng` in element order.
void initialize_values(Tensor& values, Init init, std::int64_t fan_in, std::int64_t fan_out,
                       Rng& rng);
// U[0, 2π) in element order.
void initialize_angles(Tensor& values, Rng& rng);

}  // namespace qmlr::nn
