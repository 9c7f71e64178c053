#pragma once
// The text of REPORT.md from what was gathered for each paper:
//   # Reproduction report             how it was made, how to regenerate it
//   ## Summary                        verdict counts per paper
//   ## <paper title>                  per paper, in registry order:
//     results line (profile, seeds) or "Not run yet: run make reproduce PAPERS=<paper>"
//     ### Reference checks            id | source | check | paper | ours | tolerance | status
//     ### Figures                     ![caption](figures/<file>) and the caption
//     ### …                           the paper's analysis sections, if any
//     ### Protocol decisions          experiments/<paper>/protocol.md
//     ### Provenance                  per table: its runs, their revisions and summed compute time
//     ### Environment                 the merge's build, compiler, CPU, threads, SIMD, wall time
// Statuses are the registry's verdicts word for word (to_string(Verdict)) with their reasons; a
// FAIL is printed in bold, never hidden.
#include <optional>
#include <string>
#include <vector>

#include "experiments/common/checks.hpp"
#include "experiments/common/figure.hpp"
#include "experiments/report/run_summary.hpp"

namespace qmlr::report {

struct PaperReport {
    std::string paper, title;
    std::vector<experiments::CheckOutcome> outcomes;
    std::optional<RunSummary> run;  // absent: the program has not written its meta file
    std::vector<experiments::Figure> figures;
    std::string analysis;           // Markdown sections of the paper's own (e.g. QPLR's sensitivity study)
    std::string protocol;           // Markdown
};

// `results_label` and `reference_label` name the input folders in the text (e.g. "results").
std::string report_markdown(const std::vector<PaperReport>& papers, const std::string& results_label,
                            const std::string& reference_label);

// "match", "known deviation: <reason>", "not run: <reason>", "**FAIL**: <reason>".
std::string status_text(const experiments::CheckOutcome& outcome);

}  // namespace qmlr::report
