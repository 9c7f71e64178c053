#include "experiments/quantum_patches/stages.hpp"

#include <charconv>
#include <iostream>
#include <map>
#include <memory>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/progress.hpp"
#include "data_loaders/content_digest.hpp"
#include "data_loaders/datasets.hpp"
#include "experiments/common/run_executor.hpp"
#include "experiments/quantum_patches/evaluation.hpp"
#include "experiments/quantum_patches/hybrid_model.hpp"
#include "experiments/quantum_patches/mask_file.hpp"
#include "experiments/quantum_patches/noise_matching.hpp"
#include "experiments/quantum_patches/preview.hpp"
#include "experiments/quantum_patches/settings.hpp"
#include "experiments/quantum_patches/split_data.hpp"
#include "experiments/quantum_patches/tables.hpp"
#include "experiments/quantum_patches/training.hpp"
#include "nn/serialization.hpp"

namespace qmlr::quantum_patches {

using experiments::Field;
using experiments::KeyedSettings;
using experiments::PlannedRun;
using experiments::RunContext;
using experiments::RunIndex;
using experiments::RunKey;
using experiments::RunPlan;
using experiments::text_field;

namespace {

constexpr const char* kMasksArtifact = "masks.bin";
constexpr const char* kSigmaArtifact = "sigma.txt";
constexpr const char* kModelArtifact = "model.bin";

std::string preview_file(const std::string& dataset) { return "patches_preview_" + dataset + ".png"; }

std::span<const std::uint8_t> bytes_of(const std::string& text) {
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

// σ_d as its shortest round-trip text, so the reader gets the same double.
double read_sigma(const RunContext& context, std::size_t input) {
    const std::vector<std::uint8_t> bytes = context.input(input, kSigmaArtifact);
    const std::string text(bytes.begin(), bytes.end());
    double sigma = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), sigma);
    if (error != std::errc() || (end != text.data() + text.size() && *end != '\n'))
        throw Error(context.input_path(input, kSigmaArtifact).string() + ": expected σ_d as a number, found '" + text +
                    "'; delete its run folder to recompute it");
    return sigma;
}

PatchMasks read_masks(const RunContext& context, std::size_t input, const SplitData& train) {
    return read_mask_file(context.input_path(input, kMasksArtifact), train.labels.size(),
                          static_cast<int>(train.images.dim(2)) / 2, static_cast<int>(train.images.dim(3)) / 2);
}

// The splits of one plan, one holder per (dataset, split, images per class, data seed), created
// from values read through the asking run's key.
class SplitCache {
public:
    explicit SplitCache(std::filesystem::path data_dir) : data_dir_(std::move(data_dir)) {}
    std::shared_ptr<LazySplit> get(const std::string& dataset, const std::string& split, std::int64_t per_class,
                                   std::int64_t data_seed) {
        auto& slot = splits_[dataset + "/" + split + "/" + std::to_string(per_class) + "/" + std::to_string(data_seed)];
        if (!slot)
            slot = std::make_shared<LazySplit>(data_dir_, dataset, split, static_cast<std::size_t>(per_class),
                                               static_cast<std::uint64_t>(data_seed));
        return slot;
    }

private:
    std::filesystem::path data_dir_;
    std::map<std::string, std::shared_ptr<LazySplit>> splits_;
};

nn::Model make_model(const SplitData& data) {
    return make_hybrid_model(static_cast<int>(data.images.dim(1)), static_cast<int>(data.images.dim(2)));
}

// patches-<dataset>: masks, σ_d and the patch statistics.
PlannedRun patches_run(const experiments::Settings& settings, SplitCache& splits, const std::string& dataset,
                       const std::string& train_digest) {
    RunKey key("patches", kFormatVersion);
    KeyedSettings keyed(settings, key);
    key.add("dataset", dataset);
    const auto train = splits.get(dataset, "train", keyed.integer("train_per_class"), keyed.integer("data_seed"));
    const PatchFilterConfig filter{gate_list(keyed.text("patch_gates")), encoding(keyed.text("patch_encoding"))};
    key.add("train_data", train_digest);

    PlannedRun run{.stage = "patches", .name = "patches-" + dataset, .key = key};
    run.tables = {kPatchesTable, kDatasetsTable};
    run.compute = [dataset, filter, train](RunContext& context) {
        const SplitData& data = train->get();
        context.timer().start("masks");
        const PatchMasks masks = compute_patch_masks(data.images, PatchFilter(filter));
        write_mask_file(context.artifact_path(kMasksArtifact), masks);

        context.timer().start("statistics");
        const std::size_t dimension = data.images.size() / data.labels.size();
        const double mean_distance = mean_patch_distance(data.images, masks);
        const double kappa = expected_gaussian_norm(dimension);
        const double sigma = mean_distance / kappa;
        context.write(kSigmaArtifact, bytes_of(format_number(sigma) + "\n"));
        auto& rows = context.rows(kPatchesTable);
        const auto add = [&](const char* map, const char* metric, double value) {
            rows.add({text_field(dataset), text_field(map)}, metric, value);
        };
        add("all", "mean_l2_distance", mean_distance);
        add("all", "kappa_D", kappa);
        add("all", "sigma_d", sigma);
        // G1: the noise of epoch 0, seed 0, over the whole training set.
        add("all", "measured_noise_l2", measured_noise_distance(data.labels.size(), dimension, sigma, 0, 0));
        const auto means = mask_means(masks);
        for (int c = 0; c < kPatchMaps; ++c)
            rows.add({text_field(dataset), text_field(std::to_string(c))}, "mask_mean",
                     means[static_cast<std::size_t>(c)]);
        context.rows(kDatasetsTable)
            .add({text_field(dataset), text_field(data.source)}, "train_images", static_cast<double>(data.labels.size()));
    };
    return run;
}

// preview-<dataset>: the first training images and their patched copies as a PNG, published
// beside the tables (a run of its own, so its setting never touches the masks or the models).
PlannedRun preview_run(const experiments::Settings& settings, SplitCache& splits, const std::string& dataset,
                       RunIndex patches, const RunKey& patches_key) {
    RunKey key("preview", kFormatVersion);
    KeyedSettings keyed(settings, key);
    key.add("dataset", dataset).input("patches", patches_key);
    const auto train = splits.get(dataset, "train", keyed.integer("train_per_class"), keyed.integer("data_seed"));
    const auto rows = static_cast<std::size_t>(keyed.integer("preview_rows"));

    PlannedRun run{.stage = "preview", .name = "preview-" + dataset, .key = key, .inputs = {patches}};
    run.outputs = {preview_file(dataset)};
    run.compute = [dataset, rows, train](RunContext& context) {
        const SplitData& data = train->get();
        const PatchMasks masks = read_masks(context, 0, data);
        context.timer().start("preview");
        context.write(preview_file(dataset), bytes_of(patch_preview_png(data.images, masks, rows)));
    };
    return run;
}

// train-<dataset>-<condition>-s<seed>: one model.
PlannedRun train_run(const experiments::Settings& settings, SplitCache& splits, const std::string& dataset,
                     Condition condition, std::int64_t seed, const std::string& train_digest, RunIndex patches,
                     const RunKey& patches_key) {
    RunKey key("train", kFormatVersion);
    KeyedSettings keyed(settings, key);
    key.add("dataset", dataset).add("condition", condition_id(condition)).add("seed", seed);
    const auto train = splits.get(dataset, "train", keyed.integer("train_per_class"), keyed.integer("data_seed"));
    TrainingOptions options;
    options.condition = condition;
    options.epochs = static_cast<int>(keyed.integer("epochs"));
    options.batch_size = static_cast<std::size_t>(keyed.integer("batch_size"));
    options.learning_rate = keyed.real("learning_rate");
    options.seed = static_cast<std::uint64_t>(seed);
    if (condition == Condition::fgsm_training) options.fgsm_epsilon = keyed.real(training_epsilon_setting(dataset));
    key.add("train_data", train_digest);
    // Only (c) reads the masks and only (d) σ_d: the other conditions do not depend on the patches.
    const bool reads_patches = condition == Condition::quantum_patches || condition == Condition::gaussian_noise;
    if (reads_patches) key.input("patches", patches_key);

    const std::string name = "train-" + dataset + "-" + condition_id(condition) + "-s" + std::to_string(seed);
    PlannedRun run{.stage = "train", .name = name, .key = key};
    if (reads_patches) run.inputs = {patches};
    run.compute = [options, train, name](RunContext& context) {
        const SplitData& data = train->get();
        TrainingOptions used = options;
        PatchMasks masks;
        if (used.condition == Condition::quantum_patches) masks = read_masks(context, 0, data);
        if (used.condition == Condition::gaussian_noise) used.noise_sigma = read_sigma(context, 0);
        context.timer().start("train");
        nn::Model model = make_model(data);
        model.initialize(used.seed);  // the same initial weights for every condition of a seed
        const std::size_t batches = (data.labels.size() + used.batch_size - 1) / used.batch_size;
        Progress progress(name, batches * static_cast<std::size_t>(used.epochs));
        const TrainingStats stats = train_hybrid(
            model, {data.images, data.labels, used.condition == Condition::quantum_patches ? &masks : nullptr}, used,
            [&] { progress.advance(); });
        progress.finish();
        std::cout << "quantum_patches: " << name << ": " << static_cast<long long>(stats.images_per_second)
                  << " training images/s, last-epoch loss " << stats.last_epoch_loss << '\n';
        nn::save_model(model, context.artifact_path(kModelArtifact));
    };
    return run;
}

// attacks-<dataset>-<condition>-s<seed>: FGSM and PGD against one model.
PlannedRun attacks_run(const experiments::Settings& settings, SplitCache& splits, const std::string& dataset,
                       Condition condition, std::int64_t seed, const std::string& test_digest, RunIndex trained,
                       const RunKey& train_key) {
    RunKey key("attacks", kFormatVersion);
    KeyedSettings keyed(settings, key);
    key.add("dataset", dataset).add("condition", condition_id(condition)).add("seed", seed);
    const auto test =
        splits.get(dataset, "test", keyed.integer(test_per_class_setting(dataset)), keyed.integer("data_seed"));
    AttackPlan plan;
    plan.epsilons = keyed.reals(epsilons_setting(dataset));
    plan.pgd_steps = static_cast<int>(keyed.integer("pgd_steps"));
    plan.pgd_step_fraction = keyed.real("pgd_step_fraction");
    plan.seed = static_cast<std::uint64_t>(seed);
    key.add("test_data", test_digest);
    key.input("train", train_key);

    const std::string id = condition_id(condition);
    PlannedRun run{.stage = "attacks", .name = "attacks-" + dataset + "-" + id + "-s" + std::to_string(seed),
                   .key = key, .inputs = {trained}, .tables = {kAsrTable}};
    run.compute = [dataset, id, seed, plan, test](RunContext& context) {
        const SplitData& data = test->get();
        nn::Model model = make_model(data);
        nn::load_model(model, context.input_path(0, kModelArtifact));
        context.timer().start("attacks");
        const std::vector<Measurement> measurements = evaluate_attacks(model, data.images, data.labels, plan);
        auto& rows = context.rows(kAsrTable);
        const auto keys = [&](const std::string& attack, double epsilon) {
            return std::vector<Field>{text_field(dataset), text_field(id), seed, text_field(attack), epsilon};
        };
        rows.add(keys("none", 0.0), "test_images", static_cast<double>(data.labels.size()));
        // Fractions to percent (docs/conventions.md §9: rates are reported in percent).
        for (const Measurement& m : measurements) rows.add(keys(m.attack, m.epsilon), m.metric, 100.0 * m.value);
    };
    return run;
}

}  // namespace

