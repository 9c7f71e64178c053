// natural_quantization: the sweeps of arXiv 2503.15482 (see docs/natural_quantization.md).
// Trains every (configuration, seed) of the selected profile on the first MNIST training images,
// validates by 15-shot vote on the MNIST test images, stores each finished run in <out>/runs/
// (so an interrupted sweep resumes, and shards can run anywhere), then merges the tables
//   <out>/{model1_a_sweep,model2_g_sweep,classical}.csv, <out>/derived.csv,
//   <out>/natural_quantization.meta.json
#include <algorithm>
#include <iostream>

#include "core/cli.hpp"
#include "core/progress.hpp"
#include "experiments/common/output_folder.hpp"
#include "experiments/common/program_main.hpp"
#include "experiments/common/run_metadata.hpp"
#include "experiments/natural_quantization/analysis.hpp"
#include "experiments/natural_quantization/mnist_subset.hpp"
#include "experiments/natural_quantization/sweep.hpp"

using namespace qmlr;
using namespace qmlr::natural_quantization;
namespace ex = qmlr::experiments;

namespace {

void run_one(const SweepRun& run, const ex::RunStore& store, const FlatImages& train, const FlatImages& validation,
             Progress& progress) {
    ex::StageTimer stages;
    stages.start("train_and_validate");
    Network network = build_network(run.spec, run.seed);
    const auto records = train_and_validate(network, {train.images, train.labels},
                                            {validation.images, validation.labels}, run.seed, run.plan,
                                            [&](const EpochRecord&) { progress.advance(); });
    ex::write_run_meta(store, run.id, stages);
    CsvWriter table(store.file(run.id, "csv"), table_columns());
    add_run_rows(table, run, records);
    table.commit();
}

int run(int argc, const char* const* argv) {
    Cli cli("natural_quantization",
            "Sweeps of 'Natural Quantization of Neural Networks' (arXiv 2503.15482): Model 1 over a, "
            "Model 2 over g, the classical sign network; MNIST, 15-shot vote validation.");
    add_run_options(cli);
    cli.add_flag("merge-only", "do not train: merge the finished runs of every shard into the tables");
    if (!cli.parse(argc, argv, std::cout)) return 0;
    RunOptions options = read_run_options(cli);
    ex::prepare_output_folder(options.out);
    ProfileSizes sizes = profile_sizes(options.profile);
    if (!options.seeds.empty()) sizes.seeds = options.seeds;
    options.seeds = sizes.seeds;

    // Created first, so its wall time covers the training.
    ex::ProgramMeta meta("natural_quantization", options);
    meta.settings()
        .add_integer("train_images", sizes.train_images)
        .add_integer("validation_images", sizes.validation_images)
        .add_integer("epochs", sizes.plan.epochs)
        .add_integer("evaluate_every", sizes.plan.evaluate_every)
        .add_integer("shots", sizes.plan.shots);
    const std::vector<SweepRun> runs = sweep_runs(sizes);
    const ex::RunStore store(options.out);
    if (!cli.flag("merge-only")) {
        std::vector<const SweepRun*> pending;
        for (std::size_t i = 0; i < runs.size(); ++i)
            if (options.shard.selects(i) && !store.finished(runs[i].id)) pending.push_back(&runs[i]);
        // Seed by seed, so an interrupted sweep already has whole curves for the first seeds.
        std::stable_sort(pending.begin(), pending.end(),
                         [](const SweepRun* p, const SweepRun* q) { return p->seed < q->seed; });
        std::cout << "natural_quantization: " << runs.size() << " runs in the " << to_string(options.profile)
                  << " profile, " << pending.size() << " to train in this invocation\n";
        if (!pending.empty()) {
            const FlatImages train = first_mnist_images(options.data, "train", sizes.train_images);
            const FlatImages validation = first_mnist_images(options.data, "test", sizes.validation_images);
            Progress progress("natural_quantization", pending.size() * static_cast<std::size_t>(sizes.plan.epochs));
            for (const SweepRun* run : pending) run_one(*run, store, train, validation, progress);
            progress.finish();
        }
    }
    if (options.shard.count > 1 && !cli.flag("merge-only")) {
        std::cout << "shard " << options.shard.index << "/" << options.shard.count << " done; runs in "
                  << store.directory().string() << ". When every shard has finished, run with --merge-only.\n";
        return 0;
    }

    for (Experiment experiment : kExperiments) {
        std::vector<ex::RunId> ids;
        for (const SweepRun& run : runs)
            if (run.experiment == experiment) ids.push_back(run.id);
        ex::merge_run_tables(store, ids, options.out / (to_string(experiment) + ".csv"));
    }
    for (const SweepRun& run : runs) meta.add_run(store, run.id);
    write_derived_table(options.out);
    meta.write(options.out / "natural_quantization.meta.json");
    std::cout << "natural_quantization: wrote model1_a_sweep.csv, model2_g_sweep.csv, classical.csv, derived.csv "
                 "and natural_quantization.meta.json to "
              << options.out.string() << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) { return ex::run_program("natural_quantization", argc, argv, run); }
