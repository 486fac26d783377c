// The procedure registry and the db.* built-ins.
#include <fmt/format.h>

#include <algorithm>
#include <deque>

#include "function/dbms_context.h"
#include "function/procedure.h"
#include "storage/graph/graph_txn.h"
#include "value/value_ops.h"

namespace quiver::function {

namespace {

std::vector<ValueList> token_rows(const std::vector<std::string>& names) {
    std::vector<ValueList> rows;
    for (const auto& n : names) rows.push_back(ValueList{Value::string(n)});
    return rows;
}

std::vector<Procedure> builtin_procedures() {
    std::vector<Procedure> ps;
    Procedure labels;
    labels.name = "db.labels";
    labels.outputs = {{"label", "STRING", false}};
    labels.description = "List all labels in the database.";
    labels.fn = [](const ValueList&, FunctionContext& ctx) {
        std::vector<std::string> used;
        for (const auto& l : ctx.txn->labels()) {
            auto tok = ctx.txn->find_label(l);
            storage::NodeId id;
            auto cur = ctx.txn->scan_label(*tok);
            if (cur.next(id)) used.push_back(l);
        }
        return token_rows(used);
    };
    ps.push_back(std::move(labels));
    Procedure types;
    types.name = "db.relationshipTypes";
    types.outputs = {{"relationshipType", "STRING", false}};
    types.description = "List all relationship types in the database.";
    types.fn = [](const ValueList&, FunctionContext& ctx) {
        std::vector<std::string> used;
        for (const auto& t : ctx.txn->rel_types()) {
            auto tok = ctx.txn->find_rel_type(t);
            if (tok && ctx.txn->rel_count(*tok) > 0) used.push_back(t);
        }
        return token_rows(used);
    };
    ps.push_back(std::move(types));
    Procedure clear;
    clear.name = "db.clearQueryCaches";
    clear.mode = ProcedureMode::Dbms;
    clear.outputs = {{"value", "STRING", false}};
    clear.description = "Clears all query caches.";
    clear.fn = [](const ValueList&, FunctionContext& ctx) {
        size_t n = ctx.dbms ? ctx.dbms->clear_query_caches() : 0;
        if (n > 0) --n;  // as Neo4j: the clearing statement's own plan does not count
        std::string msg = n == 0 ? "Query cache already empty."
                                 : fmt::format("Query caches successfully cleared of {} queries.", n);
        return std::vector<ValueList>{{Value::string(msg)}};
    };
    ps.push_back(std::move(clear));
    Procedure keys;
    keys.name = "db.propertyKeys";
    keys.outputs = {{"propertyKey", "STRING", false}};
    keys.description = "List all property keys in the database.";
    keys.fn = [](const ValueList&, FunctionContext& ctx) {
        return token_rows(ctx.txn->property_keys());
    };
    ps.push_back(std::move(keys));
    for (auto& p : schema_procedures()) ps.push_back(std::move(p));
    for (auto& p : fulltext_procedures()) ps.push_back(std::move(p));
    for (auto& p : constraint_procedures()) ps.push_back(std::move(p));
    for (auto& p : dbms_procedures()) ps.push_back(std::move(p));
    for (auto& p : index_procedures()) ps.push_back(std::move(p));
    for (auto& p : legacy_procedures()) ps.push_back(std::move(p));
    return ps;
}

struct ProcedureTable {
    std::deque<Procedure> builtins, tests;  // deque: stable addresses
    ProcedureTable() {
        for (auto& p : builtin_procedures()) builtins.push_back(std::move(p));
    }
};

ProcedureTable& table() {
    static ProcedureTable t;
    return t;
}

}  // namespace

std::string Procedure::signature() const {
    auto fields = [](const std::vector<ProcedureField>& fs) {
        std::string s;
        for (size_t i = 0; i < fs.size(); ++i)
            s += fmt::format("{}{}{} :: {}{}", i ? ", " : "", fs[i].name,
                             fs[i].has_default ? " = " + to_literal_string(fs[i].default_value) : "",
                             fs[i].type, fs[i].nullable ? "?" : "");
        return s;
    };
    return fmt::format("{}({}) :: ({})", name, fields(inputs), fields(outputs));
}

const Procedure* find_procedure(std::string_view name) {
    for (const auto& p : table().tests)
        if (p.name == name) return &p;
    for (const auto& p : table().builtins)
        if (p.name == name) return &p;
    return nullptr;
}

std::vector<const Procedure*> all_procedures() {
    std::vector<const Procedure*> out;
    for (const auto& p : table().builtins) out.push_back(&p);
    for (const auto& p : table().tests) out.push_back(&p);
    return out;
}

void register_test_procedure(Procedure p) {
    auto& tests = table().tests;
    for (auto& q : tests)
        if (q.name == p.name) {
            q = std::move(p);
            return;
        }
    tests.push_back(std::move(p));
}

void clear_test_procedures() { table().tests.clear(); }

bool argument_accepts(const ProcedureField& f, const Value& v) {
    if (v.is_null()) return f.nullable;
    const std::string& t = f.type;
    if (t == "ANY") return true;
    if (t == "INTEGER") return v.is_int();
    if (t == "FLOAT") return v.is_float() || v.is_int();
    if (t == "NUMBER") return v.is_float() || v.is_int();
    if (t == "STRING") return v.is_string();
    if (t == "BOOLEAN") return v.is_bool();
    if (t == "MAP") return v.is_map() || v.is_node() || v.is_rel();
    if (t == "NODE") return v.is_node();
    if (t == "RELATIONSHIP") return v.is_rel();
    if (t.rfind("LIST", 0) == 0) return v.is_list();
    return true;
}

Value coerce_argument(const ProcedureField& f, const Value& v) {
    if (f.type == "FLOAT" && v.is_int()) return Value::float64(double(v.as_int()));
    return v;
}

}  // namespace quiver::function
