// The stage graph of the sweeps (experiments/natural_quantization/stages.hpp) on the real MNIST
// files with a tiny configuration: a setting recomputes exactly the runs that read it, other
// data makes other keys, and a corrupt stored artifact is an Error naming the file.
#include <doctest/doctest.h>

#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "core/error.hpp"
#include "experiments/common/paper_program.hpp"
#include "experiments/common/run_executor.hpp"
#include "experiments/natural_quantization/paper.hpp"
#include "experiments/natural_quantization/settings.hpp"
#include "experiments/natural_quantization/stages.hpp"
#include "experiments/natural_quantization/tables.hpp"
#include "support/data_dir.hpp"
#include "support/temp_dir.hpp"

using namespace qmlr;
using namespace qmlr::natural_quantization;
namespace ex = qmlr::experiments;
namespace fs = std::filesystem;

namespace {

using ByStage = std::map<std::string, std::size_t>;

// Seconds on one core: 64 training and 32 validation images, one epoch, 8 neurons per layer.
const std::vector<std::pair<std::string, std::string>> kTiny = {
    {"train_images", "64"}, {"validation_images", "32"}, {"epochs", "1"}, {"evaluate_every", "1"},
    {"width", "8"},         {"depth", "3"},              {"shots", "3"},  {"a_grid", "0,0.5"},
    {"g_steps", "0,20"},    {"seeds", "0"}};

ex::Settings tiny_settings() {
    ex::Settings settings(settings_schema(), Profile::quick);
    for (const auto& [name, value] : kTiny) settings.apply({name, value, "test"});
    return settings;
}

ex::ExecutionSummary execute(const ex::Settings& settings, const ex::RunStore& store,
                             std::vector<std::string> recompute = {}) {
    const ex::RunPlan plan = plan_runs({settings, test::data_dir()});
    return ex::execute_plan(plan, store, table_schemas(), {.shard = {}, .recompute = std::move(recompute)});
}

void flip_low_bit(const fs::path& file, std::size_t offset) {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    REQUIRE(static_cast<bool>(f));
    f.seekg(static_cast<std::streamoff>(offset));
    char c = 0;
    f.get(c);
    f.seekp(static_cast<std::streamoff>(offset));
    f.put(static_cast<char>(c ^ 1));
}

fs::path run_folder(const ex::RunStore& store, const ex::RunPlan& plan, const std::string& name) {
    for (const ex::PlannedRun& run : plan.runs())
        if (run.name == name) return store.folder(run);
    FAIL("no run " << name);
    return {};
}

}  // namespace

TEST_CASE("the default sweep has the 102 training runs of §8.5 and one derived run, in table order") {
    const ex::Settings settings(settings_schema(), Profile::standard);
    const ex::RunPlan plan = plan_runs({settings, test::data_dir()});
    REQUIRE(plan.size() == 12 * 3 + 21 * 3 + 3 + 1);
    std::set<std::string> names, keys;
    ByStage by_stage;
    for (const ex::PlannedRun& run : plan.runs()) {
        names.insert(run.name);
        keys.insert(run.key.hex());
        ++by_stage[run.stage];
    }
    CHECK(names.size() == plan.size());
    CHECK(keys.size() == plan.size());
    CHECK(by_stage == ByStage{{"model1_a_sweep", 36}, {"model2_g_sweep", 63}, {"classical", 3}, {"derived", 1}});
    CHECK(plan[0].name == "model1_a_sweep-a0-s0");
    CHECK(plan[1].name == "model1_a_sweep-a0-s1");
    CHECK(plan[36].name == "model2_g_sweep-k00-s0");
    CHECK(plan[plan.size() - 2].name == "classical-s2");
    CHECK(plan[plan.size() - 1].name == "derived");
    CHECK(plan[plan.size() - 1].inputs.size() == 102);
    CHECK(plan.group_count() == plan.size());  // every run is its own shard unit
    // The sign network's key holds neither the squash nor the Kraus update nor the quantum shots.
    const std::string& classical = plan[plan.size() - 2].key.text();
    CHECK(classical.find("squash") == std::string::npos);
    CHECK(classical.find("kraus_update") == std::string::npos);
    CHECK(classical.find("classical_shots=1") != std::string::npos);
    CHECK(plan[0].key.text().find("shots=15") != std::string::npos);
}

