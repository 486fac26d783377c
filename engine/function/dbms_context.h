// quiver::function — what DBMS procedures (dbms.*, db.info, db.clearQueryCaches, SHOW SETTINGS,
// SHOW / TERMINATE TRANSACTIONS) need to know about the database running them. main/ implements it for each
// Database (main/database_services.h) and hands it to every statement through
// FunctionContext::dbms; it is null when a statement runs outside a Database.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "value/value.h"

namespace quiver {
struct QueryStats;
}
namespace quiver::storage {
class GraphTxn;
}

namespace quiver::function {

// One configuration setting, as SHOW SETTINGS lists it (values as strings).
struct SettingInfo {
    std::string name, value, default_value, description, valid_values;
    bool dynamic = false;
};

// One live transaction, as SHOW TRANSACTIONS lists it.
struct TransactionInfo {
    std::string id;                // neo4j-transaction-<n>
    std::string current_query_id;  // query-<n>, "" when no statement runs
    std::string current_query;     // "" when no statement runs
    std::string status;            // "Running" or "Terminated with reason: ..."
    std::string username;          // "" when unknown (embedded)
    int64_t start_epoch_millis = 0;
    int64_t elapsed_millis = 0;
    ValueMap metadata;
};

class DbmsContext {
public:
    virtual ~DbmsContext() = default;
    virtual std::string database_id() const = 0;
    virtual int64_t opened_epoch_millis() const = 0;
    virtual std::vector<SettingInfo> settings() const = 0;  // ordered by name
    virtual std::vector<TransactionInfo> transactions() const = 0;
    // Cancels the transaction (its running or next work fails with
    // Neo.ClientError.Transaction.Terminated); false when no live transaction has that id.
    virtual bool terminate(const std::string& id) = 0;
    // db.clearQueryCaches(): empties the plan cache; how many cached queries were dropped.
    virtual size_t clear_query_caches() = 0;
    // Runs a CREATE/DROP INDEX or CONSTRAINT command (main/schema_command.h) in `txn`, with the
    // command's errors, adding its counters to `stats`: the schema procedures of Neo4j 4
    // (db.createIndex, ...) are routed through it.
    virtual void run_schema_command(std::string_view command, storage::GraphTxn& txn,
                                    QueryStats& stats) = 0;
};

// transactions() ordered by the number in their id, as Neo4j lists them
// (neo4j-transaction-2 before neo4j-transaction-10).
std::vector<TransactionInfo> transactions_in_id_order(const DbmsContext& dbms);

// "2024-05-01T10:00:00.123Z"
std::string iso_utc_millis(int64_t epoch_millis);

}  // namespace quiver::function
