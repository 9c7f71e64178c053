#include "experiments/qplr/sensitivity.hpp"

#include <algorithm>

#include "core/progress.hpp"
#include "experiments/qplr/tables.hpp"

namespace qmlr::qplr {

using experiments::RunId;

void sensitivity_stages(StageContext& context, const DatasetData& data, std::uint64_t seed,
                        const TeacherLabels& teacher) {
    const Settings& s = context.settings;
    const DatasetSettings& d = *data.settings;
    if (s.sensitivity_epochs.empty()) return;
    const int max_epochs = *std::max_element(s.sensitivity_epochs.begin(), s.sensitivity_epochs.end());
    const InputScaling scalings[] = {InputScaling::raw(), InputScaling::mean_std(d.pixel_mean, d.pixel_std),
                                     InputScaling::symmetric()};
    std::vector<double> rotations{0.0};
    for (const Condition& c : d.sensitivity_conditions) rotations.push_back(c.rotation_degrees);
    std::unique_ptr<EvaluationSet> test;
    for (const std::string method : {"M1", "M3"}) {
        for (const InputScaling& scaling : scalings) {
            experiments::ConfigHash config = teacher.config;
            config.add("study", "sensitivity").add("method", method).add("scaling", scaling.name)
                .add("shift", scaling.shift).add("scale", scaling.scale)
                .add_integer("student_batch", static_cast<std::int64_t>(s.student_batch))
                .add("student_lr", s.student_learning_rate);
            for (int e : s.sensitivity_epochs) config.add_integer("epochs", e);
            const RunId run{"sensitivity-" + d.key + "-" + method + "-" + scaling.name, config};
            context.tables.sensitivity.push_back(run);
            if (!context.compute) continue;
            if (context.store.finished(run)) {
                context.meta.add_run(context.store, run);
                continue;
            }
            if (!test) test = std::make_unique<EvaluationSet>(make_evaluation_set(data.test_images, data.test_labels, rotations, seed));
            experiments::StageTimer timer;
            timer.start("training_and_evaluation");
            const MethodTargets targets = method_targets(method, s, data, teacher, seed);
            nn::Model model = make_student(seed);
            StudentTraining training;
            training.epochs = max_epochs;
            training.batch_size = s.student_batch;
            training.learning_rate = s.student_learning_rate;
            training.seed = seed;
            training.method = method_index(method);
            training.scaling = scaling;
            Progress progress(d.name + " sensitivity " + method + " " + scaling.name,
                              static_cast<std::size_t>(max_epochs));
            const TableRowContext row{data, seed};
            SensitivityTable table(context.store.file(run, "csv"));
            training.after_epoch = [&](int epoch, nn::Model& trained) {
                progress.advance();
                if (std::find(s.sensitivity_epochs.begin(), s.sensitivity_epochs.end(), epoch) == s.sensitivity_epochs.end())
                    return;
                for (const bool input_space : {false, true}) {
                    if (input_space && scaling.scale == 1.0) continue;  // the same as pixel space
                    for (Condition condition : d.sensitivity_conditions)
                        for (const bool clipped : {false, true}) {
                            condition.clipped = clipped;
                            const auto values = evaluate_condition(trained, scaling, *test, condition, input_space);
                            table.add(row, method, epoch, scaling.name, input_space ? "input" : "pixel", condition,
                                      "accuracy", 100.0 * values.front().value);
                        }
                }
            };
            train_student(model, data.train_images, targets.targets, targets.subset, training);
            progress.finish();
            experiments::write_run_meta(context.store, run, timer);
            table.commit();
            context.meta.add_run(context.store, run);
        }
    }
}

}  // namespace qmlr::qplr
