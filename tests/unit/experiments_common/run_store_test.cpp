#include <doctest/doctest.h>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "experiments/common/config_hash.hpp"
#include "experiments/common/json_object.hpp"
#include "experiments/common/run_metadata.hpp"
#include "experiments/common/run_store.hpp"
#include "support/temp_dir.hpp"

using namespace qmlr;
using namespace qmlr::experiments;

namespace {

RunId run_named(const std::string& name, double setting) {
    RunId run{name, {}};
    run.config.add("setting", setting).add_integer("seed", 0);
    return run;
}

void write_run(const RunStore& store, const RunId& run, const std::vector<std::string>& columns,
               const std::vector<std::vector<std::string>>& rows) {
    CsvWriter writer(store.file(run, "csv"), columns);
    for (const auto& row : rows) writer.add_row(row);
    writer.commit();
}

}  // namespace

TEST_CASE("a config hash changes with every key and value and is stable across runs") {
    ConfigHash a;
    a.add("epochs", 30.0).add("dataset", "mnist");
    ConfigHash b;
    b.add("epochs", 30.0).add("dataset", "mnist");
    CHECK(a.hex() == b.hex());
    CHECK(a.hex().size() == 16);
    CHECK(a.text() == "epochs=30;dataset=mnist;");
    ConfigHash c;
    c.add("epochs", 31.0).add("dataset", "mnist");
    CHECK(c.hex() != a.hex());
    ConfigHash d;
    d.add("epoch", 30.0).add("dataset", "mnist");
    CHECK(d.hex() != a.hex());
    // FNV-1a 64 of the empty input is its offset basis; of "a=1;" a fixed value.
    CHECK(ConfigHash().hex() == "cbf29ce484222325");
    CHECK(ConfigHash().add_integer("a", 1).hex() == ConfigHash().add("a", 1.0).hex());
}

TEST_CASE("JSON objects escape strings and nest") {
    JsonObject inner;
    inner.add_number("seconds", 1.5).add_number("bad", 0.0 / 0.0);
    JsonObject outer;
    outer.add_string("name", "a \"quoted\"\\path\n").add_bool("ok", true).add_raw("inner", inner.str());
    CHECK(outer.str() ==
          "{\n  \"name\": \"a \\\"quoted\\\"\\\\path\\n\",\n  \"ok\": true,\n"
          "  \"inner\": {\n    \"seconds\": 1.5,\n    \"bad\": null\n  }\n}");
    CHECK(json_array({"1", "\"x\""}) == "[1, \"x\"]");
}

TEST_CASE("finished runs merge in list order, whatever order they were written in") {
    test::TempDir dir;
    const RunStore store(dir.path());
    const RunId first = run_named("first", 1), second = run_named("second", 2);
    CHECK_FALSE(store.finished(first));
    write_run(store, second, {"run", "value"}, {{"second", "2"}});
    write_run(store, first, {"run", "value"}, {{"first", "1"}, {"first", "1.5"}});
    CHECK(store.finished(first));
    CHECK(store.file(first, "csv").parent_path() == dir.path() / "runs");

    merge_run_tables(store, {first, second}, dir / "merged.csv");
    CHECK(test::read_file(dir / "merged.csv") == "run,value\nfirst,1\nfirst,1.5\nsecond,2\n");

    // A run with a changed config is a different run: not finished, so the merge refuses.
    const RunId changed = run_named("first", 1.25);
    CHECK(changed.stem() != first.stem());
    CHECK_THROWS_WITH_AS(merge_run_tables(store, {changed, second}, dir / "partial.csv"),
                         doctest::Contains("1 of 2 runs have not finished (first: first"), Error);
    CHECK_FALSE(std::filesystem::exists(dir / "partial.csv"));
}

TEST_CASE("merging runs with different headers is an error that leaves no output") {
    test::TempDir dir;
    const RunStore store(dir.path());
    const RunId a = run_named("a", 1), b = run_named("b", 2);
    write_run(store, a, {"run", "value"}, {{"a", "1"}});
    write_run(store, b, {"run", "metric"}, {{"b", "2"}});
    CHECK_THROWS_WITH_AS(merge_run_tables(store, {a, b}, dir / "merged.csv"),
                         doctest::Contains("header differs"), Error);
    CHECK_FALSE(std::filesystem::exists(dir / "merged.csv"));
}

TEST_CASE("run names must be safe file names") {
    test::TempDir dir;
    const RunStore store(dir.path());
    CHECK_THROWS_AS(store.file(run_named("a/b", 1), "csv"), Error);
    CHECK_THROWS_AS(store.file(run_named("", 1), "csv"), Error);
}

TEST_CASE("the program meta file embeds each run's meta") {
    test::TempDir dir;
    const RunStore store(dir.path());
    const RunId done = run_named("done", 1), pending = run_named("pending", 2);
    StageTimer stages;
    stages.start("train");
    write_run_meta(store, done, stages);
    RunOptions options;
    options.seeds = {0, 1};
    ProgramMeta meta("demo", options);
    meta.settings().add_integer("epochs", 3);
    meta.add_run(store, done);
    meta.add_run(store, pending);
    meta.write(dir / "demo.meta.json");
    const std::string text = test::read_file(dir / "demo.meta.json");
    CHECK(text.find("\"program\": \"demo\"") != std::string::npos);
    CHECK(text.find("\"seeds\": [0, 1]") != std::string::npos);
    CHECK(text.find("\"epochs\": 3") != std::string::npos);
    CHECK(text.find("\"run\": \"done\"") != std::string::npos);
    CHECK(text.find("\"config\": \"setting=1;seed=0;\"") != std::string::npos);
    CHECK(text.find("\"train\": ") != std::string::npos);
    CHECK(text.find("\"status\": \"not finished\"") != std::string::npos);
    CHECK(text.find("\"git_revision\": ") != std::string::npos);
}

TEST_CASE("run store: shared caches live under <out>/runs/cache/, not in the data folder") {
    const RunStore store("results/paper");
    CHECK(store.cache_directory() == std::filesystem::path("results/paper/runs/cache"));
}
