#include <doctest/doctest.h>

#include "core/error.hpp"
#include "experiments/common/checks.hpp"
#include "support/temp_dir.hpp"

using namespace qmlr;
using namespace qmlr::experiments;

namespace {

const char* kReference =
    "id,source,description,paper_value,tolerance,known_deviation,method\n"
    "T1,Table 1,clean accuracy,97.0,1.0,,M1\n"
    "T2,Table 2,noisy accuracy,60.0,2.0,\"our M1 is more robust, see sensitivity\",M1\n";

}  // namespace

TEST_CASE("judge: match, failure, known deviation, and a stale deviation mark") {
    test::TempDir dir;
    test::write_file(dir / "reference.csv", kReference);
    const ReferenceTable reference(dir / "reference.csv");
    REQUIRE(reference.size() == 2);
    const ReferenceRow t1 = reference.find("T1"), t2 = reference.find("T2");
    CHECK(t1.number("paper_value") == 97.0);
    CHECK(t2.text("method") == "M1");

    const CheckOutcome match = judge(t1, true, "96.5");
    CHECK(match.verdict == Verdict::match);
    CHECK(match.paper == "97.0");
    CHECK(match.ours == "96.5");
    CHECK(judge(t1, false, "90.0").verdict == Verdict::fail);

    const CheckOutcome deviation = judge(t2, false, "80.0");
    CHECK(deviation.verdict == Verdict::known_deviation);
    CHECK(deviation.reason == "our M1 is more robust, see sensitivity");
    const CheckOutcome stale = judge(t2, true, "60.5");
    CHECK(stale.verdict == Verdict::fail);
    CHECK(stale.reason.find("stale known_deviation") == 0);

    CHECK(not_run(t1, "dataset not available").verdict == Verdict::not_run);
    CHECK(all_not_run(reference, "no results").size() == 2);
    CHECK_THROWS_WITH_AS(reference.find("T9"), doctest::Contains("no reference check with id 'T9'"), Error);
    CHECK_THROWS_WITH_AS(t1.number("method"), doctest::Contains("should hold a number, found 'M1'"), Error);
}

TEST_CASE("a reference table needs its columns and unique ids") {
    test::TempDir dir;
    test::write_file(dir / "missing.csv", "id,source,description,paper_value,tolerance\nA,x,y,1,1\n");
    CHECK_THROWS_WITH_AS(ReferenceTable(dir / "missing.csv"), doctest::Contains("known_deviation"), Error);
    test::write_file(dir / "twice.csv",
                     "id,source,description,paper_value,tolerance,known_deviation\nA,x,y,1,1,\nA,x,y,2,1,\n");
    CHECK_THROWS_WITH_AS(ReferenceTable(dir / "twice.csv"), doctest::Contains("appears twice"), Error);
}

TEST_CASE("seed summaries use the sample standard deviation") {
    const SeedSummary s = summarize({1.0, 2.0, 3.0});
    CHECK(s.mean == doctest::Approx(2.0));
    CHECK(s.std == doctest::Approx(1.0));
    CHECK(s.n == 3);
    CHECK(format_summary(s, 2) == "2.00 ± 1.00 (n=3)");
    CHECK(format_summary(summarize({5.0}), 1) == "5.0 (n=1)");
    CHECK(summarize({}).n == 0);
}
