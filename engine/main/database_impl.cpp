#include "main/database_impl.h"

#include <fmt/format.h>

#include "executor/execution_context.h"
#include "main/query_pipeline.h"
#include "pagestore/file_page_store.h"
#include "pagestore/memory_page_store.h"

namespace quiver {

bool QueryStats::contains_updates() const {
    return nodes_created || nodes_deleted || relationships_created || relationships_deleted ||
           properties_set || labels_added || labels_removed || indexes_added || indexes_removed ||
           constraints_added || constraints_removed;
}

namespace main {

namespace {

class BufferedResult final : public Result {
public:
    explicit BufferedResult(QueryOutput out) : out_(std::move(out)) {}
    const std::vector<std::string>& columns() const override { return out_.columns; }
    bool next(std::vector<Value>& row) override {
        if (pos_ >= out_.rows.size()) return false;
        row = std::move(out_.rows[pos_++]);
        return true;
    }
    QuerySummary summary() override {
        pos_ = out_.rows.size();
        return out_.summary;
    }

private:
    QueryOutput out_;
    size_t pos_ = 0;
};

// CALL { } IN TRANSACTIONS in an auto-commit statement: each batch ends the current write
// transaction and begins the next one (a read snapshot has nothing to commit).
class AutoCommitBatches final : public executor::BatchTransactions {
public:
    AutoCommitBatches(storage::GraphStore& store, std::unique_ptr<storage::GraphTxn>& txn)
        : store_(store), txn_(txn) {}
    void commit_and_restart(executor::ExecutionContext& ctx) override {
        if (!txn_->is_write()) return;
        store_.commit(*txn_);
        restart(ctx);
    }
    void rollback_and_restart(executor::ExecutionContext& ctx) override {
        if (!txn_->is_write()) return;
        store_.rollback(*txn_);
        restart(ctx);
    }
    std::string transaction_id() const override {
        return fmt::format("quiver-transaction-{}", serial_);
    }

private:
    void restart(executor::ExecutionContext& ctx) {
        txn_.reset();
        txn_ = store_.begin_write();
        ctx.set_txn(*txn_);
        ++serial_;
    }
    storage::GraphStore& store_;
    std::unique_ptr<storage::GraphTxn>& txn_;
    int64_t serial_ = 1;
};

class TransactionImpl final : public Transaction {
public:
    TransactionImpl(storage::GraphStore& store, AccessMode mode) : store_(store), mode_(mode) {
        txn_ = mode == AccessMode::Write ? store.begin_write() : store.begin_read();
    }
    ~TransactionImpl() override {
        if (txn_) rollback();
    }

    std::unique_ptr<Result> run(std::string_view query, const ValueMap& params) override {
        if (!txn_)
            throw QuiverError(std::string(status::TransactionTerminated),
                              "The transaction has been closed or terminated");
        try {
            auto analysed = analyse(query);
            if (analysed_in_transactions(*analysed))
                throw QuiverError("Neo.DatabaseError.Transaction.TransactionStartFailed",
                                  "A query with 'CALL { ... } IN TRANSACTIONS' can only be executed "
                                  "in an implicit transaction, but tried to execute in an explicit "
                                  "transaction.");
            if (mode_ == AccessMode::Read && analysed_has_updates(*analysed))
                throw QuiverError(std::string(status::AccessMode),
                                  "Writing in read access mode not allowed", "*",
                                  ErrorPhase::CompileTime);
            auto prepared = prepare(analysed, *txn_, params);
            return std::make_unique<BufferedResult>(execute(*prepared, *txn_, params));
        } catch (...) {
            rollback();
            throw;
        }
    }
    void commit() override {
        if (!txn_)
            throw QuiverError(std::string(status::TransactionTerminated),
                              "The transaction has been closed or terminated");
        auto t = std::move(txn_);
        if (t->is_write()) store_.commit(*t);
    }
    void rollback() override {
        if (!txn_) return;
        auto t = std::move(txn_);
        if (t->is_write()) store_.rollback(*t);
    }
    bool is_open() const override { return txn_ != nullptr; }

private:
    storage::GraphStore& store_;
    AccessMode mode_;
    std::unique_ptr<storage::GraphTxn> txn_;
};

}  // namespace

std::unique_ptr<Result> DatabaseImpl::run(std::string_view query, const ValueMap& params) {
    auto analysed = analyse(query);
    bool writes = analysed_has_updates(*analysed);
    auto txn = writes ? store_->begin_write() : store_->begin_read();
    AutoCommitBatches batches(*store_, txn);
    try {
        auto prepared = prepare(analysed, *txn, params);
        auto out = execute(*prepared, *txn, params, &batches);
        if (writes) store_->commit(*txn);
        return std::make_unique<BufferedResult>(std::move(out));
    } catch (...) {
        if (writes) store_->rollback(*txn);
        throw;
    }
}

std::unique_ptr<Transaction> DatabaseImpl::begin(AccessMode mode) {
    return std::make_unique<TransactionImpl>(*store_, mode);
}

}  // namespace main

namespace {
storage::StoreOptions store_options(const DatabaseOptions& o) {
    storage::StoreOptions s;
    s.buffer_pool_bytes = o.buffer_pool_bytes;
    s.page_size = o.page_size;
    s.durability = o.durability;
    s.read_only = o.read_only;
    s.deterministic = o.deterministic;
    return s;
}
}  // namespace

std::unique_ptr<Database> Database::open_store(std::unique_ptr<pagestore::PageStore> store,
                                               DatabaseOptions opts) {
    return std::make_unique<main::DatabaseImpl>(
        storage::GraphStore::open(std::move(store), store_options(opts)));
}

std::unique_ptr<Database> Database::open_memory(DatabaseOptions opts) {
    return open_store(std::make_unique<pagestore::MemoryPageStore>(), opts);
}

std::unique_ptr<Database> Database::open_file(const std::string& path, DatabaseOptions opts) {
    return open_store(pagestore::open_file_store(path, opts.read_only, opts.create_if_missing), opts);
}

}  // namespace quiver
