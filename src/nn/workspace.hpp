#pragma once
// Scratch memory that grows to the largest size asked for and is then reused, so hot loops
// allocate only on their first call (or when a batch grows).
#include <cstddef>

#include "core/aligned_buffer.hpp"

namespace qmlr::nn {

inline float* ensure_capacity(AlignedBuffer<float>& buffer, std::size_t count) {
    if (buffer.size() < count) buffer = AlignedBuffer<float>(count);
    return buffer.data();
}

}  // namespace qmlr::nn
