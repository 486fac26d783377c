#include "bolt/metadata.h"

#include "main/notifications.h"
#include "main/summary_counters.h"

namespace quiver::bolt {

namespace {

Value str(std::string s) { return Value::string(std::move(s)); }

ValueMap diagnostic_record(std::string classification) {
    return {{"OPERATION", str("")},
            {"OPERATION_CODE", str("0")},
            {"CURRENT_SCHEMA", str("/")},
            {"_classification", str(std::move(classification))}};
}

Value plan_value(const PlanDescription& p, bool profiled) {
    ValueMap m;
    m.emplace_back("operatorType", str(p.operator_type));
    ValueList ids;
    for (const auto& i : p.identifiers) ids.push_back(str(i));
    m.emplace_back("identifiers", Value::list(std::move(ids)));
    m.emplace_back("args", Value::map(p.arguments));
    ValueList children;
    for (const auto& c : p.children)
        if (c) children.push_back(plan_value(*c, profiled));
    m.emplace_back("children", Value::list(std::move(children)));
    if (profiled) {
        int64_t rows = 0;
        for (const auto& [k, v] : p.arguments)
            if (k == "Rows" && v.is_int()) rows = v.as_int();
        m.emplace_back("dbHits", Value::integer(0));
        m.emplace_back("rows", Value::integer(rows));
        m.emplace_back("pageCacheHits", Value::integer(0));
        m.emplace_back("pageCacheMisses", Value::integer(0));
        m.emplace_back("pageCacheHitRatio", Value::float64(0));
        m.emplace_back("time", Value::integer(0));
    }
    return Value::map(std::move(m));
}

}  // namespace

ValueMap failure_metadata(const QuiverError& e, BoltVersion v) {
    ValueMap m;
    if (!v.at_least(5, 7)) {
        m.emplace_back("code", str(e.code()));
        m.emplace_back("message", str(e.message()));
        return m;
    }
    m.emplace_back("neo4j_code", str(e.code()));
    m.emplace_back("message", str(e.message()));
    m.emplace_back("gql_status", str(e.gql_status()));
    m.emplace_back("description", str(e.gql_description()));
    ValueMap diag = diagnostic_record(e.classification());
    if (e.position().known())
        diag.emplace_back("_position",
                          Value::map({{"offset", Value::integer(e.position().offset)},
                                      {"line", Value::integer(e.position().line)},
                                      {"column", Value::integer(e.position().column)}}));
    m.emplace_back("diagnostic_record", Value::map(std::move(diag)));
    return m;
}

void add_summary_metadata(ValueMap& meta, const QuerySummary& s, bool had_rows, BoltVersion v) {
    meta.emplace_back("type", str(s.query_type.empty() ? "r" : s.query_type));
    const QueryStats& st = s.stats;
    ValueMap stats;  // only the counters that are not zero, as Neo4j sends them
    for (const auto& c : main::kCounterNames)
        if (int64_t n = st.*(c.field)) stats.emplace_back(c.key, Value::integer(n));
    if (!stats.empty()) {
        if (st.contains_updates()) stats.emplace_back("contains-updates", Value::boolean(true));
        meta.emplace_back("stats", Value::map(std::move(stats)));
    }
    if (s.plan) meta.emplace_back(s.profiled ? "profile" : "plan", plan_value(*s.plan, s.profiled));
    if (v.at_least(5, 6)) {
        meta.emplace_back("statuses", Value::list(main::summary_statuses(s, had_rows)));
    } else if (!s.notifications.empty()) {
        ValueList list;
        for (const auto& n : s.notifications) list.push_back(main::notification_value(n));
        meta.emplace_back("notifications", Value::list(std::move(list)));
    }
}

}  // namespace quiver::bolt
