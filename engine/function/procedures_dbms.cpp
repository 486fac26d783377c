// DBMS-level procedures of a single embedded database: db.ping(), db.info(), dbms.info(),
// dbms.listConfig(), the sources of SHOW SETTINGS / SHOW TRANSACTIONS / TERMINATE TRANSACTIONS
// (over function/dbms_context.h) and of SHOW
// DATABASE[S] / SHOW DEFAULT DATABASE / SHOW HOME DATABASE (main/show_commands.cpp rewrites
// those commands into a CALL of quiver.internal.showDatabases). Quiver serves one user database,
// `neo4j` (the default and home database), beside Neo4j's administration database `system`.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <ctime>

#include "base/error.h"
#include "function/dbms_context.h"
#include "function/procedure.h"
#include "value/value_ops.h"

namespace quiver::function {

namespace {

// Neo4j 5's SHOW DATABASES columns, in its order (YIELD *).
const char* const kDatabaseColumns[][2] = {
    {"name", "STRING"},
    {"type", "STRING"},
    {"aliases", "LIST OF STRING"},
    {"access", "STRING"},
    {"databaseID", "STRING"},
    {"serverID", "STRING"},
    {"address", "STRING"},
    {"role", "STRING"},
    {"writer", "BOOLEAN"},
    {"requestedStatus", "STRING"},
    {"currentStatus", "STRING"},
    {"statusMessage", "STRING"},
    {"default", "BOOLEAN"},
    {"home", "BOOLEAN"},
    {"currentPrimariesCount", "INTEGER"},
    {"currentSecondariesCount", "INTEGER"},
    {"requestedPrimariesCount", "INTEGER"},
    {"requestedSecondariesCount", "INTEGER"},
    {"creationTime", "ANY"},
    {"lastStartTime", "ANY"},
    {"lastStopTime", "ANY"},
    {"store", "STRING"},
    {"lastCommittedTxn", "INTEGER"},
    {"replicationLag", "INTEGER"},
    {"constituents", "LIST OF STRING"},
    {"options", "MAP"},
};

ValueList database_row(const std::string& name, bool user_db) {
    ValueList row;
    row.push_back(Value::string(name));
    row.push_back(Value::string(user_db ? "standard" : "system"));
    row.push_back(Value::list({}));                 // aliases
    row.push_back(Value::string("read-write"));     // access
    row.push_back(Value());                         // databaseID
    row.push_back(Value());                         // serverID
    row.push_back(Value::string("localhost:7687"));  // address of a standalone server
    row.push_back(Value::string("primary"));        // role
    row.push_back(Value::boolean(true));            // writer
    row.push_back(Value::string("online"));         // requestedStatus
    row.push_back(Value::string("online"));         // currentStatus
    row.push_back(Value::string(""));               // statusMessage
    row.push_back(Value::boolean(user_db));         // default
    row.push_back(Value::boolean(user_db));         // home
    row.push_back(Value::integer(1));               // currentPrimariesCount
    row.push_back(Value::integer(0));               // currentSecondariesCount
    row.push_back(Value());                         // requestedPrimariesCount
    row.push_back(Value());                         // requestedSecondariesCount
    row.push_back(Value());                         // creationTime
    row.push_back(Value());                         // lastStartTime
    row.push_back(Value());                         // lastStopTime
    row.push_back(Value());                         // store
    row.push_back(Value());                         // lastCommittedTxn
    row.push_back(Value::integer(0));               // replicationLag
    row.push_back(Value::list({}));                 // constituents
    row.push_back(Value::map({}));                  // options
    return row;
}

DbmsContext& dbms_of(FunctionContext& ctx, const char* proc) {
    if (!ctx.dbms)
        throw QuiverError(std::string(status::ProcedureCallFailed),
                          fmt::format("Failed to invoke procedure `{}`: no database", proc));
    return *ctx.dbms;
}

std::string lower(std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// The names argument of SHOW SETTINGS / SHOW TRANSACTIONS / TERMINATE TRANSACTIONS: null (all),
// a string or a list of strings.
std::vector<std::string> name_list(const Value& v, const char* what, bool* all) {
    std::vector<std::string> out;
    *all = v.is_null();
    if (v.is_string()) out.push_back(v.as_string());
    else if (v.is_list())
        for (const auto& x : v.as_list()) {
            if (!x.is_string())
                throw QuiverError(std::string(status::TypeError),
                                  fmt::format("Expected a string or a list of strings for {}, "
                                              "but got: {}", what, to_literal_string(v)));
            out.push_back(x.as_string());
        }
    else if (!v.is_null())
        throw QuiverError(std::string(status::TypeError),
                          fmt::format("Expected a string or a list of strings for {}, but got: {}",
                                      what, to_literal_string(v)));
    return out;
}

bool listed(const std::vector<std::string>& names, const std::string& n) {
    return std::find(names.begin(), names.end(), n) != names.end();
}

void add_settings_procedures(std::vector<Procedure>& ps) {
    Procedure list;
    list.name = "dbms.listConfig";
    list.mode = ProcedureMode::Dbms;
    list.inputs = {{"searchString", "STRING", false, true, Value::string("")}};
    list.outputs = {{"name", "STRING"}, {"description", "STRING"}, {"value", "STRING"},
                    {"dynamic", "BOOLEAN"}};
    list.description = "List the currently active configuration settings of Neo4j.";
    list.fn = [](const ValueList& args, FunctionContext& ctx) {
        std::string search = lower(args.empty() || !args[0].is_string() ? "" : args[0].as_string());
        std::vector<ValueList> rows;
        for (const auto& s : dbms_of(ctx, "dbms.listConfig").settings()) {
            if (lower(s.name).find(search) == std::string::npos) continue;
            rows.push_back({Value::string(s.name), Value::string(s.description),
                            Value::string(s.value), Value::boolean(s.dynamic)});
        }
        return rows;
    };
    ps.push_back(std::move(list));

    // quiver.internal.showSettings(names): the rows of SHOW SETTINGS.
    Procedure show;
    show.name = "quiver.internal.showSettings";
    show.mode = ProcedureMode::Dbms;
    show.inputs = {{"names", "ANY", true, true, Value()}};
    show.outputs = {{"name", "STRING"},         {"value", "STRING"},
                    {"isDynamic", "BOOLEAN"},   {"defaultValue", "STRING"},
                    {"description", "STRING"},  {"startupValue", "STRING"},
                    {"isExplicitlySet", "BOOLEAN"}, {"validValues", "STRING"},
                    {"isDeprecated", "BOOLEAN"}};
    show.description = "SHOW SETTINGS";
    show.fn = [](const ValueList& args, FunctionContext& ctx) {
        bool all = true;
        auto names = name_list(args.empty() ? Value() : args[0], "setting names", &all);
        std::vector<ValueList> rows;
        for (const auto& s : dbms_of(ctx, "SHOW SETTINGS").settings()) {
            if (!all && !listed(names, s.name)) continue;
            rows.push_back({Value::string(s.name), Value::string(s.value),
                            Value::boolean(s.dynamic), Value::string(s.default_value),
                            Value::string(s.description), Value::string(s.value),
                            Value::boolean(s.value != s.default_value),
                            Value::string(s.valid_values), Value::boolean(false)});
        }
        return rows;
    };
    ps.push_back(std::move(show));
}

void add_info_procedures(std::vector<Procedure>& ps) {
    Procedure db;
    db.name = "db.info";
    db.outputs = {{"id", "STRING"}, {"name", "STRING"}, {"creationDate", "STRING"}};
    db.description = "Provides information regarding the database.";
    db.fn = [](const ValueList&, FunctionContext& ctx) {
        auto& d = dbms_of(ctx, "db.info");
        return std::vector<ValueList>{{Value::string(d.database_id()), Value::string("neo4j"),
                                       Value::string(iso_utc_millis(d.opened_epoch_millis()))}};
    };
    ps.push_back(std::move(db));

    Procedure dbms;
    dbms.name = "dbms.info";
    dbms.mode = ProcedureMode::Dbms;
    dbms.outputs = {{"id", "STRING"}, {"name", "STRING"}, {"creationDate", "STRING"}};
    dbms.description = "Provides information regarding the DBMS.";
    dbms.fn = [](const ValueList&, FunctionContext& ctx) {
        auto& d = dbms_of(ctx, "dbms.info");
        return std::vector<ValueList>{{Value::string(d.database_id()), Value::string("neo4j"),
                                       Value::string(iso_utc_millis(d.opened_epoch_millis()))}};
    };
    ps.push_back(std::move(dbms));
}

void add_transaction_procedures(std::vector<Procedure>& ps) {
    // quiver.internal.showTransactions(ids): the rows of SHOW TRANSACTIONS.
    Procedure show;
    show.name = "quiver.internal.showTransactions";
    show.mode = ProcedureMode::Dbms;
    show.inputs = {{"ids", "ANY", true, true, Value()}};
    show.outputs = {{"database", "STRING"},       {"transactionId", "STRING"},
                    {"currentQueryId", "STRING"}, {"connectionId", "STRING"},
                    {"clientAddress", "STRING"},  {"username", "STRING"},
                    {"currentQuery", "STRING"},   {"startTime", "STRING"},
                    {"status", "STRING"},         {"elapsedTime", "DURATION"},
                    {"metaData", "MAP"}};
    show.description = "SHOW TRANSACTIONS";
    show.fn = [](const ValueList& args, FunctionContext& ctx) {
        bool all = true;
        auto ids = name_list(args.empty() ? Value() : args[0], "transaction ids", &all);
        std::vector<ValueList> rows;
        for (const auto& t : transactions_in_id_order(dbms_of(ctx, "SHOW TRANSACTIONS"))) {
            if (!all && !listed(ids, t.id)) continue;
            DurationValue elapsed;
            elapsed.seconds = t.elapsed_millis / 1000;
            elapsed.nanos = int32_t(t.elapsed_millis % 1000) * 1000000;
            rows.push_back({Value::string("neo4j"), Value::string(t.id),
                            Value::string(t.current_query_id), Value::string(""),
                            Value::string(""), Value::string(t.username),
                            Value::string(t.current_query),
                            Value::string(iso_utc_millis(t.start_epoch_millis)),
                            Value::string(t.status), Value::duration(elapsed),
                            Value::map(t.metadata)});
        }
        return rows;
    };
    ps.push_back(std::move(show));

    // quiver.internal.terminateTransactions(ids): TERMINATE TRANSACTIONS.
    Procedure term;
    term.name = "quiver.internal.terminateTransactions";
    term.mode = ProcedureMode::Dbms;
    term.inputs = {{"ids", "ANY", true, false, Value()}};
    term.outputs = {{"transactionId", "STRING"}, {"username", "STRING"}, {"message", "STRING"}};
    term.description = "TERMINATE TRANSACTIONS";
    term.fn = [](const ValueList& args, FunctionContext& ctx) {
        bool all = true;
        auto ids = name_list(args.empty() ? Value() : args[0], "transaction ids", &all);
        auto& d = dbms_of(ctx, "TERMINATE TRANSACTIONS");
        std::vector<std::string> users;
        for (const auto& id : ids) {
            std::string user;
            for (const auto& t : d.transactions())
                if (t.id == id) user = t.username;
            users.push_back(user);
        }
        std::vector<ValueList> rows;
        for (size_t i = 0; i < ids.size(); ++i) {
            bool found = d.terminate(ids[i]);
            rows.push_back({Value::string(ids[i]), found ? Value::string(users[i]) : Value(),
                            Value::string(found ? "Transaction terminated."
                                                : "Transaction not found.")});
        }
        return rows;
    };
    ps.push_back(std::move(term));
}

}  // namespace

std::vector<TransactionInfo> transactions_in_id_order(const DbmsContext& dbms) {
    auto list = dbms.transactions();
    // neo4j-transaction-<n>: by the length of the number, then by its digits.
    auto number = [](const std::string& id) {
        size_t dash = id.rfind('-');
        return dash == std::string::npos ? id : id.substr(dash + 1);
    };
    std::stable_sort(list.begin(), list.end(), [&](const auto& a, const auto& b) {
        std::string x = number(a.id), y = number(b.id);
        return x.size() != y.size() ? x.size() < y.size() : x < y;
    });
    return list;
}

std::string iso_utc_millis(int64_t epoch_millis) {
    std::time_t secs = std::time_t(epoch_millis / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900,
                       tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                       int(epoch_millis % 1000));
}

std::vector<Procedure> dbms_procedures() {
    std::vector<Procedure> ps;

    Procedure ping;
    ping.name = "db.ping";
    ping.outputs = {{"success", "BOOLEAN", false}};
    ping.description =
        "This procedure can be used by client side tooling to test whether they are correctly "
        "connected to a database. The procedure is available in all databases and always "
        "returns true. A faulty connection can be detected by not being able to call this "
        "procedure.";
    ping.fn = [](const ValueList&, FunctionContext&) {
        return std::vector<ValueList>{{Value::boolean(true)}};
    };
    ps.push_back(std::move(ping));

    // quiver.internal.showDatabases(which): which = null for every database, a database name,
    // or ' default' / ' home' (never a database name; both mean `neo4j`).
    Procedure dbs;
    dbs.name = "quiver.internal.showDatabases";
    dbs.mode = ProcedureMode::Dbms;
    dbs.inputs = {{"which", "STRING", true, true, Value()}};
    for (const auto& c : kDatabaseColumns) dbs.outputs.push_back({c[0], c[1]});
    dbs.description = "The rows of SHOW DATABASES.";
    dbs.fn = [](const ValueList& args, FunctionContext&) {
        std::vector<ValueList> rows;
        const Value& which = args.empty() ? Value() : args[0];
        for (const char* name : {"neo4j", "system"}) {
            const bool user_db = std::string(name) == "neo4j";
            if (which.is_string()) {
                const std::string& w = which.as_string();
                if ((w == " default" || w == " home") ? !user_db : w != name) continue;
            }
            rows.push_back(database_row(name, user_db));
        }
        return rows;
    };
    ps.push_back(std::move(dbs));
    add_settings_procedures(ps);
    add_info_procedures(ps);
    add_transaction_procedures(ps);
    return ps;
}

}  // namespace quiver::function
