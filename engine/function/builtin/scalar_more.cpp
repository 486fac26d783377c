// More Neo4j 5 scalar functions: trigonometry (sin ... atan2, degrees, radians, haversin),
// isNaN, randomUUID, isEmpty, valueType, nullIf, char_length/character_length, btrim, the
// *OrNull conversions and the to*List conversions.
#include <cctype>
#include <cmath>
#include <random>
#include <string>

#include <fmt/format.h>

#include "base/error.h"
#include "function/builtin/builtins.h"
#include "function/builtin/random_source.h"
#include "value/value_ops.h"

namespace quiver::function::builtin {

namespace {

double cot(double d) { return 1.0 / std::tan(d); }
double haversin(double d) { return (1.0 - std::cos(d)) / 2.0; }
double degrees(double d) { return d * 180.0 / M_PI; }
double radians(double d) { return d * M_PI / 180.0; }
double sin_(double d) { return std::sin(d); }
double cos_(double d) { return std::cos(d); }
double tan_(double d) { return std::tan(d); }
double asin_(double d) { return std::asin(d); }
double acos_(double d) { return std::acos(d); }
double atan_(double d) { return std::atan(d); }

Value fn_sin(const Value* a, size_t, FunctionContext&) { return float_of_number<sin_>(a, "sin"); }
Value fn_cos(const Value* a, size_t, FunctionContext&) { return float_of_number<cos_>(a, "cos"); }
Value fn_tan(const Value* a, size_t, FunctionContext&) { return float_of_number<tan_>(a, "tan"); }
Value fn_cot(const Value* a, size_t, FunctionContext&) { return float_of_number<cot>(a, "cot"); }
Value fn_asin(const Value* a, size_t, FunctionContext&) { return float_of_number<asin_>(a, "asin"); }
Value fn_acos(const Value* a, size_t, FunctionContext&) { return float_of_number<acos_>(a, "acos"); }
Value fn_atan(const Value* a, size_t, FunctionContext&) { return float_of_number<atan_>(a, "atan"); }
Value fn_degrees(const Value* a, size_t, FunctionContext&) { return float_of_number<degrees>(a, "degrees"); }
Value fn_radians(const Value* a, size_t, FunctionContext&) { return float_of_number<radians>(a, "radians"); }
Value fn_haversin(const Value* a, size_t, FunctionContext&) {
    return float_of_number<haversin>(a, "haversin");
}
Value fn_atan2(const Value* a, size_t, FunctionContext&) {
    if (a[0].is_null() || a[1].is_null()) return Value();
    return Value::float64(std::atan2(number_argument("atan2", a[0]), number_argument("atan2", a[1])));
}
Value fn_isnan(const Value* a, size_t, FunctionContext&) {
    if (a[0].is_null()) return Value();
    if (a[0].is_int()) return Value::boolean(false);
    return Value::boolean(std::isnan(number_argument("isNaN", a[0])));
}

Value fn_random_uuid(const Value*, size_t, FunctionContext&) {
    auto& gen = random_source();
    uint64_t hi = gen(), lo = gen();
    hi = (hi & ~uint64_t(0xF000)) | 0x4000;                   // version 4
    lo = (lo & ~(uint64_t(0xC) << 60)) | (uint64_t(0x8) << 60);  // variant 10
    return Value::string(fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", uint32_t(hi >> 32),
                                     uint32_t((hi >> 16) & 0xFFFF), uint32_t(hi & 0xFFFF),
                                     uint32_t(lo >> 48), lo & 0xFFFFFFFFFFFFull));
}

Value fn_is_empty(const Value* a, size_t, FunctionContext&) {
    const Value& v = a[0];
    switch (v.kind()) {
        case ValueKind::Null: return Value();
        case ValueKind::String: return Value::boolean(v.as_string().empty());
        case ValueKind::List: return Value::boolean(v.as_list().empty());
        case ValueKind::Map: return Value::boolean(v.as_map().empty());
        default: bad_type("isEmpty", v, "STRING, LIST or MAP");
    }
}

std::string value_type_name(const Value& v);

std::string list_type(const ValueList& items) {
    std::vector<std::string> types;
    bool has_null = false;
    for (const auto& x : items) {
        if (x.is_null()) {
            has_null = true;
            continue;
        }
        std::string t = value_type_name(x);
        t = t.substr(0, t.size() - std::string(" NOT NULL").size());
        bool seen = false;
        for (const auto& s : types) seen = seen || s == t;
        if (!seen) types.push_back(t);
    }
    if (types.empty()) return has_null ? "LIST<NULL> NOT NULL" : "LIST<NOTHING> NOT NULL";
    std::string inner;
    for (size_t i = 0; i < types.size(); ++i)
        inner += (i ? " | " : "") + types[i] + (has_null ? "" : " NOT NULL");
    return "LIST<" + inner + "> NOT NULL";
}

std::string value_type_name(const Value& v) {
    switch (v.kind()) {
        case ValueKind::Null: return "NULL";
        case ValueKind::Bool: return "BOOLEAN NOT NULL";
        case ValueKind::Int: return "INTEGER NOT NULL";
        case ValueKind::Float: return "FLOAT NOT NULL";
        case ValueKind::String: return "STRING NOT NULL";
        case ValueKind::Bytes: return "ANY NOT NULL";
        case ValueKind::List: return list_type(v.as_list());
        case ValueKind::Map: return "MAP NOT NULL";
        case ValueKind::Node: return "NODE NOT NULL";
        case ValueKind::Relationship: return "RELATIONSHIP NOT NULL";
        case ValueKind::Path: return "PATH NOT NULL";
        case ValueKind::Date: return "DATE NOT NULL";
        case ValueKind::LocalTime: return "LOCAL TIME NOT NULL";
        case ValueKind::Time: return "ZONED TIME NOT NULL";
        case ValueKind::LocalDateTime: return "LOCAL DATETIME NOT NULL";
        case ValueKind::DateTime: return "ZONED DATETIME NOT NULL";
        case ValueKind::Duration: return "DURATION NOT NULL";
        case ValueKind::Point: return "POINT NOT NULL";
    }
    return "ANY NOT NULL";
}

Value fn_value_type(const Value* a, size_t, FunctionContext&) {
    return Value::string(value_type_name(a[0]));
}

Value fn_null_if(const Value* a, size_t, FunctionContext&) {
    return cypher_equals(a[0], a[1]) == Tri::True ? Value() : a[0];
}

size_t code_points(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

Value fn_char_length(const Value* a, size_t, FunctionContext&) {
    if (a[0].is_null()) return Value();
    return Value::integer(int64_t(code_points(string_argument("char_length", a[0]))));
}

Value fn_btrim(const Value* a, size_t n, FunctionContext&) {
    if (a[0].is_null() || (n > 1 && a[1].is_null())) return Value();
    const std::string& s = string_argument("btrim", a[0]);
    if (n == 1) return Value::string(strip(s, true, true, ::isspace));
    const std::string& chars = string_argument("btrim", a[1]);
    if (chars.size() != 1)
        throw QuiverError(std::string(status::ArgumentError),
                          "btrim() expects a single trim character", "InvalidArgumentValue",
                          ErrorPhase::Runtime);
    auto c = static_cast<unsigned char>(chars[0]);
    return Value::string(strip(s, true, true, [c](unsigned char x) { return x == c; }));
}

// The *OrNull conversions: the base conversion, null where it would fail or not apply.
Value convert_or_null(const char* base, const Value& v, FunctionContext& ctx) {
    if (v.is_null()) return Value();
    const ScalarFunction* f = find_scalar(base);
    try {
        return f->fn(&v, 1, ctx);
    } catch (const QuiverError&) {
        return Value();
    }
}

// Base conversions by name, as template arguments.
constexpr char kToBoolean[] = "toBoolean", kToInteger[] = "toInteger", kToFloat[] = "toFloat",
               kToString[] = "toString";

template <const char* kBase>
Value fn_or_null(const Value* a, size_t, FunctionContext& ctx) {
    return convert_or_null(kBase, a[0], ctx);
}

Value convert_list(const char* fn, const char* base, const Value& v, FunctionContext& ctx) {
    if (v.is_null()) return Value();
    const ValueList& items = list_argument(fn, v);
    ValueList out;
    out.reserve(items.size());
    for (const auto& x : items) out.push_back(convert_or_null(base, x, ctx));
    return Value::list(std::move(out));
}

// toBooleanList and friends: the *OrNull conversion of every element.
template <const char* kBase>
Value fn_list_or_null(const Value* a, size_t, FunctionContext& ctx) {
    return convert_list((std::string(kBase) + "List").c_str(), kBase, a[0], ctx);
}

const ScalarFunction kMore[] = {
    {"sin", 1, 1, fn_sin, "Sine of a number of radians.", "sin(0.5)"},
    {"cos", 1, 1, fn_cos, "Cosine of a number of radians.", "cos(0.5)"},
    {"tan", 1, 1, fn_tan, "Tangent of a number of radians.", "tan(0.5)"},
    {"cot", 1, 1, fn_cot, "Cotangent of a number of radians.", "cot(0.5)"},
    {"asin", 1, 1, fn_asin, "Arcsine, in radians.", "asin(0.5)"},
    {"acos", 1, 1, fn_acos, "Arccosine, in radians.", "acos(0.5)"},
    {"atan", 1, 1, fn_atan, "Arctangent, in radians.", "atan(0.5)"},
    {"atan2", 2, 2, fn_atan2, "Arctangent2 of a set of coordinates, in radians.", "atan2(0.5, 0.6)"},
    {"degrees", 1, 1, fn_degrees, "Converts radians to degrees.", "degrees(pi())"},
    {"radians", 1, 1, fn_radians, "Converts degrees to radians.", "radians(180)"},
    {"haversin", 1, 1, fn_haversin, "Half the versine of a number.", "haversin(0.5)"},
    {"isNaN", 1, 1, fn_isnan, "Whether a number is NaN.", "isNaN(0.0 / 0.0)"},
    {"randomUUID", 0, 0, fn_random_uuid, "A random version 4 UUID string.", "randomUUID()",
     false},
    {"isEmpty", 1, 1, fn_is_empty, "Whether a string, list or map is empty.", "isEmpty([])"},
    {"valueType", 1, 1, fn_value_type, "The Cypher type name of a value.", "valueType(1)"},
    {"nullIf", 2, 2, fn_null_if, "Null when both arguments are equal, else the first.",
     "nullIf(1, 1)"},
    {"char_length", 1, 1, fn_char_length, "Number of Unicode characters of a string.",
     "char_length('abc')"},
    {"character_length", 1, 1, fn_char_length, "Number of Unicode characters of a string.",
     "character_length('abc')"},
    {"btrim", 1, 2, fn_btrim, "Removes leading and trailing whitespace (or a character).",
     "btrim('  a  ')"},
    {"toBooleanOrNull", 1, 1, fn_or_null<kToBoolean>, "toBoolean, or null.",
     "toBooleanOrNull('x')"},
    {"toIntegerOrNull", 1, 1, fn_or_null<kToInteger>, "toInteger, or null.",
     "toIntegerOrNull('x')"},
    {"toFloatOrNull", 1, 1, fn_or_null<kToFloat>, "toFloat, or null.", "toFloatOrNull('x')"},
    {"toStringOrNull", 1, 1, fn_or_null<kToString>, "toString, or null.", "toStringOrNull([])"},
    {"toBooleanList", 1, 1, fn_list_or_null<kToBoolean>, "toBooleanOrNull of every element.",
     "toBooleanList(['true'])"},
    {"toIntegerList", 1, 1, fn_list_or_null<kToInteger>, "toIntegerOrNull of every element.",
     "toIntegerList(['1'])"},
    {"toFloatList", 1, 1, fn_list_or_null<kToFloat>, "toFloatOrNull of every element.",
     "toFloatList(['1.5'])"},
    {"toStringList", 1, 1, fn_list_or_null<kToString>, "toStringOrNull of every element.",
     "toStringList([1])"},
};

}  // namespace

std::span<const ScalarFunction> more_functions() { return kMore; }

}  // namespace quiver::function::builtin
