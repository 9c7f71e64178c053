#include "experiments/natural_quantization/sweep.hpp"

#include <numbers>

#include "core/error.hpp"

namespace qmlr::natural_quantization {

namespace {

// Bumped whenever the meaning or the numbers of a run's rows change, so stored runs are not
// reused (2: the packed A·Bᵀ route for evaluation blocks and the vectorised neurons change
// the last bits).
constexpr int kFormatVersion = 2;
constexpr int kProjectiveStep = 20;

double g_of_step(int k) { return k * std::numbers::pi / 40.0; }

// "model1_a_sweep-a0.05-s2", "model2_g_sweep-k07-s0", "classical-s1" (appended piecewise:
// g++ 12 warns falsely about "literal" + std::string here).
std::string run_name(Experiment experiment, double a, int g_step, std::uint64_t seed) {
    std::string name = to_string(experiment);
    if (experiment == Experiment::model1_a_sweep) name.append("-a").append(format_number(a));
    if (experiment == Experiment::model2_g_sweep) name.append(g_step < 10 ? "-k0" : "-k").append(std::to_string(g_step));
    return name.append("-s").append(std::to_string(seed));
}

SweepRun make_run(Experiment experiment, double a, int g_step, std::uint64_t seed, const ProfileSizes& sizes) {
    SweepRun run{experiment, NetworkSpec{}, sizes.plan, g_step, seed, {}};
    if (experiment == Experiment::classical) run.plan.shots = 1;
    run.spec.activations = experiment == Experiment::classical ? Activations::classical_sign : Activations::quantum;
    run.spec.neurons.a = a;
    run.spec.neurons.g = g_of_step(g_step);
    run.id.name = run_name(experiment, a, g_step, seed);
    experiments::ConfigHash& config = run.id.config;
    config.add_integer("format", kFormatVersion)
        .add("experiment", to_string(experiment))
        .add("a", a)
        .add_integer("g_step", g_step)
        .add("squash", run.spec.neurons.squash == Squash::tanh ? "tanh" : "hard_tanh")
        .add("update", run.spec.neurons.update == KrausUpdate::arcsin ? "arcsin" : "exact")
        .add_integer("depth", run.spec.depth)
        .add_integer("width", run.spec.width)
        .add("data", "MNIST")
        .add_integer("train_images", sizes.train_images)
        .add_integer("validation_images", sizes.validation_images)
        .add_integer("epochs", run.plan.epochs)
        .add_integer("evaluate_every", run.plan.evaluate_every)
        .add_integer("batch_size", run.plan.batch_size)
        .add("learning_rate", run.plan.learning_rate)
        .add("momentum", run.plan.momentum)
        .add_integer("shots", run.plan.shots)
        .add_integer("seed", static_cast<std::int64_t>(seed));
    return run;
}

}  // namespace

std::string to_string(Experiment experiment) {
    switch (experiment) {
        case Experiment::model1_a_sweep: return "model1_a_sweep";
        case Experiment::model2_g_sweep: return "model2_g_sweep";
        case Experiment::classical: return "classical";
    }
    return "?";
}

ProfileSizes profile_sizes(Profile profile) {
    ProfileSizes sizes;
    sizes.a_grid = {0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5};
    for (int k = 0; k <= kProjectiveStep; ++k) sizes.g_steps.push_back(k);
    sizes.seeds = {0, 1, 2};
    switch (profile) {
        case Profile::quick:  // seconds: a smoke test of every code path
            sizes.train_images = 1000;
            sizes.validation_images = 1000;
            sizes.plan.epochs = 2;
            sizes.plan.evaluate_every = 1;
            sizes.a_grid = {0, 0.5, 5};
            sizes.g_steps = {0, 10, 20};
            sizes.seeds = {0};
            break;
        case Profile::standard:
            // Validation only after the last epoch: a 15-shot vote over 10,000 images costs as
            // much as several training epochs, and the results are the final-epoch errors.
            sizes.plan.epochs = 30;
            sizes.plan.evaluate_every = 30;
            break;
        case Profile::paper:
            sizes.plan.epochs = 100;
            break;
    }
    return sizes;
}

std::vector<SweepRun> sweep_runs(const ProfileSizes& sizes) {
    require(!sizes.seeds.empty(), "the sweep needs at least one seed");
    std::vector<SweepRun> runs;
    for (double a : sizes.a_grid)
        for (std::uint64_t seed : sizes.seeds)
            runs.push_back(make_run(Experiment::model1_a_sweep, a, kProjectiveStep, seed, sizes));
    for (int k : sizes.g_steps)
        for (std::uint64_t seed : sizes.seeds) runs.push_back(make_run(Experiment::model2_g_sweep, 0, k, seed, sizes));
    for (std::uint64_t seed : sizes.seeds) runs.push_back(make_run(Experiment::classical, 0, kProjectiveStep, seed, sizes));
    return runs;
}

std::vector<std::string> table_columns() {
    return {"paper", "experiment", "activations", "a", "g_step", "g", "seed", "epoch", "metric", "value"};
}

void add_run_rows(CsvWriter& table, const SweepRun& run, const std::vector<EpochRecord>& records) {
    const std::string activations = run.spec.activations == Activations::quantum ? "quantum" : "sign";
    const auto row = [&](int epoch, const char* metric, double value) {
        table.add_row({"natural_quantization", to_string(run.experiment), activations, format_number(run.spec.neurons.a),
                       std::to_string(run.g_step), format_number(run.spec.neurons.g), std::to_string(run.seed),
                       std::to_string(epoch), metric, format_number(value)});
    };
    for (const EpochRecord& record : records) {
        row(record.epoch, "train_loss", record.train_loss);
        row(record.epoch, "train_error", record.train_error);
        if (!record.validation) continue;
        row(record.epoch, "validation_vote_error", record.validation->vote_error);
        row(record.epoch, "validation_single_pass_error", record.validation->single_pass_error);
    }
}

}  // namespace qmlr::natural_quantization
