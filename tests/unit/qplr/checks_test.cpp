// QPLR's reference checks on small generated results folders: match, fail, known deviation and
// not run (absent results, absent rows, reduced-size runs), and the committed reference table.
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

#include "experiments/qplr/checks.hpp"
#include "support/temp_dir.hpp"

using namespace qmlr;
using experiments::Verdict;

namespace {

const char* kReferenceHeader = "id,source,description,paper_value,tolerance,known_deviation,kind,dataset,method,sigma,rotation\n";
const char* kRobustnessHeader =
    "paper,dataset,method,sigma,rotation,clipped,seed,metric,value,train_size,test_size,student_epochs\n";

std::string accuracy_row(const std::string& method, const std::string& sigma, const std::string& rotation,
                         int seed, double value, const std::string& train_size = "60000") {
    return "qplr,MNIST," + method + "," + sigma + "," + rotation + ",no," + std::to_string(seed) + ",accuracy," +
           std::to_string(value) + "," + train_size + ",10000,20\n";
}

// tests/reference/qplr.csv: meson sets QMLR_DATA_DIR to <project>/data; else from the project root.
std::filesystem::path reference_csv() {
    const char* data = std::getenv("QMLR_DATA_DIR");
    const std::filesystem::path root = data != nullptr ? std::filesystem::path(data).parent_path() : ".";
    return root / "tests" / "reference" / "qplr.csv";
}

Verdict verdict_of(const std::vector<experiments::CheckOutcome>& outcomes, const std::string& id) {
    for (const auto& o : outcomes)
        if (o.id == id) return o.verdict;
    FAIL("no outcome for " << id);
    return Verdict::fail;
}

}  // namespace

TEST_CASE("qplr checks: match, fail, known deviation and not run on a generated results folder") {
    test::TempDir dir;
    test::write_file(dir / "qplr.csv",
                     std::string(kReferenceHeader) +
                         "c_match,T1,M1 0.1,99.14,0.5,,cell,MNIST,M1,0.1,0\n"
                         "c_fail,T1,M2 0.1,99.30,0.5,,cell,MNIST,M2,0.1,0\n"
                         "c_dev,T1,M3 0.1,97.87,1.0,teacher weaker than the paper's,cell,MNIST,M3,0.1,0\n"
                         "c_stale,T1,M1 0.1 marked,99.14,0.5,no longer true,cell,MNIST,M1,0.1,0\n"
                         "c_absent,T1,M4 0.1,97.95,1.0,,cell,MNIST,M4,0.1,0\n"
                         "O6,S3.4,headline gaps,+32.45 / +50.36,>= 20 pp,,ordering,,,,\n");
    const experiments::ReferenceTable reference(dir / "qplr.csv");
    test::write_file(dir / "results" / "robustness.csv",
                     std::string(kRobustnessHeader) + accuracy_row("M1", "0.1", "0", 0, 99.0) +
                         accuracy_row("M1", "0.1", "0", 1, 99.2) + accuracy_row("M2", "0.1", "0", 0, 97.0) +
                         accuracy_row("M3", "0.1", "0", 0, 90.0) + accuracy_row("M3", "0.5", "0", 0, 70.0) +
                         accuracy_row("M1", "0.5", "0", 0, 40.0) + accuracy_row("M3", "0.4", "20", 0, 75.0) +
                         accuracy_row("M2", "0.4", "20", 0, 60.0) +
                         accuracy_row("M4", "0.1", "0", 0, 97.9, "2000"));  // a reduced-size row only
    const auto outcomes = qplr::evaluate_checks(dir / "results", reference);
    REQUIRE(outcomes.size() == 6);
    CHECK(verdict_of(outcomes, "c_match") == Verdict::match);
    CHECK(outcomes[0].ours == "99.10 ± 0.14 (n=2)");
    CHECK(verdict_of(outcomes, "c_fail") == Verdict::fail);
    CHECK(verdict_of(outcomes, "c_dev") == Verdict::known_deviation);
    CHECK(verdict_of(outcomes, "c_stale") == Verdict::fail);
    CHECK(verdict_of(outcomes, "c_absent") == Verdict::not_run);
    CHECK(verdict_of(outcomes, "O6") == Verdict::fail);  // M3 − M2 at σ 0.4 + 20° is only +15
}

TEST_CASE("qplr checks: absent results make every committed reference row not run, with the command") {
    test::TempDir dir;
    const experiments::ReferenceTable reference(reference_csv());
    CHECK(reference.size() >= 80);
    const auto outcomes = qplr::evaluate_checks(dir / "no-results", reference);
    REQUIRE(outcomes.size() == reference.size());
    for (const auto& o : outcomes) {
        CHECK(o.verdict == Verdict::not_run);
        CHECK(o.reason.find("make reproduce PAPERS=qplr") != std::string::npos);
    }
}
