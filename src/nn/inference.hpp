#pragma once
// Running a model over many samples in mini-batches, and cutting batches out of big tensors.
#include <cstddef>
#include <span>

#include "core/tensor.hpp"
#include "nn/model.hpp"

namespace qmlr::nn {

// `shape` with its first (batch) dimension replaced by `batch`.
Shape with_batch(const Shape& shape, std::size_t batch);
// Rows [begin, begin + count) of an (N,...) tensor, copied into a (count,...) tensor.
Tensor slice_batch(const Tensor& all, std::size_t begin, std::size_t count);
// The rows of `all` at `indices`, in that order.
Tensor gather_batch(const Tensor& all, std::span<const std::size_t> indices);
// The same into `batch`, reallocated only when its shape changes (for training loops).
void gather_batch(const Tensor& all, std::span<const std::size_t> indices, Tensor& batch);

// Outputs (N,...) of the model for inputs (N,...), `batch_size` samples per forward call, in
// the model's current mode (call set_training(false) for evaluation).
Tensor predict(Model& model, const Tensor& inputs, std::size_t batch_size = 256);

}  // namespace qmlr::nn
