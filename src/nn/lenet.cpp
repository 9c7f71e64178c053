#include "nn/lenet.hpp"

#include <string>

#include "core/error.hpp"
#include "nn/activations.hpp"
#include "nn/conv2d.hpp"
#include "nn/dropout.hpp"
#include "nn/linear.hpp"
#include "nn/pooling.hpp"
#include "nn/reshaping.hpp"

namespace qmlr::nn {

Model make_lenet(LeNetOptions options) {
    // Spatial size after conv 5×5, pool 2, conv 5×5, pool 2.
    const int after_conv1 = options.image_size + 2 * options.conv1_padding - 4;
    const int side = (after_conv1 / 2 - 4) / 2;
    require(after_conv1 >= 2 && after_conv1 / 2 >= 5 && side >= 1,
            "make_lenet: image size " + std::to_string(options.image_size) + " with padding " +
                std::to_string(options.conv1_padding) + " is too small for two 5x5 convolutions "
                "and two 2x2 poolings (at least 16 without padding)");
    Model model;
    model.add<Conv2d>(options.channels, 6, 5, Conv2dOptions{1, options.conv1_padding, true});
    model.add<MaxPool2d>(2);
    model.add<ReLU>();
    model.add<Conv2d>(6, 16, 5);
    model.add<MaxPool2d>(2);
    model.add<ReLU>();
    model.add<Flatten>();
    const auto dropout = [&] {
        if (options.fc_dropout > 0.0) model.add<Dropout>(options.fc_dropout, options.dropout_seed);
    };
    dropout();
    model.add<Linear>(16 * side * side, 120);
    model.add<ReLU>();
    dropout();
    model.add<Linear>(120, 84);
    model.add<ReLU>();
    dropout();
    model.add<Linear>(84, options.classes);
    return model;
}

}  // namespace qmlr::nn
