#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "experiments/common/run_metadata.hpp"
#include "experiments/paper_checks.hpp"
#include "experiments/quantum_patches/profile.hpp"
#include "experiments/quantum_patches/results_format.hpp"
#include "experiments/report/markdown.hpp"
#include "experiments/report/report_writer.hpp"
#include "experiments/report/run_summary.hpp"
#include "support/temp_dir.hpp"
#include "support/xml_check.hpp"

using namespace qmlr;
using namespace qmlr::report;
using qmlr::test::read_file;
using qmlr::test::TempDir;

namespace {

const std::filesystem::path kSource = QMLR_SOURCE_ROOT;

// A small quantum-patches results folder as the program writes it: MNIST and CIFAR-10 under the
// four conditions and two seeds (FGSM and PGD at the headline ε, clean accuracy), CINIC-10 not
// available, and the program's meta file with one finished run.
void write_quantum_patches_results(const std::filesystem::path& dir) {
    namespace qp = qmlr::quantum_patches;
    CsvWriter asr(dir / "asr.csv", qp::asr_columns());
    const char* conditions[] = {"a_clean", "b_fgsm_training", "c_quantum_patches", "d_gaussian_noise"};
    for (const auto& [key, label] : {std::pair{"mnist", "MNIST"}, std::pair{"cifar10", "CIFAR-10"}}) {
        const qp::AsrRowContext context{key, label, 15000, 10000, 15, "default"};
        for (int c = 0; c < 4; ++c)
            for (int seed = 0; seed < 2; ++seed) {
                const double asr_value = 0.9 - 0.1 * c + 0.01 * seed;
                const std::string s = std::to_string(seed);
                asr.add_row(qp::asr_row(context, conditions[c], s, {"none", 0, "clean_accuracy", 0.95}));
                for (const char* attack : {"fgsm", "pgd"})
                    asr.add_row(qp::asr_row(context, conditions[c], s,
                                            {attack, qp::headline_epsilon(key), "asr", asr_value}));
            }
    }
    for (const char* condition : conditions) asr.add_row(qp::not_available_row("cinic10", condition, "default"));
    asr.commit();

    RunOptions options;
    options.seeds = {0, 1};
    options.out = dir;
    const experiments::RunStore store(dir);
    const experiments::RunId run{"mnist-a_clean-seed0", experiments::ConfigHash().add("seed", "0")};
    experiments::StageTimer timer;
    timer.start("training");
    experiments::write_run_meta(store, run, timer);
    experiments::ProgramMeta meta("quantum_patches", options);
    meta.add_run(store, run);
    meta.add_run(store, {"mnist-a_clean-seed1", experiments::ConfigHash().add("seed", "1")});  // not finished
    meta.write(dir / "quantum_patches.meta.json");
}

ReportPaths paths_in(const TempDir& dir) {
    return {.results = dir / "results", .reference = kSource / "tests/reference",
            .protocols = kSource / "experiments", .out = dir / "out"};
}

}  // namespace

TEST_CASE("markdown cells escape pipes and line breaks; tables check their width") {
    CHECK(markdown_cell("|ASR(b) − ASR(c)|") == "\\|ASR(b) − ASR(c)\\|");
    CHECK(markdown_cell("two\nlines") == "two lines");
    CHECK(markdown_table({"id", "status"}, {{"C1", "a|b"}}) == "| id | status |\n|---|---|\n| C1 | a\\|b |\n");
    CHECK_THROWS_AS(markdown_table({"id", "status"}, {{"C1"}}), Error);
}

TEST_CASE("status_text prints the registry's verdict and reason, a FAIL in bold") {
    experiments::CheckOutcome outcome;
    outcome.verdict = experiments::Verdict::fail;
    outcome.reason = "outside tolerance";
    CHECK(status_text(outcome) == "**FAIL**: outside tolerance");
    outcome.verdict = experiments::Verdict::known_deviation;
    CHECK(status_text(outcome) == "known deviation: outside tolerance");
    outcome.verdict = experiments::Verdict::match;
    outcome.reason = "";
    CHECK(status_text(outcome) == "match");
}

