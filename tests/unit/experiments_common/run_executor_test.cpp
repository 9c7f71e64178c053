#include <doctest/doctest.h>

#include <fstream>

#include "core/error.hpp"
#include "experiments/common/run_executor.hpp"
#include "support/temp_dir.hpp"

using namespace qmlr;
using namespace qmlr::experiments;

namespace {

// A toy paper: per seed a "train" run (artifact model.bin: its epochs and seed as text) and an
// "attacks" run reading it (rows of table `asr`, one per ε).
const SettingsSchema& toy_settings() {
    static const SettingsSchema s = [] {
        SettingsSchema s;
        s.add({.name = "epochs", .type = SettingType::integer, .help = "epochs", .defaults = "3", .min = 1});
        s.add({.name = "epsilons", .type = SettingType::real_list, .help = "attack ε", .defaults = "0.1,0.3"});
        s.add({.name = "seeds", .type = SettingType::integer_list, .help = "seeds", .defaults = "0-2", .min = 0});
        return s;
    }();
    return s;
}

const std::vector<TableSchema>& toy_tables() {
    static const std::vector<TableSchema> t{{.name = "asr",
                                             .help = "attack success",
                                             .keys = {{"seed", ColumnType::integer, "seed", {}},
                                                      {"epsilon", ColumnType::real, "ε", {}}},
                                             .metrics = {{"asr", "percent", "attack success rate"}}}};
    return t;
}

std::string text_of(const std::vector<std::uint8_t>& bytes) { return {bytes.begin(), bytes.end()}; }

RunPlan toy_plan(const Settings& settings) {
    RunPlan plan;
    for (std::int64_t seed : settings.integers("seeds")) {
        RunKey train_key("train", 1);
        const std::int64_t epochs = KeyedSettings(settings, train_key).integer("epochs");
        train_key.add("seed", seed);
        const RunIndex train = plan.add({.stage = "train", .name = "train-s" + std::to_string(seed), .key = train_key,
                                         .compute = [=](RunContext& run) {
                                             const std::string model = std::to_string(epochs) + "/" + std::to_string(seed);
                                             run.write("model.bin", std::span(reinterpret_cast<const std::uint8_t*>(
                                                                                  model.data()), model.size()));
                                         }});
        RunKey attack_key("attacks", 1);
        const std::vector<double> epsilons = KeyedSettings(settings, attack_key).reals("epsilons");
        attack_key.input("train", train_key);
        plan.add({.stage = "attacks", .name = "attacks-s" + std::to_string(seed), .key = attack_key,
                  .inputs = {train}, .tables = {"asr"},
                  .compute = [=](RunContext& run) {
                      const std::string model = text_of(run.input(0, "model.bin"));
                      for (double e : epsilons)
                          run.rows("asr").add({seed, e}, "asr", static_cast<double>(model.size()) * e);
                  }});
        plan.next_group();
    }
    return plan;
}

}  // namespace

TEST_CASE("executor: a second execution reuses every run; a new ε list recomputes only the attack runs") {
    test::TempDir out;
    const RunStore store(out.path());
    Settings settings(toy_settings(), Profile::standard);
    const ExecutionSummary first = execute_plan(toy_plan(settings), store, toy_tables(), {});
    CHECK(first.computed == 6);
    CHECK(first.computed_by_stage == std::map<std::string, std::size_t>{{"attacks", 3}, {"train", 3}});
    CHECK(execute_plan(toy_plan(settings), store, toy_tables(), {}).computed == 0);

    settings.apply({"epsilons", "0.2", "--set"});
    const ExecutionSummary second = execute_plan(toy_plan(settings), store, toy_tables(), {});
    CHECK(second.computed_by_stage == std::map<std::string, std::size_t>{{"attacks", 3}});
    CHECK(second.reused == 3);

    settings.apply({"epochs", "4", "--set"});  // a new model makes new attacks as well
    CHECK(execute_plan(toy_plan(settings), store, toy_tables(), {}).computed_by_stage ==
          std::map<std::string, std::size_t>{{"attacks", 3}, {"train", 3}});
}

