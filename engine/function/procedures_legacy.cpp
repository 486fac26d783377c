// The Neo4j 4.x procedures that Neo4j 5 replaced with commands, kept for code written against
// 4.x: db.indexes, db.indexDetails, db.constraints, db.schemaStatements, db.createIndex,
// db.createUniquePropertyConstraint, db.index.fulltext.createNodeIndex /
// createRelationshipIndex / drop, dbms.procedures, dbms.functions, dbms.listTransactions,
// dbms.listQueries and dbms.kill{Transaction,Transactions,Query,Queries}.
//
// They own no data: the listings reshape the rows of the procedures behind the SHOW commands
// (quiver.internal.showIndexes, showConstraints, showProcedures, showFunctions,
// terminateTransactions, and DbmsContext::transactions), and the schema procedures build the
// equivalent CREATE/DROP command and run it through DbmsContext::run_schema_command, so they
// fail with the command's errors and count what the command counts.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "base/error.h"
#include "function/dbms_context.h"
#include "function/procedure.h"
#include "quiver/database.h"

namespace quiver::function {

namespace {

// The rows of an internal SHOW procedure, with its columns found by name.
struct Listing {
    const Procedure* proc;
    std::vector<ValueList> rows;
    Listing(const char* name, const ValueList& args, FunctionContext& ctx)
        : proc(find_procedure(name)), rows(proc->fn(args, ctx)) {}
    size_t col(std::string_view n) const {
        for (size_t i = 0; i < proc->outputs.size(); ++i)
            if (proc->outputs[i].name == n) return i;
        throw QuiverError(std::string(status::UnknownError),
                          fmt::format("{} has no column {}", proc->name, n));
    }
};

[[noreturn]] void call_failed(const char* proc, const std::string& why) {
    throw QuiverError(std::string(status::ProcedureCallFailed),
                      fmt::format("Failed to invoke procedure `{}`: Caused by: "
                                  "java.lang.IllegalArgumentException: {}",
                                  proc, why));
}

DbmsContext& dbms_for(FunctionContext& ctx, const char* proc) {
    if (!ctx.dbms)
        throw QuiverError(std::string(status::ProcedureCallFailed),
                          fmt::format("Failed to invoke procedure `{}`: no database", proc));
    return *ctx.dbms;
}

std::string quoted(const std::string& n) {
    std::string s = "`";
    for (char c : n) s += c == '`' ? std::string("``") : std::string(1, c);
    return s + "`";
}

std::string str(const Value& v) { return v.is_string() ? v.as_string() : std::string(); }

// A list argument of strings (labels, types, properties): at least one, none null.
std::vector<std::string> names_argument(const char* proc, const Value& v, const char* what) {
    std::vector<std::string> out;
    if (v.is_list())
        for (const auto& x : v.as_list()) {
            if (!x.is_string()) call_failed(proc, fmt::format("{} must be strings", what));
            out.push_back(x.as_string());
        }
    if (out.empty()) call_failed(proc, fmt::format("at least one {} is required", what));
    return out;
}

std::string name_argument(const char* proc, const Value& v, const char* what) {
    if (!v.is_string() || v.as_string().empty())
        call_failed(proc, fmt::format("{} name must be a non-empty string", what));
    return v.as_string();
}

void run_schema(FunctionContext& ctx, const char* proc, const std::string& command) {
    QueryStats local;
    dbms_for(ctx, proc).run_schema_command(command, *ctx.txn, ctx.stats ? *ctx.stats : local);
}

// ---- listings ---------------------------------------------------------------------------

// db.indexes (details = false) and db.indexDetails (details = true, two more columns).
std::vector<ValueList> index_rows(FunctionContext& ctx, bool details, const std::string* only) {
    Listing ix("quiver.internal.showIndexes", {}, ctx);
    std::vector<ValueList> out;
    for (const auto& r : ix.rows) {
        if (only && str(r[ix.col("name")]) != *only) continue;
        ValueList row = {r[ix.col("id")],
                         r[ix.col("name")],
                         r[ix.col("state")],
                         r[ix.col("populationPercent")],
                         Value::string(r[ix.col("owningConstraint")].is_null() ? "NONUNIQUE"
                                                                               : "UNIQUE"),
                         r[ix.col("type")],
                         r[ix.col("entityType")],
                         r[ix.col("labelsOrTypes")],
                         r[ix.col("properties")],
                         r[ix.col("indexProvider")]};
        if (details) {
            const Value* config = r[ix.col("options")].map_get("indexConfig");
            row.push_back(config ? *config : Value::map({}));
            row.push_back(r[ix.col("failureMessage")]);
        }
        out.push_back(std::move(row));
    }
    return out;
}

std::string list_text(const Value& v, const std::string& prefix, const char* sep) {
    std::string s;
    if (!v.is_list()) return s;
    for (size_t i = 0; i < v.as_list().size(); ++i)
        s += (i ? sep : "") + prefix + str(v.as_list()[i]);
    return s;
}

// Neo4j 4's spelling of a constraint type ("UNIQUENESS", "NODE KEY", ...) from SHOW
// CONSTRAINTS' ("NODE_PROPERTY_UNIQUENESS", "NODE_KEY", ...).
std::string legacy_constraint_type(std::string t) {
    if (t == "NODE_PROPERTY_UNIQUENESS") return "UNIQUENESS";
    if (t == "RELATIONSHIP_PROPERTY_UNIQUENESS") return "RELATIONSHIP UNIQUENESS";
    std::replace(t.begin(), t.end(), '_', ' ');
    return t;
}

// db.constraints: name, description ("CONSTRAINT ON ( book:Book ) ASSERT (book.isbn) IS
// UNIQUE") and details ("Constraint( id=2, name='c', type='UNIQUENESS', schema=(:Book {isbn}),
// ownedIndex=1 )").
std::vector<ValueList> constraint_rows(FunctionContext& ctx) {
    Listing cs("quiver.internal.showConstraints", {}, ctx);
    Listing ix("quiver.internal.showIndexes", {}, ctx);
    std::vector<ValueList> out;
    for (const auto& r : cs.rows) {
        const Value& tokens = r[cs.col("labelsOrTypes")];
        const Value& props = r[cs.col("properties")];
        std::string token = list_text(tokens, "", ":");
        bool rel = str(r[cs.col("entityType")]) == "RELATIONSHIP";
        std::string var;
        for (char c : token)
            if (std::isalnum(static_cast<unsigned char>(c)) || c == '_')
                var += char(std::tolower(static_cast<unsigned char>(c)));
        if (var.empty() || std::isdigit(static_cast<unsigned char>(var[0]))) var = "n" + var;
        std::string type = str(r[cs.col("type")]);
        std::string rule;
        if (type.find("UNIQUENESS") != std::string::npos) rule = "IS UNIQUE";
        else if (type.find("EXISTENCE") != std::string::npos) rule = "IS NOT NULL";
        else if (type.find("KEY") != std::string::npos) rule = rel ? "IS RELATIONSHIP KEY" : "IS NODE KEY";
        else rule = "IS :: " + str(r[cs.col("propertyType")]);
        std::string pattern = rel ? fmt::format("()-[ {}:{} ]-()", var, token)
                                  : fmt::format("( {}:{} )", var, token);
        std::string description = fmt::format("CONSTRAINT ON {} ASSERT ({}) {}", pattern,
                                              list_text(props, var + ".", ", "), rule);
        std::string schema = rel ? fmt::format("-[:{} {{{}}}]-", token, list_text(props, "", ", "))
                                 : fmt::format("(:{} {{{}}})", token, list_text(props, "", ", "));
        std::string owned;
        const Value& owned_name = r[cs.col("ownedIndex")];
        for (const auto& i : ix.rows)
            if (owned_name.is_string() && str(i[ix.col("name")]) == owned_name.as_string())
                owned = fmt::format(", ownedIndex={}", i[ix.col("id")].as_int());
        std::string details = fmt::format("Constraint( id={}, name='{}', type='{}', schema={}{} )",
                                          r[cs.col("id")].as_int(), str(r[cs.col("name")]),
                                          legacy_constraint_type(type), schema, owned);
        out.push_back({r[cs.col("name")], Value::string(description), Value::string(details)});
    }
    return out;
}

// db.schemaStatements: the indexes not owned by a constraint, then the constraints, by name.
std::vector<ValueList> schema_statement_rows(FunctionContext& ctx) {
    Listing ix("quiver.internal.showIndexes", {}, ctx);
    Listing cs("quiver.internal.showConstraints", {}, ctx);
    std::vector<ValueList> out;
    for (const auto& r : ix.rows) {
        // as in Neo4j 4.4, index types introduced after 4.3 (token lookup) are left out
        if (!r[ix.col("owningConstraint")].is_null() || !r[ix.col("createStatement")].is_string() ||
            str(r[ix.col("type")]) == "LOOKUP")
            continue;
        out.push_back({r[ix.col("name")], Value::string("INDEX"), r[ix.col("createStatement")],
                       Value::string("DROP INDEX " + quoted(str(r[ix.col("name")])))});
    }
    for (const auto& r : cs.rows)
        out.push_back({r[cs.col("name")], Value::string("CONSTRAINT"),
                       r[cs.col("createStatement")],
                       Value::string("DROP CONSTRAINT " + quoted(str(r[cs.col("name")])))});
    std::stable_sort(out.begin(), out.end(), [](const ValueList& a, const ValueList& b) {
        return str(a[0]) < str(b[0]);
    });
    return out;
}

std::vector<ValueList> by_name(std::vector<ValueList> rows) {
    std::stable_sort(rows.begin(), rows.end(),
                     [](const ValueList& a, const ValueList& b) { return str(a[0]) < str(b[0]); });
    return rows;
}

void add_schema_listings(std::vector<Procedure>& ps) {
    const std::vector<ProcedureField> index_columns = {
        {"id", "INTEGER"},         {"name", "STRING"},
        {"state", "STRING"},       {"populationPercent", "FLOAT"},
        {"uniqueness", "STRING"},  {"type", "STRING"},
        {"entityType", "STRING"},  {"labelsOrTypes", "LIST OF STRING"},
        {"properties", "LIST OF STRING"}, {"provider", "STRING"}};

    Procedure indexes;
    indexes.name = "db.indexes";
    indexes.outputs = index_columns;
    indexes.description = "List all indexes in the database.";
    indexes.fn = [](const ValueList&, FunctionContext& ctx) {
        return index_rows(ctx, false, nullptr);
    };
    ps.push_back(std::move(indexes));

    Procedure details;
    details.name = "db.indexDetails";
    details.inputs = {{"indexName", "STRING"}};
    details.outputs = index_columns;
    details.outputs.push_back({"indexConfig", "MAP"});
    details.outputs.push_back({"failureMessage", "STRING"});
    details.description = "Detailed description of specific index.";
    details.fn = [](const ValueList& args, FunctionContext& ctx) {
        std::string name = str(args[0]);
        auto rows = index_rows(ctx, true, &name);
        if (rows.empty())
            call_failed("db.indexDetails",
                        fmt::format("Could not find index with name \"{}\"", name));
        return rows;
    };
    ps.push_back(std::move(details));

    Procedure constraints;
    constraints.name = "db.constraints";
    constraints.outputs = {{"name", "STRING"}, {"description", "STRING"}, {"details", "STRING"}};
    constraints.description = "List all constraints in the database.";
    constraints.fn = [](const ValueList&, FunctionContext& ctx) { return constraint_rows(ctx); };
    ps.push_back(std::move(constraints));

    Procedure statements;
    statements.name = "db.schemaStatements";
    statements.outputs = {{"name", "STRING"},
                          {"type", "STRING"},
                          {"createStatement", "STRING"},
                          {"dropStatement", "STRING"}};
    statements.description =
        "List all statements for creating and dropping existing indexes and constraints.";
    statements.fn = [](const ValueList&, FunctionContext& ctx) {
        return schema_statement_rows(ctx);
    };
    ps.push_back(std::move(statements));
}

// ---- schema procedures ------------------------------------------------------------------

// The index type for a 4.x provider name (btree providers became range indexes in Neo4j 5).
std::string index_type_for(const char* proc, const Value& provider, bool unique) {
    std::string p = str(provider);
    if (p == "native-btree-1.0" || p == "lucene+native-3.0" || p == "range-1.0") return "RANGE";
    if (!unique && (p == "text-1.0" || p == "text-2.0")) return "TEXT";
    if (!unique && p == "point-1.0") return "POINT";
    call_failed(proc, fmt::format("Could not find index provider '{}'. Available index providers "
                                  "are: range-1.0, native-btree-1.0, lucene+native-3.0{}",
                                  p, unique ? "" : ", text-2.0, point-1.0"));
}

std::string node_property_list(const std::vector<std::string>& props, const char* var) {
    std::string s;
    for (size_t i = 0; i < props.size(); ++i)
        s += fmt::format("{}{}.{}", i ? ", " : "", var, quoted(props[i]));
    return s;
}

std::vector<ProcedureField> create_inputs(const char* first) {
    return {{first, "STRING"},
            {"labels", "LIST OF STRING"},
            {"properties", "LIST OF STRING"},
            {"providerName", "STRING"},
            {"config", "MAP", true, true, Value::map({})}};
}

std::vector<ProcedureField> create_outputs() {
    return {{"name", "STRING"},
            {"labels", "LIST OF STRING"},
            {"properties", "LIST OF STRING"},
            {"providerName", "STRING"},
            {"status", "STRING"}};
}

// The full-text config map of Neo4j 4 ({analyzer: 'english', eventually_consistent: 'true'})
// as the OPTIONS of CREATE FULLTEXT INDEX.
std::string fulltext_options(const char* proc, const Value& config) {
    std::string analyzer = "standard";
    bool eventual = false;
    if (config.is_map())
        for (const auto& [k, v] : config.as_map()) {
            if (k == "analyzer" || k == "fulltext.analyzer") {
                if (!v.is_string()) call_failed(proc, "the analyzer must be a string");
                analyzer = v.as_string();
            } else if (k == "eventually_consistent" || k == "fulltext.eventually_consistent") {
                if (v.is_bool()) eventual = v.as_bool();
                else if (v.is_string() && (v.as_string() == "true" || v.as_string() == "false"))
                    eventual = v.as_string() == "true";
                else call_failed(proc, "eventually_consistent must be true or false");
            } else {
                call_failed(proc, fmt::format("Invalid index config key '{}'", k));
            }
        }
    for (char c : analyzer)
        if (c == '\'' || c == '\\') call_failed(proc, fmt::format("unknown analyzer '{}'", analyzer));
    return fmt::format(" OPTIONS {{indexConfig: {{`fulltext.analyzer`: '{}', "
                       "`fulltext.eventually_consistent`: {}}}}}",
                       analyzer, eventual ? "true" : "false");
}

Procedure fulltext_create(bool relationships) {
    Procedure p;
    p.name = relationships ? "db.index.fulltext.createRelationshipIndex"
                           : "db.index.fulltext.createNodeIndex";
    p.mode = ProcedureMode::Schema;
    p.inputs = {{"indexName", "STRING"},
                {relationships ? "relationshipTypes" : "labels", "LIST OF STRING"},
                {"properties", "LIST OF STRING"},
                {"config", "MAP", true, true, Value::map({})}};
    p.description = fmt::format(
        "Create a {} full-text index for the given {} and properties. The optional 'config' map "
        "takes 'analyzer' (see db.index.fulltext.listAvailableAnalyzers) and "
        "'eventually_consistent'.",
        relationships ? "relationship" : "node", relationships ? "relationship types" : "labels");
    p.fn = [relationships](const ValueList& args, FunctionContext& ctx) {
        const char* proc = relationships ? "db.index.fulltext.createRelationshipIndex"
                                         : "db.index.fulltext.createNodeIndex";
        std::string name = name_argument(proc, args[0], "index");
        auto tokens = names_argument(proc, args[1], relationships ? "relationship type" : "label");
        auto props = names_argument(proc, args[2], "property");
        std::string token_text;
        for (size_t i = 0; i < tokens.size(); ++i) token_text += (i ? "|" : "") + quoted(tokens[i]);
        const char* var = relationships ? "r" : "n";
        std::string pattern = relationships ? "()-[r:" + token_text + "]-()" : "(n:" + token_text + ")";
        run_schema(ctx, proc,
                   fmt::format("CREATE FULLTEXT INDEX {} FOR {} ON EACH [{}]{}", quoted(name),
                               pattern, node_property_list(props, var),
                               fulltext_options(proc, args.size() > 3 ? args[3] : Value())));
        return std::vector<ValueList>{};
    };
    return p;
}

// The (name, [label], [property, ...]) arguments of db.createIndex and
// db.createUniquePropertyConstraint: exactly one label.
struct SingleLabelArguments {
    std::string name, label;
    std::vector<std::string> properties;
};
SingleLabelArguments single_label_arguments(const char* proc, const ValueList& args,
                                            const char* what, const char* supported_by) {
    std::string name = name_argument(proc, args[0], what);
    auto labels = names_argument(proc, args[1], "label");
    auto props = names_argument(proc, args[2], "property");
    if (labels.size() != 1)
        call_failed(proc, std::string("only a single label is supported by ") + supported_by);
    return {std::move(name), std::move(labels[0]), std::move(props)};
}

void add_schema_procedures(std::vector<Procedure>& ps) {
    Procedure index;
    index.name = "db.createIndex";
    index.mode = ProcedureMode::Schema;
    index.inputs = create_inputs("indexName");
    index.outputs = create_outputs();
    index.description =
        "Create a named schema index with specified index provider and configuration "
        "(optional). Yield: name, labels, properties, providerName, status";
    index.fn = [](const ValueList& args, FunctionContext& ctx) {
        const char* proc = "db.createIndex";
        auto [name, label, props] = single_label_arguments(proc, args, "index", "this index type");
        std::string type = index_type_for(proc, args[3], false);
        run_schema(ctx, proc,
                   fmt::format("CREATE {} INDEX {} FOR (n:{}) ON ({})", type, quoted(name),
                               quoted(label), node_property_list(props, "n")));
        return std::vector<ValueList>{
            {Value::string(name), args[1], args[2], args[3], Value::string("index created")}};
    };
    ps.push_back(std::move(index));

    Procedure unique;
    unique.name = "db.createUniquePropertyConstraint";
    unique.mode = ProcedureMode::Schema;
    unique.inputs = create_inputs("constraintName");
    unique.outputs = create_outputs();
    unique.description =
        "Create a named unique property constraint. Backing index will use specified index "
        "provider and configuration (optional). Yield: name, labels, properties, providerName, "
        "status";
    unique.fn = [](const ValueList& args, FunctionContext& ctx) {
        const char* proc = "db.createUniquePropertyConstraint";
        auto [name, label, props] =
            single_label_arguments(proc, args, "constraint", "uniqueness constraints");
        index_type_for(proc, args[3], true);
        run_schema(ctx, proc,
                   fmt::format("CREATE CONSTRAINT {} FOR (n:{}) REQUIRE ({}) IS UNIQUE",
                               quoted(name), quoted(label), node_property_list(props, "n")));
        return std::vector<ValueList>{{Value::string(name), args[1], args[2], args[3],
                                       Value::string("uniqueness constraint online")}};
    };
    ps.push_back(std::move(unique));

    ps.push_back(fulltext_create(false));
    ps.push_back(fulltext_create(true));

    Procedure drop;
    drop.name = "db.index.fulltext.drop";
    drop.mode = ProcedureMode::Schema;
    drop.inputs = {{"indexName", "STRING"}};
    drop.description = "Drop the specified index.";
    drop.fn = [](const ValueList& args, FunctionContext& ctx) {
        const char* proc = "db.index.fulltext.drop";
        std::string name = name_argument(proc, args[0], "index");
        Listing ix("quiver.internal.showIndexes", {}, ctx);
        for (const auto& r : ix.rows)
            if (str(r[ix.col("name")]) == name && str(r[ix.col("type")]) != "FULLTEXT")
                call_failed(proc, fmt::format("The index called '{}' is not a full-text index",
                                              name));
        run_schema(ctx, proc, "DROP INDEX " + quoted(name));
        return std::vector<ValueList>{};
    };
    ps.push_back(std::move(drop));
}

// ---- dbms -------------------------------------------------------------------------------

void add_catalog_procedures(std::vector<Procedure>& ps) {
    Procedure procs;
    procs.name = "dbms.procedures";
    procs.mode = ProcedureMode::Dbms;
    procs.outputs = {{"name", "STRING"},        {"signature", "STRING"},
                     {"description", "STRING"}, {"mode", "STRING"},
                     {"defaultBuiltInRoles", "LIST OF STRING"}, {"worksOnSystem", "BOOLEAN"}};
    procs.description = "List all procedures in the DBMS.";
    procs.fn = [](const ValueList&, FunctionContext& ctx) {
        Listing l("quiver.internal.showProcedures", {}, ctx);
        std::vector<ValueList> rows;
        for (const auto& r : l.rows)
            rows.push_back({r[l.col("name")], r[l.col("signature")], r[l.col("description")],
                            r[l.col("mode")], Value(), r[l.col("worksOnSystem")]});
        return by_name(std::move(rows));
    };
    ps.push_back(std::move(procs));

    Procedure fns;
    fns.name = "dbms.functions";
    fns.mode = ProcedureMode::Dbms;
    fns.outputs = {{"name", "STRING"},        {"signature", "STRING"},
                   {"category", "STRING"},    {"description", "STRING"},
                   {"aggregating", "BOOLEAN"}, {"defaultBuiltInRoles", "LIST OF STRING"}};
    fns.description = "List all functions in the DBMS.";
    fns.fn = [](const ValueList&, FunctionContext& ctx) {
        Listing l("quiver.internal.showFunctions", {}, ctx);
        std::vector<ValueList> rows;
        for (const auto& r : l.rows)
            rows.push_back({r[l.col("name")], r[l.col("signature")], r[l.col("category")],
                            r[l.col("description")], r[l.col("aggregating")], Value()});
        return by_name(std::move(rows));
    };
    ps.push_back(std::move(fns));
}

void add_transaction_procedures(std::vector<Procedure>& ps) {
    Procedure txs;
    txs.name = "dbms.listTransactions";
    txs.mode = ProcedureMode::Dbms;
    txs.outputs = {{"transactionId", "STRING"},    {"username", "STRING"},
                   {"metaData", "MAP"},            {"startTime", "STRING"},
                   {"protocol", "STRING"},         {"clientAddress", "STRING"},
                   {"requestUri", "STRING"},       {"currentQueryId", "STRING"},
                   {"currentQuery", "STRING"},     {"activeLockCount", "INTEGER"},
                   {"status", "STRING"},           {"resourceInformation", "MAP"},
                   {"elapsedTimeMillis", "INTEGER"}, {"cpuTimeMillis", "INTEGER"},
                   {"waitTimeMillis", "INTEGER"},  {"idleTimeMillis", "INTEGER"},
                   {"allocatedBytes", "INTEGER"},  {"allocatedDirectBytes", "INTEGER"},
                   {"pageHits", "INTEGER"},        {"pageFaults", "INTEGER"},
                   {"connectionId", "STRING"},     {"initializationStackTrace", "STRING"},
                   {"database", "STRING"},         {"estimatedUsedHeapMemory", "INTEGER"},
                   {"outerTransactionId", "STRING"}};
    txs.description =
        "List all transactions currently executing at this instance that are visible to the "
        "user.";
    txs.fn = [](const ValueList&, FunctionContext& ctx) {
        std::vector<ValueList> rows;
        for (const auto& t : transactions_in_id_order(dbms_for(ctx, "dbms.listTransactions")))
            rows.push_back({Value::string(t.id), Value::string(t.username), Value::map(t.metadata),
                            Value::string(iso_utc_millis(t.start_epoch_millis)),
                            Value::string("embedded"), Value::string(""), Value::string(""),
                            Value::string(t.current_query_id), Value::string(t.current_query),
                            Value::integer(0), Value::string(t.status), Value::map({}),
                            Value::integer(t.elapsed_millis), Value(), Value::integer(0), Value(),
                            Value(), Value(), Value::integer(0), Value::integer(0),
                            Value::string(""), Value::string(""), Value::string("neo4j"), Value(),
                            Value::string("")});
        return rows;
    };
    ps.push_back(std::move(txs));

    Procedure queries;
    queries.name = "dbms.listQueries";
    queries.mode = ProcedureMode::Dbms;
    queries.outputs = {{"queryId", "STRING"},        {"username", "STRING"},
                       {"metaData", "MAP"},          {"query", "STRING"},
                       {"parameters", "MAP"},        {"planner", "STRING"},
                       {"runtime", "STRING"},        {"indexes", "LIST OF MAP"},
                       {"startTime", "STRING"},      {"protocol", "STRING"},
                       {"clientAddress", "STRING"},  {"requestUri", "STRING"},
                       {"status", "STRING"},         {"resourceInformation", "MAP"},
                       {"activeLockCount", "INTEGER"}, {"elapsedTimeMillis", "INTEGER"},
                       {"cpuTimeMillis", "INTEGER"}, {"waitTimeMillis", "INTEGER"},
                       {"idleTimeMillis", "INTEGER"}, {"allocatedBytes", "INTEGER"},
                       {"pageHits", "INTEGER"},      {"pageFaults", "INTEGER"},
                       {"connectionId", "STRING"},   {"database", "STRING"}};
    queries.description =
        "List all queries currently executing at this instance that are visible to the user.";
    queries.fn = [](const ValueList&, FunctionContext& ctx) {
        std::vector<ValueList> rows;
        for (const auto& t : transactions_in_id_order(dbms_for(ctx, "dbms.listQueries"))) {
            if (t.current_query_id.empty()) continue;
            rows.push_back({Value::string(t.current_query_id), Value::string(t.username),
                            Value::map(t.metadata), Value::string(t.current_query),
                            Value::map({}), Value::string("cost"), Value::string("slotted"),
                            Value::list({}), Value::string(iso_utc_millis(t.start_epoch_millis)),
                            Value::string("embedded"), Value::string(""), Value::string(""),
                            Value::string("running"), Value::map({}), Value::integer(0),
                            Value::integer(t.elapsed_millis), Value(), Value::integer(0), Value(),
                            Value(), Value::integer(0), Value::integer(0), Value::string(""),
                            Value::string("neo4j")});
        }
        return rows;
    };
    ps.push_back(std::move(queries));

    const std::vector<ProcedureField> kill_tx_outputs = {
        {"transactionId", "STRING"}, {"username", "STRING"}, {"message", "STRING"}};
    auto kill_transactions = [](const Value& ids, FunctionContext& ctx) {
        return Listing("quiver.internal.terminateTransactions", {ids}, ctx).rows;
    };

    Procedure kill_tx;
    kill_tx.name = "dbms.killTransaction";
    kill_tx.mode = ProcedureMode::Dbms;
    kill_tx.inputs = {{"id", "STRING"}};
    kill_tx.outputs = kill_tx_outputs;
    kill_tx.description = "Kill transaction with provided id.";
    kill_tx.fn = [kill_transactions](const ValueList& args, FunctionContext& ctx) {
        return kill_transactions(Value::list({Value::string(
                                     name_argument("dbms.killTransaction", args[0], "transaction"))}),
                                 ctx);
    };
    ps.push_back(std::move(kill_tx));

    Procedure kill_txs;
    kill_txs.name = "dbms.killTransactions";
    kill_txs.mode = ProcedureMode::Dbms;
    kill_txs.inputs = {{"ids", "LIST OF STRING"}};
    kill_txs.outputs = kill_tx_outputs;
    kill_txs.description = "Kill transactions with provided ids.";
    kill_txs.fn = [kill_transactions](const ValueList& args, FunctionContext& ctx) {
        return kill_transactions(args[0].is_list() ? args[0] : Value::list({}), ctx);
    };
    ps.push_back(std::move(kill_txs));

    // dbms.killQuery / killQueries: the transactions running the given query ids are terminated.
    auto kill_queries = [](const std::vector<std::string>& ids, FunctionContext& ctx,
                           const char* proc) {
        auto& dbms = dbms_for(ctx, proc);
        auto live = transactions_in_id_order(dbms);
        std::vector<ValueList> rows;
        for (const auto& id : ids) {
            const TransactionInfo* found = nullptr;
            for (const auto& t : live)
                if (!t.current_query_id.empty() && t.current_query_id == id) found = &t;
            bool killed = found && dbms.terminate(found->id);
            rows.push_back({Value::string(id), killed ? Value::string(found->username) : Value(),
                            Value::string(killed ? "Query found" : "No Query found with this id")});
        }
        return rows;
    };
    const std::vector<ProcedureField> kill_query_outputs = {
        {"queryId", "STRING"}, {"username", "STRING"}, {"message", "STRING"}};

    Procedure kill_q;
    kill_q.name = "dbms.killQuery";
    kill_q.mode = ProcedureMode::Dbms;
    kill_q.inputs = {{"id", "STRING"}};
    kill_q.outputs = kill_query_outputs;
    kill_q.description = "Kill all transactions executing the query with the given query id.";
    kill_q.fn = [kill_queries](const ValueList& args, FunctionContext& ctx) {
        return kill_queries({name_argument("dbms.killQuery", args[0], "query")}, ctx,
                            "dbms.killQuery");
    };
    ps.push_back(std::move(kill_q));

    Procedure kill_qs;
    kill_qs.name = "dbms.killQueries";
    kill_qs.mode = ProcedureMode::Dbms;
    kill_qs.inputs = {{"ids", "LIST OF STRING"}};
    kill_qs.outputs = kill_query_outputs;
    kill_qs.description =
        "Kill all transactions executing a query with any of the given query ids.";
    kill_qs.fn = [kill_queries](const ValueList& args, FunctionContext& ctx) {
        std::vector<std::string> ids;
        if (args[0].is_list())
            for (const auto& v : args[0].as_list())
                if (v.is_string()) ids.push_back(v.as_string());
        return kill_queries(ids, ctx, "dbms.killQueries");
    };
    ps.push_back(std::move(kill_qs));
}

}  // namespace

std::vector<Procedure> legacy_procedures() {
    std::vector<Procedure> ps;
    add_schema_listings(ps);
    add_schema_procedures(ps);
    add_catalog_procedures(ps);
    add_transaction_procedures(ps);
    return ps;
}

}  // namespace quiver::function
