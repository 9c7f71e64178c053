#include "experiments/qplr/checks.hpp"

#include <cmath>
#include <functional>
#include <map>
#include <optional>

#include "core/csv.hpp"
#include "core/error.hpp"

namespace qmlr::qplr {

using experiments::CheckOutcome;
using experiments::ReferenceRow;
using experiments::ResultTable;
using experiments::SeedSummary;

namespace {

const char* kNotCommitted = "not run: results/qplr not committed yet — run `make reproduce PAPERS=qplr`";
const char* kReduced = "not run: results/qplr holds no full-size run (60k/10k, 20 student epochs); "
                       "reduced profiles are never compared with the paper";
const std::vector<std::pair<std::string, std::string>> kFullSize = {{"train_size", "60000"}, {"test_size", "10000"}};

std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%+.*f", decimals, value);
    return buffer;
}

// The results' means, read once.
class Results {
public:
    explicit Results(const std::filesystem::path& dir) {
        const auto open = [&](const char* name, std::optional<ResultTable>& table) {
            if (std::filesystem::exists(dir / name)) table.emplace(dir / name);
        };
        open("robustness.csv", robustness_);
        open("teacher.csv", teacher_);
        open("labels.csv", labels_);
    }
    bool any() const { return robustness_ || teacher_ || labels_; }

