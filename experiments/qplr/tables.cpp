#include "experiments/qplr/tables.hpp"

namespace qmlr::qplr {

namespace {

std::string size_of(const Tensor& t) { return std::to_string(t.dim(0)); }
std::string optional_number(double value) { return value < 0 ? "" : format_number(value); }
std::string seed_text(const TableRowContext& row) { return std::to_string(row.seed); }

}  // namespace

TeacherTable::TeacherTable(std::filesystem::path path)
    : writer_(std::move(path), {"paper", "dataset", "seed", "metric", "value", "paper_value", "train_size", "test_size"}) {}

void TeacherTable::add(const TableRowContext& row, const std::string& metric, double value, double paper_value) {
    writer_.add_row({"qplr", row.data.settings->name, seed_text(row), metric, format_number(value),
                     optional_number(paper_value), size_of(row.data.train_images), size_of(row.data.test_images)});
}

LabelsTable::LabelsTable(std::filesystem::path path)
    : writer_(std::move(path), {"paper", "dataset", "seed", "labels", "metric", "value", "paper_value", "train_size"}) {}

void LabelsTable::add(const TableRowContext& row, const std::string& labels, const std::string& metric, double value,
                      double paper_value) {
    writer_.add_row({"qplr", row.data.settings->name, seed_text(row), labels, metric, format_number(value),
                     optional_number(paper_value), size_of(row.data.train_images)});
}

ConditionTable::ConditionTable(std::filesystem::path path)
    : writer_(std::move(path), {"paper", "dataset", "method", "sigma", "rotation", "clipped", "seed", "metric", "value",
                                "train_size", "test_size", "student_epochs"}) {}

void ConditionTable::add(const TableRowContext& row, const std::string& method, int epochs,
                         const Condition& condition, const std::string& metric, double value) {
    writer_.add_row({"qplr", row.data.settings->name, method, format_number(condition.sigma),
                     format_number(condition.rotation_degrees), condition.clipped ? "yes" : "no", seed_text(row),
                     metric, format_number(value), size_of(row.data.train_images), size_of(row.data.test_images),
                     std::to_string(epochs)});
}

AttackTable::AttackTable(std::filesystem::path path)
    : writer_(std::move(path), {"paper", "dataset", "method", "attack", "epsilon", "seed", "metric", "value",
                                "train_size", "attack_images"}) {}

void AttackTable::add(const TableRowContext& row, const std::string& method, const std::string& attack,
                      double epsilon, std::size_t images, const std::string& metric, double value) {
    const std::size_t test = static_cast<std::size_t>(row.data.test_images.dim(0));
    writer_.add_row({"qplr", row.data.settings->name, method, attack, format_number(epsilon), seed_text(row), metric,
                     format_number(value), size_of(row.data.train_images),
                     std::to_string(images == 0 ? test : std::min(images, test))});
}

ReliabilityTable::ReliabilityTable(std::filesystem::path path)
    : writer_(std::move(path), {"paper", "dataset", "method", "seed", "bin", "lower", "upper", "metric", "value",
                                "train_size", "test_size"}) {}

void ReliabilityTable::add(const TableRowContext& row, const std::string& method, std::size_t bin,
                           const metrics::ReliabilityBin& values) {
    const std::pair<const char*, double> metrics[] = {{"count", static_cast<double>(values.count)},
                                                      {"accuracy", 100.0 * values.accuracy},
                                                      {"confidence", 100.0 * values.confidence}};
    for (const auto& [metric, value] : metrics)
        writer_.add_row({"qplr", row.data.settings->name, method, seed_text(row), std::to_string(bin),
                         format_number(values.lower), format_number(values.upper), metric, format_number(value),
                         size_of(row.data.train_images), size_of(row.data.test_images)});
}

SensitivityTable::SensitivityTable(std::filesystem::path path)
    : writer_(std::move(path), {"paper", "dataset", "method", "student_epochs", "input_scaling", "noise_space", "sigma",
                                "rotation", "clipped", "seed", "metric", "value", "train_size", "test_size"}) {}

void SensitivityTable::add(const TableRowContext& row, const std::string& method, int epochs,
                           const std::string& scaling, const std::string& noise_space, const Condition& condition,
                           const std::string& metric, double value) {
    writer_.add_row({"qplr", row.data.settings->name, method, std::to_string(epochs), scaling, noise_space,
                     format_number(condition.sigma), format_number(condition.rotation_degrees),
                     condition.clipped ? "yes" : "no", seed_text(row), metric, format_number(value),
                     size_of(row.data.train_images), size_of(row.data.test_images)});
}

}  // namespace qmlr::qplr
