#include "value/value_ops.h"
#include "value/temporal/temporal.h"

#include "base/error.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>

namespace quiver {

namespace {

bool is_nan(const Value& v) { return v.is_float() && std::isnan(v.as_float()); }

// Compares two numbers by mathematical value (ints exactly, even beyond 2^53).
int compare_numbers(const Value& a, const Value& b) {
    if (a.is_int() && b.is_int()) {
        int64_t x = a.as_int(), y = b.as_int();
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    if (a.is_float() && b.is_float()) {
        double x = a.as_float(), y = b.as_float();
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    // mixed int/float
    bool flip = a.is_float();
    int64_t i = flip ? b.as_int() : a.as_int();
    double d = flip ? a.as_float() : b.as_float();
    int r;
    constexpr double kTwo63 = 9223372036854775808.0;
    if (d >= kTwo63) {
        r = -1;
    } else if (d < -kTwo63) {
        r = 1;
    } else {
        double fl = std::floor(d);
        auto di = static_cast<int64_t>(fl);
        if (i < di) r = -1;
        else if (i > di) r = 1;
        else r = (fl < d) ? -1 : 0;
    }
    return flip ? -r : r;
}

// Rank of each kind in the ORDER BY total order (promise 3).
int order_rank(const Value& v) {
    switch (v.kind()) {
        case ValueKind::Map: return 0;
        case ValueKind::Node: return 1;
        case ValueKind::Relationship: return 2;
        case ValueKind::List: return 3;
        case ValueKind::Path: return 4;
        case ValueKind::DateTime: return 5;
        case ValueKind::LocalDateTime: return 6;
        case ValueKind::Date: return 7;
        case ValueKind::Time: return 8;
        case ValueKind::LocalTime: return 9;
        case ValueKind::Duration: return 10;
        case ValueKind::String: return 11;
        case ValueKind::Bool: return 12;
        case ValueKind::Int:
        case ValueKind::Float: return 13;
        case ValueKind::Bytes: return 14;
        case ValueKind::Point: return 15;
        case ValueKind::Null: return 16;
    }
    return 16;
}

int cmp3(int64_t a, int64_t b) { return a < b ? -1 : (a > b ? 1 : 0); }

std::vector<std::pair<std::string, const Value*>> sorted_entries(const ValueMap& m) {
    std::vector<std::pair<std::string, const Value*>> out;
    out.reserve(m.size());
    for (const auto& [k, v] : m) out.emplace_back(k, &v);
    std::sort(out.begin(), out.end(),
              [](const auto& x, const auto& y) { return x.first < y.first; });
    return out;
}

int compare_temporal_same_kind(const Value& a, const Value& b) {
    switch (a.kind()) {
        case ValueKind::Date: return cmp3(a.as_date(), b.as_date());
        case ValueKind::LocalTime: return cmp3(a.as_local_time(), b.as_local_time());
        case ValueKind::Time: {
            auto x = a.as_time(), y = b.as_time();
            return cmp3(x.nanos - int64_t(x.offset_seconds) * 1000000000,
                        y.nanos - int64_t(y.offset_seconds) * 1000000000);
        }
        case ValueKind::LocalDateTime: {
            auto x = a.as_local_datetime(), y = b.as_local_datetime();
            int c = cmp3(x.seconds, y.seconds);
            return c ? c : cmp3(x.nanos, y.nanos);
        }
        case ValueKind::DateTime: {
            const auto& x = a.as_datetime();
            const auto& y = b.as_datetime();
            int c = cmp3(x.seconds, y.seconds);
            return c ? c : cmp3(x.nanos, y.nanos);
        }
        case ValueKind::Duration: {
            auto x = a.as_duration(), y = b.as_duration();
            int c = cmp3(x.months, y.months);
            if (!c) c = cmp3(x.days, y.days);
            if (!c) c = cmp3(x.seconds, y.seconds);
            if (!c) c = cmp3(x.nanos, y.nanos);
            return c;
        }
        default: return 0;
    }
}

}  // namespace

// ---- equality -------------------------------------------------------------------------------

Tri cypher_equals(const Value& a, const Value& b) {
    if (a.is_null() || b.is_null()) return Tri::Null;
    if (a.is_number() && b.is_number()) {
        if (is_nan(a) || is_nan(b)) return Tri::False;
        return tri_of(compare_numbers(a, b) == 0);
    }
    if (a.kind() != b.kind()) return Tri::False;
    switch (a.kind()) {
        case ValueKind::Bool: return tri_of(a.as_bool() == b.as_bool());
        case ValueKind::String:
        case ValueKind::Bytes: return tri_of(a.as_string() == b.as_string());
        case ValueKind::Node: return tri_of(a.node_id() == b.node_id());
        case ValueKind::Relationship: return tri_of(a.rel_id() == b.rel_id());
        case ValueKind::List: {
            const auto& x = a.as_list();
            const auto& y = b.as_list();
            if (x.size() != y.size()) return Tri::False;
            Tri acc = Tri::True;
            for (size_t i = 0; i < x.size(); ++i) {
                Tri t = cypher_equals(x[i], y[i]);
                if (t == Tri::False) return Tri::False;
                if (t == Tri::Null) acc = Tri::Null;
            }
            return acc;
        }
        case ValueKind::Map: {
            const auto& x = a.as_map();
            const auto& y = b.as_map();
            if (x.size() != y.size()) return Tri::False;
            Tri acc = Tri::True;
            for (const auto& [k, v] : x) {
                const Value* w = b.map_get(k);
                if (!w) return Tri::False;
                Tri t = cypher_equals(v, *w);
                if (t == Tri::False) return Tri::False;
                if (t == Tri::Null) acc = Tri::Null;
            }
            return acc;
        }
        case ValueKind::Path: {
            const auto& x = a.as_path();
            const auto& y = b.as_path();
            if (x.nodes.size() != y.nodes.size()) return Tri::False;
            for (size_t i = 0; i < x.nodes.size(); ++i)
                if (x.nodes[i].node_id() != y.nodes[i].node_id()) return Tri::False;
            for (size_t i = 0; i < x.rels.size(); ++i)
                if (x.rels[i].rel_id() != y.rels[i].rel_id()) return Tri::False;
            return Tri::True;
        }
        case ValueKind::Point: {
            auto x = a.as_point(), y = b.as_point();
            return tri_of(x.srid == y.srid && x.x == y.x && x.y == y.y && x.z == y.z);
        }
        // java.time equality: same instant and the same offset/zone (an OffsetTime or
        // ZonedDateTime in another zone is a different value even at the same instant).
        case ValueKind::Time:
            return tri_of(a.as_time().nanos == b.as_time().nanos &&
                          a.as_time().offset_seconds == b.as_time().offset_seconds);
        case ValueKind::DateTime:
            return tri_of(compare_temporal_same_kind(a, b) == 0 &&
                          a.as_datetime().offset_seconds == b.as_datetime().offset_seconds &&
                          a.as_datetime().zone == b.as_datetime().zone);
        default: return tri_of(compare_temporal_same_kind(a, b) == 0);
    }
}

// ---- comparability ----------------------------------------------------------------------------

std::optional<int> cypher_compare(const Value& a, const Value& b) {
    if (a.is_null() || b.is_null()) return std::nullopt;
    if (a.is_number() && b.is_number()) {
        if (is_nan(a) || is_nan(b)) return std::nullopt;
        return compare_numbers(a, b);
    }
    if (a.kind() != b.kind()) return std::nullopt;
    switch (a.kind()) {
        case ValueKind::Bool: return int(a.as_bool()) - int(b.as_bool());
        case ValueKind::String: {
            int c = a.as_string().compare(b.as_string());
            return c < 0 ? -1 : (c > 0 ? 1 : 0);
        }
        case ValueKind::List: {
            const auto& x = a.as_list();
            const auto& y = b.as_list();
            size_t n = std::min(x.size(), y.size());
            for (size_t i = 0; i < n; ++i) {
                auto c = cypher_compare(x[i], y[i]);
                if (!c) return std::nullopt;
                if (*c) return c;
            }
            return cmp3(int64_t(x.size()), int64_t(y.size()));
        }
        case ValueKind::Date:
        case ValueKind::LocalTime:
        case ValueKind::Time:
        case ValueKind::LocalDateTime:
        case ValueKind::DateTime: return compare_temporal_same_kind(a, b);
        default: return std::nullopt;
    }
}

Value cypher_compare_op(CompareOp op, const Value& a, const Value& b) {
    if (a.is_number() && b.is_number() && (is_nan(a) || is_nan(b))) return Value::boolean(false);
    auto c = cypher_compare(a, b);
    if (!c) return Value();
    switch (op) {
        case CompareOp::Lt: return Value::boolean(*c < 0);
        case CompareOp::Le: return Value::boolean(*c <= 0);
        case CompareOp::Gt: return Value::boolean(*c > 0);
        case CompareOp::Ge: return Value::boolean(*c >= 0);
    }
    return Value();
}

// ---- ORDER BY order ----------------------------------------------------------------------------

int order_compare(const Value& a, const Value& b) {
    int ra = order_rank(a), rb = order_rank(b);
    if (ra != rb) return ra < rb ? -1 : 1;
    switch (a.kind()) {
        case ValueKind::Null: return 0;
        case ValueKind::Int:
        case ValueKind::Float: {
            bool na = is_nan(a), nb = is_nan(b);
            if (na || nb) return na == nb ? 0 : (na ? 1 : -1);
            return compare_numbers(a, b);
        }
        case ValueKind::Bool: return int(a.as_bool()) - int(b.as_bool());
        case ValueKind::String:
        case ValueKind::Bytes: {
            int c = a.as_string().compare(b.as_string());
            return c < 0 ? -1 : (c > 0 ? 1 : 0);
        }
        case ValueKind::Node: return cmp3(a.node_id(), b.node_id());
        case ValueKind::Relationship: return cmp3(a.rel_id(), b.rel_id());
        case ValueKind::List: {
            const auto& x = a.as_list();
            const auto& y = b.as_list();
            size_t n = std::min(x.size(), y.size());
            for (size_t i = 0; i < n; ++i)
                if (int c = order_compare(x[i], y[i])) return c;
            return cmp3(int64_t(x.size()), int64_t(y.size()));
        }
        case ValueKind::Map: {
            auto x = sorted_entries(a.as_map());
            auto y = sorted_entries(b.as_map());
            size_t n = std::min(x.size(), y.size());
            for (size_t i = 0; i < n; ++i) {
                int c = x[i].first.compare(y[i].first);
                if (c) return c < 0 ? -1 : 1;
                if (int d = order_compare(*x[i].second, *y[i].second)) return d;
            }
            return cmp3(int64_t(x.size()), int64_t(y.size()));
        }
        case ValueKind::Path: {
            const auto& x = a.as_path();
            const auto& y = b.as_path();
            size_t n = std::min(x.nodes.size(), y.nodes.size());
            for (size_t i = 0; i < n; ++i) {
                if (int c = cmp3(x.nodes[i].node_id(), y.nodes[i].node_id())) return c;
                if (i < x.rels.size() && i < y.rels.size())
                    if (int c = cmp3(x.rels[i].rel_id(), y.rels[i].rel_id())) return c;
            }
            return cmp3(int64_t(x.nodes.size()), int64_t(y.nodes.size()));
        }
        case ValueKind::Point: {
            auto x = a.as_point(), y = b.as_point();
            if (x.srid != y.srid) return x.srid < y.srid ? -1 : 1;
            if (x.x != y.x) return x.x < y.x ? -1 : 1;
            if (x.y != y.y) return x.y < y.y ? -1 : 1;
            if (x.z != y.z) return x.z < y.z ? -1 : 1;
            return 0;
        }
        default: return compare_temporal_same_kind(a, b);
    }
}

// ---- equivalence -----------------------------------------------------------------------------

bool equivalent(const Value& a, const Value& b) {
    if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();
    if (a.is_number() && b.is_number()) {
        bool na = is_nan(a), nb = is_nan(b);
        if (na || nb) return na && nb;
        return compare_numbers(a, b) == 0;
    }
    if (a.kind() != b.kind()) return false;
    if (a.is_list()) {
        const auto& x = a.as_list();
        const auto& y = b.as_list();
        if (x.size() != y.size()) return false;
        for (size_t i = 0; i < x.size(); ++i)
            if (!equivalent(x[i], y[i])) return false;
        return true;
    }
    if (a.is_map()) {
        const auto& x = a.as_map();
        if (x.size() != b.as_map().size()) return false;
        for (const auto& [k, v] : x) {
            const Value* w = b.map_get(k);
            if (!w || !equivalent(v, *w)) return false;
        }
        return true;
    }
    return cypher_equals(a, b) == Tri::True;
}

namespace {
size_t mix(size_t h, size_t v) { return h ^ (v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2)); }
}  // namespace

size_t equivalence_hash(const Value& v) {
    switch (v.kind()) {
        case ValueKind::Null: return 0x51;
        case ValueKind::Bool: return v.as_bool() ? 0x71 : 0x72;
        case ValueKind::Int: return std::hash<int64_t>()(v.as_int());
        case ValueKind::Float: {
            double d = v.as_float();
            if (std::isnan(d)) return 0x7ff8;
            // Integral floats hash as the integer they equal (promise 4).
            if (d >= -9.2e18 && d <= 9.2e18 && std::floor(d) == d)
                return std::hash<int64_t>()(static_cast<int64_t>(d));
            return std::hash<double>()(d);
        }
        case ValueKind::String:
        case ValueKind::Bytes: return std::hash<std::string>()(v.as_string());
        case ValueKind::Node: return mix(0x4e, std::hash<int64_t>()(v.node_id()));
        case ValueKind::Relationship: return mix(0x52, std::hash<int64_t>()(v.rel_id()));
        case ValueKind::List: {
            size_t h = 0x4c;
            for (const auto& x : v.as_list()) h = mix(h, equivalence_hash(x));
            return h;
        }
        case ValueKind::Map: {
            size_t h = 0x4d;  // order-independent
            for (const auto& [k, x] : v.as_map())
                h += mix(std::hash<std::string>()(k), equivalence_hash(x));
            return h;
        }
        case ValueKind::Path: {
            size_t h = 0x50;
            for (const auto& n : v.as_path().nodes) h = mix(h, std::hash<int64_t>()(n.node_id()));
            return h;
        }
        default: return size_t(v.kind()) * 0x1234567;
    }
}

size_t RowEquivalenceHash::operator()(const ValueList& r) const {
    size_t h = r.size();
    for (const auto& v : r) h = mix(h, equivalence_hash(v));
    return h;
}
bool RowEquivalenceEq::operator()(const ValueList& a, const ValueList& b) const {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (!equivalent(a[i], b[i])) return false;
    return true;
}

// ---- formatting ----------------------------------------------------------------------------

std::string format_float(double d) {
    if (std::isnan(d)) return "NaN";
    if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
    if (d == 0) return std::signbit(d) ? "-0.0" : "0.0";
    // Shortest round-trip digits, then laid out as Java's Double.toString does.
    std::string s = fmt::format("{}", d);    // shortest, e.g. "1e+10", "0.001", "123.5"
    bool neg = s[0] == '-';
    if (neg) s.erase(0, 1);
    std::string digits;
    int exp10 = 0;  // value = 0.d1d2d3... * 10^exp10 style: we use d1.d2d3 * 10^point
    size_t epos = s.find_first_of("eE");
    std::string mant = epos == std::string::npos ? s : s.substr(0, epos);
    int eval = epos == std::string::npos ? 0 : std::stoi(s.substr(epos + 1));
    size_t dot = mant.find('.');
    std::string ip = dot == std::string::npos ? mant : mant.substr(0, dot);
    std::string fp = dot == std::string::npos ? "" : mant.substr(dot + 1);
    digits = ip + fp;
    int point = int(ip.size()) + eval;  // position of the decimal point within digits
    size_t lead = digits.find_first_not_of('0');
    digits.erase(0, lead);
    point -= int(lead);
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
    std::string out = neg ? "-" : "";
    double ad = std::fabs(d);
    if (ad >= 1e-3 && ad < 1e7) {
        if (point <= 0) {
            out += "0.";
            out.append(size_t(-point), '0');
            out += digits;
        } else if (size_t(point) >= digits.size()) {
            out += digits;
            out.append(size_t(point) - digits.size(), '0');
            out += ".0";
        } else {
            out += digits.substr(0, size_t(point));
            out += '.';
            out += digits.substr(size_t(point));
        }
        return out;
    }
    exp10 = point - 1;
    out += digits[0];
    out += '.';
    out += digits.size() > 1 ? digits.substr(1) : "0";
    out += 'E';
    out += std::to_string(exp10);
    return out;
}

namespace {

void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) ++y;
}

std::string format_date(int64_t days) {
    int64_t y;
    unsigned m, d;
    civil_from_days(days, y, m, d);
    if (y >= 0 && y <= 9999) return fmt::format("{:04}-{:02}-{:02}", y, m, d);
    return fmt::format("{:+05}-{:02}-{:02}", y, m, d);
}

std::string format_local_time(int64_t nanos) {
    int64_t h = nanos / 3600000000000LL;
    int64_t mi = nanos / 60000000000LL % 60;
    int64_t s = nanos / 1000000000LL % 60;
    int64_t ns = nanos % 1000000000LL;
    std::string out = fmt::format("{:02}:{:02}", h, mi);
    if (s == 0 && ns == 0) return out;
    out += fmt::format(":{:02}", s);
    if (ns == 0) return out;
    if (ns % 1000000 == 0) return out + fmt::format(".{:03}", ns / 1000000);
    if (ns % 1000 == 0) return out + fmt::format(".{:06}", ns / 1000);
    return out + fmt::format(".{:09}", ns);
}

std::string format_offset(int32_t off) {
    if (off == 0) return "Z";
    char sign = off < 0 ? '-' : '+';
    int32_t a = off < 0 ? -off : off;
    std::string s = fmt::format("{}{:02}:{:02}", sign, a / 3600, a / 60 % 60);
    if (a % 60) s += fmt::format(":{:02}", a % 60);
    return s;
}

std::string quote_string(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

std::string format_map(const ValueMap& m, bool literal, bool sort_keys);

std::string format_any(const Value& v, bool literal) {
    switch (v.kind()) {
        case ValueKind::Null: return "null";
        case ValueKind::Bool: return v.as_bool() ? "true" : "false";
        case ValueKind::Int: return std::to_string(v.as_int());
        case ValueKind::Float: return format_float(v.as_float());
        case ValueKind::String: return literal ? quote_string(v.as_string()) : v.as_string();
        case ValueKind::Bytes: return "<bytes>";
        case ValueKind::List: {
            std::string out = "[";
            bool first = true;
            for (const auto& x : v.as_list()) {
                if (!first) out += ", ";
                first = false;
                out += format_any(x, true);
            }
            return out + "]";
        }
        case ValueKind::Map: return format_map(v.as_map(), true, literal);
        case ValueKind::Node: {
            if (v.is_entity_ref()) return fmt::format("node<{}>", v.node_id());
            const auto& n = v.as_node();
            std::string out = "(";
            std::vector<std::string> labels = n.labels;
            std::sort(labels.begin(), labels.end());
            for (const auto& l : labels) out += ":" + l;
            if (!n.properties.empty()) {
                if (!labels.empty()) out += ' ';
                out += format_map(n.properties, true, true);
            }
            return out + ")";
        }
        case ValueKind::Relationship: {
            if (v.is_entity_ref()) return fmt::format("relationship<{}>", v.rel_id());
            const auto& r = v.as_rel();
            std::string out = "[:" + r.type;
            if (!r.properties.empty()) out += " " + format_map(r.properties, true, true);
            return out + "]";
        }
        case ValueKind::Path: {
            const auto& p = v.as_path();
            std::string out = "<";
            for (size_t i = 0; i < p.nodes.size(); ++i) {
                if (i > 0) {
                    const Value& r = p.rels[i - 1];
                    bool forward = r.is_entity_ref() || p.nodes[i - 1].is_entity_ref()
                                       ? true
                                       : r.as_rel().start == p.nodes[i - 1].node_id();
                    out += forward ? "-" : "<-";
                    out += format_any(r, literal);
                    out += forward ? "->" : "-";
                }
                out += format_any(p.nodes[i], literal);
            }
            return out + ">";
        }
        case ValueKind::Date: return format_date(v.as_date());
        case ValueKind::LocalTime: return format_local_time(v.as_local_time());
        case ValueKind::Time:
            return format_local_time(v.as_time().nanos) + format_offset(v.as_time().offset_seconds);
        case ValueKind::LocalDateTime: {
            auto t = v.as_local_datetime();
            int64_t days = t.seconds >= 0 ? t.seconds / 86400 : -((-t.seconds + 86399) / 86400);
            int64_t secs = t.seconds - days * 86400;
            return format_date(days) + "T" + format_local_time(secs * 1000000000LL + t.nanos);
        }
        case ValueKind::DateTime: {
            const auto& t = v.as_datetime();
            int64_t local = t.seconds + t.offset_seconds;
            int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
            int64_t secs = local - days * 86400;
            std::string out = format_date(days) + "T" +
                              format_local_time(secs * 1000000000LL + t.nanos) +
                              format_offset(t.offset_seconds);
            if (!t.zone.empty()) out += "[" + t.zone + "]";
            return out;
        }
        case ValueKind::Duration: return temporal::format_duration(v.as_duration());
        case ValueKind::Point: {
            auto p = v.as_point();
            if (p.has_z())
                return fmt::format("point({{srid:{}, x:{}, y:{}, z:{}}})", p.srid,
                                   format_float(p.x), format_float(p.y), format_float(p.z));
            return fmt::format("point({{srid:{}, x:{}, y:{}}})", p.srid, format_float(p.x),
                               format_float(p.y));
        }
    }
    return "?";
}

std::string format_map(const ValueMap& m, bool literal, bool sort_keys) {
    std::vector<const std::pair<std::string, Value>*> entries;
    for (const auto& e : m) entries.push_back(&e);
    if (sort_keys)
        std::sort(entries.begin(), entries.end(),
                  [](auto* a, auto* b) { return a->first < b->first; });
    std::string out = "{";
    bool first = true;
    for (const auto* e : entries) {
        if (!first) out += ", ";
        first = false;
        out += e->first + ": " + format_any(e->second, literal);
    }
    return out + "}";
}

}  // namespace

std::string to_cypher_string(const Value& v) { return format_any(v, false); }
std::string to_literal_string(const Value& v) { return format_any(v, true); }

// ---- arithmetic (shared by constant folding and the expression evaluator) ----------------


namespace arith_detail {

[[noreturn]] void overflow() {
    throw QuiverError(std::string(status::ArithmeticError), "long overflow", "IntegerOverflow",
                      ErrorPhase::Runtime);
}

[[noreturn]] void by_zero() {
    throw QuiverError(std::string(status::ArithmeticError), "/ by zero", "*", ErrorPhase::Runtime);
}

const char* op_text(ArithOp op) {
    switch (op) {
        case ArithOp::Add: return "+";
        case ArithOp::Sub: return "-";
        case ArithOp::Mul: return "*";
        case ArithOp::Div: return "/";
        case ArithOp::Mod: return "%";
        case ArithOp::Pow: return "^";
    }
    return "?";
}

[[noreturn]] void bad_operands(ArithOp op, const Value& a, const Value& b) {
    throw QuiverError(std::string(status::TypeError),
                      fmt::format("Cannot apply '{}' to {} and {}", op_text(op), kind_name(a.kind()),
                                  kind_name(b.kind())),
                      "InvalidArgumentType", ErrorPhase::Runtime);
}

std::string concat_text(const Value& v) {
    return v.is_string() ? v.as_string() : to_cypher_string(v);
}

bool concat_scalar(const Value& v) {
    return v.is_string() || v.is_number() || v.is_bool() || v.kind() == ValueKind::Date ||
           v.kind() == ValueKind::LocalTime || v.kind() == ValueKind::Time ||
           v.kind() == ValueKind::LocalDateTime || v.kind() == ValueKind::DateTime ||
           v.kind() == ValueKind::Duration;
}

}  // namespace arith_detail

using namespace arith_detail;

Value cypher_arith(ArithOp op, const Value& a, const Value& b) {
    if (op == ArithOp::Add) {
        if (a.is_list() || b.is_list()) {
            if (a.is_list() && b.is_list()) {
                ValueList out = a.as_list();
                out.insert(out.end(), b.as_list().begin(), b.as_list().end());
                return Value::list(std::move(out));
            }
            if (a.is_list()) {
                ValueList out = a.as_list();
                out.push_back(b);
                return Value::list(std::move(out));
            }
            ValueList out;
            out.push_back(a);
            out.insert(out.end(), b.as_list().begin(), b.as_list().end());
            return Value::list(std::move(out));
        }
    }
    if (a.is_null() || b.is_null()) return Value();
    if (op == ArithOp::Add && (a.is_string() || b.is_string())) {
        if (!concat_scalar(a) || !concat_scalar(b)) bad_operands(op, a, b);
        return Value::string(concat_text(a) + concat_text(b));
    }
    if (op == ArithOp::Add || op == ArithOp::Sub || op == ArithOp::Mul || op == ArithOp::Div) {
        static const char kOps[] = {'+', '-', '*', '/'};
        if (auto r = temporal::arith(kOps[int(op)], a, b)) return *r;
    }
    if (!a.is_number() || !b.is_number()) bad_operands(op, a, b);
    if (a.is_int() && b.is_int() && op != ArithOp::Pow) {
        int64_t x = a.as_int(), y = b.as_int(), r = 0;
        switch (op) {
            case ArithOp::Add:
                if (__builtin_add_overflow(x, y, &r)) overflow();
                return Value::integer(r);
            case ArithOp::Sub:
                if (__builtin_sub_overflow(x, y, &r)) overflow();
                return Value::integer(r);
            case ArithOp::Mul:
                if (__builtin_mul_overflow(x, y, &r)) overflow();
                return Value::integer(r);
            case ArithOp::Div:
                if (y == 0) by_zero();
                if (x == INT64_MIN && y == -1) overflow();
                return Value::integer(x / y);
            case ArithOp::Mod:
                if (y == 0) by_zero();
                if (y == -1) return Value::integer(0);
                return Value::integer(x % y);
            default: break;
        }
    }
    double x = a.as_number(), y = b.as_number();
    switch (op) {
        case ArithOp::Add: return Value::float64(x + y);
        case ArithOp::Sub: return Value::float64(x - y);
        case ArithOp::Mul: return Value::float64(x * y);
        case ArithOp::Div: return Value::float64(x / y);
        case ArithOp::Mod: return Value::float64(std::fmod(x, y));
        case ArithOp::Pow: return Value::float64(std::pow(x, y));
    }
    return Value();
}

Value cypher_negate(const Value& a) {
    if (a.is_null()) return Value();
    if (a.is_int()) {
        if (a.as_int() == INT64_MIN) overflow();
        return Value::integer(-a.as_int());
    }
    if (a.is_float()) return Value::float64(-a.as_float());
    if (a.kind() == ValueKind::Duration) {
        auto d = a.as_duration();
        return Value::duration(DurationValue{-d.months, -d.days, -d.seconds, -d.nanos});
    }
    throw QuiverError(std::string(status::TypeError),
                      fmt::format("Cannot negate {}", kind_name(a.kind())), "InvalidArgumentType",
                      ErrorPhase::Runtime);
}

}  // namespace quiver
