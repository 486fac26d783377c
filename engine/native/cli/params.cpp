#include "params.h"

#include <fmt/format.h>

#include <limits>
#include <nlohmann/json.hpp>

#include "base/error.h"

namespace quiver::cli {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kInvalidFormat = "Neo.ClientError.Request.InvalidFormat";

[[noreturn]] void invalid(std::string message) {
    throw QuiverError(std::string(kInvalidFormat), std::move(message), "InvalidFormat",
                      ErrorPhase::CompileTime);
}

Value to_value(const Json& j) {
    switch (j.type()) {
        case Json::value_t::null: return Value::null();
        case Json::value_t::boolean: return Value::boolean(j.get<bool>());
        case Json::value_t::number_integer: return Value::integer(j.get<int64_t>());
        case Json::value_t::number_unsigned: {
            auto u = j.get<uint64_t>();
            if (u <= uint64_t(std::numeric_limits<int64_t>::max())) return Value::integer(int64_t(u));
            return Value::float64(double(u));
        }
        case Json::value_t::number_float: return Value::float64(j.get<double>());
        case Json::value_t::string: return Value::string(j.get<std::string>());
        case Json::value_t::array: {
            ValueList items;
            items.reserve(j.size());
            for (const auto& e : j) items.push_back(to_value(e));
            return Value::list(std::move(items));
        }
        case Json::value_t::object: {
            ValueMap entries;
            for (const auto& [k, e] : j.items()) entries.emplace_back(k, to_value(e));
            return Value::map(std::move(entries));
        }
        default: invalid("unsupported JSON value");
    }
}

Json parse(std::string_view text, std::string_view what) {
    try {
        return Json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& e) {
        invalid(fmt::format("{} is not valid JSON ({}); quote strings, e.g. name='\"Tom\"'",
                            what, e.what()));
    }
}

}  // namespace

Value json_text_to_value(std::string_view json_text) { return to_value(parse(json_text, "value")); }

void set_param(ValueMap& params, const std::string& name, Value value) {
    for (auto& [k, v] : params) {
        if (k == name) {
            v = std::move(value);
            return;
        }
    }
    params.emplace_back(name, std::move(value));
}

void add_param_arg(ValueMap& params, std::string_view arg) {
    auto eq = arg.find('=');
    if (eq == std::string_view::npos || eq == 0)
        invalid(fmt::format("parameter '{}' must look like name=JSON", arg));
    std::string name(arg.substr(0, eq));
    if (name[0] == '$') name.erase(0, 1);
    if (name.empty()) invalid(fmt::format("parameter '{}' has no name", arg));
    set_param(params, name,
              to_value(parse(arg.substr(eq + 1), fmt::format("the value of parameter '{}'", name))));
}

void add_params_object(ValueMap& params, std::string_view json_text) {
    Json j = parse(json_text, "--params");
    if (!j.is_object()) invalid("--params must be a JSON object");
    for (const auto& [k, e] : j.items()) set_param(params, k, to_value(e));
}

}  // namespace quiver::cli
