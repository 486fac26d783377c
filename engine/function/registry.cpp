// The one function table: every builtin family contributes its descriptors here.
#include <cctype>
#include <string>
#include <unordered_map>

#include <fmt/format.h>

#include "base/error.h"
#include "function/builtin/builtins.h"
#include "function/function.h"
#include "value/value.h"

namespace quiver::function {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

struct Registry {
    std::unordered_map<std::string, const ScalarFunction*> scalars;
    std::unordered_map<std::string, const AggregateFunction*> aggregates;
    std::vector<const ScalarFunction*> scalar_list;
    std::vector<const AggregateFunction*> aggregate_list;

    Registry() {
        for (auto family : {builtin::entity_functions(), builtin::conversion_functions(),
                            builtin::list_functions(), builtin::string_functions(),
                            builtin::math_functions(), builtin::temporal_functions(),
                            builtin::more_functions(), builtin::spatial_functions()})
            for (const auto& f : family) {
                scalars[lower(f.name)] = &f;
                scalar_list.push_back(&f);
            }
        for (const auto& f : builtin::aggregate_functions()) {
            aggregates[lower(f.name)] = &f;
            aggregate_list.push_back(&f);
        }
    }
};

const Registry& registry() {
    static const Registry r;
    return r;
}

}  // namespace

const ScalarFunction* find_scalar(std::string_view name) {
    auto it = registry().scalars.find(lower(name));
    return it == registry().scalars.end() ? nullptr : it->second;
}
const AggregateFunction* find_aggregate(std::string_view name) {
    auto it = registry().aggregates.find(lower(name));
    return it == registry().aggregates.end() ? nullptr : it->second;
}
std::vector<const ScalarFunction*> all_scalars() { return registry().scalar_list; }
std::vector<const AggregateFunction*> all_aggregates() { return registry().aggregate_list; }

namespace builtin {
void bad_argument(const char* fn, const Value& v, const char* expected) {
    throw QuiverError(std::string(status::TypeError),
                      fmt::format("Invalid input for function '{}()': Expected {}, got {}", fn,
                                  expected, kind_name(v.kind())),
                      "InvalidArgumentValue", ErrorPhase::Runtime);
}
double number_argument(const char* fn, const Value& v) {
    if (!v.is_number()) bad_type(fn, v, "NUMBER");
    return v.as_number();
}
int64_t integer_argument(const char* fn, const Value& v) {
    if (!v.is_int()) bad_type(fn, v, "INTEGER");
    return v.as_int();
}
const std::string& string_argument(const char* fn, const Value& v) {
    if (!v.is_string()) bad_type(fn, v, "STRING");
    return v.as_string();
}
const ValueList& list_argument(const char* fn, const Value& v) {
    if (!v.is_list()) bad_type(fn, v, "LIST");
    return v.as_list();
}
void bad_type(const char* fn, const Value& v, const char* expected) {
    throw QuiverError(std::string(status::TypeError),
                      fmt::format("Type mismatch for function '{}()': expected {} but was {}", fn,
                                  expected, kind_name(v.kind())),
                      "InvalidArgumentType", ErrorPhase::Runtime);
}
}  // namespace builtin

}  // namespace quiver::function
