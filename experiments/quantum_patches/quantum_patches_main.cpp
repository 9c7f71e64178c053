// quantum_patches: trains the hybrid CNN + VQC model under four conditions (clean, FGSM
// adversarial training, quantum patches, L2-matched Gaussian noise) on MNIST, CIFAR-10 and
// CINIC-10 (when supplied), attacks every model with white-box FGSM and PGD, and writes
//   <out>/asr.csv                    clean accuracy, adversarial accuracy, ASR, ASR_all per run
//   <out>/patches_preview.csv        per dataset: d̄, κ_D, σ_d, the G1 check, per-map statistics
//   <out>/patches_preview_<key>.png  two images and their four patched copies
//   <out>/quantum_patches.meta.json  environment, settings, per-run stage times
// Runs (dataset, seed, condition) are cached in <out>/runs/ and can be sharded (--shard K/N);
// the tables are merged once every run exists. Patch masks are cached in <out>/runs/cache/, so
// --data may be read-only.
#include <iostream>
#include <map>
#include <memory>
#include <numbers>
#include <sstream>

#include "core/csv.hpp"
#include "core/progress.hpp"
#include "data_loaders/datasets.hpp"
#include "experiments/common/output_folder.hpp"
#include "experiments/common/program_main.hpp"
#include "experiments/common/run_metadata.hpp"
#include "experiments/common/run_store.hpp"
#include "experiments/quantum_patches/evaluation.hpp"
#include "experiments/quantum_patches/hybrid_model.hpp"
#include "experiments/quantum_patches/noise_matching.hpp"
#include "experiments/quantum_patches/patch_cache.hpp"
#include "experiments/quantum_patches/preview.hpp"
#include "experiments/quantum_patches/profile.hpp"
#include "experiments/quantum_patches/results_format.hpp"
#include "experiments/quantum_patches/training.hpp"
#include "nn/data_order.hpp"

using namespace qmlr;
using namespace qmlr::experiments;
using namespace qmlr::quantum_patches;

