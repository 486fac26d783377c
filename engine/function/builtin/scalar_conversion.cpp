// Conversion functions: toString, toInteger, toFloat, toBoolean.
#include <fast_float/fast_float.h>

#include <cmath>
#include <string>

#include "function/builtin/builtins.h"
#include "function/spatial.h"
#include "value/value_ops.h"

namespace quiver::function::builtin {

namespace {

std::string trim(const std::string& s) {
    auto blank = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    return strip(s, true, true, blank);
}

std::optional<double> parse_double(const std::string& s) {
    std::string t = trim(s);
    if (t.empty()) return std::nullopt;
    double d = 0;
    const char* b = t.data();
    if (*b == '+') ++b;
    auto r = fast_float::from_chars(b, t.data() + t.size(), d);
    if (r.ec != std::errc() || r.ptr != t.data() + t.size()) return std::nullopt;
    return d;
}

Value fn_to_string(const Value* a, size_t, FunctionContext&) {
    const Value& v = a[0];
    switch (v.kind()) {
        case ValueKind::Null: return Value();
        case ValueKind::String: return v;
        case ValueKind::Bool:
        case ValueKind::Int:
        case ValueKind::Float:
        case ValueKind::Date:
        case ValueKind::LocalTime:
        case ValueKind::Time:
        case ValueKind::LocalDateTime:
        case ValueKind::DateTime:
        case ValueKind::Duration: return Value::string(to_cypher_string(v));
        case ValueKind::Point: return Value::string(point_to_string(v.as_point()));
        default: bad_argument("toString", v, "a STRING, NUMBER, BOOLEAN or temporal value");
    }
}

Value fn_to_integer(const Value* a, size_t, FunctionContext&) {
    const Value& v = a[0];
    switch (v.kind()) {
        case ValueKind::Null: return Value();
        case ValueKind::Int: return v;
        case ValueKind::Bool: return Value::integer(v.as_bool() ? 1 : 0);
        case ValueKind::Float: {
            double d = v.as_float();
            if (std::isnan(d) || d >= 9223372036854775808.0 || d < -9223372036854775808.0)
                return Value();
            return Value::integer(static_cast<int64_t>(d));
        }
        case ValueKind::String: {
            std::string t = trim(v.as_string());
            if (t.empty()) return Value();
            // Integer text first (exact), then float text truncated.
            size_t k = (t[0] == '-' || t[0] == '+') ? 1 : 0;
            bool digits = k < t.size();
            for (size_t j = k; j < t.size(); ++j)
                if (!std::isdigit(static_cast<unsigned char>(t[j]))) digits = false;
            if (digits) {
                try {
                    return Value::integer(std::stoll(t));
                } catch (...) {
                    return Value();
                }
            }
            auto d = parse_double(t);
            if (!d || std::isnan(*d) || *d >= 9223372036854775808.0 || *d < -9223372036854775808.0)
                return Value();
            return Value::integer(static_cast<int64_t>(*d));
        }
        default: bad_argument("toInteger", v, "a STRING, NUMBER or BOOLEAN");
    }
}

Value fn_to_float(const Value* a, size_t, FunctionContext&) {
    const Value& v = a[0];
    switch (v.kind()) {
        case ValueKind::Null: return Value();
        case ValueKind::Float: return v;
        case ValueKind::Int: return Value::float64(static_cast<double>(v.as_int()));
        case ValueKind::String: {
            auto d = parse_double(v.as_string());
            return d ? Value::float64(*d) : Value();
        }
        default: bad_argument("toFloat", v, "a STRING or NUMBER");
    }
}

Value fn_to_boolean(const Value* a, size_t, FunctionContext&) {
    const Value& v = a[0];
    switch (v.kind()) {
        case ValueKind::Null: return Value();
        case ValueKind::Bool: return v;
        case ValueKind::Int: return Value::boolean(v.as_int() != 0);
        case ValueKind::String: {
            std::string t = trim(v.as_string());
            for (auto& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (t == "true") return Value::boolean(true);
            if (t == "false") return Value::boolean(false);
            return Value();
        }
        default: bad_argument("toBoolean", v, "a STRING, INTEGER or BOOLEAN");
    }
}

const ScalarFunction kConversion[] = {
    {"toString", 1, 1, fn_to_string, "Converts a value to its string form.", "toString(1.0)"},
    {"toInteger", 1, 1, fn_to_integer, "Converts a value to an integer; null when impossible.",
     "toInteger('42')"},
    {"toFloat", 1, 1, fn_to_float, "Converts a value to a float; null when impossible.",
     "toFloat('1.5')"},
    {"toBoolean", 1, 1, fn_to_boolean, "Converts a value to a boolean; null when impossible.",
     "toBoolean('true')"},
};

}  // namespace

std::span<const ScalarFunction> conversion_functions() { return kConversion; }

}  // namespace quiver::function::builtin
