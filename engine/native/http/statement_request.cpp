#include "statement_request.h"

#include <fmt/format.h>
#include <strings.h>

#include "base/error.h"
#include "result_json/value_json.h"

namespace quiver::http {
namespace {

using result_json::Json;

[[noreturn]] void invalid(std::string message) {
    throw QuiverError("Neo.ClientError.Request.InvalidFormat", std::move(message), "InvalidFormat",
                      ErrorPhase::CompileTime);
}

bool blank(std::string_view s) {
    for (char c : s)
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
    return true;
}

bool equals_ignoring_case(const std::string& a, const char* b) {
    return strcasecmp(a.c_str(), b) == 0;
}

StatementSpec parse_one(const Json& j) {
    if (!j.is_object()) invalid("Unable to deserialize request. Expected a statement object.");
    StatementSpec spec;
    auto it = j.find("statement");
    if (it == j.end() || !it->is_string()) invalid("No statement provided.");
    spec.statement = it->get<std::string>();
    if (auto p = j.find("parameters"); p != j.end() && !p->is_null()) {
        if (!p->is_object()) invalid("Unable to deserialize request. Parameters must be a JSON map.");
        spec.parameters = result_json::json_to_value(*p).as_map();
    }
    if (auto r = j.find("resultDataContents"); r != j.end() && !r->is_null()) {
        if (!r->is_array()) invalid("Unable to deserialize request. resultDataContents must be a list.");
        spec.row = false;
        for (const auto& item : *r) {
            std::string name = item.is_string() ? item.get<std::string>() : item.dump();
            if (equals_ignoring_case(name, "row"))
                spec.row = true;
            else if (equals_ignoring_case(name, "graph"))
                spec.graph = true;
            else if (equals_ignoring_case(name, "rest"))
                spec.rest = true;
            else
                invalid(fmt::format("Invalid result data content specifier: {}", name));
        }
    }
    if (auto s = j.find("includeStats"); s != j.end() && !s->is_null()) {
        if (!s->is_boolean()) invalid("Unable to deserialize request. includeStats must be a boolean.");
        spec.include_stats = s->get<bool>();
    }
    return spec;
}

}  // namespace

std::vector<StatementSpec> parse_statements(std::string_view body) {
    if (blank(body)) return {};
    Json doc;
    try {
        doc = Json::parse(body.begin(), body.end());
    } catch (const nlohmann::json::exception& e) {
        invalid(fmt::format("Unable to deserialize request: {}", e.what()));
    }
    if (!doc.is_object())
        invalid(fmt::format("Unable to deserialize request. Expected [START_OBJECT, FIELD_NAME, "
                            "START_ARRAY], found [{}].",
                            doc.type_name()));
    if (doc.empty() || doc.begin().key() != "statements")
        invalid(fmt::format(
            "Unable to deserialize request. Expected first field to be 'statements', but was '{}'.",
            doc.empty() ? std::string("END_OBJECT") : doc.begin().key()));
    const Json& list = doc.begin().value();
    if (!list.is_array())
        invalid("Unable to deserialize request. Expected [START_OBJECT, FIELD_NAME, START_ARRAY].");
    std::vector<StatementSpec> specs;
    for (const auto& j : list) specs.push_back(parse_one(j));
    return specs;
}

}  // namespace quiver::http
