// Model files: bit-exact round trip; corrupt, truncated, foreign and mismatched files are
// rejected with a clear Error and leave the model unchanged.
#include <doctest/doctest.h>

#include <string>

#include "core/error.hpp"
#include "nn/activations.hpp"
#include "nn/conv2d.hpp"
#include "nn/linear.hpp"
#include "nn/reshaping.hpp"
#include "nn/serialization.hpp"
#include "support/temp_dir.hpp"

using namespace qmlr::nn;

namespace {

Model net(int hidden) {
    Model model;
    model.add<Conv2d>(1, 2, 3);
    model.add<ReLU>();
    model.add<Flatten>();
    model.add<Linear>(2 * 4 * 4, hidden);
    model.add<Linear>(hidden, 3, false);
    return model;
}

std::vector<float> values(Model& model) {
    std::vector<float> all;
    for (Parameter* p : model.parameters()) all.insert(all.end(), p->value.begin(), p->value.end());
    return all;
}

}  // namespace

TEST_CASE("save -> load is bit-exact") {
    qmlr::test::TempDir dir;
    Model saved = net(5);
    saved.initialize(1);
    save_model(saved, dir / "net.qmlr");
    Model loaded = net(5);
    CHECK(!loaded.initialized());
    load_model(loaded, dir / "net.qmlr");
    CHECK(loaded.initialized());
    const auto a = values(saved), b = values(loaded);
    CHECK(std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
}

TEST_CASE("corrupt, truncated and mismatched model files are rejected") {
    qmlr::test::TempDir dir;
    Model saved = net(5);
    saved.initialize(2);
    save_model(saved, dir / "net.qmlr");
    const std::string good = qmlr::test::read_file(dir / "net.qmlr");

    Model target = net(5);
    target.initialize(3);
    const auto before = values(target);
    auto rejects = [&](const std::string& bytes, const char* message) {
        qmlr::test::write_file(dir / "bad.qmlr", bytes);
        CHECK_THROWS_WITH_AS(load_model(target, dir / "bad.qmlr"), doctest::Contains(message), qmlr::Error);
        CHECK(values(target) == before);
    };
    std::string flipped = good;
    flipped[good.size() / 2] = static_cast<char>(flipped[good.size() / 2] ^ 0x10);
    rejects(flipped, "checksum");
    rejects(good.substr(0, good.size() - 20), "checksum");
    rejects("hello world, not a model at all", "not a model file");
    std::string future = good;
    future[8] = 2;
    rejects(future, "version 2");

    Model wider = net(6);
    wider.initialize(0);
    save_model(wider, dir / "wider.qmlr");
    CHECK_THROWS_WITH_AS(load_model(target, dir / "wider.qmlr"),
                         doctest::Contains("Linear(32->6, bias) in the file but Linear(32->5, bias)"),
                         qmlr::Error);
    CHECK_THROWS_WITH_AS(load_model(target, dir / "missing.qmlr"), doctest::Contains("cannot open"),
                         qmlr::Error);
    CHECK(values(target) == before);
}
