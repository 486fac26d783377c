#include "main/notifications.h"

#include <algorithm>
#include <numeric>
#include <set>
#include <string>

#include "storage/graph/graph_txn.h"

namespace quiver::main {

namespace {

Notification make(const char* code, const char* title, std::string description,
                  const char* severity, const char* category, SourcePosition pos) {
    Notification n;
    n.code = std::string("Neo.ClientNotification.Statement.") + code;
    n.title = title;
    n.description = std::move(description);
    n.severity = severity;
    n.category = category;
    if (pos.known()) {
        n.offset = pos.offset;
        n.line = pos.line;
        n.column = pos.column;
    }
    return n;
}

std::string variable_name(const binder::BoundStatement& st, binder::VarId v) {
    const auto& name = st.variables[size_t(v)].name;
    return name.empty() ? "" : name;
}

// A run of consecutive MATCH clauses (Neo4j plans them as one graph): its pattern parts fall
// apart into connected components over shared node variables; the parts that reach a variable
// bound before the run count as one component. More than one component: a cartesian product.
void cartesian_product(const binder::BoundStatement& st,
                       const std::vector<const binder::BoundMatchClause*>& run,
                       std::vector<Notification>& out) {
    std::vector<const binder::BoundPatternPart*> parts;
    for (const auto* m : run)
        for (const auto& p : m->parts) parts.push_back(&p);
    if (parts.size() < 2) return;
    std::vector<size_t> parent(parts.size());
    std::iota(parent.begin(), parent.end(), 0);
    auto find = [&](size_t x) {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    };
    const auto& before = run.front()->bound_before;
    auto vars_of = [](const binder::BoundPatternPart& p) {
        std::set<binder::VarId> vs;
        for (const auto& n : p.nodes) vs.insert(n.var);
        return vs;
    };
    std::vector<std::set<binder::VarId>> vars;
    for (const auto* p : parts) vars.push_back(vars_of(*p));
    long anchor = -1;
    for (size_t i = 0; i < parts.size(); ++i) {
        bool anchored = std::any_of(vars[i].begin(), vars[i].end(), [&](binder::VarId v) {
            return std::find(before.begin(), before.end(), v) != before.end();
        });
        if (anchored) {
            if (anchor < 0) anchor = long(i);
            else parent[find(i)] = find(size_t(anchor));
        }
        for (size_t j = 0; j < i; ++j)
            if (std::any_of(vars[i].begin(), vars[i].end(),
                            [&](binder::VarId v) { return vars[j].count(v) > 0; }))
                parent[find(i)] = find(j);
    }
    std::vector<size_t> roots;
    for (size_t i = 0; i < parts.size(); ++i)
        if (std::find(roots.begin(), roots.end(), find(i)) == roots.end()) roots.push_back(find(i));
    if (roots.size() < 2) return;
    // The identifiers of every component after the first, as Neo4j lists them.
    std::vector<std::string> names;
    for (size_t r = 1; r < roots.size(); ++r) {
        std::string ids;
        for (size_t i = 0; i < parts.size(); ++i) {
            if (find(i) != roots[r]) continue;
            for (binder::VarId v : vars[i]) {
                std::string n = variable_name(st, v);
                if (n.empty() || ids.find("(" + n + ")") != std::string::npos) continue;
                ids += (ids.empty() ? "" : ", ") + ("(" + n + ")");
            }
        }
        if (!ids.empty()) names.push_back(ids);
    }
    std::string list;
    for (size_t i = 0; i < names.size(); ++i) list += (i ? ", " : "") + names[i];
    bool several = names.size() > 1 || list.find(", ") != std::string::npos;
    out.push_back(make(
        "CartesianProduct", "This query builds a cartesian product between disconnected patterns.",
        "If a part of a query contains multiple disconnected patterns, this will build a cartesian "
        "product between all those parts. This may produce a large amount of data and slow down "
        "query processing. While occasionally intended, it may often be possible to reformulate "
        "the query that avoids the use of this cross product, perhaps by adding a relationship "
        "between the different parts or by using OPTIONAL MATCH (" +
            std::string(several ? "identifiers are: " : "identifier is: ") + list + ")",
        "INFORMATION", "PERFORMANCE", parts.front()->nodes.front().pos));
}

void unknown_tokens(const binder::BoundMatchClause& m, const storage::GraphTxn& txn,
                    std::set<std::string>& seen, std::vector<Notification>& out) {
    for (const auto& part : m.parts) {
        for (const auto& n : part.nodes)
            for (const auto& l : n.labels)
                if (!txn.find_label(l) && seen.insert("L" + l).second)
                    out.push_back(make(
                        "UnknownLabelWarning", "The provided label is not in the database.",
                        "One of the labels in your query is not available in the database, make "
                        "sure you didn't misspell it or that the label is available when you run "
                        "this statement in your application (the missing label name is: " +
                            l + ")",
                        "WARNING", "UNRECOGNIZED", n.pos));
        for (const auto& r : part.rels) {
            std::vector<std::string> types = r.types;
            if (r.step)
                for (const auto& hop : r.step->more)
                    types.insert(types.end(), hop.types.begin(), hop.types.end());
            for (const auto& t : types)
                if (!txn.find_rel_type(t) && seen.insert("T" + t).second)
                    out.push_back(make(
                        "UnknownRelationshipTypeWarning",
                        "The provided relationship type is not in the database.",
                        "One of the relationship types in your query is not available in the "
                        "database, make sure you didn't misspell it or that the label is "
                        "available when you run this statement in your application (the missing "
                        "relationship type is: " +
                            t + ")",
                        "WARNING", "UNRECOGNIZED", r.pos));
        }
    }
}

void unbounded_shortest(const binder::BoundMatchClause& m, std::vector<Notification>& out) {
    for (const auto& part : m.parts)
        if (part.shortest != binder::ShortestKind::None && !part.selector && !part.rels.empty() &&
            part.rels[0].var_length && part.rels[0].max_hops < 0)
            out.push_back(make("UnboundedVariableLengthPattern",
                               "The provided pattern is unbounded, consider adding an upper "
                               "limit to the number of node hops.",
                               "Using shortest path with an unbounded pattern will likely result "
                               "in long execution times. It is recommended to use an upper limit "
                               "to the number of node hops in your pattern.",
                               "INFORMATION", "PERFORMANCE", part.rels[0].pos));
}

Notification deprecation(std::string description, SourcePosition pos) {
    return make("FeatureDeprecationWarning",
                "This feature is deprecated and will be removed in future versions.",
                std::move(description), "WARNING", "DEPRECATION", pos);
}

// shortestPath((a)-[r]->(b)) over a fixed-length relationship.
void fixed_length_shortest(const binder::BoundMatchClause& m, std::vector<Notification>& out) {
    for (const auto& part : m.parts)
        if (part.shortest != binder::ShortestKind::None && !part.selector && !part.rels.empty() &&
            !part.rels[0].var_length)
            out.push_back(deprecation(
                "The use of shortestPath and allShortestPaths with fixed length relationships is "
                "deprecated and will be removed in a future version. Please use a path with a "
                "length of 1 [r*1..1] instead or a Match with a limit.",
                part.rels[0].pos));
}

// SET n = r / SET n += r with a node or relationship on the right.
void entity_on_set_rhs(const binder::BoundSetClause& s, std::vector<Notification>& out) {
    for (const auto& item : s.items)
        if ((item.kind == binder::BoundSetKind::ReplaceProperties ||
             item.kind == binder::BoundSetKind::MergeProperties) &&
            item.value &&
            (item.value->type == binder::StaticType::Node ||
             item.value->type == binder::StaticType::Relationship))
            out.push_back(deprecation(
                "The use of nodes or relationships for setting properties is deprecated and will "
                "be removed in a future version. Please use properties() instead.",
                item.value->pos));
}

}  // namespace

std::vector<Notification> find_notifications(const binder::BoundStatement& st,
                                             const storage::GraphTxn& txn) {
    std::vector<Notification> out;
    std::set<std::string> seen;
    auto clauses = [&](const std::vector<binder::BoundClausePtr>& cs) {
        std::vector<const binder::BoundMatchClause*> run;
        for (const auto& c : cs) {
            const auto* m = c->kind == binder::BoundClauseKind::Match
                                ? static_cast<const binder::BoundMatchClause*>(c.get())
                                : nullptr;
            if (m && !m->optional) {
                run.push_back(m);
            } else {
                cartesian_product(st, run, out);
                run.clear();
            }
            if (m) {
                unknown_tokens(*m, txn, seen, out);
                unbounded_shortest(*m, out);
                fixed_length_shortest(*m, out);
            }
            if (c->kind == binder::BoundClauseKind::Set)
                entity_on_set_rhs(static_cast<const binder::BoundSetClause&>(*c), out);
        }
        cartesian_product(st, run, out);
    };
    clauses(st.clauses);
    for (const auto& b : st.union_branches) clauses(b.clauses);
    return out;
}

Value notification_value(const Notification& n) {
    ValueMap m = {{"code", Value::string(n.code)},
                  {"title", Value::string(n.title)},
                  {"description", Value::string(n.description)},
                  {"severity", Value::string(n.severity)},
                  {"category", Value::string(n.category)}};
    if (n.line > 0)
        m.emplace_back("position", Value::map({{"offset", Value::integer(n.offset)},
                                               {"line", Value::integer(n.line)},
                                               {"column", Value::integer(n.column)}}));
    return Value::map(std::move(m));
}

namespace {

Value str(std::string s) { return Value::string(std::move(s)); }

// The GQL status of a Neo4j notification code (Neo4j 5's mapping) and the leading words of its
// status description; other codes take the generic warning/information status.
struct GqlNotification {
    const char* status;
    const char* prefix;
};

GqlNotification gql_of(const Notification& n) {
    static const std::pair<const char*, GqlNotification> table[] = {
        {"Neo.ClientNotification.Statement.UnknownLabelWarning", {"01N50", "warn: label does not exist"}},
        {"Neo.ClientNotification.Statement.UnknownRelationshipTypeWarning",
         {"01N51", "warn: relationship type does not exist"}},
        {"Neo.ClientNotification.Statement.UnknownPropertyKeyWarning",
         {"01N52", "warn: property key does not exist"}},
        {"Neo.ClientNotification.Statement.FeatureDeprecationWarning", {"01N00", "warn: feature deprecated"}},
        {"Neo.ClientNotification.Statement.CartesianProduct", {"03N90", "info: cartesian product"}},
        {"Neo.ClientNotification.Statement.UnboundedVariableLengthPattern",
         {"03N91", "info: unbounded variable length pattern"}},
    };
    for (const auto& [code, gql] : table)
        if (n.code == code) return gql;
    return n.severity == "WARNING" ? GqlNotification{"01N42", "warn: unknown warning"}
                                   : GqlNotification{"03N42", "info: unknown notification"};
}

Value position_value(bool known, int64_t offset, int64_t line, int64_t column) {
    return Value::map({{"offset", Value::integer(known ? offset : -1)},
                       {"line", Value::integer(known ? line : -1)},
                       {"column", Value::integer(known ? column : -1)}});
}

Value diagnostic_record(std::string severity, std::string classification, Value position) {
    return Value::map({{"OPERATION", str("")},
                       {"OPERATION_CODE", str("0")},
                       {"CURRENT_SCHEMA", str("/")},
                       {"_severity", str(std::move(severity))},
                       {"_classification", str(std::move(classification))},
                       {"_position", std::move(position)}});
}

}  // namespace

const OutcomeStatus& outcome_status(const QuerySummary& s, bool had_rows) {
    bool omitted = (s.plan && !s.profiled) ||
                   (!had_rows && s.query_type != "r" && s.query_type != "rw");
    if (omitted) return kOutcomes[2];
    return had_rows ? kOutcomes[0] : kOutcomes[1];
}

ValueList summary_statuses(const QuerySummary& s, bool had_rows) {
    const OutcomeStatus& outcome = outcome_status(s, had_rows);
    ValueList out;
    out.push_back(Value::map({{"gql_status", str(outcome.code)},
                              {"status_description", str(outcome.description)},
                              {"diagnostic_record",
                               diagnostic_record("", "", position_value(false, 0, 0, 0))}}));
    for (const auto& n : s.notifications) {
        GqlNotification gql = gql_of(n);
        out.push_back(Value::map(
            {{"gql_status", str(gql.status)},
             {"status_description", str(std::string(gql.prefix) + ". " + n.description)},
             {"neo4j_code", str(n.code)},
             {"title", str(n.title)},
             {"description", str(n.description)},
             {"diagnostic_record",
              diagnostic_record(n.severity, n.category,
                                position_value(n.line > 0, n.offset, n.line, n.column))}}));
    }
    return out;
}

}  // namespace quiver::main
