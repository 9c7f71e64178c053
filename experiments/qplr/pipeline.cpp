#include "experiments/qplr/pipeline.hpp"

#include <algorithm>
#include <fstream>

#include "core/atomic_file.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/progress.hpp"
#include "data_loaders/datasets.hpp"
#include "experiments/qplr/baselines.hpp"
#include "experiments/qplr/soft_labels.hpp"
#include "experiments/qplr/tables.hpp"
#include "experiments/qplr/teacher.hpp"
#include "metrics/accuracy.hpp"
#include "nn/data_order.hpp"

namespace qmlr::qplr {

using experiments::ConfigHash;
using experiments::RunId;
using experiments::StageTimer;

namespace {

// Bumped whenever the stages change what they compute, so stale runs are not reused.
constexpr std::int64_t kFormatVersion = 2;  // 2: reliability.csv

data::Dataset load_split(const DatasetSettings& dataset, const std::filesystem::path& dir,
                         const std::string& split, std::size_t per_class) {
    data::Dataset d = dataset.key == "mnist" ? data::load_mnist(dir, split) : data::load_fashion_mnist(dir, split);
    return per_class == 0 ? d : d.subset_per_class(per_class, 0);
}

void write_labels_file(const std::filesystem::path& path, const Tensor& shot, const Tensor& exact) {
    AtomicFile file(path);
    for (const Tensor* t : {&shot, &exact})
        file.stream().write(reinterpret_cast<const char*>(t->data()),
                            static_cast<std::streamsize>(t->size() * sizeof(float)));
    file.commit();
}

void read_labels_file(const std::filesystem::path& path, Tensor& shot, Tensor& exact) {
    std::ifstream in(path, std::ios::binary);
    for (Tensor* t : {&shot, &exact})
        in.read(reinterpret_cast<char*>(t->data()), static_cast<std::streamsize>(t->size() * sizeof(float)));
    require(in && in.peek() == std::char_traits<char>::eof(),
            path.string() + ": expected " + std::to_string(2 * shot.size() * sizeof(float)) +
                " bytes of soft labels; the file is damaged — delete it and its run's .csv and rerun");
}

ConfigHash teacher_config(const Settings& s, const DatasetData& data, std::uint64_t seed) {
    ConfigHash h;
    h.add("program", "qplr").add_integer("version", kFormatVersion).add("dataset", data.settings->name)
        .add_integer("train_size", data.train_images.dim(0)).add_integer("test_size", data.test_images.dim(0))
        .add_integer("layers", data.settings->teacher_layers).add_integer("epochs", s.teacher_epochs(*data.settings))
        .add_integer("batch", static_cast<std::int64_t>(data.settings->teacher_batch))
        .add_integer("shots", s.shots).add_integer("seed", static_cast<std::int64_t>(seed));
    return h;
}

}  // namespace

DatasetData load_dataset_data(const Settings& settings, const DatasetSettings& dataset,
                              const std::filesystem::path& data_dir) {
    DatasetData data;
    data.settings = &dataset;
    const data::Dataset train = load_split(dataset, data_dir, "train", settings.train_per_class);
    const data::Dataset test = load_split(dataset, data_dir, "test", settings.test_per_class);
    data.train_images = train.to_float();
    data.train_labels = nn::all_labels(train);
    data.test_images = test.to_float();
    data.test_labels = nn::all_labels(test);
    return data;
}

TeacherLabels teacher_stage(StageContext& context, const DatasetData& data, std::uint64_t seed) {
    const Settings& s = context.settings;
    const DatasetSettings& d = *data.settings;
    TeacherLabels result;
    result.config = teacher_config(s, data, seed);
    const std::string stem = d.key + "-s" + std::to_string(seed);
    const RunId run{"teacher-" + stem, result.config};
    const RunId labels_run{"labels-" + stem, result.config};
    context.tables.teacher.push_back(run);
    context.tables.labels.push_back(labels_run);
    if (!context.compute) return result;
    const auto n = data.train_images.dim(0);
    result.shot = Tensor(Shape{n, 10});
    result.exact = Tensor(Shape{n, 10});
    const auto labels_file = context.store.file(run, "labels.bin");
    if (context.store.finished(run)) {
        read_labels_file(labels_file, result.shot, result.exact);
        context.meta.add_run(context.store, run);
        return result;
    }

    StageTimer timer;
    timer.start("teacher_training");
    TeacherNet teacher = make_teacher(d.teacher_layers, seed);
    TeacherTraining training;
    training.epochs = s.teacher_epochs(d);
    training.batch_size = d.teacher_batch;
    training.seed = seed;
    const std::size_t batches = (static_cast<std::size_t>(n) + training.batch_size - 1) / training.batch_size;
    Progress progress(d.name + " seed " + std::to_string(seed) + " teacher",
                      batches * static_cast<std::size_t>(training.epochs));
    train_teacher(teacher, data.train_images, data.train_labels, training, [&] { progress.advance(); });
    progress.finish();

    timer.start("teacher_test");
    const Tensor test_p = teacher_probabilities(teacher, data.test_images);
    const double exact_accuracy =
        metrics::accuracy(soft_labels(teacher, test_p, {.shots = 0}), data.test_labels);
    const double shot_accuracy = metrics::accuracy(
        soft_labels(teacher, test_p, {.shots = s.shots, .seed = seed, .stream = "shots-test"}), data.test_labels);

    timer.start("soft_labels");
    const Tensor train_p = teacher_probabilities(teacher, data.train_images);
    result.shot = soft_labels(teacher, train_p, {.shots = s.shots, .seed = seed, .stream = "shots-train"});
    result.exact = soft_labels(teacher, train_p, {.shots = 0});

    const TableRowContext row{data, seed};
    TeacherTable teacher_table(context.store.file(run, "csv"));
    teacher_table.add(row, "exact_test_accuracy", 100.0 * exact_accuracy, d.paper_teacher_accuracy);
    teacher_table.add(row, "shot_test_accuracy", 100.0 * shot_accuracy, d.paper_teacher_accuracy);
    teacher_table.add(row, "layers", d.teacher_layers);
    teacher_table.add(row, "epochs", training.epochs);
    LabelsTable labels_table(context.store.file(labels_run, "csv"));
    for (const auto& [name, labels] : {std::pair{"shot", &result.shot}, std::pair{"exact", &result.exact}}) {
        const auto subset = confident_subset(*labels, s.confidence);
        const double paper_size = d.key == "mnist" && std::string(name) == "shot" ? 54887.0 : -1.0;
        labels_table.add(row, name, "subset_size", static_cast<double>(subset.size()), paper_size);
        labels_table.add(row, name, "subset_share_percent",
                         100.0 * static_cast<double>(subset.size()) / static_cast<double>(n),
                         paper_size > 0 ? 100.0 * paper_size / 60000.0 : -1.0);
        labels_table.add(row, name, "train_argmax_accuracy", 100.0 * metrics::accuracy(*labels, data.train_labels), -1.0);
    }
    write_labels_file(labels_file, result.shot, result.exact);
    labels_table.commit();
    experiments::write_run_meta(context.store, run, timer);
    teacher_table.commit();
    context.meta.add_run(context.store, run);
    return result;
}

std::vector<std::string> student_methods(const DatasetSettings& dataset) {
    std::vector<std::string> methods{"M1", "M2", "M3", "M4", "M3e", "M4e"};
    if (dataset.baselines) methods.insert(methods.end(), {"BNN", "RS"});
    return methods;
}

std::uint32_t method_index(const std::string& method) {
    static const std::vector<std::string> all{"M1", "M2", "M3", "M4", "M3e", "M4e", "BNN", "RS", "BNN-aux", "RS-aux"};
    const auto it = std::find(all.begin(), all.end(), method);
    require(it != all.end(), "unknown QPLR method '" + method + "'");
    return static_cast<std::uint32_t>(it - all.begin());
}

StudentTraining student_training(const Settings& s, std::uint64_t seed, const std::string& method) {
    StudentTraining t;
    t.epochs = s.student_epochs;
    t.batch_size = s.student_batch;
    t.learning_rate = s.student_learning_rate;
    t.seed = seed;
    t.method = method_index(method);
    return t;
}

MethodTargets method_targets(const std::string& method, const Settings& s, const DatasetData& data,
                             const TeacherLabels& teacher, std::uint64_t seed) {
    const std::vector<std::size_t> all = all_indices(data.train_labels.size());
    if (method == "M1") return {one_hot_targets(data.train_labels), all};
    if (method == "M2") return {smoothed_targets(data.train_labels, s.smoothing), all};
    if (method == "M3") return {teacher.shot, all};
    if (method == "M4") return {teacher.shot, confident_subset(teacher.shot, s.confidence)};
    if (method == "M3e") return {teacher.exact, all};
    if (method == "M4e") return {teacher.exact, confident_subset(teacher.exact, s.confidence)};
    BaselineOptions options;
    options.passes = s.baseline_passes;
    if (method == "BNN") {
        options.training = student_training(s, seed, "BNN-aux");
        return {bnn_labels(data.train_images, data.train_labels, options), all};
    }
    if (method == "RS") {
        options.training = student_training(s, seed, "RS-aux");
        return {rs_labels(data.train_images, data.train_labels, options), all};
    }
    throw Error("unknown QPLR method '" + method + "'");
}

void student_stages(StageContext& context, const DatasetData& data, std::uint64_t seed,
                    const TeacherLabels& teacher) {
    const Settings& s = context.settings;
    const DatasetSettings& d = *data.settings;
    std::unique_ptr<EvaluationSet> test;
    for (const std::string& method : student_methods(d)) {
        ConfigHash config = teacher.config;
        config.add("method", method).add_integer("student_epochs", s.student_epochs)
            .add_integer("student_batch", static_cast<std::int64_t>(s.student_batch))
            .add("student_lr", s.student_learning_rate).add("confidence", s.confidence)
            .add("smoothing", s.smoothing).add_integer("baseline_passes", s.baseline_passes)
            .add_integer("attack_images", static_cast<std::int64_t>(s.attacks.images))
            .add_integer("pgd_steps", s.attacks.pgd_steps);
        const std::string stem = d.key + "-s" + std::to_string(seed) + "-" + method;
        const RunId run{"robustness-" + stem, config}, calibration_run{"calibration-" + stem, config},
            reliability_run{"reliability-" + stem, config}, attacks_run{"attacks-" + stem, config};
        context.tables.robustness.push_back(run);
        context.tables.calibration.push_back(calibration_run);
        context.tables.reliability.push_back(reliability_run);
        context.tables.attacks.push_back(attacks_run);
        if (!context.compute) continue;
        if (context.store.finished(run)) {
            context.meta.add_run(context.store, run);
            continue;
        }
        if (!test) {
            test = std::make_unique<EvaluationSet>(
                make_evaluation_set(data.test_images, data.test_labels, d.rotations, seed));
        }
        StageTimer timer;
        timer.start(method == "BNN" || method == "RS" ? "baseline_labels" : "targets");
        const MethodTargets targets = method_targets(method, s, data, teacher, seed);
        timer.start("student_training");
        nn::Model model = make_student(seed);
        StudentTraining training = student_training(s, seed, method);
        const std::size_t n = targets.subset.size();
        Progress progress(d.name + " seed " + std::to_string(seed) + " " + method,
                          (n + s.student_batch - 1) / s.student_batch * static_cast<std::size_t>(s.student_epochs));
        training.on_batch = [&] { progress.advance(); };
        train_student(model, data.train_images, targets.targets, targets.subset, training);
        progress.finish();

        timer.start("evaluation");
        const TableRowContext row{data, seed};
        ConditionTable robustness(context.store.file(run, "csv")), calibration(context.store.file(calibration_run, "csv"));
        for (double rotation : d.rotations)
            for (bool clipped : {false, true})
                for (double sigma : d.sigmas) {
                    const Condition condition{sigma, rotation, clipped};
                    for (const Measurement& m : evaluate_condition(model, InputScaling::raw(), *test, condition))
                        (m.metric == "accuracy" ? robustness : calibration)
                            .add(row, method, s.student_epochs, condition, m.metric, m.metric == "accuracy" ? 100.0 * m.value : m.value);
                }
        ReliabilityTable reliability(context.store.file(reliability_run, "csv"));
        const auto bins = clean_reliability(model, InputScaling::raw(), *test);
        for (std::size_t b = 0; b < bins.size(); ++b) reliability.add(row, method, b, bins[b]);
        timer.start("attacks");
        AttackTable attacks(context.store.file(attacks_run, "csv"));
        AttackSettings attack_settings = s.attacks;
        attack_settings.seed = seed;
        for (const AttackResult& r : attack_student(model, *test, attack_settings))
            for (const Measurement& m : r.values)
                attacks.add(row, method, r.attack, r.epsilon, attack_settings.images, m.metric, 100.0 * m.value);
        calibration.commit();
        reliability.commit();
        attacks.commit();
        experiments::write_run_meta(context.store, run, timer);
        robustness.commit();
        context.meta.add_run(context.store, run);
    }
}

void merge_tables(const experiments::RunStore& store, const TableRuns& tables, const std::filesystem::path& out) {
    const std::pair<const std::vector<RunId>*, const char*> all[] = {
        {&tables.teacher, "teacher.csv"}, {&tables.labels, "labels.csv"}, {&tables.robustness, "robustness.csv"},
        {&tables.calibration, "calibration.csv"}, {&tables.reliability, "reliability.csv"},
        {&tables.attacks, "attacks.csv"}, {&tables.sensitivity, "sensitivity.csv"}};
    for (const auto& [runs, file] : all)
        if (!runs->empty()) experiments::merge_run_tables(store, *runs, out / file);
}

}  // namespace qmlr::qplr
