#include "experiments/qplr/stages.hpp"

#include <algorithm>
#include <memory>
#include <optional>

#include "core/error.hpp"
#include "core/progress.hpp"
#include "data_loaders/content_digest.hpp"
#include "experiments/common/run_executor.hpp"
#include "experiments/qplr/dataset_data.hpp"
#include "experiments/qplr/methods.hpp"
#include "experiments/qplr/sensitivity.hpp"
#include "experiments/qplr/settings.hpp"
#include "experiments/qplr/tables.hpp"
#include "experiments/qplr/teacher.hpp"
#include "metrics/accuracy.hpp"
#include "nn/lenet.hpp"
#include "nn/serialization.hpp"

namespace qmlr::qplr {

namespace {

using experiments::Field;
using experiments::KeyedSettings;
using experiments::PlannedRun;
using experiments::RunContext;
using experiments::RunIndex;
using experiments::RunKey;
using experiments::RunPlan;
using experiments::text_field;

using Data = std::shared_ptr<DatasetData>;

constexpr const char* kLabelsArtifact = "labels.bin";
constexpr const char* kModelArtifact = "model.bin";

// What the runs of one dataset and seed share while they are planned.
struct Group {
    const experiments::Settings& settings;
    std::string dataset;  // mnist | fashion_mnist
    std::uint64_t seed;
    Data data;
    std::string train_digest, test_digest;

