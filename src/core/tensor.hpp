#pragma once
// A dense float tensor: contiguous, row-major, NCHW for images, 64-byte aligned storage.
// Rank 0..4. Copying copies the data; moving is cheap.
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>

#include "core/aligned_buffer.hpp"

namespace qmlr {

class Shape {
public:
    static constexpr int kMaxRank = 4;

    Shape() = default;
    Shape(std::initializer_list<std::int64_t> dims);

    int rank() const { return rank_; }
    std::int64_t operator[](int axis) const { return dims_[static_cast<std::size_t>(axis)]; }
    std::int64_t element_count() const;
    bool operator==(const Shape& other) const;
    std::string to_string() const;  // "(2,1,28,28)"

private:
    std::array<std::int64_t, kMaxRank> dims_{};
    int rank_ = 0;
};

class Tensor {
public:
    Tensor() = default;
    explicit Tensor(const Shape& shape);  // zero-filled

    const Shape& shape() const { return shape_; }
    std::int64_t dim(int axis) const { return shape_[axis]; }
    std::size_t size() const { return storage_.size(); }

    float* data() { return storage_.data(); }
    const float* data() const { return storage_.data(); }
    float& operator[](std::size_t i) { return storage_[i]; }
    float operator[](std::size_t i) const { return storage_[i]; }
    float* begin() { return storage_.begin(); }
    float* end() { return storage_.end(); }
    const float* begin() const { return storage_.begin(); }
    const float* end() const { return storage_.end(); }

    // Pointer to image n of an (N,...) tensor: data() + n * (size() / N).
    float* sample(std::int64_t n);
    const float* sample(std::int64_t n) const;

    void fill(float value);
    // Same data, new shape with the same element count (else an Error naming both shapes).
    void reshape(const Shape& shape);

private:
    Shape shape_;
    AlignedBuffer<float> storage_;
};

}  // namespace qmlr
