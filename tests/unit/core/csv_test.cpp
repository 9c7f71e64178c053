#include <doctest/doctest.h>

#include <filesystem>
#include <limits>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "support/temp_dir.hpp"

using qmlr::test::read_file;
using qmlr::test::TempDir;

TEST_CASE("format_number prints the shortest text that reads back exactly") {
    CHECK(qmlr::format_number(0.1) == "0.1");
    CHECK(qmlr::format_number(1.0 / 3.0) == "0.3333333333333333");
    CHECK(qmlr::format_number(97.0) == "97");
    CHECK(qmlr::format_number(-2.5e-10) == "-2.5e-10");
    CHECK(qmlr::format_number(std::numeric_limits<double>::quiet_NaN()) == "nan");
    CHECK(qmlr::format_number(-std::numeric_limits<double>::infinity()) == "-inf");
    const double x = 0.8893000000000001;
    CHECK(std::stod(qmlr::format_number(x)) == x);
}

TEST_CASE("a committed CSV has the header, quoted fields and reads back the same") {
    TempDir dir;
    const auto path = dir / "results/table.csv";
    {
        qmlr::CsvWriter csv(path, {"method", "condition", "value"});
        csv.add_row({"M1", "sigma=0.1, clipped", qmlr::format_number(0.25)});
        csv.add_row({"say \"hi\"", "line\nbreak", "1"});
        csv.commit();
    }
    CHECK(read_file(path) ==
          "method,condition,value\n"
          "M1,\"sigma=0.1, clipped\",0.25\n"
          "\"say \"\"hi\"\"\",\"line\nbreak\",1\n");
    const auto table = qmlr::read_csv(path);
    CHECK(table.row_count() == 2);
    CHECK(table.at(0, "condition") == "sigma=0.1, clipped");
    CHECK(table.at(1, "method") == "say \"hi\"");
    CHECK(table.at(1, "condition") == "line\nbreak");
    CHECK_THROWS_WITH_AS(table.column("seed"),
                         doctest::Contains("expected a column 'seed', found only: method, condition, value"),
                         qmlr::Error);
}

TEST_CASE("an uncommitted CSV leaves no file, and an old file stays intact") {
    TempDir dir;
    const auto path = dir / "table.csv";
    qmlr::test::write_file(path, "old,content\n");
    {
        qmlr::CsvWriter csv(path, {"a", "b"});
        csv.add_row({"1", "2"});
        // no commit: as if the program failed half-way
    }
    CHECK(read_file(path) == "old,content\n");
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                        std::filesystem::directory_iterator()) == 1);  // no temp file left
}

TEST_CASE("a row with the wrong field count is rejected") {
    TempDir dir;
    qmlr::CsvWriter csv(dir / "t.csv", {"a", "b"});
    CHECK_THROWS_WITH_AS(csv.add_row({"1"}), doctest::Contains("a row needs 2 fields (one per column), got 1"),
                         qmlr::Error);
}

TEST_CASE("parse_csv reports ragged rows, unclosed quotes and empty files") {
    CHECK_THROWS_WITH_AS(qmlr::parse_csv("a,b\n1,2\n3\n", "x.csv"),
                         "x.csv: data row 2 has 1 fields, the header has 2", qmlr::Error);
    CHECK_THROWS_WITH_AS(qmlr::parse_csv("a,b\n\"1,2\n", "x.csv"),
                         doctest::Contains("never closes"), qmlr::Error);
    CHECK_THROWS_WITH_AS(qmlr::parse_csv("", "x.csv"), doctest::Contains("empty file"), qmlr::Error);
    CHECK_THROWS_WITH_AS(qmlr::read_csv("/nonexistent/x.csv"), doctest::Contains("cannot open /nonexistent/x.csv"),
                         qmlr::Error);
    // CRLF line ends and a missing final newline are accepted.
    const auto table = qmlr::parse_csv("a,b\r\n1,2\r\n3,4", "crlf.csv");
    CHECK(table.row_count() == 2);
    CHECK(table.at(1, "b") == "4");
}