    std::string stem() const { return dataset + "-s" + std::to_string(seed); }
    std::string setting(std::string_view name) const { return dataset_setting(dataset, name); }
    // A key of `stage` with the group's parameters.
    RunKey key(const char* stage) const {
        RunKey key(stage, kFormatVersion);
        key.add("dataset", dataset).add("seed", static_cast<std::int64_t>(seed));
        return key;
    }
    // Records the sizes and contents of the splits a run reads.
    void reads_train(KeyedSettings& s, RunKey& key) const {
        s.integer("train_per_class");
        key.add("train_data", train_digest);
    }
    void reads_test(KeyedSettings& s, RunKey& key) const {
        s.integer("test_per_class");
        key.add("test_data", test_digest);
    }
};

Field seed_field(std::uint64_t seed) { return static_cast<std::int64_t>(seed); }
Field clipped_field(bool clipped) { return text_field(clipped ? "yes" : "no"); }

// The teacher's soft labels as the i-th input's artifact (checked by the run store).
SoftLabels read_soft_labels(RunContext& context, std::size_t input, std::int64_t images) {
    return decode_soft_labels(context.input(input, kLabelsArtifact), images,
                              context.input_path(input, kLabelsArtifact).string());
}

nn::Model read_student(RunContext& context) {
    nn::Model model = nn::make_lenet();
    nn::load_model(model, context.input_path(0, kModelArtifact));
    return model;
}

RunIndex add_teacher(RunPlan& plan, const Group& g) {
    RunKey key = g.key("teacher");
    KeyedSettings s(g.settings, key);
    const int layers = static_cast<int>(s.integer(g.setting("teacher_layers")));
    int epochs = static_cast<int>(s.integer(g.setting("teacher_epochs")));
    const auto cap = static_cast<int>(s.integer("teacher_epochs_cap"));
    if (cap > 0) epochs = std::min(cap, epochs);
    TeacherTraining training;
    training.epochs = epochs;
    training.batch_size = static_cast<std::size_t>(s.integer(g.setting("teacher_batch")));
    training.learning_rate = s.real("teacher_learning_rate");
    training.decay_after_epochs = static_cast<int>(s.integer("teacher_decay_after_epochs"));
    training.seed = g.seed;
    const int shots = static_cast<int>(s.integer("shots"));
    g.reads_train(s, key);
    g.reads_test(s, key);

    auto compute = [data = g.data, dataset = g.dataset, seed = g.seed, layers, training, shots](RunContext& context) {
        const Split& train = data->train();
        const Split& test = data->test();
        const std::int64_t n = train.images.dim(0);
        context.timer().start("teacher_training");
        TeacherNet teacher = make_teacher(layers, seed);
        const std::size_t batches = (static_cast<std::size_t>(n) + training.batch_size - 1) / training.batch_size;
        Progress progress(data->title() + " seed " + std::to_string(seed) + " teacher",
                          batches * static_cast<std::size_t>(training.epochs));
        train_teacher(teacher, train.images, train.labels, training, [&] { progress.advance(); });
        progress.finish();

        context.timer().start("teacher_test");
        const Tensor test_p = teacher_probabilities(teacher, test.images);
        const double exact_accuracy = metrics::accuracy(soft_labels(teacher, test_p, {.shots = 0}), test.labels);
        const double shot_accuracy = metrics::accuracy(
            soft_labels(teacher, test_p, {.shots = shots, .seed = seed, .stream = "shots-test"}), test.labels);

        context.timer().start("soft_labels");
        const Tensor train_p = teacher_probabilities(teacher, train.images);
        const SoftLabels labels{soft_labels(teacher, train_p, {.shots = shots, .seed = seed, .stream = "shots-train"}),
                                soft_labels(teacher, train_p, {.shots = 0})};

        const std::vector<Field> keys{text_field(dataset), seed_field(seed), n, test.images.dim(0)};
        experiments::TableRows& teacher_rows = context.rows(kTeacherTable);
        teacher_rows.add(keys, "exact_test_accuracy", 100.0 * exact_accuracy);
        teacher_rows.add(keys, "shot_test_accuracy", 100.0 * shot_accuracy);
        teacher_rows.add(keys, "layers", layers);
        teacher_rows.add(keys, "epochs", training.epochs);
        context.write(kLabelsArtifact, encode_soft_labels(labels));
    };
    return plan.add({.stage = "teacher", .name = "teacher-" + g.stem(), .key = key, .inputs = {},
                     .tables = {kTeacherTable}, .outputs = {}, .group = 0, .compute = compute});
}

// labels-<d>-s<seed>: the confident subsets of the teacher's soft labels (a run of its own, so a
// new confidence threshold never retrains the teacher).
void add_labels(RunPlan& plan, const Group& g, RunIndex teacher) {
    RunKey key = g.key("labels");
    key.input("teacher", plan[teacher].key);
    KeyedSettings s(g.settings, key);
    const double confidence = s.real("confidence");
    g.reads_train(s, key);

    auto compute = [data = g.data, dataset = g.dataset, seed = g.seed, confidence](RunContext& context) {
        const Split& train = data->train();
        const std::int64_t n = train.images.dim(0);
        const SoftLabels labels = read_soft_labels(context, 0, n);
        experiments::TableRows& rows = context.rows(kLabelsTable);
        for (const auto& [name, tensor] : {std::pair{"shot", &labels.shot}, std::pair{"exact", &labels.exact}}) {
            const std::vector<Field> keys{text_field(dataset), seed_field(seed), text_field(name), n};
            const auto subset = confident_subset(*tensor, confidence);
            rows.add(keys, "subset_size", static_cast<double>(subset.size()));
            rows.add(keys, "subset_share", 100.0 * static_cast<double>(subset.size()) / static_cast<double>(n));
            rows.add(keys, "train_argmax_accuracy", 100.0 * metrics::accuracy(*tensor, train.labels));
        }
    };
    plan.add({.stage = "labels", .name = "labels-" + g.stem(), .key = key, .inputs = {teacher},
              .tables = {kLabelsTable}, .outputs = {}, .group = 0, .compute = compute});
}

RunIndex add_student(RunPlan& plan, const Group& g, const std::string& method, RunIndex teacher) {
    RunKey key = g.key("student");
    key.add("method", method);
    KeyedSettings s(g.settings, key);
    TargetOptions options;
    options.training.epochs = static_cast<int>(s.integer("student_epochs"));
    options.training.batch_size = static_cast<std::size_t>(s.integer("student_batch"));
    options.training.learning_rate = s.real("student_learning_rate");
    options.training.seed = g.seed;
    if (method == "M2") options.smoothing = s.real("label_smoothing");
    if (method == "M4" || method == "M4e") options.confidence = s.real("confidence");
    if (method == "BNN" || method == "RS") options.baseline_passes = static_cast<int>(s.integer("baseline_passes"));
    if (method == "BNN") options.bnn_dropout = s.real("bnn_dropout");
    if (method == "RS") options.rs_noise_sigma = s.real("rs_noise_sigma");
    g.reads_train(s, key);
    const bool reads_teacher = uses_teacher_labels(method);
    if (reads_teacher) key.input("teacher", plan[teacher].key);

    auto compute = [data = g.data, seed = g.seed, method, options, reads_teacher](RunContext& context) {
        const Split& train = data->train();
        context.timer().start(method == "BNN" || method == "RS" ? "baseline_labels" : "targets");
        std::optional<SoftLabels> teacher_labels;
        if (reads_teacher) teacher_labels = read_soft_labels(context, 0, train.images.dim(0));
        const MethodTargets targets = method_targets(method, options, train.images, train.labels,
                                                     teacher_labels ? &*teacher_labels : nullptr);
        context.timer().start("student_training");
        nn::Model model = make_student(seed);
        StudentTraining training = for_method(options.training, method);
        const std::size_t n = targets.subset.size();
        Progress progress(data->title() + " seed " + std::to_string(seed) + " " + method,
                          (n + training.batch_size - 1) / training.batch_size * static_cast<std::size_t>(training.epochs));
        training.on_batch = [&] { progress.advance(); };
        train_student(model, train.images, targets.targets, targets.subset, training);
        progress.finish();
        nn::save_model(model, context.artifact_path(kModelArtifact));
    };
    return plan.add({.stage = "student", .name = "student-" + g.stem() + "-" + method, .key = key,
                     .inputs = reads_teacher ? std::vector<RunIndex>{teacher} : std::vector<RunIndex>{},
                     .tables = {}, .outputs = {}, .group = 0, .compute = compute});
}

void add_evaluation(RunPlan& plan, const Group& g, const std::string& method, RunIndex student) {
    RunKey key = g.key("evaluation");
    key.add("method", method).input("student", plan[student].key);
    KeyedSettings s(g.settings, key);
    const std::vector<double> sigmas = s.reals(g.setting("sigmas"));
    const std::vector<double> rotations = s.reals(g.setting("rotations"));
    const std::int64_t student_epochs = s.integer("student_epochs");
    g.reads_train(s, key);  // for train_size
    g.reads_test(s, key);

    auto compute = [data = g.data, dataset = g.dataset, seed = g.seed, method, sigmas, rotations,
                    student_epochs](RunContext& context) {
        nn::Model model = read_student(context);
        context.timer().start("evaluation");
        const EvaluationSet& test = data->evaluation_set(seed, rotations);
        const std::int64_t train_size = data->train().images.dim(0), test_size = test.images.dim(0);
        experiments::TableRows& robustness = context.rows(kRobustnessTable);
        experiments::TableRows& calibration = context.rows(kCalibrationTable);
        for (double rotation : rotations)
            for (bool clipped : {false, true})
                for (double sigma : sigmas) {
                    const Condition condition{sigma, rotation, clipped};
                    const std::vector<Field> keys{text_field(dataset), text_field(method), sigma, rotation,
                                                  clipped_field(clipped), seed_field(seed), train_size, test_size,
                                                  student_epochs};
                    for (const Measurement& m : evaluate_condition(model, InputScaling::raw(), test, condition)) {
                        if (m.metric == "accuracy") robustness.add(keys, m.metric, 100.0 * m.value);
                        else calibration.add(keys, m.metric, m.metric == "ece" ? 100.0 * m.value : m.value);
                    }
                }
        experiments::TableRows& reliability = context.rows(kReliabilityTable);
        const auto bins = clean_reliability(model, InputScaling::raw(), test);
        for (std::size_t b = 0; b < bins.size(); ++b) {
            const std::vector<Field> keys{text_field(dataset), text_field(method), seed_field(seed),
                                          static_cast<std::int64_t>(b), 100.0 * bins[b].lower, 100.0 * bins[b].upper,
                                          train_size, test_size};
            reliability.add(keys, "count", static_cast<double>(bins[b].count));
            reliability.add(keys, "accuracy", 100.0 * bins[b].accuracy);
            reliability.add(keys, "confidence", 100.0 * bins[b].confidence);
        }
    };
    plan.add({.stage = "evaluation", .name = "evaluation-" + g.stem() + "-" + method, .key = key,
              .inputs = {student}, .tables = {kRobustnessTable, kCalibrationTable, kReliabilityTable}, .outputs = {},
              .group = 0, .compute = compute});
}

void add_attacks(RunPlan& plan, const Group& g, const std::string& method, RunIndex student) {
    RunKey key = g.key("attacks");
    key.add("method", method).input("student", plan[student].key);
    KeyedSettings s(g.settings, key);
    AttackSettings attack;
    attack.epsilons = s.reals("attack_epsilons");
    attack.pgd_steps = static_cast<int>(s.integer("pgd_steps"));
    attack.pgd_step_fraction = s.real("pgd_step_fraction");
    attack.images = static_cast<std::size_t>(s.integer("attack_images"));
    attack.seed = g.seed;
    g.reads_train(s, key);  // for train_size
    g.reads_test(s, key);

    auto compute = [data = g.data, dataset = g.dataset, seed = g.seed, method, attack](RunContext& context) {
        nn::Model model = read_student(context);
        context.timer().start("attacks");
        const Split& test = data->test();
        const std::int64_t train_size = data->train().images.dim(0);
        const auto total = static_cast<std::size_t>(test.images.dim(0));
        const auto attacked = static_cast<std::int64_t>(attack.images == 0 ? total : std::min(attack.images, total));
        experiments::TableRows& rows = context.rows(kAttacksTable);
        for (const AttackResult& r : attack_student(model, test.images, test.labels, attack)) {
            const std::vector<Field> keys{text_field(dataset), text_field(method), text_field(r.attack), r.epsilon,
                                          static_cast<std::int64_t>(r.steps), seed_field(seed), train_size, attacked};
            for (const Measurement& m : r.values) rows.add(keys, m.metric, 100.0 * m.value);
        }
    };
    plan.add({.stage = "attacks", .name = "attacks-" + g.stem() + "-" + method, .key = key, .inputs = {student},
              .tables = {kAttacksTable}, .outputs = {}, .group = 0, .compute = compute});
}

void add_sensitivity(RunPlan& plan, const Group& g, RunIndex teacher) {
    if (g.settings.integers("sensitivity_epochs").empty()) return;
    for (const std::string method : {"M1", "M3"}) {
        for (const char* scaling_name : {"raw", "mean_std", "minus1_1"}) {
            RunKey key = g.key("sensitivity");
            key.add("method", method).add("input_scaling", scaling_name);
            KeyedSettings s(g.settings, key);
            SensitivityStudy study;
            for (std::int64_t e : s.integers("sensitivity_epochs")) study.epochs.push_back(static_cast<int>(e));
            study.probes = parse_probes(s.texts(g.setting("sensitivity_probes")), g.setting("sensitivity_probes"));
            std::vector<double> rotations{0.0};  // the evaluation set's rotated copies
            for (const Condition& probe : study.probes) rotations.push_back(probe.rotation_degrees);
            StudentTraining& training = study.training;
            training.batch_size = static_cast<std::size_t>(s.integer("student_batch"));
            training.learning_rate = s.real("student_learning_rate");
            training.seed = g.seed;
            training.method = method_index(method);
            const std::string scaling(scaling_name);
            if (scaling == "raw") training.scaling = InputScaling::raw();
            else if (scaling == "mean_std")
                training.scaling = InputScaling::mean_std(s.real(g.setting("pixel_mean")), s.real(g.setting("pixel_std")));
            else training.scaling = InputScaling::symmetric();
            g.reads_train(s, key);
            g.reads_test(s, key);
            const bool reads_teacher = uses_teacher_labels(method);
            if (reads_teacher) key.input("teacher", plan[teacher].key);

            auto compute = [data = g.data, dataset = g.dataset, seed = g.seed, method, study, rotations,
                            reads_teacher](RunContext& context) {
                const Split& train = data->train();
                const EvaluationSet& test = data->evaluation_set(seed, rotations);
                context.timer().start("training_and_evaluation");
                std::optional<SoftLabels> teacher_labels;
                if (reads_teacher) teacher_labels = read_soft_labels(context, 0, train.images.dim(0));
                const MethodTargets targets = method_targets(method, TargetOptions{}, train.images, train.labels,
                                                             teacher_labels ? &*teacher_labels : nullptr);
                nn::Model model = make_student(seed);
                const int max_epochs = *std::max_element(study.epochs.begin(), study.epochs.end());
                Progress progress(data->title() + " sensitivity " + method + " " + study.training.scaling.name,
                                  static_cast<std::size_t>(max_epochs));
                SensitivityStudy run = study;
                run.on_epoch = [&] { progress.advance(); };
                const auto results = sensitivity_study(model, train.images, targets.targets, targets.subset, test, run);
                progress.finish();
                const std::int64_t train_size = train.images.dim(0), test_size = test.images.dim(0);
                experiments::TableRows& rows = context.rows(kSensitivityTable);
                for (const SensitivityResult& r : results)
                    rows.add({text_field(dataset), text_field(method), static_cast<std::int64_t>(r.epochs),
                              text_field(study.training.scaling.name), text_field(r.noise_in_input_space ? "input" : "pixel"),
                              r.condition.sigma, r.condition.rotation_degrees, clipped_field(r.condition.clipped),
                              seed_field(seed), train_size, test_size},
                             "accuracy", 100.0 * r.accuracy);
            };
            plan.add({.stage = "sensitivity", .name = "sensitivity-" + g.stem() + "-" + method + "-" + scaling,
                      .key = key, .inputs = reads_teacher ? std::vector<RunIndex>{teacher} : std::vector<RunIndex>{},
                      .tables = {kSensitivityTable}, .outputs = {}, .group = 0, .compute = compute});
        }
    }
}

}  // namespace

experiments::RunPlan plan_runs(const experiments::PlanInputs& inputs) {
    const experiments::Settings& settings = inputs.settings;
    RunPlan plan;
    bool first_group = true;
    for (const std::string& dataset : settings.texts("datasets")) {
        // Every run of the dataset shares one lazily loaded copy of its images; the data digests
        // enter the key of every run that reads them.
        auto data = std::make_shared<DatasetData>(dataset, inputs.data,
                                                  static_cast<std::size_t>(settings.integer("train_per_class")),
                                                  static_cast<std::size_t>(settings.integer("test_per_class")));
        const std::string train_digest = data::content_digest(inputs.data, dataset, "train");
        const std::string test_digest = data::content_digest(inputs.data, dataset, "test");
        const bool baselines = settings.text(dataset_setting(dataset, "baselines")) == "yes";
        const auto seeds = settings.integers("seeds");
        for (std::size_t k = 0; k < seeds.size(); ++k) {
            if (!first_group) plan.next_group();
            first_group = false;
            const Group g{settings, dataset, static_cast<std::uint64_t>(seeds[k]), data, train_digest, test_digest};
            const RunIndex teacher = add_teacher(plan, g);
            add_labels(plan, g, teacher);
            for (const std::string& method : student_methods(baselines)) {
                const RunIndex student = add_student(plan, g, method, teacher);
                add_evaluation(plan, g, method, student);
                add_attacks(plan, g, method, student);
            }
            if (k == 0) add_sensitivity(plan, g, teacher);  // the study rides with the first seed
        }
    }
    return plan;
}

}  // namespace qmlr::qplr