TEST_CASE("the run summary reads the environment, seeds and times of a meta file") {
    TempDir dir;
    write_quantum_patches_results(dir / "results/quantum_patches");
    const auto summary = read_run_summary(dir / "results/quantum_patches/quantum_patches.meta.json");
    REQUIRE(summary);
    CHECK(summary->profile == "default");
    CHECK(summary->seeds == "0, 1");
    CHECK(summary->runs == 2);
    CHECK(summary->unfinished_runs == 1);
    CHECK(summary->threads >= 1);
    CHECK_FALSE(summary->compiler.empty());
    CHECK_FALSE(read_run_summary(dir / "absent.meta.json"));
    test::write_file(dir / "broken.meta.json", "{\"environment\": {}}");
    CHECK_THROWS_WITH(read_run_summary(dir / "broken.meta.json"), doctest::Contains("git_revision"));
    CHECK(format_duration(42) == "42 s");
    CHECK(format_duration(750) == "12.5 min");
    CHECK(format_duration(3 * 3600) == "3.0 h");
}

TEST_CASE("the report lists every reference row of every paper with the registry's verdict") {
    TempDir dir;
    write_quantum_patches_results(dir / "results/quantum_patches");
    test::write_file(dir / "results/quantum_patches/patches_preview_cifar10.png", "png bytes");
    test::write_file(dir / "out/figures/stale.svg", "<svg/>");
    const ReportPaths paths = paths_in(dir);
    const auto written = write_report(paths);
    const std::string report = read_file(dir / "out/REPORT.md");
    REQUIRE(written.back() == dir / "out/REPORT.md");

    for (const experiments::PaperChecks& paper : experiments::all_paper_checks()) {
        CAPTURE(paper.paper);
        const experiments::ReferenceTable reference(paths.reference / (paper.paper + ".csv"));
        const auto outcomes = paper.evaluate(paths.results / paper.paper, reference);
        REQUIRE(outcomes.size() == reference.size());
        CHECK(report.find("## " + paper.title + "\n") != std::string::npos);
        for (const auto& outcome : outcomes) {
            CAPTURE(outcome.id);
            CHECK(report.find("| " + markdown_cell(outcome.id) + " | ") != std::string::npos);
            CHECK(report.find(" | " + markdown_cell(status_text(outcome)) + " |\n") != std::string::npos);
        }
    }
    CHECK(report.find("**Not run yet**: run `make reproduce PAPERS=qplr`") != std::string::npos);
    CHECK(report.find("**Not run yet**: run `make reproduce PAPERS=natural_quantization`") != std::string::npos);
    CHECK(report.find("PAPERS=quantum_patches`") == std::string::npos);
    CHECK(report.find("| seeds | 0, 1 |") != std::string::npos);
    CHECK(report.find("1 runs unfinished") != std::string::npos);

    // Figures: the quantum-patches ones only, every condition a series; the stale one removed.
    CHECK_FALSE(std::filesystem::exists(dir / "out/figures/stale.svg"));
    CHECK_FALSE(std::filesystem::exists(dir / "out/figures/qplr_accuracy_mnist.svg"));
    const std::string fgsm = read_file(dir / "out/figures/quantum_patches_asr_fgsm.svg");
    CHECK(test::xml_problem(fgsm) == "");
    for (const char* series : {"(a) no defence", "(b) FGSM training", "(c) quantum patches", "(d) matched noise",
                               "paper: (a) no defence", "paper: (c) quantum patches"})
        CHECK(fgsm.find(std::string("<!-- series: ") + series + " -->") != std::string::npos);
    CHECK(report.find("![quantum_patches_asr_fgsm.svg](figures/quantum_patches_asr_fgsm.svg)") != std::string::npos);
    CHECK(written.size() == 3);  // two figures and REPORT.md
    // The program's preview PNGs are linked, not copied; absent ones are left out.
    CHECK(report.find("### Patch previews\n\n![CIFAR-10 patch preview](quantum_patches/patches_preview_cifar10.png)") !=
          std::string::npos);
    CHECK(report.find("patches_preview_mnist.png") == std::string::npos);
}

TEST_CASE("the report is byte-identical for the same inputs") {
    TempDir dir;
    write_quantum_patches_results(dir / "results/quantum_patches");
    write_report(paths_in(dir));
    const std::string first = read_file(dir / "out/REPORT.md");
    const std::string first_figure = read_file(dir / "out/figures/quantum_patches_asr_pgd.svg");
    write_report(paths_in(dir));
    CHECK(read_file(dir / "out/REPORT.md") == first);
    CHECK(read_file(dir / "out/figures/quantum_patches_asr_pgd.svg") == first_figure);
}
