#include "experiments/qplr/checks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <optional>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "experiments/qplr/tables.hpp"

namespace qmlr::qplr {

using experiments::CheckOutcome;
using experiments::Field;
using experiments::ReferenceRow;
using experiments::ResultTable;
using experiments::SeedSummary;
using experiments::text_field;

namespace {

const char* kNotCommitted = "results/qplr holds no tables yet — run `make reproduce PAPERS=qplr`";
const char* kReduced = "only reduced-size results (not 60k/10k images and 20 student epochs) match this row; "
                       "reduced profiles are never compared with the paper";
const std::string kMnist = "mnist", kFashion = "fashion_mnist";

std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%+.*f", decimals, value);
    return buffer;
}

// A mean over the full-size seeds, or why there is none: not run (a known cause) or a failure.
struct Lookup {
    std::optional<SeedSummary> summary;
    std::string not_run, fail;
};

// The mean of the rows of `table` matching `where` and, among those, the full-size ones.
Lookup lookup(const ResultTable* table, const char* name, const std::string& dataset, const ResultTable::Filter& where,
              const ResultTable::Filter& full_size) {
    if (table == nullptr) return {.summary = std::nullopt, .not_run = std::string(name) + ".csv is absent", .fail = ""};
    ResultTable::Filter full = where;
    full.insert(full.end(), full_size.begin(), full_size.end());
    const std::vector<double> values = table->values(full);
    if (!values.empty()) return {.summary = experiments::summarize(values), .not_run = "", .fail = ""};
    const auto datasets = table->distinct("dataset");
    if (std::find(datasets.begin(), datasets.end(), dataset) == datasets.end())
        return {.summary = std::nullopt,
                .not_run = std::string(name) + ".csv holds no " + dataset + " results (the datasets setting left it out)",
                .fail = ""};
    if (!table->values(where).empty()) return {.summary = std::nullopt, .not_run = kReduced, .fail = ""};
    return {.summary = std::nullopt, .not_run = "", .fail = name + std::string(".csv: ") + table->explain_no_match(where)};
}

// The results' means, looked up by typed filters on the declared tables.
class Results {
public:
    explicit Results(const experiments::ResultsFolder& folder)
        : robustness_(folder.table(kRobustnessTable)),
          teacher_(folder.table(kTeacherTable)),
          labels_(folder.table(kLabelsTable)),
          any_(folder.any()) {}
    bool any() const { return any_; }

