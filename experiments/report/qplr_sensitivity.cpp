#include "experiments/report/qplr_sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <tuple>

#include "experiments/report/markdown.hpp"

namespace qmlr::report {

namespace {

using experiments::ResultTable;

// The protocol's own input scaling and noise space (qplr protocol.md); its epochs are those of
// the main students in robustness.csv.
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

bool same(double a, double b) { return std::abs(a - b) < 1e-9; }

double mean(const std::vector<double>& values) {
    double sum = 0;
    for (double v : values) sum += v;
    return values.empty() ? std::numeric_limits<double>::quiet_NaN() : sum / static_cast<double>(values.size());
}

// The paper's accuracy cell of (dataset, method, σ, rotation), NaN when it has none.
double paper_cell(const experiments::ReferenceTable& reference, const std::string& dataset, const std::string& method,
                  double sigma, double rotation) {
    for (std::size_t i = 0; i < reference.size(); ++i) {
        const auto row = reference.row(i);
        if (row.text("kind") == "cell" && row.text("dataset") == dataset && row.text("method") == method &&
            same(row.number("sigma"), sigma) && same(row.number("rotation"), rotation))
            return row.number("paper_value");
    }
    return std::numeric_limits<double>::quiet_NaN();
}

// The study's (σ, rotation) pairs of a dataset at which the paper gives both M1 and M3.
std::vector<Probe> probes_of(const CsvTable& table, const experiments::ReferenceTable& reference,
                             const std::string& dataset) {
    std::vector<Probe> probes;
    for (std::size_t r = 0; r < table.row_count(); ++r) {
        if (table.at(r, "dataset") != dataset) continue;
        const double sigma = parse_field(table.at(r, "sigma"), "sensitivity.csv sigma");
        const double rotation = parse_field(table.at(r, "rotation"), "sensitivity.csv rotation");
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
double study_accuracy(const CsvTable& table, const std::string& dataset, const std::string& method,
                      const Setting& setting, const Probe& probe) {
    std::vector<double> seeds;
    for (std::size_t r = 0; r < table.row_count(); ++r)
        if (table.at(r, "dataset") == dataset && table.at(r, "method") == method &&
            table.at(r, "student_epochs") == setting.epochs && table.at(r, "input_scaling") == setting.scaling &&
            table.at(r, "noise_space") == setting.noise_space && table.at(r, "clipped") == "no" &&
            table.at(r, "metric") == "accuracy" &&
            same(parse_field(table.at(r, "sigma"), "sensitivity.csv sigma"), probe.sigma) &&
            same(parse_field(table.at(r, "rotation"), "sensitivity.csv rotation"), probe.rotation))
            seeds.push_back(parse_field(table.at(r, "value"), "sensitivity.csv value"));
    return mean(seeds);
}

// Every (epochs, scaling, noise space) of a dataset in file order, with its accuracies at the probes.
std::vector<Setting> settings_of(const CsvTable& table, const std::string& dataset,
                                 const std::vector<Probe>& probes) {
    std::vector<Setting> settings;
    for (std::size_t r = 0; r < table.row_count(); ++r) {
        if (table.at(r, "dataset") != dataset) continue;
        Setting setting{table.at(r, "student_epochs"), table.at(r, "input_scaling"), table.at(r, "noise_space"), {}, {}};
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
                          std::find(spaces.begin(), spaces.end(), s.noise_space) - spaces.begin(),
                          parse_field(s.epochs, "sensitivity.csv student_epochs")};
    };
    std::stable_sort(settings.begin(), settings.end(),
                     [&](const Setting& a, const Setting& b) { return rank(a) < rank(b); });
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

std::string dataset_part(const CsvTable& study, const experiments::ReferenceTable& reference,
                         const std::string& dataset, const std::string& protocol_epochs) {
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
        std::vector<std::string> row{is_protocol ? "**" + s.epochs + "** (protocol)" : s.epochs, s.scaling,
                                     s.noise_space};
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

    std::string text = "#### " + dataset + "\n\n" + markdown_table(header, rows) + "\n";
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

std::string qplr_sensitivity_section(const FigureInputs& inputs) {
    const auto path = inputs.results_dir / "sensitivity.csv";
    const auto main_path = inputs.results_dir / "robustness.csv";
    if (!std::filesystem::exists(path) || !std::filesystem::exists(main_path)) return "";
    const ResultTable study(path);
    const ResultTable main_students(main_path);
    std::string text =
        "### Sensitivity study: the paper's unstated choices\n\n"
        "Students M1 (one-hot) and M3 (QPLR soft labels) retrained for each student epoch count, input scaling "
        "(raw [0,1], MNIST-style mean–std, [−1,1]) and noise space (σ added to the pixels, or to the network's "
        "scaled input), on the first seed's teacher labels (`sensitivity.csv`). Accuracies (%) without clipping "
        "at the noise levels where the paper reports both M1 and M3.\n\n";
    const CsvTable& main_rows = main_students.table();
    for (const std::string& dataset : distinct_values(study.table(), "dataset")) {
        std::string protocol_epochs;
        for (std::size_t r = 0; r < main_rows.row_count() && protocol_epochs.empty(); ++r)
            if (main_rows.at(r, "dataset") == dataset) protocol_epochs = main_rows.at(r, "student_epochs");
        text += dataset_part(study.table(), inputs.reference, dataset, protocol_epochs);
    }
    return text;
}

}  // namespace qmlr::report
