#include "value_text.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

#include "result_json/temporal_text.h"

namespace quiver::cli {
namespace {

// Java's Double.toString switches to scientific notation outside [1e-3, 1e7).
constexpr double kPlainLow = 1e-3;
constexpr double kPlainHigh = 1e7;

bool is_identifier(const std::string& s) {
    if (s.empty()) return false;
    for (size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
        bool digit = c >= '0' && c <= '9';
        if (!(letter || (digit && i > 0))) return false;
    }
    return true;
}

void append_key(std::string& out, const std::string& key) {
    if (is_identifier(key)) {
        out += key;
        return;
    }
    out += '`';
    for (char c : key) {
        if (c == '`') out += '`';
        out += c;
    }
    out += '`';
}

void append_properties(std::string& out, const ValueMap& props) {
    if (props.empty()) return;
    out += " {";
    bool first = true;
    for (const auto& [k, v] : props) {
        if (!first) out += ", ";
        first = false;
        append_key(out, k);
        out += ": ";
        append_literal(out, v);
    }
    out += '}';
}

void append_node(std::string& out, const Value& v) {
    if (v.is_entity_ref()) {
        out += fmt::format("(#{})", v.node_id());
        return;
    }
    const NodeObj& n = v.as_node();
    out += '(';
    for (const auto& label : n.labels) {
        out += ':';
        append_key(out, label);
    }
    std::string props;
    append_properties(props, n.properties);
    out += n.labels.empty() && !props.empty() ? props.substr(1) : props;
    out += ')';
}

void append_rel_body(std::string& out, const Value& v) {
    if (v.is_entity_ref()) {
        out += fmt::format("[#{}]", v.rel_id());
        return;
    }
    const RelObj& r = v.as_rel();
    out += "[:";
    append_key(out, r.type);
    append_properties(out, r.properties);
    out += ']';
}

void append_path(std::string& out, const PathObj& p) {
    if (p.nodes.empty()) return;
    append_node(out, p.nodes[0]);
    for (size_t i = 0; i < p.rels.size() && i + 1 < p.nodes.size(); ++i) {
        const Value& rel = p.rels[i];
        bool known = !rel.is_entity_ref();
        bool forward = known && rel.as_rel().start == p.nodes[i].node_id();
        out += forward || !known ? "-" : "<-";
        append_rel_body(out, rel);
        out += forward ? "->" : "-";
        append_node(out, p.nodes[i + 1]);
    }
}

void append_point(std::string& out, const PointValue& p) {
    out += fmt::format("point({{srid: {}, x: {}, y: {}", p.srid, float_text(p.x), float_text(p.y));
    if (p.has_z()) out += fmt::format(", z: {}", float_text(p.z));
    out += "})";
}

}  // namespace

std::string float_text(double d) {
    if (std::isnan(d)) return "NaN";
    if (std::isinf(d)) return d < 0 ? "-Infinity" : "Infinity";
    // Shortest round-trip digits from fmt, re-laid out the way Cypher prints floats.
    std::string s = fmt::format("{}", d);
    std::string sign;
    if (!s.empty() && s[0] == '-') {
        sign = "-";
        s.erase(0, 1);
    }
    int exponent = 0;
    if (auto e = s.find_first_of("eE"); e != std::string::npos) {
        exponent = std::atoi(s.c_str() + e + 1);
        s.erase(e);
    }
    auto dot = s.find('.');
    std::string int_part = dot == std::string::npos ? s : s.substr(0, dot);
    std::string digits = int_part + (dot == std::string::npos ? "" : s.substr(dot + 1));
    int point = int(int_part.size()) + exponent;  // value = 0.<digits> * 10^point
    size_t lead = digits.find_first_not_of('0');
    if (lead == std::string::npos) return sign + "0.0";
    digits.erase(0, lead);
    point -= int(lead);
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();

    double mag = std::fabs(d);
    if (mag >= kPlainLow && mag < kPlainHigh) {
        if (point <= 0) return sign + "0." + std::string(size_t(-point), '0') + digits;
        if (size_t(point) >= digits.size())
            return sign + digits + std::string(size_t(point) - digits.size(), '0') + ".0";
        return sign + digits.substr(0, size_t(point)) + "." + digits.substr(size_t(point));
    }
    std::string frac = digits.size() > 1 ? digits.substr(1) : "0";
    return fmt::format("{}{}.{}E{}", sign, digits[0], frac, point - 1);
}

std::string quoted_string(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20)
                    out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
                else
                    out += c;
        }
    }
    out += '"';
    return out;
}

void append_literal(std::string& out, const Value& v) {
    switch (v.kind()) {
        case ValueKind::Null: out += "null"; return;
        case ValueKind::Bool: out += v.as_bool() ? "true" : "false"; return;
        case ValueKind::Int: out += fmt::format("{}", v.as_int()); return;
        case ValueKind::Float: out += float_text(v.as_float()); return;
        case ValueKind::String: out += quoted_string(v.as_string()); return;
        case ValueKind::Bytes:
            out += "0x";
            for (unsigned char c : v.as_bytes()) out += fmt::format("{:02x}", unsigned(c));
            return;
        case ValueKind::List: {
            out += '[';
            bool first = true;
            for (const auto& item : v.as_list()) {
                if (!first) out += ", ";
                first = false;
                append_literal(out, item);
            }
            out += ']';
            return;
        }
        case ValueKind::Map: {
            std::string props;
            append_properties(props, v.as_map());
            out += props.empty() ? "{}" : props.substr(1);
            return;
        }
        case ValueKind::Node: append_node(out, v); return;
        case ValueKind::Relationship: append_rel_body(out, v); return;
        case ValueKind::Path: append_path(out, v.as_path()); return;
        case ValueKind::Point: append_point(out, v.as_point()); return;
        case ValueKind::Date:
        case ValueKind::LocalTime:
        case ValueKind::Time:
        case ValueKind::LocalDateTime:
        case ValueKind::DateTime:
        case ValueKind::Duration: out += result_json::temporal_text(v); return;
    }
}

std::string value_literal(const Value& v) {
    std::string out;
    append_literal(out, v);
    return out;
}

std::string value_display(const Value& v) {
    if (v.is_string()) return v.as_string();
    return value_literal(v);
}

}  // namespace quiver::cli