RunPlan plan_runs(const experiments::PlanInputs& inputs) {
    const experiments::Settings& settings = inputs.settings;
    const std::vector<std::int64_t> seeds = settings.integers("seeds");
    std::vector<Condition> conditions;
    for (const std::string& id : settings.texts("conditions")) conditions.push_back(condition_from_id(id));

    RunPlan plan;
    SplitCache splits(inputs.data);
    bool first_group = true;
    const auto next_group = [&] {
        if (!first_group) plan.next_group();
        first_group = false;
    };
    for (const std::string& dataset : settings.texts("datasets")) {
        // CINIC-10 is used only from its official archive (docs/quantum_patches.md §7.1): without
        // it the dataset has no runs and no rows, never a stand-in.
        if (dataset == "cinic10" && !data::cinic10_available(inputs.data)) {
            std::cerr << "quantum_patches: CINIC-10 not supplied (make data CINIC10=...): dataset not available, "
                         "no runs\n";
            continue;
        }
        const std::string train_digest = data::content_digest(inputs.data, dataset, "train");
        const std::string test_digest = data::content_digest(inputs.data, dataset, "test");

        next_group();
        const RunIndex patches = plan.add(patches_run(settings, splits, dataset, train_digest));
        const RunKey patches_key = plan[patches].key;
        plan.add(preview_run(settings, splits, dataset, patches, patches_key));
        bool first_of_dataset = true;
        for (std::int64_t seed : seeds)
            for (Condition condition : conditions) {
                if (!first_of_dataset) next_group();
                first_of_dataset = false;
                const RunIndex trained =
                    plan.add(train_run(settings, splits, dataset, condition, seed, train_digest, patches, patches_key));
                const RunKey train_key = plan[trained].key;
                plan.add(attacks_run(settings, splits, dataset, condition, seed, test_digest, trained, train_key));
            }
    }
    return plan;
}

}  // namespace qmlr::quantum_patches
