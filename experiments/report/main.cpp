// The `report` program: results/REPORT.md and results/figures/*.svg from the results folders,
// the reference tables and the papers' protocol notes (see report_writer.hpp).
//   report [--results DIR] [--reference DIR] [--protocols DIR] [--out DIR]
#include <iostream>

#include "core/cli.hpp"
#include "experiments/common/program_main.hpp"
#include "experiments/report/report_writer.hpp"

namespace {

int run(int argc, const char* const* argv) {
    qmlr::Cli cli("report", "Write REPORT.md and the figures from the results and the papers' reference values.");
    cli.add_option("results", "DIR", "results folder (one subfolder per paper)", "results");
    cli.add_option("reference", "DIR", "reference folder (<paper>.csv per paper)", "tests/reference");
    cli.add_option("protocols", "DIR", "folder with <paper>/protocol.md per paper", "experiments");
    cli.add_option("out", "DIR", "where REPORT.md and figures/ go", "results");
    if (!cli.parse(argc, argv, std::cout)) return 0;
    const auto written = qmlr::report::write_report({.results = cli.value("results"),
                                                     .reference = cli.value("reference"),
                                                     .protocols = cli.value("protocols"),
                                                     .out = cli.value("out")});
    std::cout << "report: wrote " << written.size() - 1 << " figures and " << written.back().string() << '\n';
    return 0;
}

}  // namespace

int main(int argc, char** argv) { return qmlr::experiments::run_program("report", argc, argv, run); }
