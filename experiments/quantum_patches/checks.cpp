#include "experiments/quantum_patches/checks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <sstream>

#include "core/csv.hpp"
#include "experiments/quantum_patches/settings.hpp"
#include "experiments/quantum_patches/tables.hpp"

namespace qmlr::quantum_patches {

using experiments::CheckOutcome;
using experiments::ReferenceRow;
using experiments::ResultTable;
using experiments::text_field;

namespace {

const char* kNotCommitted = "not committed yet — run `make reproduce PAPERS=quantum_patches`";

// A selection that matches no row of a table that exists: the row FAILs with the reason.
struct NoMatch {
    std::string reason;
};

std::vector<std::string> split_words(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> words;
    for (std::string word; in >> word;) words.push_back(word);
    return words;
}

std::string percent(double value) {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%.2f", value);
    return buffer;
}

double mean_of(const std::vector<double>& values) { return experiments::summarize(values).mean; }

// The values of `where` in `table`; NoMatch naming the table and the unmet condition when none.
std::vector<double> select(const ResultTable& table, const ResultTable::Filter& where) {
    std::vector<double> values = table.values(where);
    if (values.empty()) throw NoMatch{table.source() + ": " + table.explain_no_match(where)};
    return values;
}

// The headline ε of a dataset: the first of the protocol's ε list.
double headline_epsilon(const std::string& dataset) {
    static const experiments::Settings protocol(settings_schema(), Profile::paper);
    return protocol.reals(epsilons_setting(dataset)).front();
}

// The three tables, with the selections the checks make; ASRs and accuracies in percent.
class Results {
public:
    Results(const ResultTable& asr, const ResultTable& datasets) : asr_(asr), datasets_(datasets) {}

