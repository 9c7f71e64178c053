// The stage graph of quantum_patches on a tiny synthetic MNIST (30 training and 20 test images):
// changing an attack ε list recomputes only attacks runs, a corrupted masks.bin is an Error
// naming the file, and other data makes other keys.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <set>

#include "core/error.hpp"
#include "experiments/common/run_executor.hpp"
#include "experiments/quantum_patches/settings.hpp"
#include "experiments/quantum_patches/stages.hpp"
#include "experiments/quantum_patches/tables.hpp"
#include "support/fixtures.hpp"
#include "support/temp_dir.hpp"

using namespace qmlr;
using namespace qmlr::experiments;
using namespace qmlr::quantum_patches;

namespace {

// MNIST in IDX files: `train` and `test` images of 28x28, labels i % 10.
void write_mnist(const std::filesystem::path& data, int train, int test) {
    const auto labels = [](int n) {
        std::vector<std::uint8_t> l;
        for (int i = 0; i < n; ++i) l.push_back(static_cast<std::uint8_t>(i % 10));
        return l;
    };
    test::write_file(data / "mnist/train-images-idx3-ubyte", test::idx_images(train, 28, 28));
    test::write_file(data / "mnist/train-labels-idx1-ubyte", test::idx_labels(labels(train)));
    test::write_file(data / "mnist/t10k-images-idx3-ubyte", test::idx_images(test, 28, 28));
    test::write_file(data / "mnist/t10k-labels-idx1-ubyte", test::idx_labels(labels(test)));
}

// The quick profile cut down to MNIST, 2 training and 1 test image per class, one epoch.
Settings tiny_settings() {
    Settings settings(settings_schema(), Profile::quick);
    for (const char* assignment : {"datasets=mnist", "train_per_class=2", "test_per_class=1", "epochs=1",
                                   "batch_size=8", "pgd_steps=2", "seeds=0"})
        settings.apply(parse_assignment(assignment, "test"));
    return settings;
}

// Flips the lowest bit of the byte in the middle of `file`.
void flip_low_bit(const std::filesystem::path& file) {
    std::fstream stream(file, std::ios::in | std::ios::out | std::ios::binary);
    const auto middle = static_cast<std::streamoff>(std::filesystem::file_size(file) / 2);
    stream.seekg(middle);
    char byte = 0;
    stream.get(byte);
    byte = static_cast<char>(byte ^ 1);
    stream.seekp(middle);
    stream.put(byte);
}

std::map<std::string, std::string> keys_by_name(const RunPlan& plan) {
    std::map<std::string, std::string> keys;
    for (const PlannedRun& run : plan.runs()) keys[run.name] = run.key.hex();
    return keys;
}

std::size_t count_stage(const RunPlan& plan, const std::string& stage) {
    std::size_t n = 0;
    for (const PlannedRun& run : plan.runs()) n += run.stage == stage ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE("quantum_patches stages: the graph, and a new ε list recomputes only the attacks runs") {
    test::TempDir dir;
    write_mnist(dir / "data", 30, 20);
    Settings settings = tiny_settings();
    const RunStore store(dir / "out");
    const RunPlan plan = plan_runs({settings, dir / "data"});
    // A patches and a preview run, then per condition a train and an attacks run; one group per condition.
    REQUIRE(plan.size() == 10);
    CHECK(plan[0].name == "patches-mnist");
    CHECK(plan[0].outputs.empty());
    CHECK(plan[1].name == "preview-mnist");
    CHECK(plan[1].outputs == std::vector<std::string>{"patches_preview_mnist.png"});
    CHECK(plan[1].inputs == std::vector<RunIndex>{0});
    CHECK(plan[2].name == "train-mnist-a_clean-s0");
    CHECK(plan[3].name == "attacks-mnist-a_clean-s0");
    CHECK(plan[3].inputs == std::vector<RunIndex>{2});
    CHECK(plan[2].inputs.empty());                             // clean training reads no patches
    CHECK(plan[6].inputs == std::vector<RunIndex>{0});         // quantum patches read the masks
    CHECK(plan[8].inputs == std::vector<RunIndex>{0});         // matched noise reads σ_d
    CHECK(plan.group_count() == 4);
    CHECK(plan[0].group == plan[2].group);

    const ExecutionSummary first = execute_plan(plan, store, table_schemas(), {});
    CHECK(first.computed == 10);
    CHECK(std::filesystem::exists(store.folder(plan[0]) / "masks.bin"));
    CHECK(std::filesystem::exists(store.folder(plan[2]) / "model.bin"));

    settings.apply(parse_assignment("mnist_epsilons=0.1,0.2", "test"));
    const RunPlan attacked = plan_runs({settings, dir / "data"});
    const ExecutionSummary second = execute_plan(attacked, store, table_schemas(), {});
    CHECK(second.computed_by_stage == std::map<std::string, std::size_t>{{"attacks", count_stage(attacked, "attacks")}});
    CHECK(count_stage(attacked, "attacks") == 4);
    CHECK(second.reused == 6);

    // More PGD steps: again only the attacks; a new training ε: only FGSM training and its attacks.
    settings.apply(parse_assignment("pgd_steps=3", "test"));
    CHECK(execute_plan(plan_runs({settings, dir / "data"}), store, table_schemas(), {}).computed_by_stage ==
          std::map<std::string, std::size_t>{{"attacks", 4}});
    settings.apply(parse_assignment("mnist_training_epsilon=0.2", "test"));
    CHECK(execute_plan(plan_runs({settings, dir / "data"}), store, table_schemas(), {}).computed_by_stage ==
          std::map<std::string, std::size_t>{{"attacks", 1}, {"train", 1}});
    // More preview rows: only the preview is drawn again, no mask or model is recomputed.
    settings.apply(parse_assignment("preview_rows=3", "test"));
    CHECK(execute_plan(plan_runs({settings, dir / "data"}), store, table_schemas(), {}).computed_by_stage ==
          std::map<std::string, std::size_t>{{"preview", 1}});
}

TEST_CASE("quantum_patches stages: a corrupted masks.bin is an Error naming the file") {
    test::TempDir dir;
    write_mnist(dir / "data", 30, 20);
    const Settings settings = tiny_settings();
    const RunStore store(dir / "out");
    const RunPlan plan = plan_runs({settings, dir / "data"});
    execute_plan(plan, store, table_schemas(), {});
    const auto masks = store.folder(plan[0]) / "masks.bin";
    flip_low_bit(masks);
    // The quantum-patches training reads the masks when it is computed again.
    ExecutionOptions options;
    options.recompute = {"train-mnist-c_quantum_patches-s0"};
    CHECK_THROWS_WITH_AS(execute_plan(plan, store, table_schemas(), options),
                         doctest::Contains(masks.string().c_str()), Error);
}

TEST_CASE("quantum_patches stages: other data makes other keys") {
    test::TempDir dir;
    write_mnist(dir / "a", 30, 20);
    write_mnist(dir / "b", 30, 20);
    const Settings settings = tiny_settings();
    const auto original = keys_by_name(plan_runs({settings, dir / "a"}));
    CHECK(keys_by_name(plan_runs({settings, dir / "b"})) == original);  // same bytes, same keys

    // Another test image: only the attacks change.
    flip_low_bit(dir / "b/mnist/t10k-images-idx3-ubyte");
    const RunPlan test_changed = plan_runs({settings, dir / "b"});
    for (const PlannedRun& run : test_changed.runs()) {
        CAPTURE(run.name);
        CHECK((run.key.hex() != original.at(run.name)) == (run.stage == "attacks"));
    }
    // Another training image: every run.
    flip_low_bit(dir / "b/mnist/train-images-idx3-ubyte");
    const RunPlan train_changed = plan_runs({settings, dir / "b"});
    for (const PlannedRun& run : train_changed.runs()) {
        CAPTURE(run.name);
        CHECK(run.key.hex() != original.at(run.name));
    }
}
