#include "experiments/qplr/tables.hpp"

#include "experiments/qplr/methods.hpp"
#include "experiments/qplr/settings.hpp"

namespace qmlr::qplr {

namespace {

using experiments::Column;
using experiments::ColumnType;
using experiments::Metric;
using experiments::TableSchema;

Column dataset() { return {"dataset", ColumnType::text, "dataset key", dataset_keys()}; }
Column seed() { return {"seed", ColumnType::integer, "the seed of the dataset's chain", {}}; }
Column train_size() { return {"train_size", ColumnType::integer, "training images", {}}; }
Column test_size() { return {"test_size", ColumnType::integer, "test images", {}}; }
Column method() { return {"method", ColumnType::text, "student method (docs/qplr.md §7.3)", all_student_methods()}; }
Column sigma() { return {"sigma", ColumnType::real, "Gaussian noise σ (pixel scale)", {}}; }
Column rotation() { return {"rotation", ColumnType::real, "rotation before the noise (degrees)", {}}; }
Column clipped() { return {"clipped", ColumnType::text, "noisy image clipped to [0,1]", {"yes", "no"}}; }
Column student_epochs() { return {"student_epochs", ColumnType::integer, "student training epochs", {}}; }

std::vector<TableSchema> make_tables() {
    const std::vector<Column> condition_keys{dataset(), method(), sigma(), rotation(), clipped(), seed(),
                                             train_size(), test_size(), student_epochs()};
    return {
        {kTeacherTable,
         "the quantum teacher per dataset and seed: clean test accuracy from exact probabilities and from shots",
         {dataset(), seed(), train_size(), test_size()},
         {{"exact_test_accuracy", "percent", "argmax of the post-net on the exact Born probabilities"},
          {"shot_test_accuracy", "percent", "argmax of the post-net on the shot histograms"},
          {"layers", "count", "circuit layers"},
          {"epochs", "count", "training epochs run"}}},
        {kLabelsTable,
         "the teacher's soft labels of the training images and their confident subsets (M4)",
         {dataset(), seed(), {"labels", ColumnType::text, "shot or exact soft labels", {"shot", "exact"}}, train_size()},
         {{"subset_size", "count", "training images whose largest soft-label probability >= confidence"},
          {"subset_share", "percent", "the subset's share of the training images"},
          {"train_argmax_accuracy", "percent", "argmax of the soft labels against the true labels"}}},
        {kRobustnessTable,
         "student test accuracy per noise σ, rotation and clipping",
         condition_keys,
         {{"accuracy", "percent", "test accuracy"}}},
        {kCalibrationTable,
         "student calibration per noise σ, rotation and clipping",
         condition_keys,
         {{"ece", "percent", "expected calibration error, 15 equal-width bins"},
          {"nll", "nats", "mean negative log-likelihood of the true class"},
          {"brier", "1", "multi-class Brier score (sum over classes, in [0, 2])"}}},
        {kReliabilityTable,
         "15-bin reliability diagram of each student on the clean test images",
         {dataset(), method(), seed(), {"bin", ColumnType::integer, "confidence bin, 0-14", {}},
          {"lower", ColumnType::real, "the bin's lower confidence bound (percent, exclusive)", {}},
          {"upper", ColumnType::real, "the bin's upper confidence bound (percent, inclusive)", {}},
          train_size(), test_size()},
         {{"count", "count", "test images in the bin"},
          {"accuracy", "percent", "accuracy in the bin (0 when empty)"},
          {"confidence", "percent", "mean confidence in the bin (0 when empty)"}}},
        {kAttacksTable,
         "student accuracy under FGSM and PGD on the first attack_images clean test images",
         {dataset(), method(), {"attack", ColumnType::text, "the attack", {"fgsm", "pgd"}},
          {"epsilon", ColumnType::real, "L∞ budget ([0,1] pixel scale)", {}},
          {"steps", ColumnType::integer, "gradient steps: 1 for FGSM, pgd_steps for PGD", {}}, seed(), train_size(),
          {"attack_images", ColumnType::integer, "test images attacked", {}}},
         {{"accuracy", "percent", "accuracy on the adversarial images"},
          {"asr", "percent", "attack success rate among the clean-correct images"}}},
        {kSensitivityTable,
         "the sensitivity study of the unstated student choices (docs/qplr.md §7.9), first seed",
         {dataset(), {"method", ColumnType::text, "student method", {"M1", "M3"}}, student_epochs(),
          {"input_scaling", ColumnType::text, "how pixels reach the network", {"raw", "mean_std", "minus1_1"}},
          {"noise_space", ColumnType::text, "σ added to the pixels or to the scaled input", {"pixel", "input"}},
          sigma(), rotation(), clipped(), seed(), train_size(), test_size()},
         {{"accuracy", "percent", "test accuracy"}}},
    };
}

}  // namespace

const std::vector<experiments::TableSchema>& table_schemas() {
    static const std::vector<TableSchema> tables = make_tables();
    return tables;
}

}  // namespace qmlr::qplr
