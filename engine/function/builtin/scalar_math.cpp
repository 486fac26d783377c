// Numeric functions: abs, sign, ceil, floor, round, sqrt, exp, log, log10, rand, pi, e.
#include <cmath>
#include <random>

#include "base/error.h"
#include "function/builtin/builtins.h"
#include "function/builtin/random_source.h"

namespace quiver::function::builtin {

namespace {

Value fn_abs(const Value* a, size_t, FunctionContext&) {
    if (a[0].is_null()) return Value();
    if (a[0].is_int()) {
        int64_t i = a[0].as_int();
        if (i == INT64_MIN)
            throw QuiverError(std::string(status::ArithmeticError), "integer overflow",
                              "IntegerOverflow", ErrorPhase::Runtime);
        return Value::integer(i < 0 ? -i : i);
    }
    return Value::float64(std::fabs(number_argument("abs", a[0])));
}
Value fn_sign(const Value* a, size_t, FunctionContext&) {
    if (a[0].is_null()) return Value();
    double d = number_argument("sign", a[0]);
    return Value::integer(d > 0 ? 1 : (d < 0 ? -1 : 0));
}
double java_round(double d) { return std::floor(d + 0.5); }
Value fn_ceil(const Value* a, size_t, FunctionContext&) { return float_of_number<std::ceil>(a, "ceil"); }
Value fn_floor(const Value* a, size_t, FunctionContext&) { return float_of_number<std::floor>(a, "floor"); }
Value fn_round(const Value* a, size_t, FunctionContext&) { return float_of_number<java_round>(a, "round"); }
Value fn_sqrt(const Value* a, size_t, FunctionContext&) { return float_of_number<std::sqrt>(a, "sqrt"); }
Value fn_exp(const Value* a, size_t, FunctionContext&) { return float_of_number<std::exp>(a, "exp"); }
Value fn_log(const Value* a, size_t, FunctionContext&) { return float_of_number<std::log>(a, "log"); }
Value fn_log10(const Value* a, size_t, FunctionContext&) { return float_of_number<std::log10>(a, "log10"); }
Value fn_rand(const Value*, size_t, FunctionContext&) {
    auto& gen = random_source();
    return Value::float64(std::uniform_real_distribution<double>(0.0, 1.0)(gen));
}
Value fn_pi(const Value*, size_t, FunctionContext&) { return Value::float64(M_PI); }
Value fn_e(const Value*, size_t, FunctionContext&) { return Value::float64(M_E); }

const ScalarFunction kMath[] = {
    {"abs", 1, 1, fn_abs, "Absolute value.", "abs(-1)"},
    {"sign", 1, 1, fn_sign, "Signum: -1, 0 or 1.", "sign(-3)"},
    {"ceil", 1, 1, fn_ceil, "Smallest integral float not below the argument.", "ceil(1.2)"},
    {"floor", 1, 1, fn_floor, "Largest integral float not above the argument.", "floor(1.8)"},
    {"round", 1, 1, fn_round, "Rounds half up to an integral float.", "round(2.5)"},
    {"sqrt", 1, 1, fn_sqrt, "Square root.", "sqrt(4)"},
    {"exp", 1, 1, fn_exp, "e raised to the argument.", "exp(1)"},
    {"log", 1, 1, fn_log, "Natural logarithm.", "log(2.7)"},
    {"log10", 1, 1, fn_log10, "Base-10 logarithm.", "log10(100)"},
    {"rand", 0, 0, fn_rand, "A random float in [0, 1).", "rand()", false},
    {"pi", 0, 0, fn_pi, "The constant pi.", "pi()"},
    {"e", 0, 0, fn_e, "The constant e.", "e()"},
};

}  // namespace

std::span<const ScalarFunction> math_functions() { return kMath; }

}  // namespace quiver::function::builtin
