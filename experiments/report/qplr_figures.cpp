#include "experiments/report/qplr_figures.hpp"

#include <algorithm>

#include "core/svg_plot.hpp"

namespace qmlr::report {

namespace {

using experiments::ResultTable;

struct Panel {
    std::string dataset, rotation;  // as in robustness.csv and the reference: "MNIST", "20"
    std::string file, title, paper_tables;
};

std::size_t index_of(std::vector<std::string>& names, const std::string& name) {
    const auto it = std::find(names.begin(), names.end(), name);
    if (it != names.end()) return static_cast<std::size_t>(it - names.begin());
    names.push_back(name);
    return names.size() - 1;
}

// One series per method: mean ± std over seeds of the unclipped accuracy at every σ.
// Returns false when the panel's dataset and rotation have no results.
bool add_our_series(LinePlot& plot, const ResultTable& results, const Panel& panel, std::vector<std::string>& methods) {
    bool any = false;
    for (const std::string& method : distinct_values(results.table(), "method")) {
        LineSeries series{.label = method};
        for (const std::string& sigma : distinct_values(results.table(), "sigma")) {
            const auto values = results.values({{"dataset", panel.dataset}, {"method", method}, {"sigma", sigma},
                                                {"rotation", panel.rotation}, {"clipped", "no"}, {"metric", "accuracy"}});
            if (values.empty()) continue;
            const auto summary = experiments::summarize(values);
            series.points.push_back({parse_field(sigma, "robustness.csv sigma"), summary.mean, summary.std});
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
void add_paper_series(LinePlot& plot, const experiments::ReferenceTable& reference, const Panel& panel,
                      std::vector<std::string>& methods) {
    std::vector<std::string> paper_methods;
    std::vector<LineSeries> series;
    for (std::size_t i = 0; i < reference.size(); ++i) {
        const auto row = reference.row(i);
        if (row.text("kind") != "cell" || row.text("dataset") != panel.dataset || row.text("rotation") != panel.rotation)
            continue;
        const std::size_t k = index_of(paper_methods, row.text("method"));
        if (k == series.size())
            series.push_back({.label = row.text("method") + " (paper)", .points = {}, .connect = false,
                              .marker = Marker::diamond, .hollow = true, .color = index_of(methods, row.text("method"))});
        series[k].points.push_back({row.number("sigma"), row.number("paper_value"), 0});
    }
    for (LineSeries& s : series) plot.add(std::move(s));
}

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
        for (const std::string& bin : distinct_values(bins.table(), "bin")) {
            const auto values = [&](const char* metric) {
                return bins.values({{"dataset", dataset}, {"method", method}, {"bin", bin}, {"metric", metric}});
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
    const auto path = inputs.results_dir / "reliability.csv";
    if (!std::filesystem::exists(path)) return {};
    const ResultTable bins(path);
    std::vector<Figure> figures;
    for (const auto& [dataset, file] : {std::pair{std::string("MNIST"), std::string("qplr_reliability_mnist.svg")},
                                        std::pair{std::string("Fashion-MNIST"), std::string("qplr_reliability_fashion.svg")}}) {
        LinePlot plot({.title = "QPLR " + dataset + ": reliability of M1–M3, clean test images (" + inputs.profile + ")",
                       .x_label = "mean confidence in the bin (%)",
                       .y_label = "accuracy in the bin (%)"});
        if (!add_reliability_series(plot, bins, dataset)) continue;
        figures.push_back({file,
                           "QPLR, " + dataset + ": reliability diagram (15 equal-width confidence bins, pooled over "
                           "seeds) of the one-hot (M1), label-smoothing (M2) and QPLR soft-label (M3) students.",
                           plot.svg()});
    }
    return figures;
}

}  // namespace

std::vector<Figure> qplr_figures(const FigureInputs& inputs) {
    const auto path = inputs.results_dir / "robustness.csv";
    if (!std::filesystem::exists(path)) return {};
    const ResultTable results(path);
    const Panel panels[] = {
        {"MNIST", "0", "qplr_accuracy_mnist.svg", "MNIST", "Tables 1 and 5"},
        {"MNIST", "20", "qplr_accuracy_mnist_rot20.svg", "MNIST, rotated 20°", "Tables 2 and 6"},
        {"Fashion-MNIST", "0", "qplr_accuracy_fashion.svg", "Fashion-MNIST", "Table 3"},
    };
    std::vector<Figure> figures;
    for (const Panel& panel : panels) {
        LinePlot plot({.title = "QPLR " + panel.title + ": student accuracy vs noise (" + inputs.profile + " profile)",
                       .x_label = "Gaussian noise σ (pixel scale, unclipped)",
                       .y_label = "test accuracy (%)"});
        std::vector<std::string> methods;  // palette order: a method keeps its colour in both series
        if (!add_our_series(plot, results, panel, methods)) continue;
        add_paper_series(plot, inputs.reference, panel, methods);
        plot.set_y_limits({.min = std::nullopt, .max = 100.0});
        figures.push_back({panel.file,
                           "QPLR, " + panel.title + ": test accuracy of the students vs σ. Lines: ours, mean ± std "
                           "over seeds (error bars); hollow diamonds: the paper (" + panel.paper_tables + ").",
                           plot.svg()});
    }
    for (Figure& figure : reliability_figures(inputs)) figures.push_back(std::move(figure));
    return figures;
}

}  // namespace qmlr::report
