// The regression test: compares the committed results/<paper>/ tables with
// tests/reference/<paper>.csv for every paper of experiments/papers.list, prints one line per
// check and a summary per paper, and fails on any FAIL: an unexplained mismatch, a reference row
// that is missing, renamed or matches no result, or a committed table that does not parse
// completely against its declaration. Known deviations and not-run rows are shown, not failed.
//   regression --results DIR --reference DIR [--paper NAME] [--quiet]
#include <iostream>

#include "core/cli.hpp"
#include "core/error.hpp"
#include "experiments/common/paper.hpp"
#include "experiments/common/program_main.hpp"

using namespace qmlr;
using namespace qmlr::experiments;

namespace {

int run(int argc, const char* const* argv) {
    Cli cli("regression", "Compare committed results with the papers' reference values.");
    cli.add_option("results", "DIR", "results folder (one subfolder per paper)", "results");
    cli.add_option("reference", "DIR", "reference folder (<paper>.csv per paper)", "tests/reference");
    cli.add_option("paper", "NAME", "check only this paper");
    cli.add_flag("quiet", "print only the per-paper summaries and the failures");
    if (!cli.parse(argc, argv, std::cout)) return 0;
    const std::filesystem::path results = cli.value("results"), reference = cli.value("reference");
    if (cli.given("paper")) find_paper(cli.value("paper"));  // an Error listing the papers when unknown

    int failures = 0;
    for (const Paper* paper : all_papers()) {
        if (cli.given("paper") && cli.value("paper") != paper->name) continue;
        const ReferenceTable table(reference / (paper->name + ".csv"));
        const auto outcomes = evaluate_paper(*paper, results / paper->name, table);
        int counts[4] = {0, 0, 0, 0};
        for (const CheckOutcome& outcome : outcomes) {
            ++counts[static_cast<int>(outcome.verdict)];
            if (cli.flag("quiet") && outcome.verdict != Verdict::fail) continue;
            std::cout << "  " << paper->name << " " << outcome.id << "  " << to_string(outcome.verdict) << "  paper "
                      << outcome.paper << " | ours " << outcome.ours << " | tol " << outcome.tolerance
                      << (outcome.reason.empty() ? "" : "  -- " + outcome.reason) << '\n';
        }
        failures += counts[static_cast<int>(Verdict::fail)];
        std::cout << paper->name << ": " << counts[0] << " match, " << counts[1] << " known deviation, " << counts[2]
                  << " not run, " << counts[3] << " FAIL\n";
    }
    return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) { return run_program("regression", argc, argv, run); }
