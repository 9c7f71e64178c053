#include "experiments/qplr/figures.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <tuple>

#include "core/svg_plot.hpp"
#include "experiments/common/markdown.hpp"
#include "experiments/common/paper.hpp"
#include "experiments/qplr/tables.hpp"

namespace qmlr::qplr {

namespace {

using experiments::Figure;
using experiments::FigureInputs;
using experiments::ReferenceTable;
using experiments::markdown_table;
using experiments::ResultTable;
using experiments::text_field;

const char* title_of(const std::string& dataset) { return dataset == "mnist" ? "MNIST" : "Fashion-MNIST"; }

bool same(double a, double b) { return std::abs(a - b) < 1e-9; }

// The distinct numbers of a real column, in order of first appearance.
std::vector<double> distinct_reals(const ResultTable& table, std::string_view column) {
    std::vector<double> values;
    for (std::size_t r = 0; r < table.row_count(); ++r) {
        const double v = table.real(r, column);
        if (std::find(values.begin(), values.end(), v) == values.end()) values.push_back(v);
    }
    return values;
}

std::size_t index_of(std::vector<std::string>& names, const std::string& name) {
    const auto it = std::find(names.begin(), names.end(), name);
    if (it != names.end()) return static_cast<std::size_t>(it - names.begin());
    names.push_back(name);
    return names.size() - 1;
}

// ---- accuracy vs σ -----------------------------------------------------------------------------

struct Panel {
    std::string dataset;
    double rotation;
    std::string file, title, paper_tables;
};

// One series per method: mean ± std over seeds of the unclipped accuracy at every σ.
// Returns false when the panel's dataset and rotation have no results.
bool add_our_series(LinePlot& plot, const ResultTable& results, const Panel& panel, std::vector<std::string>& methods) {
    bool any = false;
    for (const std::string& method : results.distinct("method")) {
        LineSeries series{.label = method};
        for (double sigma : distinct_reals(results, "sigma")) {
            const auto values = results.values({{"dataset", text_field(panel.dataset)}, {"method", text_field(method)},
                                                {"sigma", sigma}, {"rotation", panel.rotation},
                                                {"clipped", text_field("no")}, {"metric", text_field("accuracy")}});
            if (values.empty()) continue;
            const auto summary = experiments::summarize(values);
            series.points.push_back({sigma, summary.mean, summary.std});
        }
        if (series.points.empty()) continue;
        std::sort(series.points.begin(), series.points.end(), [](const PlotPoint& a, const PlotPoint& b) { return a.x < b.x; });
        series.color = index_of(methods, method);
        plot.add(std::move(series));
        any = true;
    }
    return any;
}

// The paper's accuracy cells (reference rows of kind "cell") of the panel, one series per method.
void add_paper_series(LinePlot& plot, const ReferenceTable& reference, const Panel& panel,
                      std::vector<std::string>& methods) {
    std::vector<std::string> paper_methods;
    std::vector<LineSeries> series;
    for (std::size_t i = 0; i < reference.size(); ++i) {
        const auto row = reference.row(i);
        if (row.text("kind") != "cell" || row.text("dataset") != panel.dataset || !same(row.number("rotation"), panel.rotation))
            continue;
        const std::size_t k = index_of(paper_methods, row.text("method"));
        if (k == series.size())
            series.push_back({.label = row.text("method") + " (paper)", .points = {}, .connect = false,
                              .marker = Marker::diamond, .hollow = true, .color = index_of(methods, row.text("method"))});
        series[k].points.push_back({row.number("sigma"), row.number("paper_value"), 0});
    }
    for (LineSeries& s : series) plot.add(std::move(s));
}

std::vector<Figure> accuracy_figures(const FigureInputs& inputs) {
    const ResultTable* results = inputs.results.table(kRobustnessTable);
    if (results == nullptr) return {};
    const Panel panels[] = {
        {"mnist", 0.0, "qplr_accuracy_mnist.svg", "MNIST", "Tables 1 and 5"},
        {"mnist", 20.0, "qplr_accuracy_mnist_rot20.svg", "MNIST, rotated 20°", "Tables 2 and 6"},
        {"fashion_mnist", 0.0, "qplr_accuracy_fashion.svg", "Fashion-MNIST", "Table 3"},
    };
    std::vector<Figure> figures;
    for (const Panel& panel : panels) {
        LinePlot plot({.title = "QPLR " + panel.title + ": student accuracy vs noise (" + inputs.profile + " profile)",
                       .x_label = "Gaussian noise σ (pixel scale, unclipped)",
                       .y_label = "test accuracy (%)"});
        std::vector<std::string> methods;  // palette order: a method keeps its colour in both series
        if (!add_our_series(plot, *results, panel, methods)) continue;
        add_paper_series(plot, inputs.reference, panel, methods);
        plot.set_y_limits({.min = std::nullopt, .max = 100.0});
        figures.push_back({panel.file,
                           "QPLR, " + panel.title + ": test accuracy of the students vs σ. Lines: ours, mean ± std "
                           "over seeds (error bars); hollow diamonds: the paper (" + panel.paper_tables + ").",
                           plot.svg()});
    }
    return figures;
}

// ---- reliability -------------------------------------------------------------------------------

// The clean-test reliability diagram of M1–M3 on one dataset: per bin, accuracy vs mean
// confidence pooled over seeds (count-weighted); empty bins are left out. The diagonal is
// perfect calibration. Returns false when the dataset has no reliability rows.
bool add_reliability_series(LinePlot& plot, const ResultTable& bins, const std::string& dataset) {
    plot.add({.label = "perfect calibration", .points = {{0, 0, 0}, {100, 100, 0}}, .marker = Marker::none,
              .color = 7});
    bool any = false;
    const std::string methods[] = {"M1", "M2", "M3"};
    for (std::size_t m = 0; m < 3; ++m) {
        const std::string& method = methods[m];
        LineSeries series{.label = method, .color = m};
        for (const std::string& bin_text : bins.distinct("bin")) {
            const std::int64_t bin = std::stoll(bin_text);
            const auto values = [&](const char* metric) {
                return bins.values({{"dataset", text_field(dataset)}, {"method", text_field(method)}, {"bin", bin},
                                    {"metric", text_field(metric)}});
            };
            const auto counts = values("count"), accuracy = values("accuracy"), confidence = values("confidence");
            double n = 0, correct = 0, confident = 0;
            for (std::size_t seed = 0; seed < counts.size(); ++seed) {
                n += counts[seed];
                correct += counts[seed] * accuracy[seed];
                confident += counts[seed] * confidence[seed];
            }
            if (n > 0) series.points.push_back({confident / n, correct / n, 0});
        }
        if (series.points.empty()) continue;
        plot.add(std::move(series));
        any = true;
    }
    return any;
}

std::vector<Figure> reliability_figures(const FigureInputs& inputs) {
    const ResultTable* bins = inputs.results.table(kReliabilityTable);
    if (bins == nullptr) return {};
    std::vector<Figure> figures;
    for (const auto& [dataset, file] : {std::pair{std::string("mnist"), std::string("qplr_reliability_mnist.svg")},
                                        std::pair{std::string("fashion_mnist"), std::string("qplr_reliability_fashion.svg")}}) {
        const std::string title = title_of(dataset);
        LinePlot plot({.title = "QPLR " + title + ": reliability of M1–M3, clean test images (" + inputs.profile + ")",
                       .x_label = "mean confidence in the bin (%)",
                       .y_label = "accuracy in the bin (%)"});
        if (!add_reliability_series(plot, *bins, dataset)) continue;
        figures.push_back({file,
                           "QPLR, " + title + ": reliability diagram (15 equal-width confidence bins, pooled over "
                           "seeds) of the one-hot (M1), label-smoothing (M2) and QPLR soft-label (M3) students.",
                           plot.svg()});
    }
    return figures;
}

// ---- the sensitivity study -----------------------------------------------------------------------

// The protocol's own input scaling and noise space (protocol.md); its epochs are those of the
// main students in robustness.csv.
constexpr const char* kProtocolScaling = "raw";
constexpr const char* kProtocolNoiseSpace = "pixel";

struct Probe {
    double sigma, rotation;
    double paper_m1, paper_m3;
};

struct Setting {
    std::string epochs, scaling, noise_space;
    std::vector<double> m1, m3;  // per probe, %
    double m1_error = 0;         // mean |M1 − paper M1| over the probes, pp
    double gap = 0;              // mean M3 − M1 over the probes, pp
};

std::string fixed(double value, int digits = 1) {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
    return buffer;
}

double mean(const std::vector<double>& values) {
    double sum = 0;
    for (double v : values) sum += v;
    return values.empty() ? std::numeric_limits<double>::quiet_NaN() : sum / static_cast<double>(values.size());
}

// The paper's accuracy cell of (dataset, method, σ, rotation), NaN when it has none.
double paper_cell(const ReferenceTable& reference, const std::string& dataset, const std::string& method, double sigma,
                  double rotation) {
    for (std::size_t i = 0; i < reference.size(); ++i) {
        const auto row = reference.row(i);
        if (row.text("kind") == "cell" && row.text("dataset") == dataset && row.text("method") == method &&
            same(row.number("sigma"), sigma) && same(row.number("rotation"), rotation))
            return row.number("paper_value");
    }
    return std::numeric_limits<double>::quiet_NaN();
}

// The study's (σ, rotation) pairs of a dataset at which the paper gives both M1 and M3.
std::vector<Probe> probes_of(const ResultTable& table, const ReferenceTable& reference, const std::string& dataset) {
    std::vector<Probe> probes;
    for (std::size_t r = 0; r < table.row_count(); ++r) {
        if (table.text(r, "dataset") != dataset) continue;
        const double sigma = table.real(r, "sigma"), rotation = table.real(r, "rotation");
        bool known = false;
        for (const Probe& p : probes) known = known || (same(p.sigma, sigma) && same(p.rotation, rotation));
        if (known) continue;
        const double m1 = paper_cell(reference, dataset, "M1", sigma, rotation);
        const double m3 = paper_cell(reference, dataset, "M3", sigma, rotation);
        if (!std::isnan(m1) && !std::isnan(m3)) probes.push_back({sigma, rotation, m1, m3});
    }
    return probes;
}

// The unclipped accuracy of `method` under `setting` at `probe`, mean over the seeds present.
double study_accuracy(const ResultTable& table, const std::string& dataset, const std::string& method,
                      const Setting& setting, const Probe& probe) {
    std::vector<double> seeds;
    for (std::size_t r = 0; r < table.row_count(); ++r)
        if (table.text(r, "dataset") == dataset && table.text(r, "method") == method &&
            table.text(r, "student_epochs") == setting.epochs && table.text(r, "input_scaling") == setting.scaling &&
            table.text(r, "noise_space") == setting.noise_space && table.text(r, "clipped") == "no" &&
            table.text(r, "metric") == "accuracy" && same(table.real(r, "sigma"), probe.sigma) &&
            same(table.real(r, "rotation"), probe.rotation))
            seeds.push_back(table.value(r));
    return mean(seeds);
}

// Every (epochs, scaling, noise space) of a dataset in file order, with its accuracies at the probes.
std::vector<Setting> settings_of(const ResultTable& table, const std::string& dataset, const std::vector<Probe>& probes) {
    std::vector<Setting> settings;
    for (std::size_t r = 0; r < table.row_count(); ++r) {
        if (table.text(r, "dataset") != dataset) continue;
        Setting setting{table.text(r, "student_epochs"), table.text(r, "input_scaling"), table.text(r, "noise_space"), {}, {}};
        bool known = false;
        for (const Setting& s : settings)
            known = known || (s.epochs == setting.epochs && s.scaling == setting.scaling &&
                              s.noise_space == setting.noise_space);
        if (known) continue;
        for (const Probe& probe : probes) {
            setting.m1.push_back(study_accuracy(table, dataset, "M1", setting, probe));
            setting.m3.push_back(study_accuracy(table, dataset, "M3", setting, probe));
        }
        std::vector<double> errors, gaps;
        for (std::size_t p = 0; p < probes.size(); ++p) {
            errors.push_back(std::abs(setting.m1[p] - probes[p].paper_m1));
            gaps.push_back(setting.m3[p] - setting.m1[p]);
        }
        setting.m1_error = mean(errors);
        setting.gap = mean(gaps);
        settings.push_back(std::move(setting));
    }
    // Grouped by scaling and noise space (in order of first appearance), epochs ascending.
    std::vector<std::string> scalings, spaces;
    for (const Setting& s : settings) {
        if (std::find(scalings.begin(), scalings.end(), s.scaling) == scalings.end()) scalings.push_back(s.scaling);
        if (std::find(spaces.begin(), spaces.end(), s.noise_space) == spaces.end()) spaces.push_back(s.noise_space);
    }
    const auto rank = [&](const Setting& s) {
        return std::tuple{std::find(scalings.begin(), scalings.end(), s.scaling) - scalings.begin(),
                          std::find(spaces.begin(), spaces.end(), s.noise_space) - spaces.begin(), std::stoll(s.epochs)};
    };
    std::stable_sort(settings.begin(), settings.end(), [&](const Setting& a, const Setting& b) { return rank(a) < rank(b); });
    return settings;
}

std::string probe_name(const Probe& probe) {
    std::string name = "σ " + fixed(probe.sigma);
    if (probe.rotation != 0) name += " + " + fixed(probe.rotation, 0) + "°";
    return name;
}

std::string describe(const Setting& s) {
    return s.epochs + " epochs, " + s.scaling + " inputs, noise in " + s.noise_space + " space";
}

std::string dataset_part(const ResultTable& study, const ReferenceTable& reference, const std::string& dataset,
                         const std::string& protocol_epochs) {
    const std::vector<Probe> probes = probes_of(study, reference, dataset);
    if (probes.empty()) return "";
    const std::vector<Setting> settings = settings_of(study, dataset, probes);
    std::vector<std::string> header{"epochs", "input scaling", "noise space"};
    for (const Probe& p : probes) header.push_back("M1 " + probe_name(p));
    for (const Probe& p : probes) header.push_back("M3 " + probe_name(p));
    header.push_back("mean |M1 − paper|");
    header.push_back("mean M3 − M1");

    std::vector<std::string> paper_row{"paper", "not stated", "not stated"};
    std::vector<double> paper_gaps;
    for (const Probe& p : probes) paper_row.push_back(fixed(p.paper_m1));
    for (const Probe& p : probes) {
        paper_row.push_back(fixed(p.paper_m3));
        paper_gaps.push_back(p.paper_m3 - p.paper_m1);
    }
    paper_row.push_back("—");
    paper_row.push_back(fixed(mean(paper_gaps)));

    std::vector<std::vector<std::string>> rows{paper_row};
    const Setting* closest = nullptr;
    const Setting* protocol = nullptr;
    int qplr_ahead = 0;
    for (const Setting& s : settings) {
        const bool is_protocol = s.epochs == protocol_epochs && s.scaling == kProtocolScaling &&
                                 s.noise_space == kProtocolNoiseSpace;
        std::vector<std::string> row{is_protocol ? "**" + s.epochs + "** (protocol)" : s.epochs, s.scaling, s.noise_space};
        for (double v : s.m1) row.push_back(fixed(v));
        for (double v : s.m3) row.push_back(fixed(v));
        row.push_back(fixed(s.m1_error));
        row.push_back(fixed(s.gap));
        rows.push_back(std::move(row));
        if (!closest || s.m1_error < closest->m1_error) closest = &s;
        if (is_protocol) protocol = &s;
        bool ahead = true;
        for (std::size_t p = 0; p < probes.size(); ++p) ahead = ahead && s.m3[p] > s.m1[p];
        qplr_ahead += ahead;
    }

    std::string text = "#### " + std::string(title_of(dataset)) + "\n\n" + markdown_table(header, rows) + "\n";
    text += "The paper's one-hot student is matched best by " + describe(*closest) + ": its M1 lies " +
            fixed(closest->m1_error) + " pp from the paper's on average";
    if (protocol && protocol != closest)
        text += ", against " + fixed(protocol->m1_error) + " pp for the protocol's setting";
    text += ". With that setting QPLR (M3) minus one-hot (M1) averages " + fixed(closest->gap) + " pp (paper: " +
            fixed(mean(paper_gaps)) + " pp";
    if (protocol && protocol != closest) text += "; protocol: " + fixed(protocol->gap) + " pp";
    text += "). QPLR is above one-hot at every probe in " + std::to_string(qplr_ahead) + " of " +
            std::to_string(settings.size()) + " settings.\n\n";
    return text;
}

}  // namespace

std::vector<Figure> figures(const FigureInputs& inputs) {
    std::vector<Figure> all = accuracy_figures(inputs);
    for (Figure& figure : reliability_figures(inputs)) all.push_back(std::move(figure));
    return all;
}

std::string analysis(const FigureInputs& inputs) {
    const ResultTable* study = inputs.results.table(kSensitivityTable);
    const ResultTable* main_students = inputs.results.table(kRobustnessTable);
    if (study == nullptr || main_students == nullptr) return "";
    std::string text =
        "### Sensitivity study: the paper's unstated choices\n\n"
        "Students M1 (one-hot) and M3 (QPLR soft labels) retrained for each student epoch count, input scaling "
        "(raw [0,1], MNIST-style mean–std, [−1,1]) and noise space (σ added to the pixels, or to the network's "
        "scaled input), on the first seed's teacher labels (`sensitivity.csv`). Accuracies (%) without clipping "
        "at the noise levels where the paper reports both M1 and M3.\n\n";
    for (const std::string& dataset : study->distinct("dataset")) {
        std::string protocol_epochs;
        for (std::size_t r = 0; r < main_students->row_count() && protocol_epochs.empty(); ++r)
            if (main_students->text(r, "dataset") == dataset) protocol_epochs = main_students->text(r, "student_epochs");
        text += dataset_part(*study, inputs.reference, dataset, protocol_epochs);
    }
    return text;
}

}  // namespace qmlr::qplr
