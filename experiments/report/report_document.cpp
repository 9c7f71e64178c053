#include "experiments/report/report_document.hpp"

#include <array>

#include "experiments/common/markdown.hpp"

namespace qmlr::report {

namespace {

using experiments::CheckOutcome;
using experiments::markdown_table;
using experiments::Verdict;

constexpr std::size_t kVerdicts = 4;  // match, known deviation, not run, fail

std::array<int, kVerdicts> verdict_counts(const std::vector<CheckOutcome>& outcomes) {
    std::array<int, kVerdicts> counts{};
    for (const CheckOutcome& outcome : outcomes) ++counts[static_cast<std::size_t>(outcome.verdict)];
    return counts;
}

std::string summary_section(const std::vector<PaperReport>& papers) {
    std::vector<std::vector<std::string>> rows;
    for (const PaperReport& paper : papers) {
        const auto counts = verdict_counts(paper.outcomes);
        rows.push_back({paper.title, paper.run ? paper.run->profile : "not run yet", std::to_string(counts[0]),
                        std::to_string(counts[1]), std::to_string(counts[2]),
                        counts[3] > 0 ? "**" + std::to_string(counts[3]) + "**" : "0"});
    }
    return "## Summary\n\n" +
           markdown_table({"paper", "profile", "match", "known deviation", "not run", "FAIL"}, rows) + "\n";
}

std::string checks_section(const PaperReport& paper) {
    std::vector<std::vector<std::string>> rows;
    for (const CheckOutcome& o : paper.outcomes)
        rows.push_back({o.id, o.source, o.description, o.paper, o.ours, o.tolerance, status_text(o)});
    return "### Reference checks\n\n" +
           markdown_table({"id", "source", "check", "paper", "ours (mean ± std over seeds)", "tolerance", "status"},
                          rows) +
           "\n";
}

std::string figures_section(const PaperReport& paper) {
    if (paper.figures.empty()) return "";
    std::string text = "### Figures\n\n";
    for (const experiments::Figure& figure : paper.figures)
        text += "![" + figure.file + "](figures/" + figure.file + ")\n\n*" + figure.caption + "*\n\n";
    return text;
}

// Which revisions computed the runs behind each table, and how long they took together.
std::string provenance_section(const RunSummary& run) {
    std::vector<std::vector<std::string>> rows;
    bool dirty = false;
    for (const TableProvenance& table : run.tables) {
        std::string revisions;
        for (const std::string& r : table.revisions) {
            revisions += (revisions.empty() ? "" : ", ") + r;
            dirty = dirty || r.ends_with("-dirty") || r == "unknown";
        }
        rows.push_back({table.name + ".csv", std::to_string(table.runs), revisions, format_duration(table.compute_seconds)});
    }
    std::string text = "### Provenance\n\n" +
                       markdown_table({"table", "runs behind it", "revisions that computed them", "compute time (sum)"},
                                      rows) + "\n";
    if (run.allow_dirty || dirty)
        text += "**Computed from uncommitted code** (" +
                std::string(run.allow_dirty ? "written with --allow-dirty" : "a run's revision is dirty") +
                "): these results cannot be traced to a commit.\n\n";
    return text;
}

std::string environment_section(const RunSummary& run) {
    return "### Environment\n\n" +
           markdown_table({"item", "value"},
                          {{"profile", run.profile},
                           {"seeds", run.seeds},
                           {"merged by revision", run.git_revision},
                           {"compiler", run.compiler},
                           {"CPU", run.cpu + " (" + std::to_string(run.hardware_threads) + " hardware threads)"},
                           {"threads used", std::to_string(run.threads)},
                           {"SIMD kernels", run.simd},
                           {"last invocation", format_duration(run.wall_seconds) + " wall time"}}) +
           "\n";
}

std::string paper_section(const PaperReport& paper, const std::string& results_label) {
    std::string text = "## " + paper.title + "\n\n";
    if (paper.run)
        text += "Results: `" + results_label + "/" + paper.paper + "/`, profile " + paper.run->profile + ", seeds " +
                paper.run->seeds + ".\n\n";
    else
        text += "**Not run yet**: run `make reproduce PAPERS=" + paper.paper + "` (no `" + results_label + "/" +
                paper.paper + "/" + paper.paper + ".meta.json`).\n\n";
    return text + checks_section(paper) + figures_section(paper) + paper.analysis + "### Protocol decisions\n\n" +
           paper.protocol +
           (paper.protocol.ends_with('\n') ? "\n" : "\n\n") +
           (paper.run ? provenance_section(*paper.run) + environment_section(*paper.run) : "");
}

}  // namespace

std::string status_text(const CheckOutcome& outcome) {
    const std::string verdict = outcome.verdict == Verdict::fail ? "**" + experiments::to_string(outcome.verdict) + "**"
                                                                 : experiments::to_string(outcome.verdict);
    return outcome.reason.empty() ? verdict : verdict + ": " + outcome.reason;
}

std::string report_markdown(const std::vector<PaperReport>& papers, const std::string& results_label,
                            const std::string& reference_label) {
    std::string text =
        "# Reproduction report\n\n"
        "Written by the `report` program (experiments/report/) from `" + results_label + "/` and `" + reference_label +
        "/`. Every status is the verdict of a paper's reference checks (experiments/<paper>/checks.cpp, for every "
        "paper of experiments/papers.list), the same the regression test of `make test` evaluates. Regenerate with "
        "`make reproduce` (`PROFILE=quick|default|paper`, `PAPERS=natural_quantization,qplr,quantum_patches`).\n\n";
    text += summary_section(papers);
    for (const PaperReport& paper : papers) text += paper_section(paper, results_label);
    while (text.ends_with("\n\n")) text.pop_back();
    return text;
}

}  // namespace qmlr::report