    // Mean unclipped accuracy of a cell over the full-size seeds.
    Lookup accuracy(const std::string& dataset, const std::string& method, double sigma, double rotation) const {
        return lookup(robustness_, kRobustnessTable, dataset,
                      {{"dataset", text_field(dataset)}, {"method", text_field(method)}, {"sigma", sigma},
                       {"rotation", rotation}, {"clipped", text_field("no")}, {"metric", text_field("accuracy")}},
                      {{"train_size", std::int64_t{60000}}, {"test_size", std::int64_t{10000}},
                       {"student_epochs", std::int64_t{20}}});
    }
    Lookup teacher(const std::string& dataset) const {
        return lookup(teacher_, kTeacherTable, dataset,
                      {{"dataset", text_field(dataset)}, {"metric", text_field("exact_test_accuracy")}},
                      {{"train_size", std::int64_t{60000}}, {"test_size", std::int64_t{10000}}});
    }
    Lookup subset_share(const std::string& dataset) const {
        return lookup(labels_, kLabelsTable, dataset,
                      {{"dataset", text_field(dataset)}, {"labels", text_field("shot")},
                       {"metric", text_field("subset_share")}},
                      {{"train_size", std::int64_t{60000}}});
    }

private:
    const ResultTable* robustness_;
    const ResultTable* teacher_;
    const ResultTable* labels_;
    bool any_;
};

// The outcome of a row whose lookup found nothing; nullopt when it did.
std::optional<CheckOutcome> unavailable(const ReferenceRow& row, const Lookup& found) {
    if (!found.fail.empty()) return experiments::failed(row, found.fail);
    if (!found.summary) return experiments::not_run(row, found.not_run);
    return std::nullopt;
}

CheckOutcome value_check(const ReferenceRow& row, const Lookup& ours) {
    if (auto outcome = unavailable(row, ours)) return *outcome;
    const double paper = row.number("paper_value"), tolerance = row.number("tolerance");
    const double difference = ours.summary->mean - paper;
    return experiments::judge(row, std::abs(difference) <= tolerance, experiments::format_summary(*ours.summary, 2),
                              "difference " + fixed(difference, 2) + " pp");
}

// One comparison of an ordering claim: the gap mean(a) − mean(b) in a cell must satisfy `holds`.
struct Gap {
    std::string dataset, a, b;
    double sigma, rotation;
};

std::string describe(const Gap& g) {
    std::string text = g.a;
    text.append("−").append(g.b).append(" ").append(g.dataset == kMnist ? "MNIST" : "Fashion-MNIST").append(" σ=").append(format_number(g.sigma));
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
        const Lookup a = results.accuracy(g.dataset, g.a, g.sigma, g.rotation);
        if (auto outcome = unavailable(row, a)) return *outcome;
        const Lookup b = results.accuracy(g.dataset, g.b, g.sigma, g.rotation);
        if (auto outcome = unavailable(row, b)) return *outcome;
        const double gap = a.summary->mean - b.summary->mean;
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

const std::vector<double> kHighSigma = {0.3, 0.4, 0.5}, kBothRotations = {0.0, 20.0}, kUnrotated = {0.0};
const std::vector<std::string> kOrderings = {"O1", "O2", "O3", "O4", "O5", "O6", "O7", "O8", "O9"};

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
        const Lookup student = results.accuracy(kFashion, "M3", 0.0, 0.0);
        if (auto outcome = unavailable(row, student)) return *outcome;
        const Lookup teacher = results.teacher(kFashion);
        if (auto outcome = unavailable(row, teacher)) return *outcome;
        const double gap = student.summary->mean - teacher.summary->mean;
        return experiments::judge(row, gap <= 1.0, "M3 − teacher = " + fixed(gap, 2) + " pp");
    }
    if (id == "O9")
        return gap_check(row, results, {{kMnist, "M1", "M3", 0.1, 0.0}, {kFashion, "M1", "M3", 0.0, 0.0}},
                         [](double g) { return g >= 1.0 && g <= 2.5; });
    return experiments::failed(row, "ordering check '" + id + "' has no implementation (O1..O9)");
}

CheckOutcome evaluate_row(const ReferenceRow& row, const Results& results) {
    const std::string& kind = row.text("kind");
    const std::string& dataset = row.text("dataset");
    if (kind == "cell")
        return value_check(row, results.accuracy(dataset, row.text("method"), row.number("sigma"), row.number("rotation")));
    if (kind == "teacher") return value_check(row, results.teacher(dataset));
    if (kind == "subset") return value_check(row, results.subset_share(dataset));
    if (kind == "ordering") return ordering_check(row, results);
    return experiments::failed(row, "unknown kind '" + kind + "' (expected cell, teacher, subset or ordering)");
}

}  // namespace

std::vector<std::string> check_ids(const experiments::ReferenceTable&) {
    std::vector<std::string> ids;
    const char* mnist_sigmas[] = {"0.1", "0.2", "0.3", "0.4", "0.5"};
    for (const char* rotation : {"", "_r20"})                                   // Tables 1/5 and 2/6
        for (const char* method : {"M1", "M2", "M3", "M4", "BNN", "RS"})
            for (const char* sigma : mnist_sigmas) ids.push_back(std::string("mnist_") + method + "_s" + sigma + rotation);
    for (const char* method : {"M1", "M2", "M3", "M4"})                          // Table 3
        for (const char* sigma : {"0.0", "0.1", "0.2", "0.3"}) ids.push_back(std::string("fashion_") + method + "_s" + sigma);
    ids.insert(ids.end(), {"teacher_mnist", "teacher_fashion", "subset_mnist"});
    ids.insert(ids.end(), kOrderings.begin(), kOrderings.end());
    return ids;
}

std::vector<CheckOutcome> evaluate_checks(const experiments::ResultsFolder& folder,
                                          const experiments::ReferenceTable& reference) {
    const Results results(folder);
    if (!results.any()) return experiments::all_not_run(reference, kNotCommitted);
    std::vector<CheckOutcome> outcomes;
    for (std::size_t i = 0; i < reference.size(); ++i) {
        const ReferenceRow row = reference.row(i);
        try {
            outcomes.push_back(evaluate_row(row, results));
        } catch (const Error& error) {  // a reference field that does not parse or a value no column accepts
            outcomes.push_back(experiments::failed(row, error.what()));
        }
    }
    return outcomes;
}

}  // namespace qmlr::qplr
