#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <tuple>

#include "core/error.hpp"
#include "experiments/common/markdown.hpp"
#include "experiments/common/paper.hpp"
#include "experiments/quantum_patches/tables.hpp"
#include "experiments/report/report_writer.hpp"
#include "experiments/report/run_summary.hpp"
#include "support/temp_dir.hpp"
#include "support/xml_check.hpp"

using namespace qmlr;
using namespace qmlr::report;
using qmlr::experiments::markdown_cell;
using qmlr::experiments::markdown_table;
using qmlr::experiments::TableRows;
using qmlr::experiments::text_field;
using qmlr::test::read_file;
using qmlr::test::TempDir;

namespace {

const std::filesystem::path kSource = QMLR_SOURCE_ROOT;

const experiments::TableSchema& qp_table(const char* name) {
    for (const auto& schema : quantum_patches::table_schemas())
        if (schema.name == name) return schema;
    throw Error(std::string("no table ") + name);
}

void write_table(const std::filesystem::path& path, const TableRows& rows) { test::write_file(path, rows.csv()); }

// A small quantum-patches results folder as the program publishes it: MNIST and CIFAR-10 (the
// JPEG copy) under the four conditions and two seeds (FGSM and PGD at the headline ε, clean
// accuracy), CINIC-10 not available, and a meta file whose tables come from two revisions.
void write_quantum_patches_results(const std::filesystem::path& dir) {
    TableRows asr(qp_table(quantum_patches::kAsrTable)), datasets(qp_table(quantum_patches::kDatasetsTable));
    const char* conditions[] = {"a_clean", "b_fgsm_training", "c_quantum_patches", "d_gaussian_noise"};
    for (const auto& [key, source, epsilon] : {std::tuple{"mnist", "MNIST", 0.1},
                                               std::tuple{"cifar10", "CIFAR-10 (JPEG q75 copy)", 8.0 / 255.0}}) {
        datasets.add({text_field(key), text_field(source)}, "train_images", std::string(key) == "mnist" ? 60000 : 50000);
        for (int c = 0; c < 4; ++c)
            for (std::int64_t seed = 0; seed < 2; ++seed) {
                const double asr_value = 90 - 10 * c + seed;
                asr.add({text_field(key), text_field(conditions[c]), seed, text_field("none"), 0.0}, "clean_accuracy", 95);
                for (const char* attack : {"fgsm", "pgd"})
                    asr.add({text_field(key), text_field(conditions[c]), seed, text_field(attack), epsilon}, "asr",
                            asr_value);
            }
    }
    write_table(dir / "asr.csv", asr);
    write_table(dir / "datasets.csv", datasets);
    test::write_file(dir / "quantum_patches.meta.json", R"({
  "program": "quantum_patches",
  "profile": "default",
  "seeds": "0,1",
  "allow_dirty": false,
  "environment": {"git_revision": "abc123", "compiler": "g++ 12", "cpu": "test CPU", "hardware_threads": 2,
                  "threads": 2, "simd": "avx2"},
  "wall_seconds": 12.5,
  "total_compute_seconds": 5400,
  "tables": [{"name": "asr", "runs": 16, "revisions": ["abc123", "def456-dirty"], "compute_seconds": 5400},
             {"name": "datasets", "runs": 2, "revisions": ["abc123"], "compute_seconds": 60}]
})");
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

TEST_CASE("the run summary reads the environment, seeds and per-table provenance of a meta file") {
    TempDir dir;
    write_quantum_patches_results(dir / "results/quantum_patches");
    const auto summary = read_run_summary(dir / "results/quantum_patches/quantum_patches.meta.json");
    REQUIRE(summary);
    CHECK(summary->profile == "default");
    CHECK(summary->seeds == "0, 1");
    CHECK(summary->threads == 2);
    CHECK(summary->compiler == "g++ 12");
    REQUIRE(summary->tables.size() == 2);
    CHECK(summary->tables[0].name == "asr");
    CHECK(summary->tables[0].revisions == std::vector<std::string>{"abc123", "def456-dirty"});
    CHECK(summary->tables[0].compute_seconds == 5400);
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

    for (const experiments::Paper* paper : experiments::all_papers()) {
        CAPTURE(paper->name);
        const experiments::ReferenceTable reference(paths.reference / (paper->name + ".csv"));
        const auto outcomes = experiments::evaluate_paper(*paper, paths.results / paper->name, reference);
        REQUIRE(outcomes.size() == reference.size());
        CHECK(report.find("## " + paper->title + "\n") != std::string::npos);
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
    // Provenance: the revisions behind each table and their compute time; a dirty one is flagged.
    CHECK(report.find("| asr.csv | 16 | abc123, def456-dirty | 90.0 min |") != std::string::npos);
    CHECK(report.find("**Computed from uncommitted code**") != std::string::npos);

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
