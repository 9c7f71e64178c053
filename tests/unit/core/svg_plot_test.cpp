#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "core/error.hpp"
#include "core/svg_document.hpp"
#include "core/svg_plot.hpp"
#include "support/xml_check.hpp"

using namespace qmlr;
using qmlr::test::xml_problem;

namespace {

std::size_t count(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

LinePlot accuracy_plot() {
    LinePlot plot({.title = "accuracy <σ> & \"rotation\"", .x_label = "σ", .y_label = "accuracy (%)"});
    plot.add({.label = "M1", .points = {{0.1, 97.5, 0.4}, {0.2, 91.0, 1.5}, {0.3, 80.25, 0}}});
    plot.add({.label = "M3", .points = {{0.1, 96.0, 0.2}, {0.2, 94.0, 0.3}, {0.3, 90.0, 0.6}}});
    plot.add({.label = "M1 (paper)", .points = {{0.1, 99.14}, {0.3, 85.5}}, .connect = false,
              .marker = Marker::diamond, .hollow = true, .color = 0});
    plot.add_reference({.axis = ReferenceAxis::y, .value = 90, .label = "e_b < 90"});
    plot.add_reference({.axis = ReferenceAxis::x, .value = 0.25, .label = "g_c"});
    return plot;
}

}  // namespace

TEST_CASE("xml_escape replaces the five special characters and svg_number is compact") {
    CHECK(xml_escape("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;");
    CHECK(xml_escape("σ = 0.1") == "σ = 0.1");
    CHECK(svg_number(12.5) == "12.5");
    CHECK(svg_number(3.0) == "3");
    CHECK(svg_number(-0.001) == "0");
    CHECK(svg_number(100.0 / 3.0) == "33.33");
    CHECK_THROWS_AS(svg_number(std::nan("")), Error);
}

TEST_CASE("the XML check accepts well-formed text and finds what is not") {
    CHECK(xml_problem("<?xml version=\"1.0\"?>\n<svg a=\"1\"><g><text>x &amp; y</text></g><!-- c --></svg>\n") == "");
    CHECK(xml_problem("<svg><g></svg>") != "");           // crossed tags
    CHECK(xml_problem("<svg><g/>") != "");                // unclosed root
    CHECK(xml_problem("<svg a=1/>") != "");               // unquoted attribute
    CHECK(xml_problem("<svg>a & b</svg>") != "");         // bare ampersand
    CHECK(xml_problem("<svg/><svg/>") != "");             // two roots
    CHECK(xml_problem("<svg><!-- a -- b --></svg>") != "");
    CHECK(xml_problem("<svg a=\"<\"/>") != "");
}

TEST_CASE("a line plot is well-formed SVG with every series, label and reference line") {
    const std::string svg = accuracy_plot().svg();
    CHECK(xml_problem(svg) == "");
    CHECK(svg.starts_with("<?xml"));
    for (const char* series : {"<!-- series: M1 -->", "<!-- series: M3 -->", "<!-- series: M1 (paper) -->"})
        CHECK(count(svg, series) == 1);
    CHECK(count(svg, "<!-- reference: ") == 2);
    CHECK(svg.find("accuracy &lt;σ&gt; &amp; &quot;rotation&quot;") != std::string::npos);
    CHECK(svg.find(">e_b &lt; 90</text>") != std::string::npos);
    CHECK(svg.find(">M1 (paper)</text>") != std::string::npos);  // the legend
    CHECK(svg.find(">accuracy (%)</text>") != std::string::npos);
    // Two connected series (one path each) and one legend line each; the paper's 2 hollow
    // diamonds plus the legend's one are paths too.
    CHECK(count(svg, "stroke-dasharray") == 2);
    CHECK(count(svg, "<path") == 2 + 3);
    // 5 error bars (3 lines each: the bar and its two caps).
    CHECK(count(svg, "stroke-width=\"1.2\"") == 5 * 3 + 2);
}

TEST_CASE("the same plot gives byte-identical SVG") {
    CHECK(accuracy_plot().svg() == accuracy_plot().svg());
}

TEST_CASE("the y axis covers error bars, reference lines and requested limits") {
    LinePlot plot({.title = "t", .x_label = "x", .y_label = "y"});
    plot.add({.label = "s", .points = {{0, 10, 5}, {1, 20, 0}}});
    plot.set_y_limits({.min = std::nullopt, .max = 100.0});
    const std::string svg = plot.svg();
    CHECK(svg.find(">100</text>") != std::string::npos);  // the requested top
    CHECK(svg.find(">0</text>") != std::string::npos);    // 10 − 5 needs the 0 tick
}

TEST_CASE("a bar chart has its bars, marks, n/a for missing values and a legend") {
    BarChart chart({.title = "ASR", .x_label = "dataset", .y_label = "ASR (%)"}, {"MNIST", "CIFAR-10", "CINIC-10"});
    chart.add({.label = "(a) clean", .values = {30, 90, std::nan("")}, .errors = {2, 1, 0}});
    chart.add({.label = "(c) patches", .values = {20, 0, std::nan("")}, .errors = {}});
    chart.add({.label = "paper (a)", .bar_series = 0, .values = {std::nan(""), 89.8, 94.23}});
    chart.add_reference(50, "half");
    const std::string svg = chart.svg();
    CHECK(xml_problem(svg) == "");
    for (const char* series : {"<!-- series: (a) clean -->", "<!-- series: (c) patches -->", "<!-- series: paper (a) -->"})
        CHECK(count(svg, series) == 1);
    CHECK(count(svg, ">n/a</text>") == 2);
    CHECK(svg.find(">CINIC-10</text>") != std::string::npos);
    CHECK(svg.find(">half</text>") != std::string::npos);
    // 4 bars (the zero bar keeps a sliver), 2 legend swatches, the background and the border.
    CHECK(count(svg, "<rect") == 4 + 2 + 2);
}

TEST_CASE("plots refuse what they cannot draw") {
    CHECK_THROWS_AS(LinePlot({.title = "empty"}).svg(), Error);
    LinePlot bad({.title = "bad"});
    bad.add({.label = "s", .points = {{0, std::nan("")}}});
    CHECK_THROWS_AS(bad.svg(), Error);
    BarChart marks_without_bars({.title = "b"}, {"x"});
    marks_without_bars.add(BarSeries{.label = "bars", .values = {1}});
    marks_without_bars.add(BarMarks{.label = "marks", .bar_series = 3, .values = {1}});
    CHECK_THROWS_AS(marks_without_bars.svg(), Error);
    CHECK_THROWS_AS(BarChart({.title = "no categories"}, {}).svg(), Error);
}
