// QPLR's stage graph on a tiny configuration (real MNIST, 100 training / 50 test images, one
// epoch): a changed attack ε list recomputes only the attack runs, a changed σ grid only the
// evaluation runs (the old run key left both out); a corrupt soft-label artifact is an Error
// naming the file; other data contents make other keys, each run keyed by the splits it reads.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <string>

#include "core/error.hpp"
#include "experiments/common/run_executor.hpp"
#include "experiments/qplr/settings.hpp"
#include "experiments/qplr/stages.hpp"
#include "experiments/qplr/tables.hpp"
#include "support/data_dir.hpp"
#include "support/fixtures.hpp"
#include "support/temp_dir.hpp"

using namespace qmlr;

namespace {

void set(experiments::Settings& settings, const std::string& assignment) {
    settings.apply(experiments::parse_assignment(assignment, "test"));
}

// Six students (no baselines), each with one evaluation and one attack run; no sensitivity study.
experiments::Settings tiny_settings() {
    experiments::Settings settings(qplr::settings_schema(), Profile::quick);
    for (const char* assignment :
         {"datasets=mnist", "seeds=0", "train_per_class=10", "test_per_class=5", "teacher_epochs_cap=1",
          "student_epochs=1", "mnist_baselines=no", "sensitivity_epochs=", "attack_images=10", "pgd_steps=1",
          "mnist_sigmas=0,0.2", "mnist_rotations=0"})
        set(settings, assignment);
    return settings;
}

const experiments::PlannedRun& run_named(const experiments::RunPlan& plan, const std::string& name) {
    for (const auto& run : plan.runs())
        if (run.name == name) return run;
    FAIL("no run " << name);
    return plan[0];
}

experiments::ExecutionSummary execute(const experiments::Settings& settings, const std::filesystem::path& out,
                                      std::vector<std::string> recompute = {}) {
    const experiments::RunPlan plan = qplr::plan_runs({settings, test::data_dir()});
    const experiments::RunStore store(out);
    experiments::ExecutionOptions options;
    options.recompute = std::move(recompute);
    return experiments::execute_plan(plan, store, qplr::table_schemas(), options);
}

// A synthetic MNIST folder: 20 training and 10 test images (two per class), IDX format.
void write_mnist(const std::filesystem::path& data, char train_pixel, char test_pixel) {
    std::vector<std::uint8_t> train_labels, test_labels;
    for (int i = 0; i < 20; ++i) train_labels.push_back(static_cast<std::uint8_t>(i % 10));
    for (int i = 0; i < 10; ++i) test_labels.push_back(static_cast<std::uint8_t>(i % 10));
    std::string train = test::idx_images(20, 28, 28), test_images = test::idx_images(10, 28, 28);
    train.back() = train_pixel;
    test_images.back() = test_pixel;
    test::write_file(data / "mnist" / "train-images-idx3-ubyte", train);
    test::write_file(data / "mnist" / "train-labels-idx1-ubyte", test::idx_labels(train_labels));
    test::write_file(data / "mnist" / "t10k-images-idx3-ubyte", test_images);
    test::write_file(data / "mnist" / "t10k-labels-idx1-ubyte", test::idx_labels(test_labels));
}

}  // namespace

TEST_CASE("qplr: a new attack ε list recomputes only the attack runs; a new σ grid only the evaluations") {
    test::TempDir out;
    experiments::Settings settings = tiny_settings();
    const experiments::RunPlan plan = qplr::plan_runs({settings, test::data_dir()});
    REQUIRE(plan.size() == 2 + 6 * 3);  // teacher and labels, then student, evaluation and attacks per method
    const auto first = execute(settings, out.path());
    CHECK(first.computed == plan.size());

    set(settings, "attack_epsilons=0.2");
    const auto attacks = execute(settings, out.path());
    CHECK(attacks.computed_by_stage == std::map<std::string, std::size_t>{{"attacks", 6}});
    CHECK(attacks.reused == plan.size() - 6);

    set(settings, "pgd_steps=2");
    CHECK(execute(settings, out.path()).computed_by_stage == std::map<std::string, std::size_t>{{"attacks", 6}});

    set(settings, "mnist_sigmas=0,0.3");
    CHECK(execute(settings, out.path()).computed_by_stage == std::map<std::string, std::size_t>{{"evaluation", 6}});

    // A new confidence threshold: the subsets and the students trained on them, not the teacher.
    set(settings, "confidence=0.8");
    CHECK(execute(settings, out.path()).computed_by_stage ==
          std::map<std::string, std::size_t>{{"attacks", 2}, {"evaluation", 2}, {"labels", 1}, {"student", 2}});

    // Nothing changed: nothing is computed.
    CHECK(execute(settings, out.path()).computed == 0);
}

TEST_CASE("qplr: a corrupt labels.bin is an Error naming the file when a student reads it") {
    test::TempDir out;
    const experiments::Settings settings = tiny_settings();
    execute(settings, out.path());
    const experiments::RunPlan plan = qplr::plan_runs({settings, test::data_dir()});
    const std::filesystem::path labels =
        experiments::RunStore(out.path()).folder(run_named(plan, "teacher-mnist-s0")) / "labels.bin";
    REQUIRE(std::filesystem::exists(labels));
    {
        std::fstream file(labels, std::ios::binary | std::ios::in | std::ios::out);
        file.seekg(1000);
        const char byte = static_cast<char>(file.get());
        file.seekp(1000);
        file.put(static_cast<char>(byte ^ 1));  // the lowest bit of one float's byte
    }
    std::string message;
    try {
        execute(settings, out.path(), {"student"});
    } catch (const Error& error) {
        message = error.what();
    }
    CHECK(message.find(run_named(plan, "teacher-mnist-s0").folder()) != std::string::npos);
    CHECK(message.find("labels.bin") != std::string::npos);
}

TEST_CASE("qplr: run keys follow the contents of the data splits each run reads") {
    test::TempDir data;
    experiments::Settings settings(qplr::settings_schema(), Profile::quick);
    set(settings, "datasets=mnist");
    set(settings, "seeds=0");
    const auto keys = [&](const std::string& teacher_or_run) {
        const experiments::RunPlan plan = qplr::plan_runs({settings, data.path()});
        return run_named(plan, teacher_or_run).key.hex();
    };
    write_mnist(data.path(), 1, 1);
    const std::string teacher = keys("teacher-mnist-s0"), student = keys("student-mnist-s0-M1"),
                      evaluation = keys("evaluation-mnist-s0-M1");

    write_mnist(data.path(), 2, 1);  // another training set: every run changes
    CHECK(keys("teacher-mnist-s0") != teacher);
    CHECK(keys("student-mnist-s0-M1") != student);
    CHECK(keys("evaluation-mnist-s0-M1") != evaluation);

    write_mnist(data.path(), 1, 2);  // only another test set: the teacher and evaluation, not the M1 student
    CHECK(keys("teacher-mnist-s0") != teacher);
    CHECK(keys("student-mnist-s0-M1") == student);
    CHECK(keys("evaluation-mnist-s0-M1") != evaluation);

    write_mnist(data.path(), 1, 1);  // back to the first contents: the first keys
    CHECK(keys("teacher-mnist-s0") == teacher);
}
