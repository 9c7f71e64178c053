#include "nn/layer.hpp"

#include "core/error.hpp"

namespace qmlr::nn {

void require_rank(const Shape& shape, int rank, const std::string& layer, const char* expected) {
    if (shape.rank() != rank)
        throw Error(layer + ": expected an input of shape " + expected + ", got " +
                    shape.to_string() + " (rank " + std::to_string(shape.rank()) + ")");
}

void require_same_shape(const Tensor& a, const Tensor& b, const std::string& layer,
                        const char* a_name, const char* b_name) {
    if (!(a.shape() == b.shape()))
        throw Error(layer + ": " + a_name + " has shape " + a.shape().to_string() + " but " +
                    b_name + " has shape " + b.shape().to_string() + "; they must match");
}

}  // namespace qmlr::nn