    // Mean unclipped accuracy over the full-size seeds; nullopt when there is none.
    std::optional<SeedSummary> accuracy(const std::string& dataset, const std::string& method, double sigma,
                                        double rotation) const {
        if (!robustness_) return std::nullopt;
        auto filter = kFullSize;
        filter.insert(filter.end(), {{"dataset", dataset}, {"method", method}, {"sigma", format_number(sigma)},
                                     {"rotation", format_number(rotation)}, {"clipped", "no"},
                                     {"metric", "accuracy"}, {"student_epochs", "20"}});
        return summary(robustness_->values(filter));
    }
    std::optional<SeedSummary> teacher(const std::string& dataset) const {
        if (!teacher_) return std::nullopt;
        auto filter = kFullSize;
        filter.insert(filter.end(), {{"dataset", dataset}, {"metric", "exact_test_accuracy"}});
        return summary(teacher_->values(filter));
    }
    std::optional<SeedSummary> subset_share(const std::string& dataset) const {
        if (!labels_) return std::nullopt;
        std::vector<std::pair<std::string, std::string>> filter = {
            {"train_size", "60000"}, {"dataset", dataset}, {"labels", "shot"}, {"metric", "subset_share_percent"}};
        return summary(labels_->values(filter));
    }

private:
    static std::optional<SeedSummary> summary(const std::vector<double>& values) {
        if (values.empty()) return std::nullopt;
        return experiments::summarize(values);
    }
    std::optional<ResultTable> robustness_, teacher_, labels_;
};

CheckOutcome value_check(const ReferenceRow& row, const std::optional<SeedSummary>& ours) {
    if (!ours) return experiments::not_run(row, kReduced);
    const double paper = row.number("paper_value"), tolerance = row.number("tolerance");
    const double difference = ours->mean - paper;
    return experiments::judge(row, std::abs(difference) <= tolerance, experiments::format_summary(*ours, 2),
                              "difference " + fixed(difference, 2) + " pp");
}

// One comparison of an ordering claim: the gap mean(a) − mean(b) in a cell must satisfy `holds`.
struct Gap {
    std::string dataset, a, b;
    double sigma, rotation;
};

std::string describe(const Gap& g) {
    std::string text = g.a;
    text.append("−").append(g.b).append(" ").append(g.dataset).append(" σ=").append(format_number(g.sigma));
    if (g.rotation != 0) text.append("+").append(format_number(g.rotation)).append("°");
    return text;
}

std::vector<Gap> grid(const std::string& dataset, const std::vector<std::pair<std::string, std::string>>& pairs,
                      const std::vector<double>& sigmas, const std::vector<double>& rotations) {
    std::vector<Gap> gaps;
    for (const auto& [a, b] : pairs)
        for (double r : rotations)
            for (double s : sigmas) gaps.push_back({dataset, a, b, s, r});
    return gaps;
}

CheckOutcome gap_check(const ReferenceRow& row, const Results& results, const std::vector<Gap>& gaps,
                       const std::function<bool(double)>& holds) {
    std::size_t passed = 0;
    std::string failures, closest;
    double closest_value = 0;
    for (const Gap& g : gaps) {
        const auto a = results.accuracy(g.dataset, g.a, g.sigma, g.rotation);
        const auto b = results.accuracy(g.dataset, g.b, g.sigma, g.rotation);
        if (!a || !b) return experiments::not_run(row, kReduced);
        const double gap = a->mean - b->mean;
        if (holds(gap)) {
            ++passed;
        } else {
            failures += (failures.empty() ? "" : "; ") + describe(g) + " = " + fixed(gap, 2);
        }
        if (closest.empty() || std::abs(gap) < std::abs(closest_value)) {
            closest_value = gap;
            closest = describe(g);
        }
    }
    const std::string ours = std::to_string(passed) + "/" + std::to_string(gaps.size()) + " hold; smallest |gap| " +
                             closest + " = " + fixed(closest_value, 2) + " pp";
    return experiments::judge(row, passed == gaps.size(), ours, failures.empty() ? "" : "fails: " + failures);
}

const std::string kMnist = "MNIST", kFashion = "Fashion-MNIST";
const std::vector<double> kHighSigma = {0.3, 0.4, 0.5}, kBothRotations = {0.0, 20.0}, kUnrotated = {0.0};

CheckOutcome ordering_check(const ReferenceRow& row, const Results& results) {
    const std::string& id = row.id();
    const auto positive = [](double g) { return g > 0; };
    const auto concat = [](std::vector<Gap> a, const std::vector<Gap>& b) {
        a.insert(a.end(), b.begin(), b.end());
        return a;
    };
    if (id == "O1")
        return gap_check(row, results, grid(kMnist, {{"M3", "M1"}, {"M3", "M2"}}, kHighSigma, kBothRotations), positive);
    if (id == "O2")
        return gap_check(row, results, grid(kFashion, {{"M3", "M1"}, {"M3", "M2"}}, {0.1, 0.2, 0.3}, kUnrotated), positive);
    if (id == "O3")
        return gap_check(row, results,
                         concat(grid(kMnist, {{"M4", "M1"}, {"M4", "M2"}}, kHighSigma, kBothRotations),
                                grid(kFashion, {{"M4", "M1"}, {"M4", "M2"}}, {0.2, 0.3}, kUnrotated)),
                         positive);
    if (id == "O4")
        return gap_check(row, results,
                         concat(grid(kMnist, {{"M3", "M1"}, {"M3", "M2"}}, {0.1}, kUnrotated),
                                grid(kFashion, {{"M3", "M1"}, {"M3", "M2"}}, {0.0}, kUnrotated)),
                         [](double g) { return g <= 0.3; });
    if (id == "O5")
        return gap_check(row, results,
                         concat(grid(kMnist, {{"M2", "M1"}}, kHighSigma, kBothRotations),
                                grid(kFashion, {{"M2", "M1"}}, {0.1, 0.2, 0.3}, kUnrotated)),
                         [](double g) { return g < 0; });
    if (id == "O6")
        return gap_check(row, results, {{kMnist, "M3", "M1", 0.5, 0.0}, {kMnist, "M3", "M2", 0.4, 20.0}},
                         [](double g) { return g >= 20.0; });
    if (id == "O7")
        return gap_check(row, results, grid(kMnist, {{"M3", "BNN"}, {"M3", "RS"}}, kHighSigma, kBothRotations), positive);
    if (id == "O8") {
        const auto student = results.accuracy(kFashion, "M3", 0.0, 0.0);
        const auto teacher = results.teacher(kFashion);
        if (!student || !teacher) return experiments::not_run(row, kReduced);
        const double gap = student->mean - teacher->mean;
        return experiments::judge(row, gap <= 1.0, "M3 − teacher = " + fixed(gap, 2) + " pp");
    }
    if (id == "O9")
        return gap_check(row, results, {{kMnist, "M1", "M3", 0.1, 0.0}, {kFashion, "M1", "M3", 0.0, 0.0}},
                         [](double g) { return g >= 1.0 && g <= 2.5; });
    throw Error("tests/reference/qplr.csv: ordering check '" + id + "' has no implementation (O1..O9)");
}

}  // namespace

std::vector<CheckOutcome> evaluate_checks(const std::filesystem::path& results_dir,
                                          const experiments::ReferenceTable& reference) {
    const Results results(results_dir);
    if (!results.any()) return experiments::all_not_run(reference, kNotCommitted);
    std::vector<CheckOutcome> outcomes;
    for (std::size_t i = 0; i < reference.size(); ++i) {
        const ReferenceRow row = reference.row(i);
        const std::string& kind = row.text("kind");
        const std::string& dataset = row.text("dataset");
        if (kind == "cell") {
            outcomes.push_back(value_check(row, results.accuracy(dataset, row.text("method"), row.number("sigma"),
                                                                 row.number("rotation"))));
        } else if (kind == "teacher") {
            outcomes.push_back(value_check(row, results.teacher(dataset)));
        } else if (kind == "subset") {
            outcomes.push_back(value_check(row, results.subset_share(dataset)));
        } else if (kind == "ordering") {
            outcomes.push_back(ordering_check(row, results));
        } else {
            throw Error("tests/reference/qplr.csv: check '" + row.id() + "' has unknown kind '" + kind +
                        "' (expected cell, teacher, subset or ordering)");
        }
    }
    return outcomes;
}

}  // namespace qmlr::qplr
