#include <doctest/doctest.h>

#include "core/error.hpp"
#include "experiments/common/json_object.hpp"
#include "experiments/common/json_value.hpp"

using qmlr::Error;
using qmlr::experiments::JsonValue;

TEST_CASE("JsonValue reads back what JsonObject writes") {
    qmlr::experiments::JsonObject inner;
    inner.add_string("cpu", "AMD \"EPYC\"\t\\ σ").add_integer("threads", 2);
    qmlr::experiments::JsonObject outer;
    outer.add_raw("environment", inner.str())
        .add_number("wall_seconds", 11.570939698)
        .add_bool("done", true)
        .add_raw("seeds", qmlr::experiments::json_array({"0", "1", "2"}))
        .add_raw("empty", "[]");
    const JsonValue value = JsonValue::parse(outer.str(), "meta.json");
    CHECK(value.at("environment").at("cpu").text() == "AMD \"EPYC\"\t\\ σ");
    CHECK(value.at("environment").at("threads").number() == 2);
    CHECK(value.at("wall_seconds").number() == 11.570939698);
    CHECK(value.at("done").boolean());
    REQUIRE(value.at("seeds").items().size() == 3);
    CHECK(value.at("seeds").items()[2].number() == 2);
    CHECK(value.at("empty").items().empty());
    CHECK(value.has("seeds"));
    CHECK_FALSE(value.has("shard"));
}

TEST_CASE("JsonValue decodes escapes and numbers exactly") {
    const JsonValue value = JsonValue::parse(R"({"a": "\u00e9\ud83d\ude00\/\n", "b": -1.5e-3, "c": 0, "d": null, "e": false})", "t");
    CHECK(value.at("a").text() == "é😀/\n");
    CHECK(value.at("b").number() == -0.0015);
    CHECK(value.at("c").number() == 0);
    CHECK(value.at("d").kind() == JsonValue::Kind::null);
    CHECK_FALSE(value.at("e").boolean());
}

TEST_CASE("JsonValue rejects what is not strict JSON, naming the source and byte") {
    for (const char* bad : {"{\"a\": 1,}", "[1, 2", "{\"a\": 01}", "{\"a\": NaN}", "{\"a\": 1} x", "// c\n{}",
                            "{\"a\": 1, \"a\": 2}", "\"open", "\"tab\there\"", "\"\\ud800\"", "\"\\x\"", "{a: 1}",
                            "", "1.", "-", "tru"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(JsonValue::parse(bad, "bad.json"), Error);
    }
    CHECK_THROWS_WITH(JsonValue::parse("[1, 2,]", "bad.json"), doctest::Contains("bad.json: byte 6"));
}

TEST_CASE("JsonValue accessors name the path of a value of the wrong kind or a missing member") {
    const JsonValue value = JsonValue::parse(R"({"runs": [{"seconds": "3"}]})", "m.json");
    CHECK_THROWS_WITH(value.at("runs").items()[0].at("seconds").number(), doctest::Contains("m.json.runs[0].seconds"));
    CHECK_THROWS_WITH(value.at("environment"), doctest::Contains("member 'environment'"));
    CHECK_THROWS_AS(value.at("runs").text(), Error);
}
