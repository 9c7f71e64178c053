#include <doctest/doctest.h>

#include "core/error.hpp"
#include "experiments/common/table_schema.hpp"

using namespace qmlr;
using namespace qmlr::experiments;

namespace {

const TableSchema& robustness() {
    static const TableSchema t{
        .name = "robustness",
        .help = "accuracy under noise",
        .keys = {{"dataset", ColumnType::text, "dataset key", {"mnist", "fashion_mnist"}},
                 {"sigma", ColumnType::real, "noise σ", {}},
                 {"seed", ColumnType::integer, "seed", {}}},
        .metrics = {{"accuracy", "percent", "clean accuracy"}, {"nll", "nats", "negative log-likelihood"}}};
    return t;
}

std::string sample_csv() {
    TableRows rows(robustness());
    rows.add({text_field("mnist"), 0.1, std::int64_t{0}}, "accuracy", 98.5);
    rows.add({text_field("mnist"), 0.1, std::int64_t{1}}, "accuracy", 97.5);
    rows.add({text_field("mnist"), 0.2, std::int64_t{0}}, "accuracy", 90.0);
    rows.add({text_field("mnist"), 0.1, std::int64_t{0}}, "nll", 0.05);
    return rows.csv();
}

}  // namespace

TEST_CASE("table rows carry the declared columns and each metric's unit") {
    const std::string csv = sample_csv();
    CHECK(csv.substr(0, csv.find('\n')) == "dataset,sigma,seed,metric,value,unit");
    CHECK(csv.find("mnist,0.1,0,nll,0.05,nats\n") != std::string::npos);
    TableRows rows(robustness());
    CHECK_THROWS_WITH_AS(rows.add({text_field("cifar10"), 0.1, std::int64_t{0}}, "accuracy", 1),
                         doctest::Contains("expected one of {mnist, fashion_mnist}"), Error);
    CHECK_THROWS_WITH_AS(rows.add({text_field("mnist"), std::int64_t{1}, std::int64_t{0}}, "accuracy", 1),
                         doctest::Contains("column sigma holds numbers"), Error);
    CHECK_THROWS_WITH_AS(rows.add({text_field("mnist"), 0.1, std::int64_t{0}}, "ece", 1),
                         doctest::Contains("metric 'ece' is not declared"), Error);
}

TEST_CASE("result tables select by typed filters; a filter that matches nothing is explained") {
    const ResultTable table(robustness(), sample_csv(), "robustness.csv");
    CHECK(table.values({{"sigma", 0.1}, {"metric", text_field("accuracy")}}) == std::vector<double>{98.5, 97.5});
    CHECK(table.values({{"sigma", 0.25}}).empty());
    CHECK(table.explain_no_match({{"dataset", text_field("mnist")}, {"sigma", 0.25}}) ==
          "robustness.csv: no row has sigma = 0.25 among the rows with dataset = mnist; sigma holds 0.1, 0.2");
    CHECK(table.explain_no_match({{"sigma", 0.1}}).empty());
    // A misspelt column or value is an error, never an empty selection.
    CHECK_THROWS_WITH_AS(table.values({{"sigmaa", 0.1}}), doctest::Contains("not a key column"), Error);
    CHECK_THROWS_WITH_AS(table.values({{"dataset", text_field("MNIST")}}), doctest::Contains("expected one of"), Error);
    CHECK_THROWS_WITH_AS(table.values({{"seed", 0.0}}), doctest::Contains("holds integers"), Error);
    CHECK(table.distinct("sigma") == std::vector<std::string>{"0.1", "0.2"});
}

TEST_CASE("a table is parsed completely against its declaration") {
    const auto parse = [](const std::string& csv) { ResultTable(robustness(), csv, "t.csv"); };
    CHECK_NOTHROW(parse(sample_csv()));
    CHECK_THROWS_WITH_AS(parse("dataset,sigma,seed,metric,value\n"), doctest::Contains("the header is"), Error);
    CHECK_THROWS_WITH_AS(parse("dataset,sigma,seed,metric,value,unit\nmnist,0.1,0,accuracy,high,percent\n"),
                         doctest::Contains("t.csv row 2 column value: expected a number"), Error);
    CHECK_THROWS_WITH_AS(parse("dataset,sigma,seed,metric,value,unit\nmnist,0.1,0.5,accuracy,1,percent\n"),
                         doctest::Contains("column seed: expected an integer"), Error);
    CHECK_THROWS_WITH_AS(parse("dataset,sigma,seed,metric,value,unit\nmnist,0.1,0,accuracy,1,fraction\n"),
                         doctest::Contains("declared in percent"), Error);
    CHECK_THROWS_WITH_AS(parse("dataset,sigma,seed,metric,value,unit\nmnist,0.1,0,brier,1,1\n"),
                         doctest::Contains("metric 'brier' is not declared"), Error);
}
