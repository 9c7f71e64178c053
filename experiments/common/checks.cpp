#include "experiments/common/checks.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <set>

#include "core/error.hpp"

namespace qmlr::experiments {

namespace {

bool parse_double(const std::string& text, double& value) {
    const char* end = text.data() + text.size();
    const auto result = std::from_chars(text.data(), end, value);
    return result.ec == std::errc() && result.ptr == end;
}

}  // namespace

std::string to_string(Verdict verdict) {
    switch (verdict) {
        case Verdict::match: return "match";
        case Verdict::known_deviation: return "known deviation";
        case Verdict::not_run: return "not run";
        case Verdict::fail: return "FAIL";
    }
    return "?";
}

double ReferenceRow::number(std::string_view column) const {
    double value = 0;
    if (!parse_double(text(column), value))
        throw Error("reference check '" + id() + "': column '" + std::string(column) +
                    "' should hold a number, found '" + text(column) + "'");
    return value;
}

ReferenceTable::ReferenceTable(const std::filesystem::path& path)
    : table_(read_csv(path)), source_(path.string()) {
    for (const char* column : {"id", "source", "description", "paper_value", "tolerance", "known_deviation"})
        table_.column(column);  // throws, naming the file and its columns, when one is missing
    std::set<std::string> ids;
    for (std::size_t i = 0; i < table_.row_count(); ++i)
        require(ids.insert(table_.at(i, "id")).second,
                source_ + ": check id '" + table_.at(i, "id") + "' appears twice; ids must be unique");
}

ReferenceRow ReferenceTable::find(std::string_view id) const {
    for (std::size_t i = 0; i < table_.row_count(); ++i)
        if (table_.at(i, "id") == id) return row(i);
    throw Error(source_ + ": no reference check with id '" + std::string(id) + "'");
}

namespace {

CheckOutcome outcome_for(const ReferenceRow& row) {
    CheckOutcome outcome;
    outcome.id = row.id();
    outcome.source = row.text("source");
    outcome.description = row.text("description");
    outcome.paper = row.text("paper_value");
    outcome.tolerance = row.text("tolerance");
    return outcome;
}

}  // namespace

CheckOutcome judge(const ReferenceRow& row, bool holds, std::string ours, std::string detail) {
    CheckOutcome outcome = outcome_for(row);
    outcome.ours = std::move(ours);
    const std::string& deviation = row.text("known_deviation");
    if (deviation.empty()) {
        outcome.verdict = holds ? Verdict::match : Verdict::fail;
        outcome.reason = holds ? std::move(detail) : (detail.empty() ? "outside tolerance" : detail);
    } else if (!holds) {
        outcome.verdict = Verdict::known_deviation;
        outcome.reason = deviation;
    } else {
        outcome.verdict = Verdict::fail;
        outcome.reason = "stale known_deviation: the check now holds; remove the mark (" + deviation + ")";
    }
    return outcome;
}

CheckOutcome not_run(const ReferenceRow& row, std::string reason) {
    CheckOutcome outcome = outcome_for(row);
    outcome.ours = "—";
    outcome.verdict = Verdict::not_run;
    outcome.reason = std::move(reason);
    return outcome;
}

CheckOutcome failed(const ReferenceRow& row, std::string reason) {
    CheckOutcome outcome = outcome_for(row);
    outcome.ours = "—";
    outcome.verdict = Verdict::fail;
    outcome.reason = std::move(reason);
    return outcome;
}

std::vector<CheckOutcome> all_not_run(const ReferenceTable& reference, const std::string& reason) {
    std::vector<CheckOutcome> outcomes;
    for (std::size_t i = 0; i < reference.size(); ++i) outcomes.push_back(not_run(reference.row(i), reason));
    return outcomes;
}

SeedSummary summarize(const std::vector<double>& values) {
    SeedSummary summary;
    summary.n = values.size();
    if (values.empty()) return summary;
    for (double v : values) summary.mean += v;
    summary.mean /= static_cast<double>(values.size());
    if (values.size() > 1) {
        double squares = 0;
        for (double v : values) squares += (v - summary.mean) * (v - summary.mean);
        summary.std = std::sqrt(squares / static_cast<double>(values.size() - 1));
    }
    return summary;
}

std::string format_summary(const SeedSummary& summary, int decimals) {
    char buffer[96];
    if (summary.n > 1)
        std::snprintf(buffer, sizeof buffer, "%.*f ± %.*f (n=%zu)", decimals, summary.mean, decimals,
                      summary.std, summary.n);
    else
        std::snprintf(buffer, sizeof buffer, "%.*f (n=%zu)", decimals, summary.mean, summary.n);
    return buffer;
}

}  // namespace qmlr::experiments
