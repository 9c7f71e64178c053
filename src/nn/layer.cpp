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

void require_param_grads(std::span<Tensor* const> param_grads, std::span<const Parameter> params,
                         const std::string& layer) {
    if (param_grads.empty()) return;
    if (param_grads.size() != params.size())
        throw Error(layer + ": expected " + std::to_string(params.size()) +
                    " parameter gradient tensors, got " + std::to_string(param_grads.size()));
    for (std::size_t i = 0; i < params.size(); ++i)
        if (param_grads[i] == nullptr || !(param_grads[i]->shape() == params[i].value.shape()))
            throw Error(layer + ": gradient of " + params[i].name + " has shape " +
                        (param_grads[i] ? param_grads[i]->shape().to_string() : "(null)") + ", expected " +
                        params[i].value.shape().to_string());
}

}  // namespace qmlr::nn
