// quiver.internal.showConstraints: the rows of SHOW CONSTRAINTS (main/show_commands.cpp rewrites
// the command into a CALL of it), one per constraint in the store's catalog, ordered by name.
#include <fmt/format.h>

#include <algorithm>

#include "function/procedure.h"
#include "storage/graph/graph_txn.h"

namespace quiver::function {

namespace {

using storage::ConstraintKind;

// Neo4j 5.26 spelling of SHOW CONSTRAINTS' `type` column.
std::string type_name(const storage::ConstraintInfo& c) {
    const char* e = c.relationship ? "RELATIONSHIP" : "NODE";
    switch (c.kind) {
        case ConstraintKind::Unique: return fmt::format("{}_PROPERTY_UNIQUENESS", e);
        case ConstraintKind::Exists: return fmt::format("{}_PROPERTY_EXISTENCE", e);
        case ConstraintKind::Key: return fmt::format("{}_KEY", e);
        case ConstraintKind::Type: return fmt::format("{}_PROPERTY_TYPE", e);
    }
    return "";
}

std::string quoted(const std::string& s) {
    std::string out = "`";
    for (char c : s) out += c == '`' ? std::string("``") : std::string(1, c);
    return out + "`";
}

// A replayable CREATE CONSTRAINT statement.
std::string create_statement(const storage::ConstraintInfo& c, const std::string& entity,
                             const std::vector<std::string>& keys) {
    std::string var = c.relationship ? "r" : "n";
    std::string pattern = c.relationship ? fmt::format("()-[r:{}]-()", quoted(entity))
                                         : fmt::format("(n:{})", quoted(entity));
    std::string props;
    for (size_t i = 0; i < keys.size(); ++i) props += (i ? ", " : "") + var + "." + quoted(keys[i]);
    std::string rule;
    switch (c.kind) {
        case ConstraintKind::Unique: rule = "IS UNIQUE"; break;
        case ConstraintKind::Exists: rule = "IS NOT NULL"; break;
        case ConstraintKind::Key: rule = c.relationship ? "IS RELATIONSHIP KEY" : "IS NODE KEY"; break;
        case ConstraintKind::Type: rule = "IS :: " + c.property_type; break;
    }
    std::string out = fmt::format("CREATE CONSTRAINT {} FOR {} REQUIRE ({}) {}", quoted(c.name),
                                  pattern, props, rule);
    if (!c.owned_index.empty()) out += " OPTIONS {indexConfig: {}, indexProvider: 'range-1.0'}";
    return out;
}

std::vector<ValueList> show_constraints(FunctionContext& ctx) {
    auto& txn = *ctx.txn;
    auto list = txn.constraints();
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    std::vector<ValueList> rows;
    for (const auto& c : list) {
        std::string entity = c.relationship ? txn.rel_type_name(c.entity) : txn.label_name(c.entity);
        std::vector<std::string> keys;
        ValueList props;
        for (auto k : c.keys) {
            keys.push_back(txn.property_key_name(k));
            props.push_back(Value::string(keys.back()));
        }
        bool indexed = !c.owned_index.empty();
        Value options = indexed ? Value::map({{"indexConfig", Value::map({})},
                                              {"indexProvider", Value::string("range-1.0")}})
                                : Value::null();
        rows.push_back({Value::integer(int64_t(c.id)), Value::string(c.name),
                        Value::string(type_name(c)),
                        Value::string(c.relationship ? "RELATIONSHIP" : "NODE"),
                        Value::list({Value::string(entity)}), Value::list(std::move(props)),
                        indexed ? Value::string(c.owned_index) : Value::null(),
                        c.kind == ConstraintKind::Type ? Value::string(c.property_type) : Value::null(),
                        options, Value::string(create_statement(c, entity, keys))});
    }
    return rows;
}

}  // namespace

std::vector<Procedure> constraint_procedures() {
    Procedure p;
    p.name = "quiver.internal.showConstraints";
    p.mode = ProcedureMode::Dbms;
    p.outputs = {{"id", "INTEGER"},          {"name", "STRING"},
                 {"type", "STRING"},         {"entityType", "STRING"},
                 {"labelsOrTypes", "LIST OF STRING"}, {"properties", "LIST OF STRING"},
                 {"ownedIndex", "STRING"},   {"propertyType", "STRING"},
                 {"options", "MAP"},         {"createStatement", "STRING"}};
    p.description = "SHOW CONSTRAINTS";
    p.fn = [](const ValueList&, FunctionContext& ctx) { return show_constraints(ctx); };
    return {std::move(p)};
}

}  // namespace quiver::function
