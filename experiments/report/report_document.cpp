#include "experiments/report/report_document.hpp"

#include <array>

#include "experiments/report/markdown.hpp"

namespace qmlr::report {

namespace {

using experiments::CheckOutcome;
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
    for (const Figure& figure : paper.figures)
        text += "![" + figure.file + "](figures/" + figure.file + ")\n\n*" + figure.caption + "*\n\n";
    return text;
}

std::string environment_section(const PaperReport& paper) {
    if (!paper.run) return "";
    const RunSummary& run = *paper.run;
    const std::string wall = format_duration(run.wall_seconds) + " (last invocation); " +
                             format_duration(run.computed_seconds) + " (sum of the " +
                             std::to_string(run.runs - run.unfinished_runs) + " finished runs' own times" +
                             (run.unfinished_runs > 0 ? "; " + std::to_string(run.unfinished_runs) + " runs unfinished"
                                                      : "") +
                             ")";
    return "### Environment\n\n" +
           markdown_table({"item", "value"},
                          {{"profile", run.profile},
                           {"seeds", run.seeds},
                           {"git revision", run.git_revision},
                           {"compiler", run.compiler},
                           {"CPU", run.cpu + " (" + std::to_string(run.hardware_threads) + " hardware threads)"},
                           {"threads used", std::to_string(run.threads)},
                           {"SIMD kernels", run.simd},
                           {"wall time", wall}}) +
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
           (paper.protocol.ends_with('\n') ? "\n" : "\n\n") + environment_section(paper);
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
        "/`. Every status is the verdict of the reference checks in experiments/paper_checks.cpp, the list the "
        "regression test of `make test` walks. Regenerate with "
        "`make reproduce` (`PROFILE=quick|default|paper`, `PAPERS=natural_quantization,qplr,quantum_patches`).\n\n";
    text += summary_section(papers);
    for (const PaperReport& paper : papers) text += paper_section(paper, results_label);
    while (text.ends_with("\n\n")) text.pop_back();
    return text;
}

}  // namespace qmlr::report
