// Private to engine/function: the descriptor tables each builtin file contributes.
#pragma once

#include <span>
#include <string>

#include "function/function.h"

namespace quiver::function::builtin {

std::span<const ScalarFunction> entity_functions();      // scalar_entity.cpp
std::span<const ScalarFunction> conversion_functions();  // scalar_conversion.cpp
std::span<const ScalarFunction> list_functions();        // scalar_list.cpp
std::span<const ScalarFunction> string_functions();      // scalar_string.cpp
std::span<const ScalarFunction> math_functions();        // scalar_math.cpp
std::span<const ScalarFunction> temporal_functions();    // temporal_functions.cpp
std::span<const ScalarFunction> more_functions();        // scalar_more.cpp
std::span<const ScalarFunction> spatial_functions();     // scalar_spatial.cpp
std::span<const AggregateFunction> aggregate_functions();  // aggregates.cpp

// Shared argument checks.
// TypeError InvalidArgumentValue (conversions) / InvalidArgumentType (wrong kind of value).
[[noreturn]] void bad_argument(const char* fn, const Value& v, const char* expected);
[[noreturn]] void bad_type(const char* fn, const Value& v, const char* expected);

// An argument of `fn` of one type (TypeError InvalidArgumentType otherwise); NUMBER as a double.
double number_argument(const char* fn, const Value& v);
int64_t integer_argument(const char* fn, const Value& v);
const std::string& string_argument(const char* fn, const Value& v);
const ValueList& list_argument(const char* fn, const Value& v);

// `s` without the leading (left) and/or trailing (right) characters for which `drop` holds.
template <class Drop>
std::string strip(const std::string& s, bool left, bool right, Drop drop) {
    size_t b = 0, e = s.size();
    if (left)
        while (b < e && drop(static_cast<unsigned char>(s[b]))) ++b;
    if (right)
        while (e > b && drop(static_cast<unsigned char>(s[e - 1]))) --e;
    return s.substr(b, e - b);
}

// The body of every float-valued function of one number (sqrt, sin, ...): null in, null out.
template <double (*F)(double)>
Value float_of_number(const Value* args, const char* fn) {
    if (args[0].is_null()) return Value();
    return Value::float64(F(number_argument(fn, args[0])));
}

}  // namespace quiver::function::builtin
