#include "nn/inference.hpp"

#include <algorithm>
#include <string>

#include "core/error.hpp"

namespace qmlr::nn {
Shape with_batch(const Shape& shape, std::size_t batch) {
    const auto b = static_cast<std::int64_t>(batch);
    switch (shape.rank()) {
        case 1: return Shape{b};
        case 2: return Shape{b, shape[1]};
        case 3: return Shape{b, shape[1], shape[2]};
        case 4: return Shape{b, shape[1], shape[2], shape[3]};
        default: throw Error("expected a batch tensor (N,...), got " + shape.to_string());
    }
}

namespace {

std::size_t row_size(const Tensor& all) {
    return all.shape().rank() == 0 || all.dim(0) == 0 ? 0 : all.size() / static_cast<std::size_t>(all.dim(0));
}

}  // namespace

Tensor slice_batch(const Tensor& all, std::size_t begin, std::size_t count) {
    require(all.shape().rank() >= 1 && begin + count <= static_cast<std::size_t>(all.dim(0)),
            "slice_batch: rows [" + std::to_string(begin) + ", " + std::to_string(begin + count) +
                ") are out of range for a tensor of shape " + all.shape().to_string());
    Tensor batch(with_batch(all.shape(), count));
    const std::size_t row = row_size(all);
    std::copy(all.data() + begin * row, all.data() + (begin + count) * row, batch.data());
    return batch;
}

Tensor gather_batch(const Tensor& all, std::span<const std::size_t> indices) {
    Tensor batch;
    gather_batch(all, indices, batch);
    return batch;
}

void gather_batch(const Tensor& all, std::span<const std::size_t> indices, Tensor& batch) {
    require(all.shape().rank() >= 1, "gather_batch: expected a batch tensor (N,...), got " +
                                         all.shape().to_string());
    const Shape shape = with_batch(all.shape(), indices.size());
    if (!(batch.shape() == shape)) batch = Tensor(shape);
    const std::size_t row = row_size(all);
    for (std::size_t i = 0; i < indices.size(); ++i) {
        require(indices[i] < static_cast<std::size_t>(all.dim(0)),
                "gather_batch: index " + std::to_string(indices[i]) +
                    " is out of range for a tensor of shape " + all.shape().to_string());
        std::copy(all.data() + indices[i] * row, all.data() + (indices[i] + 1) * row,
                  batch.data() + i * row);
    }
}

Tensor predict(Model& model, const Tensor& inputs, std::size_t batch_size) {
    require(batch_size > 0, "predict: expected a batch size > 0");
    require(inputs.shape().rank() >= 1 && inputs.dim(0) > 0,
            "predict: expected inputs (N,...) with N >= 1, got " + inputs.shape().to_string());
    const auto n = static_cast<std::size_t>(inputs.dim(0));
    Tensor outputs(model.output_shape(inputs.shape()));
    const std::size_t out_row = row_size(outputs);
    for (std::size_t begin = 0; begin < n; begin += batch_size) {
        const std::size_t count = std::min(batch_size, n - begin);
        const Tensor& out = model.forward(slice_batch(inputs, begin, count));
        std::copy(out.begin(), out.end(), outputs.data() + begin * out_row);
    }
    return outputs;
}

}  // namespace qmlr::nn
