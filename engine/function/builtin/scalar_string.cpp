// String functions: toUpper, toLower, trim, ltrim, rtrim, substring, replace, split, left, right.
#include <cctype>
#include <string>

#include "base/error.h"
#include "function/builtin/builtins.h"

namespace quiver::function::builtin {

namespace {

// Byte offset of the code point with index cp (clamped to the end).
size_t cp_offset(const std::string& s, int64_t cp) {
    size_t i = 0;
    for (int64_t k = 0; k < cp && i < s.size(); ++k) {
        ++i;
        while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    }
    return i;
}

Value fn_upper(const Value* a, size_t, FunctionContext&) {
    if (a[0].is_null()) return Value();
    std::string s = string_argument("toUpper", a[0]);
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return Value::string(std::move(s));
}
Value fn_lower(const Value* a, size_t, FunctionContext&) {
    if (a[0].is_null()) return Value();
    std::string s = string_argument("toLower", a[0]);
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return Value::string(std::move(s));
}
Value trim_impl(const char* fn, const Value& v, bool left, bool right) {
    if (v.is_null()) return Value();
    return Value::string(strip(string_argument(fn, v), left, right, ::isspace));
}
Value fn_trim(const Value* a, size_t, FunctionContext&) { return trim_impl("trim", a[0], true, true); }
Value fn_ltrim(const Value* a, size_t, FunctionContext&) { return trim_impl("ltrim", a[0], true, false); }
Value fn_rtrim(const Value* a, size_t, FunctionContext&) { return trim_impl("rtrim", a[0], false, true); }

Value fn_substring(const Value* a, size_t n, FunctionContext&) {
    if (a[0].is_null()) return Value();
    const std::string& s = string_argument("substring", a[0]);
    int64_t start = integer_argument("substring", a[1]);
    if (start < 0 || (n > 2 && integer_argument("substring", a[2]) < 0))
        throw QuiverError(std::string(status::ArgumentError),
                          "Invalid input for function 'substring()': negative start or length",
                          "NumberOutOfRange", ErrorPhase::Runtime);
    size_t b = cp_offset(s, start);
    if (n < 3) return Value::string(s.substr(b));
    size_t e = b + cp_offset(s.substr(b), a[2].as_int());
    return Value::string(s.substr(b, e - b));
}

Value fn_left(const Value* a, size_t, FunctionContext&) {
    if (a[0].is_null()) return Value();
    const std::string& s = string_argument("left", a[0]);
    return Value::string(s.substr(0, cp_offset(s, integer_argument("left", a[1]))));
}

Value fn_right(const Value* a, size_t, FunctionContext&) {
    if (a[0].is_null()) return Value();
    const std::string& s = string_argument("right", a[0]);
    int64_t n = integer_argument("right", a[1]);
    int64_t len = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++len;
    return Value::string(s.substr(cp_offset(s, n >= len ? 0 : len - n)));
}

Value fn_replace(const Value* a, size_t, FunctionContext&) {
    for (int i = 0; i < 3; ++i)
        if (a[i].is_null()) return Value();
    std::string s = string_argument("replace", a[0]);
    const std::string& from = string_argument("replace", a[1]);
    const std::string& to = string_argument("replace", a[2]);
    if (from.empty()) return Value::string(s);
    std::string out;
    size_t pos = 0;
    for (size_t hit; (hit = s.find(from, pos)) != std::string::npos; pos = hit + from.size())
        out += s.substr(pos, hit - pos) + to;
    out += s.substr(pos);
    return Value::string(std::move(out));
}

Value fn_split(const Value* a, size_t, FunctionContext&) {
    if (a[0].is_null() || a[1].is_null()) return Value();
    const std::string& s = string_argument("split", a[0]);
    const std::string& d = string_argument("split", a[1]);
    ValueList out;
    if (d.empty()) {
        for (size_t i = 0; i < s.size();) {
            size_t j = i + 1;
            while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) ++j;
            out.push_back(Value::string(s.substr(i, j - i)));
            i = j;
        }
        return Value::list(std::move(out));
    }
    size_t pos = 0;
    for (size_t hit; (hit = s.find(d, pos)) != std::string::npos; pos = hit + d.size())
        out.push_back(Value::string(s.substr(pos, hit - pos)));
    out.push_back(Value::string(s.substr(pos)));
    return Value::list(std::move(out));
}

const ScalarFunction kString[] = {
    {"toUpper", 1, 1, fn_upper, "Upper-cases a string.", "toUpper('a')"},
    {"toLower", 1, 1, fn_lower, "Lower-cases a string.", "toLower('A')"},
    {"trim", 1, 1, fn_trim, "Removes leading and trailing whitespace.", "trim(' a ')"},
    {"ltrim", 1, 1, fn_ltrim, "Removes leading whitespace.", "ltrim(' a')"},
    {"rtrim", 1, 1, fn_rtrim, "Removes trailing whitespace.", "rtrim('a ')"},
    {"substring", 2, 3, fn_substring, "A substring by start and length (code points).",
     "substring('hello', 1, 3)"},
    {"left", 2, 2, fn_left, "The first n characters.", "left('hello', 2)"},
    {"right", 2, 2, fn_right, "The last n characters.", "right('hello', 2)"},
    {"replace", 3, 3, fn_replace, "Replaces every occurrence of a substring.",
     "replace('aba', 'a', 'c')"},
    {"split", 2, 2, fn_split, "Splits a string at a delimiter.", "split('a,b', ',')"},
};

}  // namespace

std::span<const ScalarFunction> string_functions() { return kString; }

}  // namespace quiver::function::builtin
