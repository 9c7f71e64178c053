#include "experiments/quantum_patches/figures.hpp"

#include <algorithm>
#include <cmath>

#include "core/svg_plot.hpp"
#include "experiments/common/paper.hpp"
#include "experiments/quantum_patches/settings.hpp"
#include "experiments/quantum_patches/tables.hpp"

namespace qmlr::quantum_patches {

namespace {

using experiments::Figure;
using experiments::FigureInputs;
using experiments::ResultTable;
using experiments::text_field;

struct Dataset {
    std::string key, label;  // "cifar10", "CIFAR-10 (JPEG q75 copy)"
};

// The paper's three datasets, each labelled by its data source when it was run.
std::vector<Dataset> datasets_of(const ResultTable* datasets) {
    std::vector<Dataset> all = {{"mnist", "MNIST"}, {"cifar10", "CIFAR-10"}, {"cinic10", "CINIC-10 (not run)"}};
    if (datasets != nullptr)
        for (Dataset& d : all) {
            const auto rows = datasets->rows({{"dataset", text_field(d.key)}});
            if (!rows.empty()) d.label = datasets->text(rows.front(), "source");
        }
    return all;
}

// The legend text of a condition id (docs/quantum_patches.md §7.4).
std::string condition_label(const std::string& condition) {
    if (condition == "a_clean") return "(a) no defence";
    if (condition == "b_fgsm_training") return "(b) FGSM training";
    if (condition == "c_quantum_patches") return "(c) quantum patches";
    if (condition == "d_gaussian_noise") return "(d) matched noise";
    return condition;
}

// The headline ε of a dataset: the first of the protocol's ε list.
double headline_epsilon(const std::string& dataset) {
    static const experiments::Settings protocol(settings_schema(), Profile::paper);
    return protocol.reals(epsilons_setting(dataset)).front();
}

Figure asr_figure(const ResultTable& asr, const std::vector<Dataset>& datasets, const FigureInputs& inputs,
                  const std::string& attack, const std::string& attack_name) {
    const std::vector<std::string> conditions = asr.distinct("condition");
    std::vector<std::string> categories;
    for (const Dataset& d : datasets) categories.push_back(d.label);
    BarChart chart({.title = "Quantum patches: " + attack_name + " attack success rate (" + inputs.profile + " profile)",
                    .x_label = "dataset (each at its headline ε)", .y_label = "ASR over clean-correct images (%)"},
                   categories);
    for (const std::string& condition : conditions) {
        BarSeries bars{.label = condition_label(condition)};
        for (const Dataset& d : datasets) {
            const auto values = asr.values({{"dataset", text_field(d.key)}, {"condition", text_field(condition)},
                                            {"attack", text_field(attack)}, {"epsilon", headline_epsilon(d.key)},
                                            {"metric", text_field("asr")}});
            const auto summary = experiments::summarize(values);
            bars.values.push_back(values.empty() ? std::nan("") : summary.mean);
            bars.errors.push_back(values.empty() ? 0.0 : summary.std);
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

std::vector<Figure> figures(const FigureInputs& inputs) {
    const ResultTable* asr = inputs.results.table(kAsrTable);
    if (asr == nullptr) return {};
    const std::vector<Dataset> datasets = datasets_of(inputs.results.table(kDatasetsTable));
    return {asr_figure(*asr, datasets, inputs, "fgsm", "FGSM"), asr_figure(*asr, datasets, inputs, "pgd", "PGD")};
}

std::string analysis(const FigureInputs& inputs) {
    const std::filesystem::path& folder = inputs.results.directory();
    const std::string folder_name =
        (folder.filename().empty() ? folder.parent_path().filename() : folder.filename()).generic_string();
    std::string text;
    for (const auto& [key, name] : {std::pair{"mnist", "MNIST"}, std::pair{"cifar10", "CIFAR-10"},
                                    std::pair{"cinic10", "CINIC-10"}}) {
        const std::string file = std::string("patches_preview_") + key + ".png";
        if (!std::filesystem::exists(folder / file)) continue;
        text += std::string("![") + name + " patch preview](" + folder_name + "/" + file +
                ")\n\n*" + name + ": per row, a training image and its four quantum-patched copies x^(0)…x^(3).*\n\n";
    }
    return text.empty() ? "" : "### Patch previews\n\n" + text;
}

}  // namespace qmlr::quantum_patches
