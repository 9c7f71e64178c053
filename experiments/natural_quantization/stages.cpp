#include "experiments/natural_quantization/stages.hpp"

#include <algorithm>
#include <memory>
#include <mutex>
#include <numbers>
#include <span>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "data_loaders/content_digest.hpp"
#include "experiments/common/run_executor.hpp"
#include "experiments/natural_quantization/analysis.hpp"
#include "experiments/natural_quantization/mnist_subset.hpp"
#include "experiments/natural_quantization/network.hpp"
#include "experiments/natural_quantization/tables.hpp"
#include "experiments/natural_quantization/training.hpp"

namespace qmlr::natural_quantization {

namespace {

using experiments::Field;
using experiments::KeyedSettings;
using experiments::PlannedRun;
using experiments::RunContext;
using experiments::RunIndex;
using experiments::RunKey;

// Bumped whenever a stage computes something else, so stored runs are not reused (3: the
// tables hold errors in percent with units; the numbers are those of format 2).
constexpr int kFormatVersion = 3;
constexpr const char* kRecordsArtifact = "records.csv";

// The first images of the MNIST files, loaded once, when the first run needs them (runs that
// are already finished need no data).
class MnistSubsets {
public:
    MnistSubsets(std::filesystem::path data, int train_images, int validation_images)
        : data_(std::move(data)), train_images_(train_images), validation_images_(validation_images) {}
    const FlatImages& train() {
        load();
        return train_;
    }
    const FlatImages& validation() {
        load();
        return validation_;
    }

private:
    void load() {
        std::call_once(loaded_, [&] {
            train_ = first_mnist_images(data_, "train", train_images_);
            validation_ = first_mnist_images(data_, "test", validation_images_);
        });
    }
    std::filesystem::path data_;
    int train_images_, validation_images_;
    std::once_flag loaded_;
    FlatImages train_, validation_;
};

struct TrainingRun {
    Sweep sweep = Sweep::model1;
    NetworkSpec spec;
    TrainingPlan plan;
    int g_step = 0;  // Model 2
    std::uint64_t seed = 0;
};

std::string_view table_of(Sweep sweep) {
    switch (sweep) {
        case Sweep::model1: return kModel1Table;
        case Sweep::model2: return kModel2Table;
        case Sweep::classical: return kClassicalTable;
    }
    return "?";
}

// g of grid step k; the projective step is π/2 exactly.
double g_of_step(int k, int projective_step) {
    return k == projective_step ? std::numbers::pi / 2 : k * std::numbers::pi / (2.0 * projective_step);
}

// "model1_a_sweep-a0.05-s2", "model2_g_sweep-k07-s0", "classical-s1" (appended piecewise:
// g++ 12 warns falsely about "literal" + std::string here).
std::string run_name(const TrainingRun& run) {
    std::string name(table_of(run.sweep));
    if (run.sweep == Sweep::model1) name.append("-a").append(format_number(run.spec.neurons.a));
    if (run.sweep == Sweep::model2) name.append(run.g_step < 10 ? "-k0" : "-k").append(std::to_string(run.g_step));
    return name.append("-s").append(std::to_string(run.seed));
}

// The run's rows of its table: per epoch train_loss and train_error, and at validation epochs
// validation_vote_error and validation_single_pass_error; errors in percent.
void add_rows(experiments::TableRows& rows, const TrainingRun& run, const std::vector<EpochRecord>& records) {
    const auto seed = static_cast<std::int64_t>(run.seed);
    const auto keys = [&](int epoch) -> std::vector<Field> {
        switch (run.sweep) {
            case Sweep::model1: return {run.spec.neurons.a, seed, std::int64_t{epoch}};
            case Sweep::model2:
                return {run.spec.neurons.a, std::int64_t{run.g_step}, run.spec.neurons.g, seed, std::int64_t{epoch}};
            case Sweep::classical: return {seed, std::int64_t{epoch}};
        }
        return {};
    };
    for (const EpochRecord& record : records) {
        const std::vector<Field> at = keys(record.epoch);
        rows.add(at, "train_loss", record.train_loss);
        rows.add(at, "train_error", 100.0 * record.train_error);
        if (!record.validation) continue;
        rows.add(at, "validation_vote_error", 100.0 * record.validation->vote_error);
        rows.add(at, "validation_single_pass_error", 100.0 * record.validation->single_pass_error);
    }
}

std::span<const std::uint8_t> bytes_of(const std::string& text) {
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

// Everything a training run of `sweep` computes with, read through the key.
TrainingRun keyed_run(Sweep sweep, KeyedSettings& s) {
    TrainingRun run;
    run.sweep = sweep;
    run.spec.activations = sweep == Sweep::classical ? Activations::classical_sign : Activations::quantum;
    run.spec.depth = static_cast<int>(s.integer("depth"));
    run.spec.width = static_cast<int>(s.integer("width"));
    if (sweep != Sweep::classical) {  // the sign network has no neurons to squash or measure
        run.spec.neurons.squash = s.text("squash") == "tanh" ? Squash::tanh : Squash::hard_tanh;
        run.spec.neurons.update = s.text("kraus_update") == "arcsin" ? KrausUpdate::arcsin : KrausUpdate::exact;
    }
    run.plan.epochs = static_cast<int>(s.integer("epochs"));
    run.plan.evaluate_every = static_cast<int>(s.integer("evaluate_every"));
    run.plan.batch_size = static_cast<int>(s.integer("batch_size"));
    run.plan.learning_rate = s.real("learning_rate");
    run.plan.momentum = s.real("momentum");
    run.plan.shots = static_cast<int>(s.integer(sweep == Sweep::classical ? "classical_shots" : "shots"));
    // The data: which images (the subset holder is shared, these only enter the key).
    s.integer("train_images");
    s.integer("validation_images");
    return run;
}

}  // namespace

experiments::RunPlan plan_runs(const experiments::PlanInputs& inputs) {
    const experiments::Settings& settings = inputs.settings;
    const std::vector<double> a_grid = settings.reals("a_grid");
    const std::vector<std::int64_t> g_steps = settings.integers("g_steps");
    const auto projective_step = static_cast<int>(settings.integer("projective_step"));
    require(std::find(a_grid.begin(), a_grid.end(), 0.0) != a_grid.end(),
            "setting a_grid: it must contain 0, the classical point that gives the baseline e_b (got " +
                settings.canonical("a_grid") + ")");
    for (std::int64_t k : g_steps)
        require(k <= projective_step, "setting g_steps: step " + std::to_string(k) + " lies beyond projective_step = " +
                                          std::to_string(projective_step) + " (g = pi/2)");
    std::vector<std::uint64_t> seeds;
    for (std::int64_t seed : settings.integers("seeds")) seeds.push_back(static_cast<std::uint64_t>(seed));

    const std::string train_digest = data::content_digest(inputs.data, "mnist", "train");
    const std::string test_digest = data::content_digest(inputs.data, "mnist", "test");
    const auto data = std::make_shared<MnistSubsets>(inputs.data, static_cast<int>(settings.integer("train_images")),
                                                     static_cast<int>(settings.integer("validation_images")));

    experiments::RunPlan plan;
    std::vector<FinalRecord> finals;  // what the derived run knows of each training run
    const auto add_training_run = [&](Sweep sweep, double a, int g_step, std::uint64_t seed) {
        const std::string stage(table_of(sweep));
        RunKey key(stage, kFormatVersion);
        KeyedSettings keyed(settings, key);
        TrainingRun run = keyed_run(sweep, keyed);
        run.seed = seed;
        run.g_step = g_step;
        if (sweep == Sweep::model1) {
            run.spec.neurons.a = a;
            run.spec.neurons.g = std::numbers::pi / 2;
            key.add("a", a);
        } else if (sweep == Sweep::model2) {
            run.spec.neurons.a = keyed.real("g_sweep_a");
            run.spec.neurons.g = g_of_step(g_step, static_cast<int>(keyed.integer("projective_step")));
            key.add("g_step", g_step);
        }
        key.add("seed", static_cast<std::int64_t>(seed)).add("mnist_train", train_digest).add("mnist_test", test_digest);

        PlannedRun planned{.stage = stage, .name = run_name(run), .key = key, .tables = {stage}};
        planned.compute = [run, data](RunContext& context) {
            context.timer().start("train_and_validate");
            Network network = build_network(run.spec, run.seed);
            const FlatImages& train = data->train();
            const FlatImages& validation = data->validation();
            const std::vector<EpochRecord> records =
                train_and_validate(network, {train.images, train.labels}, {validation.images, validation.labels},
                                   run.seed, run.plan);
            context.write(kRecordsArtifact, bytes_of(records_csv(records)));
            add_rows(context.rows(table_of(run.sweep)), run, records);
        };
        plan.add(std::move(planned));
        plan.next_group();
        finals.push_back({sweep, sweep == Sweep::model2 ? run.spec.neurons.g : run.spec.neurons.a, g_step, 0, 0, 0});
    };
    // Table order: Model 1 by a, Model 2 by k, then the sign network; seeds innermost.
    for (double a : a_grid)
        for (std::uint64_t seed : seeds) add_training_run(Sweep::model1, a, projective_step, seed);
    for (std::int64_t k : g_steps)
        for (std::uint64_t seed : seeds) add_training_run(Sweep::model2, 0, static_cast<int>(k), seed);
    for (std::uint64_t seed : seeds) add_training_run(Sweep::classical, 0, projective_step, seed);

    PlannedRun derived{.stage = std::string(kDerivedTable),
                       .name = std::string(kDerivedTable),
                       .key = RunKey(kDerivedTable, kFormatVersion),
                       .tables = {std::string(kDerivedTable)},
                       .after_shards = true};  // it reads every run: the merge computes it
    KeyedSettings keyed(settings, derived.key);
    const auto step = static_cast<int>(keyed.integer("projective_step"));
    std::vector<std::string> sources;
    for (RunIndex i = 0; i < plan.size(); ++i) {
        derived.inputs.push_back(i);
        derived.key.input(plan[i].name, plan[i].key);
        sources.push_back(plan[i].folder() + "/" + kRecordsArtifact);
    }
    derived.compute = [finals, sources, step](RunContext& context) {
        context.timer().start("derive");
        std::vector<FinalRecord> runs = finals;
        for (std::size_t i = 0; i < runs.size(); ++i) {
            const std::vector<std::uint8_t> bytes = context.input(i, kRecordsArtifact);
            const std::vector<EpochRecord> records = parse_records_csv(
                std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), sources[i]);
            require(!records.empty() && records.back().validation.has_value(),
                    sources[i] + ": the last epoch has no validation errors");
            runs[i].epoch = records.back().epoch;
            runs[i].vote_error = records.back().validation->vote_error;
            runs[i].single_pass_error = records.back().validation->single_pass_error;
        }
        const SweepCurves curves = curves_of(runs);
        add_derived_rows(context.rows(kDerivedTable), curves, analyse_sweeps(curves, step), step);
    };
    plan.add(std::move(derived));
    return plan;
}

}  // namespace qmlr::natural_quantization
