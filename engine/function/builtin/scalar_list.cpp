// List functions: size, coalesce, range, head, last, tail, reverse, nodes, relationships.
#include <fmt/format.h>

#include <algorithm>

#include "base/error.h"
#include "function/builtin/builtins.h"

namespace quiver::function::builtin {

namespace {

int64_t utf8_length(const std::string& s) {
    int64_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

Value fn_size(const Value* a, size_t, FunctionContext&) {
    const Value& v = a[0];
    if (v.is_null()) return Value();
    if (v.is_list()) return Value::integer(int64_t(v.as_list().size()));
    if (v.is_string()) return Value::integer(utf8_length(v.as_string()));
    bad_type("size", v, "STRING or LIST");
}

Value fn_coalesce(const Value* a, size_t n, FunctionContext&) {
    for (size_t i = 0; i < n; ++i)
        if (!a[i].is_null()) return a[i];
    return Value();
}

Value fn_range(const Value* a, size_t n, FunctionContext&) {
    for (size_t i = 0; i < n; ++i) {
        if (!a[i].is_int())
            throw QuiverError(std::string(status::ArgumentError),
                              fmt::format("Invalid input for function 'range()': expected INTEGER "
                                          "but got {}", kind_name(a[i].kind())),
                              "InvalidArgumentType", ErrorPhase::Runtime);
    }
    int64_t start = a[0].as_int(), end = a[1].as_int(), step = n > 2 ? a[2].as_int() : 1;
    if (step == 0)
        throw QuiverError(std::string(status::ArgumentError), "Step argument to range() can't be 0",
                          "NumberOutOfRange", ErrorPhase::Runtime);
    ValueList out;
    __int128 count = step > 0 ? (__int128(end) - start) / step + 1 : (__int128(start) - end) / -step + 1;
    if (count > 100000000)
        throw QuiverError(std::string(status::MemoryLimit), "range() would produce too many values",
                          "*", ErrorPhase::Runtime);
    if (count > 0) out.reserve(size_t(count));
    for (__int128 i = start; step > 0 ? i <= end : i >= end; i += step)
        out.push_back(Value::integer(int64_t(i)));
    return Value::list(std::move(out));
}

Value fn_head(const Value* a, size_t, FunctionContext&) {
    if (a[0].is_null()) return Value();
    list_argument("head", a[0]);
    return a[0].as_list().empty() ? Value() : a[0].as_list().front();
}

Value fn_last(const Value* a, size_t, FunctionContext&) {
    if (a[0].is_null()) return Value();
    list_argument("last", a[0]);
    return a[0].as_list().empty() ? Value() : a[0].as_list().back();
}

Value fn_tail(const Value* a, size_t, FunctionContext&) {
    if (a[0].is_null()) return Value();
    list_argument("tail", a[0]);
    const auto& l = a[0].as_list();
    if (l.empty()) return Value::list({});
    return Value::list(ValueList(l.begin() + 1, l.end()));
}

Value fn_reverse(const Value* a, size_t, FunctionContext&) {
    if (a[0].is_null()) return Value();
    if (a[0].is_list()) {
        ValueList l = a[0].as_list();
        std::reverse(l.begin(), l.end());
        return Value::list(std::move(l));
    }
    if (a[0].is_string()) {
        // Reverse by code point.
        const std::string& s = a[0].as_string();
        std::vector<std::string> cps;
        for (size_t i = 0; i < s.size();) {
            size_t j = i + 1;
            while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) ++j;
            cps.push_back(s.substr(i, j - i));
            i = j;
        }
        std::string out;
        for (auto it = cps.rbegin(); it != cps.rend(); ++it) out += *it;
        return Value::string(std::move(out));
    }
    bad_type("reverse", a[0], "STRING or LIST");
}

Value fn_nodes(const Value* a, size_t, FunctionContext&) {
    if (a[0].is_null()) return Value();
    if (!a[0].is_path()) bad_type("nodes", a[0], "PATH");
    return Value::list(a[0].as_path().nodes);
}

Value fn_relationships(const Value* a, size_t, FunctionContext&) {
    if (a[0].is_null()) return Value();
    if (!a[0].is_path()) bad_type("relationships", a[0], "PATH");
    return Value::list(a[0].as_path().rels);
}

Value fn_length(const Value* a, size_t, FunctionContext&) {
    if (a[0].is_null()) return Value();
    if (a[0].is_path()) return Value::integer(int64_t(a[0].as_path().rels.size()));
    bad_type("length", a[0], "PATH");
}

const ScalarFunction kList[] = {
    {"size", 1, 1, fn_size, "Number of elements of a list or characters of a string.",
     "size([1, 2])"},
    {"coalesce", 1, -1, fn_coalesce, "The first non-null argument.", "coalesce(n.a, 'x')"},
    {"range", 2, 3, fn_range, "A list of integers from start to end (inclusive) by step.",
     "range(1, 10, 2)"},
    {"head", 1, 1, fn_head, "The first element of a list.", "head([1, 2])"},
    {"last", 1, 1, fn_last, "The last element of a list.", "last([1, 2])"},
    {"tail", 1, 1, fn_tail, "A list without its first element.", "tail([1, 2])"},
    {"reverse", 1, 1, fn_reverse, "A list or string in reverse order.", "reverse('abc')"},
    {"nodes", 1, 1, fn_nodes, "The nodes of a path.", "nodes(p)"},
    {"relationships", 1, 1, fn_relationships, "The relationships of a path.",
     "relationships(p)"},
    {"length", 1, 1, fn_length, "The number of relationships of a path.", "length(p)"},
};

}  // namespace

std::span<const ScalarFunction> list_functions() { return kList; }

}  // namespace quiver::function::builtin
