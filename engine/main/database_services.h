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
#include <string>
#include <string_view>
#include <vector>

#include "base/spin_lock.h"
#include "function/dbms_context.h"
#include "main/plan_cache.h"
#include "quiver/database.h"

namespace quiver::main {

class DatabaseServices;

// Registration of one live transaction; unregisters when its handle goes. The registry is a
// list through the registrations themselves, and a few ended registrations are kept for the
// next transactions (their query text's buffer and, when nobody else holds it, their
// Cancellation), so a transaction allocates nothing here.
class LiveTransaction {
public:
    LiveTransaction(const LiveTransaction&) = delete;
    LiveTransaction& operator=(const LiveTransaction&) = delete;
    // The text is referred to, not copied: it must stay alive until statement_ended() or
    // keep_statement_text(), whichever comes first.
    void statement_started(std::string_view query);
    void statement_ended();
    // Copies the running statement's text, for a statement that outlives the call that gave
    // it (a streaming result returned to its caller).
    void keep_statement_text();
    // What cancels the transaction: the config's, or one of its own.
    const std::shared_ptr<Cancellation>& cancellation() const { return cancel_; }

    struct End {  // the handle's deleter: unregisters, keeps the registration for reuse
        void operator()(LiveTransaction* t) const;
    };

private:
    friend class DatabaseServices;
    explicit LiveTransaction(DatabaseServices& s) : services_(s) {}
    void name_statement_locked(std::string_view query);  // under services_.mu_
    DatabaseServices& services_;
    // guarded by services_.mu_
    uint64_t serial_ = 0;
    std::shared_ptr<Cancellation> cancel_;
    std::shared_ptr<Cancellation> own_cancel_;  // kept across reuses while nobody else holds it
    std::chrono::steady_clock::time_point start_;  // its wall-clock time: from opened_*
    std::string_view query_;   // the running statement: the caller's text, or kept_query_
    std::string kept_query_;   // its copy once kept (the buffer is reused)
    uint64_t query_serial_ = 0;  // 0: no statement running
    bool terminated_ = false;
    std::string username_;
    ValueMap metadata_;
    LiveTransaction *prev_ = nullptr, *next_ = nullptr;  // in serial order
};

using LiveHandle = std::unique_ptr<LiveTransaction, LiveTransaction::End>;

class DatabaseServices final : public function::DbmsContext {
public:
    DatabaseServices(const DatabaseOptions& opts, std::string database_id, PlanCache& plans);

    DatabaseServices(const DatabaseServices&) = delete;
    DatabaseServices& operator=(const DatabaseServices&) = delete;
    ~DatabaseServices() override;

    // Registers a transaction cancelled through config.cancellation, or through one of its own
    // (LiveTransaction::cancellation()). `statement`: the statement it starts with (an
    // auto-commit one), named in the same step (referred to, as by statement_started).
    LiveHandle open(const TransactionConfig& config, std::string_view statement = {});

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
    mutable SpinLock mu_;
    LiveTransaction *first_ = nullptr, *last_ = nullptr;  // the live transactions
    std::vector<LiveTransaction*> spare_;                  // ended ones, kept for reuse
    static constexpr size_t kSpare = 8;
    uint64_t next_txn_ = 1, next_query_ = 1;
};

}  // namespace quiver::main
