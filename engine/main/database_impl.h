// quiver::main — Database, Transaction and Result implementations of the public API.
//
// Auto-commit (Database::run): the query runs to completion in its own transaction (a read
// snapshot when it cannot write, the write transaction otherwise); any error rolls the write
// transaction back, so a failed statement leaves the graph unchanged. Rows are buffered and
// materialised before run() returns.
// Explicit transactions: an error in a statement rolls the whole transaction back and closes
// it (as Neo4j terminates a failed transaction).
#pragma once

#include <memory>
#include <string>

#include "quiver/database.h"
#include "storage/graph/graph_store.h"

namespace quiver::main {

class DatabaseImpl final : public Database {
public:
    explicit DatabaseImpl(std::unique_ptr<storage::GraphStore> store) : store_(std::move(store)) {}

    std::unique_ptr<Result> run(std::string_view query, const ValueMap& params) override;
    std::unique_ptr<Transaction> begin(AccessMode mode) override;
    CheckReport check() override { return store_->check(); }
    void flush() override { store_->flush(); }
    std::string uuid() const override { return store_->uuid(); }
    std::string describe() const override { return store_->describe(); }

    storage::GraphStore& store() { return *store_; }

private:
    std::unique_ptr<storage::GraphStore> store_;
};

}  // namespace quiver::main
