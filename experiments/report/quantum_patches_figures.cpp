#include "experiments/report/quantum_patches_figures.hpp"

#include <algorithm>
#include <cmath>

#include "core/csv.hpp"
#include "core/svg_plot.hpp"
#include "experiments/quantum_patches/profile.hpp"

namespace qmlr::report {

namespace {

using experiments::ResultTable;

// The legend text of a condition id of asr.csv (docs/quantum_patches.md §7.4).
std::string condition_label(const std::string& condition) {
    if (condition == "a_clean") return "(a) no defence";
    if (condition == "b_fgsm_training") return "(b) FGSM training";
    if (condition == "c_quantum_patches") return "(c) quantum patches";
    if (condition == "d_gaussian_noise") return "(d) matched noise";
    return condition;
}

struct Dataset {
    std::string key, label;  // "cifar10", "CIFAR-10 (JPEG q75 copy)"
};

std::vector<Dataset> datasets_of(const CsvTable& table) {
    std::vector<Dataset> datasets;
    for (const std::string& key : distinct_values(table, "dataset_key"))
        for (std::size_t r = 0; r < table.row_count(); ++r)
            if (table.at(r, "dataset_key") == key) {
                datasets.push_back({key, table.at(r, "dataset")});
                break;
            }
    return datasets;
}

Figure asr_figure(const ResultTable& results, const FigureInputs& inputs, const std::string& attack,
                  const std::string& attack_name) {
    const std::vector<Dataset> datasets = datasets_of(results.table());
    const std::vector<std::string> conditions = distinct_values(results.table(), "condition");
    std::vector<std::string> categories;
    for (const Dataset& d : datasets) categories.push_back(d.label);
    BarChart chart({.title = "Quantum patches: " + attack_name + " attack success rate (" + inputs.profile + " profile)",
                    .x_label = "dataset (each at its headline ε)", .y_label = "ASR over clean-correct images (%)"},
                   categories);
    for (const std::string& condition : conditions) {
        BarSeries bars{.label = condition_label(condition)};
        for (const Dataset& d : datasets) {
            const auto values = results.values({{"dataset_key", d.key}, {"condition", condition}, {"attack", attack},
                                                {"epsilon", format_number(quantum_patches::headline_epsilon(d.key))},
                                                {"metric", "asr"}, {"status", "ok"}});
            const auto summary = experiments::summarize(values);
            bars.values.push_back(values.empty() ? std::nan("") : 100.0 * summary.mean);
            bars.errors.push_back(values.empty() ? 0.0 : 100.0 * summary.std);
        }
        chart.add(std::move(bars));
    }
    if (attack == "fgsm") {  // the paper reports FGSM only
        for (std::size_t c = 0; c < conditions.size(); ++c) {
            BarMarks marks{.label = "paper: " + condition_label(conditions[c]), .bar_series = c};
            for (const Dataset& d : datasets) {
                double paper = std::nan("");
                for (std::size_t i = 0; i < inputs.reference.size(); ++i) {
                    const auto row = inputs.reference.row(i);
                    if (row.text("kind") == "asr_band" && row.text("datasets") == d.key &&
                        row.text("condition") == conditions[c])
                        paper = row.number("paper_value");
                }
                marks.values.push_back(paper);
            }
            if (std::any_of(marks.values.begin(), marks.values.end(), [](double v) { return std::isfinite(v); }))
                chart.add(std::move(marks));
        }
    }
    chart.set_y_limits({.min = 0.0, .max = 100.0});
    const std::string paper_note = attack == "fgsm" ? " Hollow diamonds: the paper's values (abstract)." : " The paper gives no PGD values.";
    return {"quantum_patches_asr_" + attack + ".svg",
            "Quantum patches: " + attack_name + " ASR (primary: among clean-correct test images) per dataset and "
            "training condition, mean ± std over seeds." + paper_note,
            chart.svg()};
}

}  // namespace

std::vector<Figure> quantum_patches_figures(const FigureInputs& inputs) {
    const auto path = inputs.results_dir / "asr.csv";
    if (!std::filesystem::exists(path)) return {};
    const ResultTable results(path);
    return {asr_figure(results, inputs, "fgsm", "FGSM"), asr_figure(results, inputs, "pgd", "PGD")};
}

std::string quantum_patches_preview_section(const FigureInputs& inputs) {
    std::string text;
    for (const auto& [key, name] : {std::pair{"mnist", "MNIST"}, std::pair{"cifar10", "CIFAR-10"},
                                    std::pair{"cinic10", "CINIC-10"}}) {
        const std::string file = std::string("patches_preview_") + key + ".png";
        if (!std::filesystem::exists(inputs.results_dir / file)) continue;
        text += std::string("![") + name + " patch preview](" + inputs.results_dir.filename().generic_string() + "/" +
                file + ")\n\n*" + name + ": per row, a training image and its four quantum-patched copies x^(0)…x^(3).*\n\n";
    }
    return text.empty() ? "" : "### Patch previews\n\n" + text;
}

}  // namespace qmlr::report
