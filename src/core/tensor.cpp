#include "core/tensor.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace qmlr {

Shape::Shape(std::initializer_list<std::int64_t> dims) {
    if (dims.size() > kMaxRank)
        throw Error("tensor rank must be at most 4, got " + std::to_string(dims.size()));
    for (std::int64_t d : dims) {
        if (d < 0) throw Error("tensor dimensions must be >= 0, got " + std::to_string(d));
        dims_[static_cast<std::size_t>(rank_++)] = d;
    }
}

std::int64_t Shape::element_count() const {
    std::int64_t count = 1;
    for (int axis = 0; axis < rank_; ++axis) count *= dims_[static_cast<std::size_t>(axis)];
    return count;
}

bool Shape::operator==(const Shape& other) const {
    return rank_ == other.rank_ && dims_ == other.dims_;
}

std::string Shape::to_string() const {
    std::string text = "(";
    for (int axis = 0; axis < rank_; ++axis) {
        if (axis > 0) text += ',';
        text += std::to_string(dims_[static_cast<std::size_t>(axis)]);
    }
    return text + ")";
}

Tensor::Tensor(const Shape& shape)
    : shape_(shape), storage_(static_cast<std::size_t>(shape.element_count())) {}

float* Tensor::sample(std::int64_t n) {
    return data() + static_cast<std::size_t>(n) * (size() / static_cast<std::size_t>(dim(0)));
}

const float* Tensor::sample(std::int64_t n) const {
    return data() + static_cast<std::size_t>(n) * (size() / static_cast<std::size_t>(dim(0)));
}

void Tensor::fill(float value) { std::fill(begin(), end(), value); }

void Tensor::reshape(const Shape& shape) {
    if (shape.element_count() != shape_.element_count())
        throw Error("cannot reshape a tensor of shape " + shape_.to_string() + " to " +
                    shape.to_string() + ": element counts differ");
    shape_ = shape;
}

}  // namespace qmlr