TEST_CASE("executor: shards compute their groups and the inputs they need; --recompute redoes a run") {
    test::TempDir out;
    const RunStore store(out.path());
    const Settings settings(toy_settings(), Profile::standard);
    const RunPlan plan = toy_plan(settings);
    CHECK(plan.group_count() == 3);
    const ExecutionSummary shard = execute_plan(plan, store, toy_tables(), {.shard = {2, 3}});
    CHECK(shard.computed == 2);
    CHECK(shard.skipped == 4);
    CHECK(store.finished(plan[2]));  // train-s1
    CHECK_FALSE(store.finished(plan[0]));
    const std::string listing = list_runs(plan, store);
    CHECK(listing.find("1\tattacks\tattacks-s1\t" + plan[3].key.hex() + "\tdone") != std::string::npos);
    CHECK(listing.find("# 6 runs in 3 groups (the units of --shard K/N); 2 done, 4 pending") != std::string::npos);

    const ExecutionSummary again = execute_plan(plan, store, toy_tables(), {.recompute = {"attacks-s1"}});
    CHECK(again.computed_by_stage == std::map<std::string, std::size_t>{{"attacks", 3}, {"train", 2}});
    CHECK(execute_plan(plan, store, toy_tables(), {.recompute = {"train"}}).computed == 3);  // a stage name
    CHECK_THROWS_WITH_AS(execute_plan(plan, store, toy_tables(), {.recompute = {"tarin"}}),
                         doctest::Contains("--recompute tarin: no run or stage"), Error);
}

TEST_CASE("executor: a run over several shards' results waits for the merge, which computes nothing else") {
    test::TempDir out;
    const RunStore store(out.path());
    const Settings settings(toy_settings(), Profile::standard);
    RunPlan plan = toy_plan(settings);
    // A summary in the last group that reads every seed's attack run.
    std::vector<RunIndex> attacks;
    for (RunIndex i = 0; i < plan.size(); ++i)
        if (plan[i].stage == "attacks") attacks.push_back(i);
    plan.add({.stage = "summary", .name = "summary", .key = RunKey::bare("summary"), .inputs = attacks,
              .after_shards = true, .compute = [](RunContext&) {}});
    CHECK(plan.group_count() == 4);
    // Shard 4/4 owns only the summary: it must not compute the other shards' runs.
    const ExecutionSummary last = execute_plan(plan, store, toy_tables(), {.shard = {4, 4}});
    CHECK(last.computed == 0);
    CHECK(last.skipped == 7);
    CHECK(execute_plan(plan, store, toy_tables(), {.shard = {4, 4}}).computed == 0);
    // The merge computes no missing input; it fails to merge, naming them, until the shards ran.
    CHECK(execute_plan(plan, store, toy_tables(), {.only_ready = true}).computed == 0);
    for (int k = 1; k <= 3; ++k)
        CHECK(execute_plan(plan, store, toy_tables(), {.shard = {k, 4}}).computed == 2);
    const ExecutionSummary merge = execute_plan(plan, store, toy_tables(), {.only_ready = true});
    CHECK(merge.computed_by_stage == std::map<std::string, std::size_t>{{"summary", 1}});
}

TEST_CASE("run store: a damaged artifact is an error naming the file and the fix, never used") {
    test::TempDir out;
    const RunStore store(out.path());
    Settings settings(toy_settings(), Profile::standard);
    const RunPlan plan = toy_plan(settings);
    execute_plan(plan, store, toy_tables(), {});
    const auto model = store.folder(plan[0]) / "model.bin";
    {
        std::fstream file(model, std::ios::in | std::ios::out | std::ios::binary);
        char byte = 0;
        file.read(&byte, 1);
        byte ^= 1;  // the lowest bit of the first byte
        file.seekp(0);
        file.write(&byte, 1);
    }
    CHECK_THROWS_WITH_AS(store.read(plan[0], "model.bin"),
                         doctest::Contains((model.string() + ": checksum mismatch").c_str()), Error);
    CHECK_THROWS_WITH_AS(store.read(plan[0], "model.bin"), doctest::Contains("--recompute train-s0"), Error);
    // A consumer that needs it fails the same way, before computing anything from it.
    settings.apply({"epsilons", "0.5", "--set"});
    CHECK_THROWS_WITH_AS(execute_plan(toy_plan(settings), store, toy_tables(), {}),
                         doctest::Contains("checksum mismatch"), Error);
    CHECK_THROWS_WITH_AS(store.read(plan[1], "nothing.bin"), doctest::Contains("has no artifact 'nothing.bin'"), Error);
}

TEST_CASE("run plans reject repeated or unsafe names and inputs that come later") {
    RunPlan plan;
    const auto noop = [](RunContext&) {};
    plan.add({.stage = "a", .name = "a-1", .key = RunKey::bare("a"), .compute = noop});
    CHECK_THROWS_WITH_AS(plan.add({.stage = "a", .name = "a-1", .key = RunKey::bare("a"), .compute = noop}),
                         doctest::Contains("two runs named 'a-1'"), Error);
    CHECK_THROWS_WITH_AS(plan.add({.stage = "a", .name = "a/2", .key = RunKey::bare("a"), .compute = noop}),
                         doctest::Contains("only letters"), Error);
    CHECK_THROWS_WITH_AS(plan.add({.stage = "a", .name = "a-3", .key = RunKey::bare("a"), .inputs = {5}, .compute = noop}),
                         doctest::Contains("not planned before it"), Error);
}
