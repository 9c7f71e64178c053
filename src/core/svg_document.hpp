#pragma once
// A minimal SVG writer: shapes and text appended in drawing order, coordinates printed with two
// decimals (so the same drawing gives byte-identical text), every text escaped for XML.
//   SvgDocument svg(720, 440);
//   svg.line(10, 10, 100, 10, {.stroke = "#000000"});
//   svg.text(50, 30, "a < b", {.anchor = TextAnchor::middle});
//   std::string text = svg.str();   // "<?xml ...?><svg ...>...</svg>\n"
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qmlr {

struct Paint {
    std::string fill = "none";    // a colour, or "none"
    std::string stroke = "none";  // a colour, or "none"
    double stroke_width = 1.0;
    bool dashed = false;
};

enum class TextAnchor { start, middle, end };

struct TextStyle {
    double size = 12;
    TextAnchor anchor = TextAnchor::start;
    bool bold = false;
    double rotate_degrees = 0;  // about the anchor point; -90 reads bottom to top
    std::string color = "#222222";
    bool halo = false;  // a white outline under the glyphs, readable over lines
};

class SvgDocument {
public:
    SvgDocument(double width, double height);

    void line(double x1, double y1, double x2, double y2, const Paint& paint);
    void rect(double x, double y, double width, double height, const Paint& paint);
    void circle(double cx, double cy, double radius, const Paint& paint);
    // A polyline (closed = false) or a polygon (closed = true) through (x, y) points.
    void path(const std::vector<std::pair<double, double>>& points, bool closed, const Paint& paint);
    void text(double x, double y, std::string_view content, const TextStyle& style);
    // An SVG comment (e.g. naming a series); "--" inside is replaced, as XML requires.
    void comment(std::string_view content);

    std::string str() const;

private:
    double width_, height_;
    std::string body_;
};

// &, <, >, " and ' as entities.
std::string xml_escape(std::string_view text);
// At most two decimals, trailing zeros removed: 12.5, 3, -0.25 (never "-0").
std::string svg_number(double value);

}  // namespace qmlr
