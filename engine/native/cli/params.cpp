#include "params.h"

#include <fmt/format.h>

#include <limits>
#include <nlohmann/json.hpp>

#include "base/error.h"
#include "result_json/value_json.h"

namespace quiver::cli {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kInvalidFormat = "Neo.ClientError.Request.InvalidFormat";

[[noreturn]] void invalid(std::string message) {
    throw QuiverError(std::string(kInvalidFormat), std::move(message), "InvalidFormat",
                      ErrorPhase::CompileTime);
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

Value json_text_to_value(std::string_view json_text) { return result_json::json_to_value(parse(json_text, "value")); }

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
              result_json::json_to_value(parse(arg.substr(eq + 1), fmt::format("the value of parameter '{}'", name))));
}

void add_params_object(ValueMap& params, std::string_view json_text) {
    Json j = parse(json_text, "--params");
    if (!j.is_object()) invalid("--params must be a JSON object");
    for (const auto& [k, e] : j.items()) set_param(params, k, result_json::json_to_value(e));
}

}  // namespace quiver::cli
