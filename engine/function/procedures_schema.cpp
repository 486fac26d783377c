// dbms.components() and the db.schema.* procedures: answered from the store's catalog and a
// scan of its nodes and relationships (the store keeps no per-property statistics).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "function/procedure.h"
#include "storage/graph/graph_txn.h"

namespace quiver::function {

namespace {

constexpr const char* kQuiverVersion = "0.1.0";

// Neo4j's property type names in db.schema.*TypeProperties ("String", "LongArray", ...).
std::string property_type_name(const Value& v) {
    switch (v.kind()) {
        case ValueKind::Bool: return "Boolean";
        case ValueKind::Int: return "Long";
        case ValueKind::Float: return "Double";
        case ValueKind::String: return "String";
        case ValueKind::Date: return "Date";
        case ValueKind::LocalTime: return "LocalTime";
        case ValueKind::Time: return "Time";
        case ValueKind::LocalDateTime: return "LocalDateTime";
        case ValueKind::DateTime: return "DateTime";
        case ValueKind::Duration: return "Duration";
        case ValueKind::Point: return "Point";
        case ValueKind::List: {
            const auto& l = v.as_list();
            if (l.empty()) return "StringArray";
            return property_type_name(l[0]) + "Array";
        }
        default: return "Any";
    }
}

std::string quoted_token(const std::string& name) {
    std::string s = "`";
    for (char c : name) s += c == '`' ? std::string("``") : std::string(1, c);
    return s + "`";
}

// Per label set (or relationship type): how many entities, and per property key the types
// seen and how many entities carry it.
struct TypeProfile {
    uint64_t count = 0;
    std::map<std::string, std::pair<std::set<std::string>, uint64_t>> properties;
    void add(const std::vector<std::pair<std::string, Value>>& props) {
        ++count;
        for (const auto& [k, v] : props) {
            auto& p = properties[k];
            p.first.insert(property_type_name(v));
            ++p.second;
        }
    }
};

std::vector<std::pair<std::string, Value>> named(storage::GraphTxn& txn,
                                                 const storage::PropertyList& props) {
    std::vector<std::pair<std::string, Value>> out;
    for (const auto& [k, v] : props) out.emplace_back(txn.property_key_name(k), v);
    return out;
}

Value string_list(const std::set<std::string>& s) {
    ValueList l;
    for (const auto& x : s) l.push_back(Value::string(x));
    return Value::list(std::move(l));
}

Value string_list(const std::vector<std::string>& s) {
    ValueList l;
    for (const auto& x : s) l.push_back(Value::string(x));
    return Value::list(std::move(l));
}

// Rows of a TypeProfile: one per property, or one with nulls when the type has none.
void profile_rows(const TypeProfile& prof, const ValueList& key_cells,
                  std::vector<ValueList>& rows) {
    if (prof.properties.empty()) {
        ValueList r = key_cells;
        r.push_back(Value::null());
        r.push_back(Value::null());
        r.push_back(Value::boolean(false));
        rows.push_back(std::move(r));
        return;
    }
    for (const auto& [key, p] : prof.properties) {
        ValueList r = key_cells;
        r.push_back(Value::string(key));
        r.push_back(string_list(p.first));
        r.push_back(Value::boolean(p.second == prof.count));
        rows.push_back(std::move(r));
    }
}

std::vector<ValueList> node_type_properties(FunctionContext& ctx) {
    auto& txn = *ctx.txn;
    std::map<std::vector<std::string>, TypeProfile> by_labels;
    storage::NodeId id;
    auto cur = txn.scan_nodes();
    while (cur.next(id)) {
        std::vector<std::string> labels;
        for (auto t : txn.node_labels(id)) labels.push_back(txn.label_name(t));
        std::sort(labels.begin(), labels.end());
        by_labels[labels].add(named(txn, txn.node_properties(id)));
    }
    std::vector<ValueList> rows;
    for (const auto& [labels, prof] : by_labels) {
        std::string type;
        for (const auto& l : labels) type += ":" + quoted_token(l);
        profile_rows(prof, {Value::string(type), string_list(labels)}, rows);
    }
    return rows;
}

std::vector<ValueList> rel_type_properties(FunctionContext& ctx) {
    auto& txn = *ctx.txn;
    std::map<std::string, TypeProfile> by_type;
    storage::NodeId id;
    auto cur = txn.scan_nodes();
    while (cur.next(id)) {
        auto ex = txn.expand(id, storage::Direction::Outgoing);
        storage::AdjEntry e;
        while (ex.next(e)) {
            auto rec = txn.rel(e.rel);
            by_type[txn.rel_type_name(rec.type)].add(named(txn, txn.rel_properties(e.rel)));
        }
    }
    std::vector<ValueList> rows;
    for (const auto& [type, prof] : by_type)
        profile_rows(prof, {Value::string(":" + quoted_token(type))}, rows);
    return rows;
}

std::vector<ValueList> schema_visualization(FunctionContext& ctx) {
    auto& txn = *ctx.txn;
    // One virtual node per label (negative ids, as Neo4j's virtual entities), one virtual
    // relationship per (start label, type, end label) that occurs.
    std::vector<std::string> labels = txn.labels();
    std::map<std::string, int64_t> label_ids;
    ValueList nodes;
    for (size_t i = 0; i < labels.size(); ++i) {
        int64_t vid = -int64_t(i) - 1;
        label_ids[labels[i]] = vid;
        auto* n = new NodeObj();
        n->id = vid;
        n->element_id = std::to_string(vid);
        n->labels = {labels[i]};
        n->properties = {{"name", Value::string(labels[i])},
                         {"indexes", Value::list({})},
                         {"constraints", Value::list({})}};
        nodes.push_back(Value::node(n));
    }
    std::set<std::tuple<std::string, std::string, std::string>> seen;
    storage::NodeId id;
    auto cur = txn.scan_nodes();
    while (cur.next(id)) {
        auto ex = txn.expand(id, storage::Direction::Outgoing);
        storage::AdjEntry e;
        auto start_labels = txn.node_labels(id);
        while (ex.next(e)) {
            auto rec = txn.rel(e.rel);
            for (auto sl : start_labels)
                for (auto el : txn.node_labels(rec.end))
                    seen.emplace(txn.label_name(sl), txn.rel_type_name(rec.type),
                                 txn.label_name(el));
        }
    }
    ValueList rels;
    int64_t next_id = -1;
    for (const auto& [from, type, to] : seen) {
        auto* r = new RelObj();
        r->id = next_id--;
        r->element_id = std::to_string(r->id);
        r->start = label_ids[from];
        r->end = label_ids[to];
        r->start_element_id = std::to_string(r->start);
        r->end_element_id = std::to_string(r->end);
        r->type = type;
        rels.push_back(Value::relationship(r));
    }
    return {ValueList{Value::list(std::move(nodes)), Value::list(std::move(rels))}};
}

const char* mode_name(ProcedureMode m) {
    switch (m) {
        case ProcedureMode::Read: return "READ";
        case ProcedureMode::Write: return "WRITE";
        case ProcedureMode::Schema: return "SCHEMA";
        case ProcedureMode::Dbms: return "DBMS";
    }
    return "READ";
}

Value field_descriptions(const std::vector<ProcedureField>& fs) {
    ValueList out;
    for (const auto& f : fs) {
        std::string type = f.type + (f.nullable ? "?" : "");
        out.push_back(Value::map({{"name", Value::string(f.name)},
                                  {"description", Value::string(f.name + " :: " + type)},
                                  {"isDeprecated", Value::boolean(false)},
                                  {"type", Value::string(type)}}));
    }
    return Value::list(std::move(out));
}

bool is_internal(const std::string& name) { return name.rfind("quiver.internal.", 0) == 0; }

// SHOW PROCEDURES YIELD *: every column, in Neo4j's order.
std::vector<ValueList> show_procedures() {
    std::vector<ValueList> rows;
    for (const Procedure* p : all_procedures()) {
        if (is_internal(p->name)) continue;
        bool system = p->mode == ProcedureMode::Dbms;
        rows.push_back({Value::string(p->name), Value::string(p->description),
                        Value::string(mode_name(p->mode)), Value::boolean(system),
                        Value::string(p->signature()), field_descriptions(p->inputs),
                        field_descriptions(p->outputs), Value::boolean(false), Value::null(),
                        Value::null(), Value::boolean(false), Value::null(),
                        Value::map({{"deprecated", Value::boolean(false)}})});
    }
    return rows;
}

std::string function_category(const std::string& name) {
    static const std::map<std::string, const char*> kCategories = {
        {"abs", "Numeric"}, {"ceil", "Numeric"}, {"floor", "Numeric"}, {"isNaN", "Numeric"},
        {"rand", "Numeric"}, {"round", "Numeric"}, {"sign", "Numeric"},
        {"e", "Logarithmic"}, {"exp", "Logarithmic"}, {"log", "Logarithmic"},
        {"log10", "Logarithmic"}, {"sqrt", "Logarithmic"},
        {"acos", "Trigonometric"}, {"asin", "Trigonometric"}, {"atan", "Trigonometric"},
        {"atan2", "Trigonometric"}, {"cos", "Trigonometric"}, {"cot", "Trigonometric"},
        {"degrees", "Trigonometric"}, {"haversin", "Trigonometric"}, {"pi", "Trigonometric"},
        {"radians", "Trigonometric"}, {"sin", "Trigonometric"}, {"tan", "Trigonometric"},
        {"btrim", "String"}, {"left", "String"}, {"ltrim", "String"}, {"replace", "String"},
        {"reverse", "String"}, {"right", "String"}, {"rtrim", "String"}, {"split", "String"},
        {"substring", "String"}, {"toLower", "String"}, {"toUpper", "String"},
        {"trim", "String"}, {"toString", "String"}, {"toStringOrNull", "String"},
        {"keys", "List"}, {"labels", "List"}, {"nodes", "List"}, {"range", "List"},
        {"relationships", "List"}, {"tail", "List"}, {"toBooleanList", "List"},
        {"toFloatList", "List"}, {"toIntegerList", "List"}, {"toStringList", "List"},
        {"isEmpty", "Predicate"}};
    auto it = kCategories.find(name);
    if (it != kCategories.end()) return it->second;
    for (const char* t : {"date", "datetime", "localdatetime", "localtime", "time", "duration"}) {
        std::string prefix = t;
        if (name == prefix || name.rfind(prefix + ".", 0) == 0) return "Temporal";
    }
    return "Scalar";
}

std::string function_signature(const char* name, int min_args, int max_args) {
    int n = max_args < 0 ? min_args + 1 : max_args;
    std::string s = std::string(name) + "(";
    for (int i = 0; i < n; ++i)
        s += fmt::format("{}{} :: ANY", i ? ", " : "", n == 1 ? "input" : fmt::format("input{}", i + 1));
    return s + ") :: ANY";
}

Value function_arguments(int min_args, int max_args) {
    int n = max_args < 0 ? min_args + 1 : max_args;
    ValueList out;
    for (int i = 0; i < n; ++i) {
        std::string arg = n == 1 ? "input" : fmt::format("input{}", i + 1);
        out.push_back(Value::map({{"name", Value::string(arg)},
                                  {"description", Value::string(arg + " :: ANY")},
                                  {"isDeprecated", Value::boolean(false)},
                                  {"type", Value::string("ANY")}}));
    }
    return Value::list(std::move(out));
}

// SHOW FUNCTIONS YIELD *.
std::vector<ValueList> show_functions() {
    std::vector<ValueList> rows;
    auto add = [&](const char* name, int min_args, int max_args, const char* description,
                   bool aggregating) {
        rows.push_back({Value::string(name),
                        Value::string(aggregating ? "Aggregating" : function_category(name)),
                        Value::string(description),
                        Value::string(function_signature(name, min_args, max_args)),
                        Value::boolean(true), function_arguments(min_args, max_args),
                        Value::string("ANY"), Value::boolean(aggregating), Value::null(),
                        Value::null(), Value::boolean(false), Value::null()});
    };
    for (const ScalarFunction* f : all_scalars())
        add(f->name, f->min_args, f->max_args, f->description, false);
    for (const AggregateFunction* f : all_aggregates())
        add(f->name, f->min_args, f->max_args, f->description, true);
    return rows;
}

}  // namespace

std::vector<Procedure> schema_procedures() {
    std::vector<Procedure> ps;
    Procedure components;
    components.name = "dbms.components";
    components.mode = ProcedureMode::Dbms;
    components.outputs = {{"name", "STRING"}, {"versions", "LIST OF STRING"}, {"edition", "STRING"}};
    components.description = "List DBMS components and their versions.";
    components.fn = [](const ValueList&, FunctionContext&) {
        return std::vector<ValueList>{{Value::string("Quiver"),
                                       Value::list({Value::string(kQuiverVersion)}),
                                       Value::string("community")}};
    };
    ps.push_back(std::move(components));

    Procedure viz;
    viz.name = "db.schema.visualization";
    viz.outputs = {{"nodes", "LIST OF NODE"}, {"relationships", "LIST OF RELATIONSHIP"}};
    viz.description = "Visualizes the schema of the data based on available statistics.";
    viz.fn = [](const ValueList&, FunctionContext& ctx) { return schema_visualization(ctx); };
    ps.push_back(std::move(viz));

    Procedure ntp;
    ntp.name = "db.schema.nodeTypeProperties";
    ntp.outputs = {{"nodeType", "STRING"},
                   {"nodeLabels", "LIST OF STRING"},
                   {"propertyName", "STRING"},
                   {"propertyTypes", "LIST OF STRING"},
                   {"mandatory", "BOOLEAN"}};
    ntp.description = "Show the derived property schema of the nodes in tabular form.";
    ntp.fn = [](const ValueList&, FunctionContext& ctx) { return node_type_properties(ctx); };
    ps.push_back(std::move(ntp));

    Procedure rtp;
    rtp.name = "db.schema.relTypeProperties";
    rtp.outputs = {{"relType", "STRING"},
                   {"propertyName", "STRING"},
                   {"propertyTypes", "LIST OF STRING"},
                   {"mandatory", "BOOLEAN"}};
    rtp.description = "Show the derived property schema of the relationships in tabular form.";
    rtp.fn = [](const ValueList&, FunctionContext& ctx) { return rel_type_properties(ctx); };
    ps.push_back(std::move(rtp));

    // The sources of SHOW PROCEDURES / SHOW FUNCTIONS (main/show_commands.cpp); not listed.
    Procedure sp;
    sp.name = "quiver.internal.showProcedures";
    sp.mode = ProcedureMode::Dbms;
    sp.outputs = {{"name", "STRING"},
                  {"description", "STRING"},
                  {"mode", "STRING"},
                  {"worksOnSystem", "BOOLEAN"},
                  {"signature", "STRING"},
                  {"argumentDescription", "LIST OF MAP"},
                  {"returnDescription", "LIST OF MAP"},
                  {"admin", "BOOLEAN"},
                  {"rolesExecution", "LIST OF STRING"},
                  {"rolesBoostedExecution", "LIST OF STRING"},
                  {"isDeprecated", "BOOLEAN"},
                  {"deprecatedBy", "STRING"},
                  {"option", "MAP"}};
    sp.description = "SHOW PROCEDURES";
    sp.fn = [](const ValueList&, FunctionContext&) { return show_procedures(); };
    ps.push_back(std::move(sp));

    Procedure sf;
    sf.name = "quiver.internal.showFunctions";
    sf.mode = ProcedureMode::Dbms;
    sf.outputs = {{"name", "STRING"},
                  {"category", "STRING"},
                  {"description", "STRING"},
                  {"signature", "STRING"},
                  {"isBuiltIn", "BOOLEAN"},
                  {"argumentDescription", "LIST OF MAP"},
                  {"returnDescription", "STRING"},
                  {"aggregating", "BOOLEAN"},
                  {"rolesExecution", "LIST OF STRING"},
                  {"rolesBoostedExecution", "LIST OF STRING"},
                  {"isDeprecated", "BOOLEAN"},
                  {"deprecatedBy", "STRING"}};
    sf.description = "SHOW FUNCTIONS";
    sf.fn = [](const ValueList&, FunctionContext&) { return show_functions(); };
    ps.push_back(std::move(sf));
    return ps;
}

}  // namespace quiver::function