    // A dataset is available when it was run: it has a row in the datasets table.
    bool available(const std::string& key) const {
        return !datasets_.rows({{"dataset", text_field(key)}}).empty();
    }
    std::vector<double> metric(const std::string& key, const std::string& condition, const std::string& attack,
                               double epsilon, const std::string& metric) const {
        return select(asr_, {{"dataset", text_field(key)}, {"condition", text_field(condition)},
                             {"attack", text_field(attack)}, {"epsilon", epsilon}, {"metric", text_field(metric)}});
    }
    std::vector<double> headline_asr(const std::string& key, const std::string& condition) const {
        return metric(key, condition, "fgsm", headline_epsilon(key), "asr");
    }
    std::vector<double> clean_accuracy(const std::string& key, const std::string& condition) const {
        return metric(key, condition, "none", 0.0, "clean_accuracy");
    }
    double train_images(const std::string& key) const {
        return select(datasets_, {{"dataset", text_field(key)}, {"metric", text_field("train_images")}}).front();
    }
    // True when the models of a dataset were trained on fewer images than its full training split.
    bool training_subset(const std::string& key) const {
        return train_images(key) < static_cast<double>(full_training_size(key));
    }
    // How a dataset was run: its source and sizes, e.g. "CIFAR-10 (JPEG q75 copy), 1000 train /
    // 100 test images (per-class subset)".
    std::string describe(const std::string& key) const {
        const auto rows = datasets_.rows({{"dataset", text_field(key)}});
        const auto test = asr_.values({{"dataset", text_field(key)}, {"metric", text_field("test_images")}});
        return datasets_.text(rows.front(), "source") + ", " + format_number(train_images(key)) + " train / " +
               (test.empty() ? std::string("?") : format_number(test.front())) + " test images" +
               (training_subset(key) ? " (per-class subset)" : "");
    }
    // The distinct conditions and ε among the asr rows that match `where`, in file order.
    std::vector<std::string> conditions(const ResultTable::Filter& where) const {
        std::vector<std::string> found;
        for (std::size_t r : asr_.rows(where)) {
            const std::string& text = asr_.text(r, "condition");
            if (std::find(found.begin(), found.end(), text) == found.end()) found.push_back(text);
        }
        return found;
    }
    std::vector<double> epsilons(const ResultTable::Filter& where) const {
        std::vector<double> found;
        for (std::size_t r : asr_.rows(where)) {
            const double epsilon = asr_.real(r, "epsilon");
            if (std::find(found.begin(), found.end(), epsilon) == found.end()) found.push_back(epsilon);
        }
        return found;
    }
    const ResultTable& asr() const { return asr_; }

private:
    const ResultTable& asr_;
    const ResultTable& datasets_;
};

// Δ = mean ASR(a) − mean ASR(c) at the headline FGSM ε.
double reduction(const Results& results, const std::string& key) {
    return mean_of(results.headline_asr(key, "a_clean")) - mean_of(results.headline_asr(key, "c_quantum_patches"));
}

// Why a row cannot be judged on these results, if it cannot: a dataset that was not run, or
// (paper rows and the clean-accuracy floors) models trained on a per-class subset.
std::optional<CheckOutcome> not_run_reason(const ReferenceRow& row, const Results& results,
                                           const std::vector<std::string>& datasets) {
    const bool paper_row = row.id()[0] == 'R';
    const bool needs_full_training = paper_row || row.text("kind") == "clean_floor";
    for (const std::string& key : datasets) {
        if (!results.available(key)) return experiments::not_run(row, "dataset not available (" + key + ")");
        if (needs_full_training && results.training_subset(key))
            return experiments::not_run(
                row, key + " was trained on a per-class subset (" + format_number(results.train_images(key)) + " of " +
                         std::to_string(full_training_size(key)) +
                         " images, e.g. the quick profile); the paper rows (docs/quantum_patches.md §8.2) and the "
                         "clean-accuracy floors (§8.1) need models trained on the full training set");
    }
    return std::nullopt;
}

CheckOutcome evaluate_row(const ReferenceRow& row, const Results& results, const ResultTable* patches) {
    const std::string kind = row.text("kind");
    const std::vector<std::string> listed = split_words(row.text("datasets"));
    // Checks over several datasets use those that were run (CINIC-10 may be absent).
    std::vector<std::string> run;
    for (const auto& key : listed)
        if (results.available(key)) run.push_back(key);
    const bool multi = kind == "ordering" || kind == "similar" || kind == "pgd_stronger" || kind == "noise_match";
    const std::vector<std::string>& required = multi ? run : listed;
    if (required.empty() || (kind == "ordering" && run.size() < 2))
        return experiments::not_run(row, "dataset not available (" + row.text("datasets") + ")");
    if (auto reason = not_run_reason(row, results, required)) return *reason;
    std::string where;
    for (const auto& key : required) where += (where.empty() ? "" : "; ") + results.describe(key);

    if (kind == "asr_band") {
        const auto values = results.headline_asr(listed[0], row.text("condition"));
        const double mean = mean_of(values);
        return experiments::judge(row, mean >= row.number("low") && mean <= row.number("high"),
                                  format_summary(experiments::summarize(values), 2) + " %", where);
    }
    if (kind == "reduction_at_least" || kind == "reduction_at_most") {
        const double delta = reduction(results, listed[0]);
        const bool holds = kind == "reduction_at_least" ? delta >= row.number("low") : delta <= row.number("high");
        return experiments::judge(row, holds, "Δ = " + percent(delta) + " pp", where);
    }
    if (kind == "ordering") {
        bool holds = true;
        std::string ours;
        for (std::size_t i = 0; i < run.size(); ++i) {
            const double delta = reduction(results, run[i]);
            ours += (i ? " > " : "") + run[i] + " " + percent(delta);
            if (i > 0) holds = holds && reduction(results, run[i - 1]) > delta;
        }
        return experiments::judge(row, holds, ours + " pp", where);
    }
    if (kind == "similar") {
        bool holds = true;
        std::string ours;
        for (const auto& key : run) {
            const double gap = std::abs(mean_of(results.headline_asr(key, "b_fgsm_training")) -
                                        mean_of(results.headline_asr(key, "c_quantum_patches")));
            holds = holds && gap <= row.number("high");
            ours += (ours.empty() ? "" : ", ") + key + " " + percent(gap) + " pp";
        }
        return experiments::judge(row, holds, ours, where);
    }
    if (kind == "pgd_stronger") {
        double worst = 1e300;
        std::string worst_case;
        for (const auto& key : run) {
            const ResultTable::Filter pgd_rows = {
                {"dataset", text_field(key)}, {"attack", text_field("pgd")}, {"metric", text_field("asr")}};
            select(results.asr(), pgd_rows);  // a dataset that was run has PGD rows
            for (const std::string& condition : results.conditions(pgd_rows))
                for (double epsilon : results.epsilons(pgd_rows)) {
                    const double margin = mean_of(results.metric(key, condition, "pgd", epsilon, "asr")) -
                                          mean_of(results.metric(key, condition, "fgsm", epsilon, "asr"));
                    if (margin < worst) {
                        worst = margin;
                        worst_case = key + " " + condition + " ε=" + format_number(epsilon);
                    }
                }
        }
        return experiments::judge(row, worst >= -row.number("high"),
                                  "min PGD − FGSM = " + percent(worst) + " pp (" + worst_case + ")", where);
    }
    if (kind == "clean_floor") {
        const auto values = results.clean_accuracy(listed[0], row.text("condition"));
        return experiments::judge(row, mean_of(values) >= row.number("low"),
                                  format_summary(experiments::summarize(values), 2) + " %", where);
    }
    if (kind == "noise_match") {
        if (patches == nullptr) return experiments::not_run(row, "patches_preview.csv is missing");
        bool holds = true;
        std::string ours;
        for (const auto& key : run) {
            const auto d = select(*patches, {{"dataset", text_field(key)}, {"metric", text_field("mean_l2_distance")}});
            const auto m = select(*patches, {{"dataset", text_field(key)}, {"metric", text_field("measured_noise_l2")}});
            if (d.size() != 1 || m.size() != 1)
                return experiments::failed(row, patches->source() + ": expected one mean_l2_distance and one measured_noise_l2 row for " + key);
            const double relative = 100.0 * std::abs(m[0] - d[0]) / d[0];
            holds = holds && relative <= row.number("high");
            ours += (ours.empty() ? "" : ", ") + key + " " + percent(relative) + " %";
        }
        return experiments::judge(row, holds, ours, where);
    }
    return experiments::failed(row, "unknown kind '" + kind + "' (expected asr_band, reduction_at_least, reduction_at_most, ordering, "
                     "similar, pgd_stronger, clean_floor or noise_match)");
}

}  // namespace

std::vector<std::string> check_ids(const experiments::ReferenceTable&) {
    return {"R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "A2", "S1-mnist", "S1-cifar10", "G1"};
}

std::vector<CheckOutcome> evaluate_checks(const experiments::ResultsFolder& folder,
                                          const experiments::ReferenceTable& reference) {
    const ResultTable* asr = folder.table(kAsrTable);
    const ResultTable* datasets = folder.table(kDatasetsTable);
    if (asr == nullptr || datasets == nullptr)
        return experiments::all_not_run(
            reference, folder.directory().generic_string() + "/" + (asr == nullptr ? kAsrTable : kDatasetsTable) +
                           ".csv " + kNotCommitted);
    const Results results(*asr, *datasets);
    std::vector<CheckOutcome> outcomes;
    for (std::size_t i = 0; i < reference.size(); ++i) {
        const ReferenceRow row = reference.row(i);
        try {
            outcomes.push_back(evaluate_row(row, results, folder.table(kPatchesTable)));
        } catch (const NoMatch& no_match) {
            outcomes.push_back(experiments::failed(row, no_match.reason));
        }
    }
    return outcomes;
}

}  // namespace qmlr::quantum_patches
