#include "core/svg_document.hpp"

#include <charconv>
#include <cmath>

#include "core/error.hpp"

namespace qmlr {

namespace {

std::string paint_attributes(const Paint& paint) {
    std::string attributes = " fill=\"" + xml_escape(paint.fill) + "\" stroke=\"" + xml_escape(paint.stroke) + "\"";
    if (paint.stroke != "none") attributes += " stroke-width=\"" + svg_number(paint.stroke_width) + "\"";
    if (paint.dashed) attributes += " stroke-dasharray=\"6 4\"";
    return attributes;
}

const char* anchor_name(TextAnchor anchor) {
    switch (anchor) {
        case TextAnchor::start: return "start";
        case TextAnchor::middle: return "middle";
        case TextAnchor::end: return "end";
    }
    return "start";
}

}  // namespace

std::string xml_escape(std::string_view text) {
    std::string escaped;
    escaped.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': escaped += "&amp;"; break;
            case '<': escaped += "&lt;"; break;
            case '>': escaped += "&gt;"; break;
            case '"': escaped += "&quot;"; break;
            case '\'': escaped += "&apos;"; break;
            default: escaped += c;
        }
    }
    return escaped;
}

std::string svg_number(double value) {
    require(std::isfinite(value), "svg_number: a coordinate must be finite");
    double rounded = std::round(value * 100.0) / 100.0;
    if (rounded == 0) rounded = 0;  // no "-0"
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, rounded, std::chars_format::fixed, 2);
    std::string text(buffer, result.ptr);
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    return text;
}

SvgDocument::SvgDocument(double width, double height) : width_(width), height_(height) {}

void SvgDocument::line(double x1, double y1, double x2, double y2, const Paint& paint) {
    body_ += "<line x1=\"" + svg_number(x1) + "\" y1=\"" + svg_number(y1) + "\" x2=\"" + svg_number(x2) +
             "\" y2=\"" + svg_number(y2) + "\"" + paint_attributes(paint) + "/>\n";
}

void SvgDocument::rect(double x, double y, double width, double height, const Paint& paint) {
    body_ += "<rect x=\"" + svg_number(x) + "\" y=\"" + svg_number(y) + "\" width=\"" + svg_number(width) +
             "\" height=\"" + svg_number(height) + "\"" + paint_attributes(paint) + "/>\n";
}

void SvgDocument::circle(double cx, double cy, double radius, const Paint& paint) {
    body_ += "<circle cx=\"" + svg_number(cx) + "\" cy=\"" + svg_number(cy) + "\" r=\"" + svg_number(radius) + "\"" +
             paint_attributes(paint) + "/>\n";
}

void SvgDocument::path(const std::vector<std::pair<double, double>>& points, bool closed, const Paint& paint) {
    if (points.empty()) return;
    std::string data;
    for (std::size_t i = 0; i < points.size(); ++i)
        data += (i == 0 ? "M" : " L") + svg_number(points[i].first) + " " + svg_number(points[i].second);
    if (closed) data += " Z";
    body_ += "<path d=\"" + data + "\"" + paint_attributes(paint) + "/>\n";
}

void SvgDocument::text(double x, double y, std::string_view content, const TextStyle& style) {
    body_ += "<text x=\"" + svg_number(x) + "\" y=\"" + svg_number(y) + "\" font-size=\"" + svg_number(style.size) +
             "\" text-anchor=\"" + anchor_name(style.anchor) + "\" fill=\"" + xml_escape(style.color) + "\"";
    if (style.bold) body_ += " font-weight=\"bold\"";
    if (style.halo) body_ += " stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\"";
    if (style.rotate_degrees != 0)
        body_ += " transform=\"rotate(" + svg_number(style.rotate_degrees) + " " + svg_number(x) + " " +
                 svg_number(y) + ")\"";
    body_.append(">").append(xml_escape(content)).append("</text>\n");
}

void SvgDocument::comment(std::string_view content) {
    std::string safe(content);
    for (std::size_t at = safe.find("--"); at != std::string::npos; at = safe.find("--")) safe.replace(at, 2, "- ");
    body_ += "<!-- " + safe + " -->\n";
}

std::string SvgDocument::str() const {
    const std::string w = svg_number(width_), h = svg_number(height_);
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w +
           "\" height=\"" + h + "\" viewBox=\"0 0 " + w + " " + h +
           "\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n" + body_ + "</svg>\n";
}

}  // namespace qmlr
