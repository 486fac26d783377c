// quiver::main — Database, Transaction and Result implementations of the public API.
//
// Auto-commit (Database::run): the query runs in its own transaction. A read-only query streams
// over a read snapshot that its Result owns (StreamingResult, batches of materialised rows); a
// writing query runs to completion in the write transaction before run() returns, and any
// error rolls it back, so a failed statement leaves the graph unchanged.
// Every transaction has a QueryGuard: timeout, cancellation and the memory tracker, and is
// registered with DatabaseServices (SHOW / TERMINATE TRANSACTIONS) while it is open.
// Statements are planned through the database's PlanCache (plan_cache.h).
// Explicit transactions: an error in a statement rolls the whole transaction back and closes
// it (as Neo4j terminates a failed transaction).
#pragma once

#include <memory>
#include <string>

#include "main/database_services.h"
#include "main/plan_cache.h"
#include "quiver/database.h"
#include "storage/graph/graph_store.h"

namespace quiver::main {

class DatabaseImpl final : public Database {
public:
    DatabaseImpl(std::unique_ptr<storage::GraphStore> store, const DatabaseOptions& opts)
        : store_(std::move(store)), opts_(opts), cache_(opts.query_cache_size),
          services_(std::make_unique<DatabaseServices>(opts, store_->uuid(), cache_)) {}

    using Database::run;
    std::unique_ptr<Result> run(std::string_view query, const ValueMap& params,
                                const TransactionConfig& config) override;
    std::unique_ptr<Transaction> begin(AccessMode mode, const TransactionConfig& config) override;
    CheckReport check() override { return store_->check(); }
    void flush() override { store_->flush(); }
    std::string uuid() const override { return store_->uuid(); }
    std::string describe() const override { return store_->describe(); }

    storage::GraphStore& store() { return *store_; }
    PlanCache& plan_cache() { return cache_; }

private:
    std::unique_ptr<storage::GraphStore> store_;
    DatabaseOptions opts_;
    PlanCache cache_;
    std::unique_ptr<DatabaseServices> services_;  // settings, live transactions, cache_
};

}  // namespace quiver::main