TEST_CASE("a setting recomputes exactly the runs that read it, and the derived run") {
    test::TempDir out;
    const ex::RunStore store(out.path());
    ex::Settings settings = tiny_settings();
    const ex::ExecutionSummary first = execute(settings, store);
    CHECK(first.computed_by_stage ==
          ByStage{{"model1_a_sweep", 2}, {"model2_g_sweep", 2}, {"classical", 1}, {"derived", 1}});
    CHECK(execute(settings, store).computed == 0);

    SUBCASE("one more a: one Model 1 run") {
        settings.apply({"a_grid", "0,0.5,1", "--set"});
        const ex::ExecutionSummary second = execute(settings, store);
        CHECK(second.computed_by_stage == ByStage{{"model1_a_sweep", 1}, {"derived", 1}});
        CHECK(second.reused == 5);
    }
    SUBCASE("one more g step: one Model 2 run") {
        settings.apply({"g_steps", "0,10,20", "--set"});
        CHECK(execute(settings, store).computed_by_stage == ByStage{{"model2_g_sweep", 1}, {"derived", 1}});
    }
    SUBCASE("a finer g grid: the Model 2 runs off π/2; Model 1 keeps g = π/2") {
        settings.apply({"projective_step", "40", "--set"});
        settings.apply({"g_steps", "0,40", "--set"});
        CHECK(execute(settings, store).computed_by_stage == ByStage{{"model2_g_sweep", 2}, {"derived", 1}});
    }
    SUBCASE("the squash: every quantum run, not the sign network") {
        settings.apply({"squash", "hard_tanh", "--set"});
        CHECK(execute(settings, store).computed_by_stage ==
              ByStage{{"model1_a_sweep", 2}, {"model2_g_sweep", 2}, {"derived", 1}});
    }
    SUBCASE("the sign network's shots: only the sign network") {
        settings.apply({"classical_shots", "2", "--set"});
        CHECK(execute(settings, store).computed_by_stage == ByStage{{"classical", 1}, {"derived", 1}});
    }
    SUBCASE("another seed: that seed's runs") {
        settings.apply({"seeds", "0,1", "--set"});
        CHECK(execute(settings, store).computed_by_stage ==
              ByStage{{"model1_a_sweep", 2}, {"model2_g_sweep", 2}, {"classical", 1}, {"derived", 1}});
    }
}

TEST_CASE("other data makes other keys") {
    // A copy of the MNIST folder whose test labels differ in one byte.
    test::TempDir data;
    fs::create_directories(data / "mnist");
    for (const char* file : {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte"})
        fs::create_symlink(fs::absolute(test::data_dir() / "mnist" / file), data / "mnist" / file);
    std::string labels = test::read_file(test::data_dir() / "mnist" / "t10k-labels-idx1-ubyte");
    labels[100] = static_cast<char>((labels[100] + 1) % 10);
    test::write_file(data / "mnist" / "t10k-labels-idx1-ubyte", labels);

    const ex::Settings settings = tiny_settings();
    const ex::RunPlan original = plan_runs({settings, test::data_dir()});
    const ex::RunPlan changed = plan_runs({settings, data.path()});
    REQUIRE(original.size() == changed.size());
    for (std::size_t i = 0; i < original.size(); ++i) {
        INFO(original[i].name);
        CHECK(original[i].name == changed[i].name);
        CHECK(original[i].key.hex() != changed[i].key.hex());
    }
}

TEST_CASE("a corrupt stored artifact is an Error naming the file, never used") {
    test::TempDir out;
    const ex::RunStore store(out.path());
    const ex::Settings settings = tiny_settings();
    execute(settings, store);
    const ex::RunPlan plan = plan_runs({settings, test::data_dir()});

    SUBCASE("the records the derived run reads") {
        const fs::path records = run_folder(store, plan, "model1_a_sweep-a0.5-s0") / "records.csv";
        flip_low_bit(records, 120);
        CHECK_THROWS_WITH_AS(execute(settings, store, {"derived"}), doctest::Contains(records.string().c_str()), Error);
    }
    SUBCASE("a stored table the merge reads") {
        const fs::path table = run_folder(store, plan, "classical-s0") / "classical.csv";
        flip_low_bit(table, fs::file_size(table) - 3);
        std::vector<std::string> args = {"natural_quantization", "--profile", "quick", "--data",
                                         test::data_dir().string(), "--out", out.path().string(), "--merge-only"};
        for (const auto& [name, value] : kTiny) {
            args.push_back("--set");
            args.push_back(name + "=" + value);
        }
        std::vector<const char*> argv;
        for (const std::string& a : args) argv.push_back(a.c_str());
        std::ostringstream errors;
        std::streambuf* const saved = std::cerr.rdbuf(errors.rdbuf());
        const int status = ex::run_paper_program(paper(), static_cast<int>(argv.size()), argv.data());
        std::cerr.rdbuf(saved);
        CHECK(status != 0);
        CHECK(errors.str().find(table.string()) != std::string::npos);
        CHECK_FALSE(fs::exists(out / "classical.csv"));
    }
}
