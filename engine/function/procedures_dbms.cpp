// DBMS-level procedures of a single embedded database: db.ping() and the sources of SHOW
// DATABASE[S] / SHOW DEFAULT DATABASE / SHOW HOME DATABASE (main/show_commands.cpp rewrites
// those commands into a CALL of quiver.internal.showDatabases). Quiver serves one user database,
// `neo4j` (the default and home database), beside Neo4j's administration database `system`.
#include "function/procedure.h"

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

}  // namespace

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
    return ps;
}

}  // namespace quiver::function
