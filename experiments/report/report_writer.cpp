#include "experiments/report/report_writer.hpp"

#include <fstream>
#include <set>
#include <sstream>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "experiments/common/paper.hpp"

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
    for (const experiments::Paper* paper : experiments::all_papers()) {
        const experiments::ReferenceTable reference(paths.reference / (paper->name + ".csv"));
        const std::filesystem::path results_dir = paths.results / paper->name;
        PaperReport report{.paper = paper->name,
                           .title = paper->title,
                           .outcomes = experiments::evaluate_paper(*paper, results_dir, reference),
                           .run = read_run_summary(results_dir / (paper->name + ".meta.json")),
                           .figures = {},
                           .analysis = {},
                           .protocol = read_protocol(paths.protocols / paper->name / "protocol.md")};
        if (report.run) {
            const experiments::ResultsFolder results(paper->tables(), results_dir);
            const experiments::FigureInputs inputs{results, reference, report.run->profile};
            if (paper->figures) report.figures = paper->figures(inputs);
            if (paper->analysis) report.analysis = paper->analysis(inputs);
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
        for (const experiments::Figure& figure : report.figures) {
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
