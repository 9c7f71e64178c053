// QPLR's reference checks on small generated results folders: match, fail, known deviation, not
// run (absent table, absent dataset, reduced-size runs only) and a FAIL for a row whose keys match
// nothing; and the committed reference table holds exactly the implemented checks.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <string>

#include "experiments/qplr/checks.hpp"
#include "experiments/qplr/tables.hpp"
#include "support/temp_dir.hpp"

using namespace qmlr;
using experiments::Verdict;

namespace {

const char* kReferenceHeader = "id,source,description,paper_value,tolerance,known_deviation,kind,dataset,method,sigma,rotation\n";
const char* kRobustnessHeader =
    "dataset,method,sigma,rotation,clipped,seed,train_size,test_size,student_epochs,metric,value,unit\n";

std::string accuracy_row(const std::string& method, const std::string& sigma, const std::string& rotation,
                         int seed, double value, const std::string& train_size = "60000") {
    return "mnist," + method + "," + sigma + "," + rotation + ",no," + std::to_string(seed) + "," + train_size +
           ",10000,20,accuracy," + std::to_string(value) + ",percent\n";
}

// tests/reference/qplr.csv: meson sets QMLR_DATA_DIR to <project>/data; else from the project root.
std::filesystem::path reference_csv() {
    const char* data = std::getenv("QMLR_DATA_DIR");
    const std::filesystem::path root = data != nullptr ? std::filesystem::path(data).parent_path() : ".";
    return root / "tests" / "reference" / "qplr.csv";
}

const experiments::CheckOutcome& outcome_of(const std::vector<experiments::CheckOutcome>& outcomes,
                                            const std::string& id) {
    const auto it = std::find_if(outcomes.begin(), outcomes.end(), [&](const auto& o) { return o.id == id; });
    REQUIRE(it != outcomes.end());
    return *it;
}

}  // namespace

TEST_CASE("qplr checks: match, fail, known deviation, not run and unmatched rows on a generated results folder") {
    test::TempDir dir;
    test::write_file(dir / "qplr.csv",
                     std::string(kReferenceHeader) +
                         "c_match,T1,M1 0.1,99.14,0.5,,cell,mnist,M1,0.1,0\n"
                         "c_fail,T1,M2 0.1,99.30,0.5,,cell,mnist,M2,0.1,0\n"
                         "c_dev,T1,M3 0.1,97.87,1.0,teacher weaker than the paper's,cell,mnist,M3,0.1,0\n"
                         "c_stale,T1,M1 0.1 marked,99.14,0.5,no longer true,cell,mnist,M1,0.1,0\n"
                         "c_reduced,T1,M4 0.1,97.95,1.0,,cell,mnist,M4,0.1,0\n"
                         "c_typo,T1,M1 0.25,99.14,0.5,a deviation does not excuse a typo,cell,mnist,M1,0.25,0\n"
                         "c_fashion,T3,M1 0.1,84.55,3,,cell,fashion_mnist,M1,0.1,0\n"
                         "c_bad_dataset,T1,M1 0.1,99.14,0.5,,cell,MNIST,M1,0.1,0\n"
                         "teacher_mnist,ID,teacher,97.00,1.5,,teacher,mnist,,,\n"
                         "O6,S3.4,headline gaps,+32.45 / +50.36,>= 20 pp,,ordering,,,,\n");
    const experiments::ReferenceTable reference(dir / "qplr.csv");
    test::write_file(dir / "results" / "robustness.csv",
                     std::string(kRobustnessHeader) + accuracy_row("M1", "0.1", "0", 0, 99.0) +
                         accuracy_row("M1", "0.1", "0", 1, 99.2) + accuracy_row("M2", "0.1", "0", 0, 97.0) +
                         accuracy_row("M3", "0.1", "0", 0, 90.0) + accuracy_row("M3", "0.5", "0", 0, 70.0) +
                         accuracy_row("M1", "0.5", "0", 0, 40.0) + accuracy_row("M3", "0.4", "20", 0, 75.0) +
                         accuracy_row("M2", "0.4", "20", 0, 60.0) +
                         accuracy_row("M4", "0.1", "0", 0, 97.9, "2000"));  // a reduced-size row only
    const experiments::ResultsFolder results(qplr::table_schemas(), dir / "results");
    const auto outcomes = qplr::evaluate_checks(results, reference);
    REQUIRE(outcomes.size() == 10);
    CHECK(outcome_of(outcomes, "c_match").verdict == Verdict::match);
    CHECK(outcome_of(outcomes, "c_match").ours == "99.10 ± 0.14 (n=2)");
    CHECK(outcome_of(outcomes, "c_fail").verdict == Verdict::fail);
    CHECK(outcome_of(outcomes, "c_dev").verdict == Verdict::known_deviation);
    CHECK(outcome_of(outcomes, "c_stale").verdict == Verdict::fail);
    CHECK(outcome_of(outcomes, "c_reduced").verdict == Verdict::not_run);
    CHECK(outcome_of(outcomes, "c_reduced").reason.find("reduced") != std::string::npos);
    // A key that matches nothing is a FAIL that names the value the column lacks, never "not run".
    const auto& typo = outcome_of(outcomes, "c_typo");
    CHECK(typo.verdict == Verdict::fail);
    CHECK(typo.reason.find("sigma") != std::string::npos);
    CHECK(typo.reason.find("0.25") != std::string::npos);
    // A dataset that was not run is absent from the tables: not run, with the cause.
    CHECK(outcome_of(outcomes, "c_fashion").verdict == Verdict::not_run);
    CHECK(outcome_of(outcomes, "c_fashion").reason.find("fashion_mnist") != std::string::npos);
    // A dataset value the table does not accept (the old "MNIST" spelling) is a FAIL naming it.
    CHECK(outcome_of(outcomes, "c_bad_dataset").verdict == Verdict::fail);
    CHECK(outcome_of(outcomes, "c_bad_dataset").reason.find("MNIST") != std::string::npos);
    CHECK(outcome_of(outcomes, "teacher_mnist").verdict == Verdict::not_run);  // teacher.csv is absent
    CHECK(outcome_of(outcomes, "O6").verdict == Verdict::fail);  // M3 − M2 at σ 0.4 + 20° is only +15
}

TEST_CASE("qplr checks: absent results make every committed reference row not run, with the command") {
    test::TempDir dir;
    const experiments::ReferenceTable reference(reference_csv());
    const experiments::ResultsFolder results(qplr::table_schemas(), dir.path());
    const auto outcomes = qplr::evaluate_checks(results, reference);
    REQUIRE(outcomes.size() == reference.size());
    for (const auto& o : outcomes) {
        CHECK(o.verdict == Verdict::not_run);
        CHECK(o.reason.find("make reproduce PAPERS=qplr") != std::string::npos);
    }
}

TEST_CASE("qplr checks: the committed reference table holds exactly the implemented checks") {
    const experiments::ReferenceTable reference(reference_csv());
    std::vector<std::string> in_file, implemented = qplr::check_ids(reference);
    for (std::size_t i = 0; i < reference.size(); ++i) in_file.push_back(reference.row(i).id());
    std::sort(in_file.begin(), in_file.end());
    std::sort(implemented.begin(), implemented.end());
    CHECK(in_file == implemented);
    CHECK(implemented.size() == 88);
}
