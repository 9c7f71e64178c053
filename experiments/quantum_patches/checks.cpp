#include "experiments/quantum_patches/checks.hpp"

#include <cmath>
#include <cstdio>
#include <optional>
#include <sstream>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "experiments/quantum_patches/profile.hpp"
#include "experiments/quantum_patches/results_format.hpp"

namespace qmlr::quantum_patches {

using experiments::CheckOutcome;
using experiments::ReferenceRow;
using experiments::ResultTable;

namespace {

const char* kNotCommitted =
    "results/quantum_patches not committed yet — run `make reproduce PAPERS=quantum_patches`";

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

// The merged ASR table with selection helpers; values in percent.
class AsrResults {
public:
    explicit AsrResults(const std::filesystem::path& file) : table_(file) {}

    bool ran(const std::string& key) const { return !clean_accuracy(key, "a_clean").empty(); }
    std::vector<double> metric(const std::string& key, const std::string& condition, const std::string& attack,
                               double epsilon, const std::string& metric) const {
        return percent_values({{"dataset_key", key}, {"condition", condition}, {"attack", attack},
                               {"epsilon", format_number(epsilon)}, {"metric", metric}, {"status", kStatusOk}});
    }
    std::vector<double> headline_asr(const std::string& key, const std::string& condition) const {
        return metric(key, condition, "fgsm", headline_epsilon(key), "asr");
    }
    std::vector<double> clean_accuracy(const std::string& key, const std::string& condition) const {
        return metric(key, condition, "none", 0.0, "clean_accuracy");
    }
    // The first computed row's text in `column` for a dataset ("" when it was not run).
    std::string text(const std::string& key, const std::string& column) const {
        const auto& t = table_.table();
        for (std::size_t r = 0; r < t.row_count(); ++r)
            if (t.at(r, "dataset_key") == key && t.at(r, "status") == kStatusOk) return t.at(r, column);
        return "";
    }
    // How a dataset was run: its label and sizes, e.g. "CIFAR-10 (JPEG q75 copy), 20000 train /
    // 10000 test images (per-class subset), 3 seeds".
    std::string describe(const std::string& key) const {
        return text(key, "dataset") + ", " + text(key, "n_train") + " train / " + text(key, "n_test") +
               " test images" + (training_subset(key) ? " (per-class subset)" : "") + ", profile " +
               text(key, "profile");
    }
    // True when the models of a dataset were trained on fewer images than its full training split.
    bool training_subset(const std::string& key) const {
        static const std::vector<std::pair<std::string, std::string>> full = {
            {"mnist", "60000"}, {"cifar10", "50000"}, {"cinic10", "90000"}};
        for (const auto& [k, n] : full)
            if (k == key) return text(key, "n_train") != n;
        return false;
    }
    bool quick(const std::string& key) const { return text(key, "profile") == "quick"; }

private:
    std::vector<double> percent_values(const ResultTable::Filter& filter) const {
        std::vector<double> values = table_.values(filter);
        for (double& v : values) v *= 100.0;
        return values;
    }
    ResultTable table_;
};

// Δ = mean ASR(a) − mean ASR(c) at the headline FGSM ε.
double reduction(const AsrResults& results, const std::string& key) {
    return mean_of(results.headline_asr(key, "a_clean")) - mean_of(results.headline_asr(key, "c_quantum_patches"));
}

// Why a row cannot be judged on these results, if it cannot. Paper rows (R…) need models trained
// on the full training split (docs/quantum_patches.md §8.2); the clean-accuracy floors need more
// than the quick profile's two epochs.
std::optional<CheckOutcome> not_run_reason(const ReferenceRow& row, const AsrResults& results,
                                           const std::vector<std::string>& datasets) {
    const bool paper_row = row.id()[0] == 'R';
    const bool needs_training = paper_row || row.text("kind") == "clean_floor";
    for (const std::string& key : datasets) {
        if (!results.ran(key)) return experiments::not_run(row, "dataset not available (" + key + ")");
        if (needs_training && results.quick(key))
            return experiments::not_run(row, "quick-profile results are never compared with the paper");
        if (paper_row && results.training_subset(key))
            return experiments::not_run(row, key + " was trained on a per-class subset (" + results.text(key, "n_train") +
                                                 " images); docs/quantum_patches.md §8.2 compares only full training sets");
    }
    return std::nullopt;
}

CheckOutcome evaluate_row(const ReferenceRow& row, const AsrResults& asr,
                          const std::optional<ResultTable>& patches) {
    const std::string kind = row.text("kind");
    const std::vector<std::string> listed = split_words(row.text("datasets"));
    // Checks over several datasets use those that were run (CINIC-10 may be absent).
    std::vector<std::string> run;
    for (const auto& key : listed)
        if (asr.ran(key)) run.push_back(key);
    const bool multi = kind == "ordering" || kind == "similar" || kind == "pgd_stronger" || kind == "noise_match";
    const std::vector<std::string>& required = multi ? run : listed;
    if (required.empty() || (kind == "ordering" && run.size() < 2))
        return experiments::not_run(row, "dataset not available (" + row.text("datasets") + ")");
    if (auto reason = not_run_reason(row, asr, required)) return *reason;
    std::string where;
    for (const auto& key : required) where += (where.empty() ? "" : "; ") + asr.describe(key);

    if (kind == "asr_band") {
        const auto values = asr.headline_asr(listed[0], row.text("condition"));
        const double mean = mean_of(values);
        return experiments::judge(row, mean >= row.number("low") && mean <= row.number("high"),
                                  format_summary(experiments::summarize(values), 2) + " %", where);
    }
    if (kind == "reduction_at_least" || kind == "reduction_at_most") {
        const double delta = reduction(asr, listed[0]);
        const bool holds = kind == "reduction_at_least" ? delta >= row.number("low") : delta <= row.number("high");
        return experiments::judge(row, holds, "Δ = " + percent(delta) + " pp", where);
    }
    if (kind == "ordering") {
        bool holds = true;
        std::string ours;
        for (std::size_t i = 0; i < run.size(); ++i) {
            const double delta = reduction(asr, run[i]);
            ours += (i ? " > " : "") + run[i] + " " + percent(delta);
            if (i > 0) holds = holds && reduction(asr, run[i - 1]) > delta;
        }
        return experiments::judge(row, holds, ours + " pp", where);
    }
    if (kind == "similar") {
        bool holds = true;
        std::string ours;
        for (const auto& key : run) {
            const double gap = std::abs(mean_of(asr.headline_asr(key, "b_fgsm_training")) -
                                        mean_of(asr.headline_asr(key, "c_quantum_patches")));
            holds = holds && gap <= row.number("high");
            ours += (ours.empty() ? "" : ", ") + key + " " + percent(gap) + " pp";
        }
        return experiments::judge(row, holds, ours, where);
    }
    if (kind == "pgd_stronger") {
        double worst = 1e300;
        std::string worst_case;
        for (const auto& key : run)
            for (const char* condition : {"a_clean", "b_fgsm_training", "c_quantum_patches", "d_gaussian_noise"})
                for (double epsilon : attack_epsilons(key)) {
                    const double margin = mean_of(asr.metric(key, condition, "pgd", epsilon, "asr")) -
                                          mean_of(asr.metric(key, condition, "fgsm", epsilon, "asr"));
                    if (margin < worst) {
                        worst = margin;
                        worst_case = key + " " + condition + " ε=" + format_number(epsilon);
                    }
                }
        return experiments::judge(row, worst >= -row.number("high"),
                                  "min PGD − FGSM = " + percent(worst) + " pp (" + worst_case + ")", where);
    }
    if (kind == "clean_floor") {
        const auto values = asr.clean_accuracy(listed[0], row.text("condition"));
        return experiments::judge(row, mean_of(values) >= row.number("low"),
                                  format_summary(experiments::summarize(values), 2) + " %", where);
    }
    if (kind == "noise_match") {
        if (!patches) return experiments::not_run(row, "patches_preview.csv is missing");
        bool holds = true;
        std::string ours;
        for (const auto& key : run) {
            const auto d = patches->values({{"dataset_key", key}, {"metric", "mean_l2_distance"}});
            const auto m = patches->values({{"dataset_key", key}, {"metric", "measured_noise_l2"}});
            if (d.size() != 1 || m.size() != 1)
                return experiments::not_run(row, "patches_preview.csv has no noise statistics for " + key);
            const double relative = 100.0 * std::abs(m[0] - d[0]) / d[0];
            holds = holds && relative <= row.number("high");
            ours += (ours.empty() ? "" : ", ") + key + " " + percent(relative) + " %";
        }
        return experiments::judge(row, holds, ours, where);
    }
    throw Error("tests/reference/quantum_patches.csv: check '" + row.id() + "' has unknown kind '" + kind + "'");
}

}  // namespace

std::vector<CheckOutcome> evaluate_checks(const std::filesystem::path& results_dir,
                                          const experiments::ReferenceTable& reference) {
    if (!std::filesystem::exists(results_dir / "asr.csv")) return experiments::all_not_run(reference, kNotCommitted);
    const AsrResults asr(results_dir / "asr.csv");
    std::optional<ResultTable> patches;
    if (std::filesystem::exists(results_dir / "patches_preview.csv")) patches.emplace(results_dir / "patches_preview.csv");
    std::vector<CheckOutcome> outcomes;
    for (std::size_t i = 0; i < reference.size(); ++i) outcomes.push_back(evaluate_row(reference.row(i), asr, patches));
    return outcomes;
}

}  // namespace qmlr::quantum_patches
