#include <doctest/doctest.h>

#include <algorithm>

#include "core/error.hpp"
#include "experiments/common/paper.hpp"
#include "support/temp_dir.hpp"

using namespace qmlr;
using namespace qmlr::experiments;

namespace {

const std::vector<TableSchema>& toy_tables() {
    static const std::vector<TableSchema> t{{.name = "scores",
                                             .help = "scores",
                                             .keys = {{"method", ColumnType::text, "method", {"A", "B"}}},
                                             .metrics = {{"accuracy", "percent", "accuracy"}}}};
    return t;
}

// A paper with checks c1 and c2: each compares the mean accuracy of its method with paper_value.
Paper toy_paper() {
    Paper paper;
    paper.name = "toy";
    paper.tables = []() -> const std::vector<TableSchema>& { return toy_tables(); };
    paper.check_ids = [](const ReferenceTable&) { return std::vector<std::string>{"c1", "c2"}; };
    paper.checks = [](const ResultsFolder& results, const ReferenceTable& reference) {
        std::vector<CheckOutcome> outcomes;
        for (std::size_t i = 0; i < reference.size(); ++i) {
            const ReferenceRow row = reference.row(i);
            const ResultTable* table = results.table("scores");
            if (table == nullptr) {
                outcomes.push_back(not_run(row, "no results"));
                continue;
            }
            const ResultTable::Filter where = {{"method", text_field(row.text("method"))}};
            const auto values = table->values(where);
            if (values.empty()) {
                outcomes.push_back(failed(row, table->explain_no_match(where)));
                continue;
            }
            outcomes.push_back(judge(row, std::abs(values[0] - row.number("paper_value")) <= row.number("tolerance"),
                                     std::to_string(values[0])));
        }
        return outcomes;
    };
    return paper;
}

const char* kHeader = "id,source,description,paper_value,tolerance,known_deviation,method\n";

std::vector<CheckOutcome> evaluate(const test::TempDir& dir, const std::string& reference_rows) {
    test::write_file(dir / "toy.csv", kHeader + reference_rows);
    return evaluate_paper(toy_paper(), dir / "results", ReferenceTable(dir / "toy.csv"));
}

const CheckOutcome& outcome(const std::vector<CheckOutcome>& outcomes, const std::string& id) {
    const auto it = std::find_if(outcomes.begin(), outcomes.end(), [&](const CheckOutcome& o) { return o.id == id; });
    REQUIRE(it != outcomes.end());
    return *it;
}

}  // namespace

TEST_CASE("regression without blind spots: missing, renamed and unmatched reference rows are FAILs") {
    test::TempDir dir;
    test::write_file(dir / "results/scores.csv", "method,metric,value,unit\nA,accuracy,90,percent\nB,accuracy,80,percent\n");
    const std::string c1 = "c1,T1,A,90,1,,A\n", c2 = "c2,T1,B,80,1,,B\n";

    auto outcomes = evaluate(dir, c1 + c2);
    CHECK(outcome(outcomes, "c1").verdict == Verdict::match);
    CHECK(outcome(outcomes, "c2").verdict == Verdict::match);

    outcomes = evaluate(dir, c1);  // c2 deleted
    CHECK(outcome(outcomes, "c2").verdict == Verdict::fail);
    CHECK(outcome(outcomes, "c2").reason.find("has no row 'c2'") != std::string::npos);

    outcomes = evaluate(dir, c1 + "c2x,T1,B,80,1,,B\n");  // c2 renamed
    CHECK(outcome(outcomes, "c2x").verdict == Verdict::fail);
    CHECK(outcome(outcomes, "c2x").reason.find("no check of toy implements") != std::string::npos);
    CHECK(outcome(outcomes, "c2").verdict == Verdict::fail);

    // A key that matches no result is a FAIL that says why, even on a known-deviation row.
    CHECK_THROWS_AS(evaluate(dir, c1 + "c2,T1,B,80,1,deviates,C\n"), Error);  // C is not a declared method
    test::write_file(dir / "results/scores.csv", "method,metric,value,unit\nA,accuracy,90,percent\n");
    outcomes = evaluate(dir, c1 + "c2,T1,B,80,1,deviates,B\n");
    CHECK(outcome(outcomes, "c2").verdict == Verdict::fail);
    CHECK(outcome(outcomes, "c2").reason.find("no row has method = B") != std::string::npos);
}

TEST_CASE("results folders: every table is parsed, and a stray CSV is an error") {
    test::TempDir dir;
    test::write_file(dir / "results/scores.csv", "method,metric,value,unit\nA,accuracy,ninety,percent\n");
    CHECK_THROWS_WITH_AS(ResultsFolder(toy_tables(), dir / "results"), doctest::Contains("row 2 column value"), Error);
    test::write_file(dir / "results/scores.csv", "method,metric,value,unit\nA,accuracy,90,percent\n");
    test::write_file(dir / "results/extra.csv", "x\n1\n");
    CHECK_THROWS_WITH_AS(ResultsFolder(toy_tables(), dir / "results"), doctest::Contains("not a declared table"), Error);
}
