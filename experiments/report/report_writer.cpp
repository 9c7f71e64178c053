#include "experiments/report/report_writer.hpp"

#include <fstream>
#include <set>
#include <sstream>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "experiments/paper_checks.hpp"
#include "experiments/report/paper_figures.hpp"

namespace qmlr::report {

namespace {

std::string read_protocol(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    require(static_cast<bool>(in), path.string() + ": missing; every registered paper needs its protocol notes there");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_text(const std::filesystem::path& path, const std::string& text) {
    AtomicFile file(path);
    file.stream() << text;
    file.commit();
}

}  // namespace

std::vector<PaperReport> gather_reports(const ReportPaths& paths) {
    std::vector<PaperReport> reports;
    for (const experiments::PaperChecks& paper : experiments::all_paper_checks()) {
        const experiments::ReferenceTable reference(paths.reference / (paper.paper + ".csv"));
        const std::filesystem::path results_dir = paths.results / paper.paper;
        PaperReport report{.paper = paper.paper,
                           .title = paper.title,
                           .outcomes = paper.evaluate(results_dir, reference),
                           .run = read_run_summary(results_dir / (paper.paper + ".meta.json")),
                           .figures = {},
                           .analysis = {},
                           .protocol = read_protocol(paths.protocols / paper.paper / "protocol.md")};
        if (report.run) {
            const FigureInputs inputs{results_dir, reference, report.run->profile};
            report.figures = paper_figures(paper.paper, inputs);
            report.analysis = paper_analysis(paper.paper, inputs);
        }
        reports.push_back(std::move(report));
    }
    return reports;
}

std::vector<std::filesystem::path> write_report(const ReportPaths& paths) {
    const std::vector<PaperReport> reports = gather_reports(paths);
    const std::filesystem::path figures_dir = paths.out / "figures";
    std::vector<std::filesystem::path> written;
    std::set<std::string> drawn;
    for (const PaperReport& report : reports)
        for (const Figure& figure : report.figures) {
            write_text(figures_dir / figure.file, figure.svg);
            written.push_back(figures_dir / figure.file);
            drawn.insert(figure.file);
        }
    if (std::filesystem::exists(figures_dir))
        for (const auto& entry : std::filesystem::directory_iterator(figures_dir))
            if (entry.path().extension() == ".svg" && !drawn.contains(entry.path().filename().string()))
                std::filesystem::remove(entry.path());
    write_text(paths.out / "REPORT.md",
               report_markdown(reports, paths.results.generic_string(), paths.reference.generic_string()));
    written.push_back(paths.out / "REPORT.md");
    return written;
}

}  // namespace qmlr::report
