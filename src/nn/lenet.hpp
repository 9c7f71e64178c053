#pragma once
// The LeNet-5 student of docs/qplr.md §2.5 and §7.3:
//   conv C→6 5×5 (padding p) → ReLU → max-pool 2 → conv 6→16 5×5 → ReLU → max-pool 2
//   → flatten → Linear 120 → ReLU → Linear 84 → ReLU → Linear K (logits)
// built with each max-pool before its ReLU: ReLU is monotonic, so max(relu(a), relu(b)) =
// relu(max(a, b)) exactly and the gradients agree too (the unit tests check both orders give
// the same bits), while the ReLU then touches a quarter of the values.
// On 28×28 inputs, padding 0 flattens 16·4·4 = 256 values, padding 2 (classic LeNet)
// 16·5·5 = 400. Parameters are not initialised: call initialize(seed).
// fc_dropout > 0 puts inverted dropout (nn/dropout.hpp, stream seed dropout_seed) on the input of
// each of the three Linear layers (the MC-dropout network of docs/qplr.md §7.3, step 14).
#include <cstdint>

#include "nn/model.hpp"

namespace qmlr::nn {

struct LeNetOptions {
    int channels = 1;
    int image_size = 28;
    int classes = 10;
    int conv1_padding = 0;
    double fc_dropout = 0.0;
    std::uint64_t dropout_seed = 0;
};

Model make_lenet(LeNetOptions options = {});

}  // namespace qmlr::nn