namespace {

constexpr std::size_t kBatchSize = 64;
constexpr double kLearningRate = 1e-3;
constexpr std::size_t kPreviewRows = 2;

// One training set and test set in memory, with the patch masks and the matched noise σ.
struct PreparedDataset {
    std::string key, label;
    Tensor train_images, test_images;
    std::vector<int> train_labels, test_labels;
    CachedMasks masks;
    double mean_distance = 0, kappa = 0, sigma = 0;
};

enum class RunKind { train, patches, not_available };

struct PlannedRun {
    RunId id;
    RunKind kind;
    std::string dataset_key;
    Condition condition = Condition::clean;
    std::uint64_t seed = 0;
};

struct Context {
    RunOptions options;
    ProfileSettings settings;
    std::map<std::string, std::unique_ptr<PreparedDataset>> prepared;
};

PreparedDataset& prepare(Context& context, const RunStore& store, const std::string& key) {
    auto& slot = context.prepared[key];
    if (slot) return *slot;
    const auto& data_dir = context.options.data;
    const data::Dataset train = select_per_class(load_dataset(data_dir, key, "train"), context.settings.train_per_class);
    const data::Dataset test = select_per_class(load_dataset(data_dir, key, "test"), test_per_class(context.settings, key));
    auto dataset = std::make_unique<PreparedDataset>();
    dataset->key = key;
    dataset->label = train.name;
    dataset->train_images = train.to_float();
    dataset->test_images = test.to_float();
    dataset->train_labels = nn::all_labels(train);
    dataset->test_labels = nn::all_labels(test);
    std::cout << "quantum_patches: " << train.describe() << "\nquantum_patches: " << test.describe() << '\n';
    dataset->masks = load_or_compute_patch_masks(store.cache_directory(), "quantum-patches-" + key + "-train",
                                                 dataset->train_images, PatchFilterConfig{});
    std::cout << "quantum_patches: patch masks " << (dataset->masks.reused ? "reused from " : "computed into ")
              << dataset->masks.file.string() << '\n';
    dataset->mean_distance = mean_patch_distance(dataset->train_images, dataset->masks.masks);
    dataset->kappa = expected_gaussian_norm(dataset->train_images.size() / dataset->train_labels.size());
    dataset->sigma = dataset->mean_distance / dataset->kappa;
    slot = std::move(dataset);
    return *slot;
}

ConfigHash dataset_config(const Context& context, const std::string& key) {
    ConfigHash config;
    config.add("format", "quantum_patches-1")
        .add("profile", to_string(context.options.profile))
        .add("dataset", key)
        .add_integer("train_per_class", static_cast<std::int64_t>(context.settings.train_per_class))
        .add_integer("test_per_class", static_cast<std::int64_t>(test_per_class(context.settings, key)))
        .add_integer("data_seed", static_cast<std::int64_t>(kDataSeed))
        .add("patch_gates", to_string(PatchFilterConfig{}.gates));
    return config;
}

std::vector<PlannedRun> plan_runs(const Context& context) {
    std::vector<PlannedRun> runs;
    for (const std::string& key : context.settings.datasets) {
        if (!dataset_available(context.options.data, key)) {
            ConfigHash config = dataset_config(context, key);
            config.add("status", kNotAvailable);
            runs.push_back({{key + "-not-available", config}, RunKind::not_available, key});
            continue;
        }
        runs.push_back({{key + "-patches", dataset_config(context, key)}, RunKind::patches, key});
        for (std::uint64_t seed : context.options.seeds)
            for (Condition condition : kConditions) {
                ConfigHash config = dataset_config(context, key);
                config.add("condition", condition_id(condition))
                    .add_integer("seed", static_cast<std::int64_t>(seed))
                    .add_integer("epochs", context.settings.epochs)
                    .add_integer("batch_size", static_cast<std::int64_t>(kBatchSize))
                    .add("learning_rate", kLearningRate)
                    .add_integer("pgd_steps", context.settings.pgd_steps);
                for (double epsilon : attack_epsilons(key)) config.add("epsilon", epsilon);
                runs.push_back({{key + "-" + condition_id(condition) + "-seed" + std::to_string(seed), config},
                                RunKind::train, key, condition, seed});
            }
    }
    return runs;
}

AsrRowContext row_context(const Context& context, const PreparedDataset& dataset) {
    return {dataset.key, dataset.label, dataset.train_labels.size(), dataset.test_labels.size(),
            context.settings.epochs, to_string(context.options.profile)};
}

void run_training(Context& context, const RunStore& store, const PlannedRun& run) {
    PreparedDataset& dataset = prepare(context, store, run.dataset_key);
    StageTimer stages;
    stages.start("train");
    nn::Model model = make_hybrid_model(static_cast<int>(dataset.train_images.dim(1)),
                                        static_cast<int>(dataset.train_images.dim(2)));
    model.initialize(run.seed);  // the same initial weights for every condition of a seed
    TrainingOptions options;
    options.condition = run.condition;
    options.epochs = context.settings.epochs;
    options.batch_size = kBatchSize;
    options.learning_rate = kLearningRate;
    options.fgsm_epsilon = headline_epsilon(run.dataset_key);
    options.noise_sigma = dataset.sigma;
    options.seed = run.seed;
    const std::size_t batches = (dataset.train_labels.size() + kBatchSize - 1) / kBatchSize;
    Progress progress(run.id.name + " training", batches * static_cast<std::size_t>(options.epochs));
    const TrainingStats stats = train_hybrid(
        model, {dataset.train_images, dataset.train_labels, &dataset.masks.masks}, options, [&] { progress.advance(); });
    progress.finish();
    std::cout << "quantum_patches: " << run.id.name << ": " << static_cast<long long>(stats.images_per_second)
              << " training images/s, last-epoch loss " << stats.last_epoch_loss << '\n';

    stages.start("attacks");
    AttackPlan plan;
    plan.epsilons = attack_epsilons(run.dataset_key);
    plan.pgd_steps = context.settings.pgd_steps;
    plan.seed = run.seed;
    const auto measurements = evaluate_attacks(model, dataset.test_images, dataset.test_labels, plan);
    CsvWriter csv(store.file(run.id, "csv"), asr_columns());
    for (const Measurement& m : measurements)
        csv.add_row(asr_row(row_context(context, dataset), condition_id(run.condition), std::to_string(run.seed), m));
    write_run_meta(store, run.id, stages);
    csv.commit();
}

void run_patches(Context& context, const RunStore& store, const PlannedRun& run) {
    PreparedDataset& dataset = prepare(context, store, run.dataset_key);
    StageTimer stages;
    stages.start("statistics");
    const std::size_t dimension = dataset.train_images.size() / dataset.train_labels.size();
    PatchStatistics statistics;
    statistics.mean_distance = dataset.mean_distance;
    statistics.kappa = dataset.kappa;
    statistics.sigma = dataset.sigma;
    // G1: the noise of epoch 0, seed 0, over the whole training set.
    statistics.measured_noise_distance =
        measured_noise_distance(dataset.train_labels.size(), dimension, dataset.sigma, 0, 0);
    statistics.map_means = mask_means(dataset.masks.masks);
    CsvWriter csv(store.file(run.id, "csv"), patches_columns());
    for (const auto& row : patches_rows(row_context(context, dataset), statistics)) csv.add_row(row);
    write_patch_preview(context.options.out / ("patches_preview_" + run.dataset_key + ".png"), dataset.train_images,
                        dataset.masks.masks, kPreviewRows);
    write_run_meta(store, run.id, stages);
    csv.commit();
}

void run_not_available(const Context& context, const RunStore& store, const PlannedRun& run) {
    CsvWriter csv(store.file(run.id, "csv"), asr_columns());
    for (Condition condition : kConditions)
        csv.add_row(not_available_row(run.dataset_key, condition_id(condition), to_string(context.options.profile)));
    write_run_meta(store, run.id, StageTimer());
    csv.commit();
}

int run(int argc, const char* const* argv) {
    Cli cli("quantum_patches",
            "Quantum Patches (arXiv 2604.08827): ASR of a hybrid CNN + VQC model trained clean, with FGSM "
            "adversarial training, with quantum patches or with matched Gaussian noise, under FGSM and PGD.");
    add_run_options(cli);
    cli.add_option("datasets", "LIST", "override the profile's datasets (comma-separated: mnist,cifar10,cinic10)");
    cli.add_option("train-per-class", "N", "override the profile's training images per class (0 = all)");
    cli.add_option("epochs", "N", "override the profile's epochs");
    if (!cli.parse(argc, argv, std::cout)) return 0;
    Context context;
    context.options = read_run_options(cli);
    prepare_output_folder(context.options.out);
    context.settings = profile_settings(context.options.profile);
    if (context.options.seeds.empty()) context.options.seeds = context.settings.seeds;
    if (cli.given("datasets")) {
        context.settings.datasets.clear();
        std::istringstream list(cli.value("datasets"));
        for (std::string key; std::getline(list, key, ',');) {
            attack_epsilons(key);  // an Error naming the valid keys when unknown
            context.settings.datasets.push_back(key);
        }
    }
    if (cli.given("train-per-class"))
        context.settings.train_per_class = static_cast<std::size_t>(cli.integer("train-per-class", 0, 100000));
    if (cli.given("epochs")) context.settings.epochs = static_cast<int>(cli.integer("epochs", 1, 1000));

    const RunStore store(context.options.out);
    const std::vector<PlannedRun> runs = plan_runs(context);
    ProgramMeta meta("quantum_patches", context.options);
    meta.settings()
        .add_integer("train_per_class", static_cast<std::int64_t>(context.settings.train_per_class))
        .add_integer("test_per_class", static_cast<std::int64_t>(context.settings.test_per_class))
        .add_integer("cinic_test_per_class", static_cast<std::int64_t>(context.settings.cinic_test_per_class))
        .add_integer("epochs", context.settings.epochs)
        .add_integer("batch_size", static_cast<std::int64_t>(kBatchSize))
        .add_number("learning_rate", kLearningRate)
        .add_integer("pgd_steps", context.settings.pgd_steps)
        .add_integer("runs", static_cast<std::int64_t>(runs.size()));
    std::size_t finished = 0;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const PlannedRun& planned = runs[i];
        if (context.options.shard.selects(i) && !store.finished(planned.id)) {
            std::cout << "quantum_patches: run " << (i + 1) << "/" << runs.size() << ": " << planned.id.name << '\n';
            switch (planned.kind) {
                case RunKind::train: run_training(context, store, planned); break;
                case RunKind::patches: run_patches(context, store, planned); break;
                case RunKind::not_available: run_not_available(context, store, planned); break;
            }
        }
        if (store.finished(planned.id)) {
            ++finished;
            meta.add_run(store, planned.id);
        }
    }
    meta.write(context.options.out / "quantum_patches.meta.json");
    if (finished < runs.size()) {
        std::cout << "quantum_patches: " << finished << " of " << runs.size()
                  << " runs finished; run the other shards, then once more without --shard to merge the tables\n";
        return 0;
    }
    std::vector<RunId> asr_runs, patch_runs;
    for (const PlannedRun& planned : runs) (planned.kind == RunKind::patches ? patch_runs : asr_runs).push_back(planned.id);
    merge_run_tables(store, asr_runs, context.options.out / "asr.csv");
    merge_run_tables(store, patch_runs, context.options.out / "patches_preview.csv");
    std::cout << "quantum_patches: wrote " << (context.options.out / "asr.csv").string() << ", "
              << (context.options.out / "patches_preview.csv").string() << ", patches_preview_<dataset>.png and "
              << (context.options.out / "quantum_patches.meta.json").string() << '\n';
    return 0;
}

}  // namespace

int main(int argc, char** argv) { return run_program("quantum_patches", argc, argv, run); }
