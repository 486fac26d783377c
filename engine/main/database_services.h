// quiver::main — the DBMS view of one Database (function::DbmsContext): its settings, under
// Neo4j's names where Neo4j has one, the registry of its live transactions for SHOW /
// TERMINATE TRANSACTIONS, and its plan cache for db.clearQueryCaches().
//
// Every transaction (auto-commit or explicit) opens a LiveTransaction handle for its lifetime
// and names the statement it runs while it runs it. Ids have Neo4j's shape
// `neo4j-transaction-<n>`. terminate() cancels through the transaction's Cancellation, so its
// running statement stops at the next QueryGuard check and its next statement or commit fails
// with Neo.ClientError.Transaction.Terminated. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "function/dbms_context.h"
#include "main/plan_cache.h"
#include "quiver/database.h"

namespace quiver::main {

class DatabaseServices;

// Registration of one live transaction; unregisters when destroyed. The registry is a list
// through the registrations themselves (no lookup or allocation per transaction beyond this).
class LiveTransaction {
public:
    ~LiveTransaction();
    LiveTransaction(const LiveTransaction&) = delete;
    LiveTransaction& operator=(const LiveTransaction&) = delete;
    void statement_started(std::string_view query);
    void statement_ended();

private:
    friend class DatabaseServices;
    explicit LiveTransaction(DatabaseServices& s) : services_(s) {}
    void name_statement_locked(std::string_view query);  // under services_.mu_
    DatabaseServices& services_;
    // guarded by services_.mu_
    uint64_t serial_ = 0;
    std::shared_ptr<Cancellation> cancel_;
    std::chrono::steady_clock::time_point start_;  // its wall-clock time: from opened_*
    std::string query_;
    uint64_t query_serial_ = 0;  // 0: no statement running
    bool terminated_ = false;
    std::string username_;
    ValueMap metadata_;
    LiveTransaction *prev_ = nullptr, *next_ = nullptr;  // in serial order
};

class DatabaseServices final : public function::DbmsContext {
public:
    DatabaseServices(const DatabaseOptions& opts, std::string database_id, PlanCache& plans);

    // `statement`: the statement it starts with (an auto-commit one), named in the same step.
    std::unique_ptr<LiveTransaction> open(std::shared_ptr<Cancellation> cancel,
                                          const TransactionConfig& config,
                                          std::string_view statement = {});

    std::string database_id() const override { return id_; }
    int64_t opened_epoch_millis() const override { return opened_millis_; }
    std::vector<function::SettingInfo> settings() const override;
    std::vector<function::TransactionInfo> transactions() const override;
    bool terminate(const std::string& id) override;
    size_t clear_query_caches() override { return plans_.clear(); }
    void run_schema_command(std::string_view command, storage::GraphTxn& txn,
                            QueryStats& stats) override;

private:
    friend class LiveTransaction;
    DatabaseOptions opts_;
    std::string id_;
    PlanCache& plans_;
    int64_t opened_millis_;
    // The steady clock at opened_millis_: a transaction's start is read from the steady clock
    // alone (one clock read per transaction) and shown as opened_millis_ + its offset.
    std::chrono::steady_clock::time_point opened_steady_;
    mutable std::mutex mu_;
    LiveTransaction *first_ = nullptr, *last_ = nullptr;  // the live transactions
    uint64_t next_txn_ = 1, next_query_ = 1;
};

}  // namespace quiver::main
