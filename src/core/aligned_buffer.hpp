#pragma once
// A fixed-size, 64-byte aligned, owning array of trivially copyable values: the storage of
// tensors and state vectors (one cache line, one AVX-512 register, two AVX2 registers).
// Allocation failure is an Error naming the size asked for.
#include <cstddef>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <type_traits>
#include <utility>

#include "core/error.hpp"

namespace qmlr {

inline constexpr std::size_t kBufferAlignment = 64;

template <class T>
class AlignedBuffer {
    static_assert(std::is_trivially_copyable_v<T>, "AlignedBuffer holds plain values only");

public:
    AlignedBuffer() = default;

    // Zero-initialised storage for `count` values.
    explicit AlignedBuffer(std::size_t count) : count_(count) {
        if (count == 0) return;
        if (count > max_count()) throw Error(too_large_message(count));
        void* raw = ::operator new(count * sizeof(T), std::align_val_t{kBufferAlignment},
                                   std::nothrow);
        if (raw == nullptr) throw Error(too_large_message(count));
        std::memset(raw, 0, count * sizeof(T));
        data_.reset(static_cast<T*>(raw));
    }

    AlignedBuffer(const AlignedBuffer& other) : AlignedBuffer(other.count_) {
        if (count_ != 0) std::memcpy(data_.get(), other.data_.get(), count_ * sizeof(T));
    }
    AlignedBuffer& operator=(const AlignedBuffer& other) {
        if (this != &other) *this = AlignedBuffer(other);
        return *this;
    }
    AlignedBuffer(AlignedBuffer&& other) noexcept
        : data_(std::move(other.data_)), count_(std::exchange(other.count_, 0)) {}
    AlignedBuffer& operator=(AlignedBuffer&& other) noexcept {
        data_ = std::move(other.data_);
        count_ = std::exchange(other.count_, 0);
        return *this;
    }

    T* data() noexcept { return data_.get(); }
    const T* data() const noexcept { return data_.get(); }
    std::size_t size() const noexcept { return count_; }
    T& operator[](std::size_t i) noexcept { return data_.get()[i]; }
    const T& operator[](std::size_t i) const noexcept { return data_.get()[i]; }
    T* begin() noexcept { return data(); }
    T* end() noexcept { return data() + count_; }
    const T* begin() const noexcept { return data(); }
    const T* end() const noexcept { return data() + count_; }

private:
    struct AlignedDelete {
        void operator()(T* p) const noexcept {
            ::operator delete(p, std::align_val_t{kBufferAlignment});
        }
    };

    static constexpr std::size_t max_count() { return static_cast<std::size_t>(-1) / sizeof(T); }

    static std::string too_large_message(std::size_t count) {
        return "cannot allocate " + std::to_string(count) + " values of " +
               std::to_string(sizeof(T)) + " bytes (" +
               std::to_string(static_cast<double>(count) * sizeof(T) / (1 << 20)) +
               " MiB): not enough memory; use a smaller size";
    }

    std::unique_ptr<T, AlignedDelete> data_;
    std::size_t count_ = 0;
};

}  // namespace qmlr
