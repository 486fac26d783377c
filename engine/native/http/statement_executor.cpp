#include "statement_executor.h"

#include "rest_json.h"

namespace quiver::http {
namespace {

using result_json::Json;

Json plan_json(const PlanDescription& plan) {
    Json args = Json::object();
    for (const auto& [k, v] : plan.arguments) args[k] = result_json::row_json(v);
    Json children = Json::array();
    for (const auto& child : plan.children)
        if (child) children.push_back(plan_json(*child));
    Json node = {{"operatorType", plan.operator_type + "@neo4j"},
                 {"identifiers", plan.identifiers},
                 {"children", std::move(children)}};
    for (auto& [k, v] : args.items()) node[k] = v;
    return node;
}

}  // namespace

Json execute_statement(Transaction& tx, const StatementSpec& spec, const RenderOptions& options) {
    auto result = tx.run(spec.statement, spec.parameters);
    Json entry = {{"columns", result->columns()}, {"data", Json::array()}};
    Json& data = entry["data"];
    std::vector<Value> row;
    while (result->next(row)) {
        Json record = Json::object();
        if (spec.row) {
            Json values = Json::array(), meta = Json::array();
            for (const auto& v : row) {
                values.push_back(result_json::row_json(v));
                result_json::append_meta(meta, v);
            }
            record["row"] = std::move(values);
            record["meta"] = std::move(meta);
        }
        if (spec.rest) {
            Json values = Json::array();
            for (const auto& v : row) values.push_back(rest_json(v, options.base));
            record["rest"] = std::move(values);
        }
        if (spec.graph) {
            result_json::GraphJson graph;
            for (const auto& v : row) graph.add(v);
            record["graph"] = graph.take();
        }
        data.push_back(std::move(record));
    }
    QuerySummary summary = result->summary();
    if (spec.include_stats) entry["stats"] = result_json::stats_json(summary.stats, options.system_stats);
    if (summary.plan) entry["plan"] = {{"root", plan_json(*summary.plan)}};
    // Moved to the top of the response by the handler (Neo4j lists them beside `results`).
    for (const auto& n : summary.notifications)
        entry["notifications"].push_back(result_json::notification_json(n));
    return entry;
}

}  // namespace quiver::http
