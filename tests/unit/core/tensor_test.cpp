#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>

#include "core/error.hpp"
#include "core/tensor.hpp"

TEST_CASE("a tensor is zero-filled, 64-byte aligned and indexed row-major") {
    qmlr::Tensor t(qmlr::Shape{2, 3, 4, 5});
    CHECK(t.size() == 120);
    CHECK(t.shape().to_string() == "(2,3,4,5)");
    CHECK(reinterpret_cast<std::uintptr_t>(t.data()) % 64 == 0);
    CHECK(std::count(t.begin(), t.end(), 0.0f) == 120);
    t.fill(1.5f);
    CHECK(t[119] == 1.5f);
    CHECK(t.sample(1) == t.data() + 60);
}

TEST_CASE("copies are deep, reshape keeps data and checks the element count") {
    qmlr::Tensor a(qmlr::Shape{4, 6});
    a[5] = 3.0f;
    qmlr::Tensor b = a;
    b[5] = 4.0f;
    CHECK(a[5] == 3.0f);
    b.reshape(qmlr::Shape{2, 12});
    CHECK(b.dim(1) == 12);
    CHECK(b[5] == 4.0f);
    CHECK_THROWS_WITH_AS(b.reshape(qmlr::Shape{5, 5}),
                         "cannot reshape a tensor of shape (2,12) to (5,5): element counts differ",
                         qmlr::Error);
}

TEST_CASE("bad shapes are rejected") {
    CHECK_THROWS_AS(qmlr::Shape({1, 2, 3, 4, 5}), qmlr::Error);
    CHECK_THROWS_AS(qmlr::Shape({2, -1}), qmlr::Error);
}
