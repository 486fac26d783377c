#include "main/database_impl.h"

#include <fmt/format.h>

#include <atomic>
#include <optional>

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

// A read-only auto-commit query: owns its read snapshot and pulls rows on demand, keeping at
// most kBatch materialised rows ahead (tracked by the memory tracker). The first batch is pulled
// in the constructor, so a small result is complete (and its errors thrown) when run() returns.
class StreamingResult final : public Result {
public:
    static constexpr size_t kBatch = 1000;

    // `params` need only live through the constructor: they are copied if the statement is
    // still running when it returns (most statements end within their first batch).
    StreamingResult(std::unique_ptr<storage::GraphTxn> txn, std::shared_ptr<const PreparedQuery> q,
                    const ValueMap& params, std::shared_ptr<Cancellation> cancel,
                    uint64_t timeout_ms, uint64_t memory_max,
                    LiveHandle live, DatabaseServices& services)
        : q_(std::move(q)), txn_(std::move(txn)), guard_(std::move(cancel), timeout_ms, memory_max),
          held_(&guard_.memory()), live_(std::move(live)) {
        run_.emplace(*q_, *txn_, params, summary_, &guard_, nullptr, &services);
        run_->transaction_ends_with_statement();
        fill();
        if (run_) {  // the statement outlives this call: keep what the caller lent it
            params_ = params;
            run_->rebind_params(params_);
            live_->keep_statement_text();
        }
    }
    const std::vector<std::string>& columns() const override { return q_->plan.columns; }
    bool next(std::vector<Value>& row) override {
        if (pos_ >= batched_) fill();
        if (pos_ >= batched_) return false;
        row = std::move(pos_ == 0 ? first_ : batch_[pos_ - 1]);
        ++pos_;
        return true;
    }

    // Auto-commit read statements make one result per call: the memory of the last one freed
    // is kept for the next (one block per process, never more).
    static void* operator new(size_t size) {
        if (void* p = spare_.exchange(nullptr, std::memory_order_acquire)) return p;
        return ::operator new(size);
    }
    static void operator delete(void* p) {
        void* expected = nullptr;
        if (!spare_.compare_exchange_strong(expected, p, std::memory_order_release))
            ::operator delete(p);
    }
    QuerySummary summary() override {
        std::vector<Value> row;
        while (next(row)) {
        }
        return summary_;
    }

private:
    void fill() {
        batch_.clear();
        batched_ = pos_ = 0;
        held_.clear();
        if (!run_) return;
        try {
            std::vector<Value> row;
            while (batched_ < kBatch && run_->next(row)) {
                held_.add(executor::row_bytes(row));
                if (batched_++ == 0)
                    first_ = std::move(row);
                else
                    batch_.push_back(std::move(row));
            }
            if (batched_ < kBatch) close();
        } catch (...) {
            close();
            throw;
        }
    }
    void close() {  // the statement ended: keep its summary, give the snapshot back
        run_.reset();  // a finished run has written summary_
        txn_.reset();
        live_.reset();
    }

    ValueMap params_;  // the parameters of a statement that outlived its first batch
    std::shared_ptr<const PreparedQuery> q_;
    std::unique_ptr<storage::GraphTxn> txn_;
    executor::QueryGuard guard_;
    executor::TrackedBytes held_;
    LiveHandle live_;  // listed by SHOW TRANSACTIONS until closed
    std::optional<QueryRun> run_;
    // The rows pulled ahead: the first, then the rest (a one-row result allocates no batch).
    std::vector<Value> first_;
    std::vector<std::vector<Value>> batch_;
    size_t batched_ = 0, pos_ = 0;
    QuerySummary summary_;
    static std::atomic<void*> spare_;
};

std::atomic<void*> StreamingResult::spare_{nullptr};

std::unique_ptr<executor::QueryGuard> make_guard(const DatabaseOptions& o,
                                                 const TransactionConfig& c,
                                                 std::shared_ptr<Cancellation> cancel) {
    return std::make_unique<executor::QueryGuard>(
        std::move(cancel), c.timeout_ms ? c.timeout_ms : o.transaction_timeout_ms,
        c.memory_max_bytes ? c.memory_max_bytes : o.transaction_memory_max_bytes);
}

// CALL { } IN TRANSACTIONS in an auto-commit statement: each batch ends the current write
// transaction and begins the next one (a read snapshot has nothing to commit).
class AutoCommitBatches final : public executor::BatchTransactions {
public:
    AutoCommitBatches(storage::GraphStore& store, std::unique_ptr<storage::GraphTxn>& txn)
        : store_(store), txn_(txn) {}
    void commit_and_restart(executor::ExecutionContext& ctx) override {
        if (!txn_->is_write()) return;
        txn_->validate_constraints();  // each batch is a statement's worth of writes
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
    TransactionImpl(storage::GraphStore& store, PlanCache& cache, AccessMode mode,
                    const DatabaseOptions& opts, const TransactionConfig& config,
                    DatabaseServices& services)
        : store_(store), cache_(cache), services_(services), mode_(mode),
          live_(services.open(config)) {
        cancel_ = live_->cancellation();
        guard_ = make_guard(opts, config, cancel_);
        uint64_t mark = cache_.schema_mark();
        txn_ = mode == AccessMode::Write ? store.begin_write() : store.begin_read();
        view_ = cache_.schema_view(mark);
    }
    ~TransactionImpl() override {
        if (txn_) rollback();
    }

    std::unique_ptr<Result> run(std::string_view query, const ValueMap& params) override {
        if (!txn_)
            throw QuiverError(std::string(status::TransactionTerminated),
                              "The transaction has been closed or terminated");
        live_->statement_started(query);
        try {
            guard_->check_now();
            Statement st = cache_.lookup(query);
            if (st.in_transactions)
                throw QuiverError("Neo.DatabaseError.Transaction.TransactionStartFailed",
                                  "A query with 'CALL { ... } IN TRANSACTIONS' can only be executed "
                                  "in an implicit transaction, but tried to execute in an explicit "
                                  "transaction.");
            if (mode_ == AccessMode::Read && st.writes)
                throw QuiverError(std::string(status::AccessMode),
                                  "Writing in read access mode not allowed", "*",
                                  ErrorPhase::CompileTime);
            auto prepared = cache_.prepare(st, *txn_, params, view_);
            if (prepared->changes_schema()) {
                // from here on this transaction sees a schema no cached plan was planned with
                view_.usable = false;
                schema_changed_ = true;
            }
            auto out = execute(*prepared, *txn_, params, guard_.get(), nullptr, &services_);
            live_->statement_ended();
            return std::make_unique<BufferedResult>(std::move(out));
        } catch (...) {
            rollback();
            throw;
        }
    }
    void commit() override {
        if (!txn_)
            throw QuiverError(std::string(status::TransactionTerminated),
                              "The transaction has been closed or terminated");
        try {
            guard_->check_now();
        } catch (...) {
            rollback();
            throw;
        }
        auto t = std::move(txn_);
        live_.reset();
        if (!t->is_write()) return;
        if (schema_changed_) {
            SchemaCommit change(cache_);
            store_.commit(*t);
        } else {
            store_.commit(*t);
        }
    }
    void rollback() override {
        if (!txn_) return;
        auto t = std::move(txn_);
        live_.reset();
        if (t->is_write()) store_.rollback(*t);
    }
    bool is_open() const override { return txn_ != nullptr; }
    void terminate() override { cancel_->cancel(); }

private:
    storage::GraphStore& store_;
    PlanCache& cache_;
    DatabaseServices& services_;
    SchemaView view_;
    bool schema_changed_ = false;
    AccessMode mode_;
    std::shared_ptr<Cancellation> cancel_;
    std::unique_ptr<executor::QueryGuard> guard_;
    std::unique_ptr<storage::GraphTxn> txn_;
    LiveHandle live_;  // listed by SHOW TRANSACTIONS while open
};

}  // namespace

std::unique_ptr<Result> DatabaseImpl::run(std::string_view query, const ValueMap& params,
                                          const TransactionConfig& config) {
    auto live = services_->open(config, query);
    std::shared_ptr<Cancellation> cancel = live->cancellation();
    Statement st = cache_.lookup(query);
    bool writes = st.writes;
    uint64_t mark = cache_.schema_mark();
    auto txn = writes ? store_->begin_write() : store_->begin_read();
    SchemaView view = cache_.schema_view(mark);
    const uint64_t timeout_ms = config.timeout_ms ? config.timeout_ms : opts_.transaction_timeout_ms;
    const uint64_t memory_max =
        config.memory_max_bytes ? config.memory_max_bytes : opts_.transaction_memory_max_bytes;
    try {
        auto prepared = cache_.prepare(st, *txn, params, view);
        if (!writes && runs_plan(*prepared))
            return std::make_unique<StreamingResult>(std::move(txn), std::move(prepared), params,
                                                     std::move(cancel), timeout_ms, memory_max,
                                                     std::move(live), *services_);
        executor::QueryGuard guard(std::move(cancel), timeout_ms, memory_max);
        AutoCommitBatches batches(*store_, txn);
        auto out = execute(*prepared, *txn, params, &guard, &batches, services_.get());
        if (writes && prepared->changes_schema()) {
            SchemaCommit change(cache_);
            store_->commit(*txn);
        } else if (writes) {
            store_->commit(*txn);
        }
        return std::make_unique<BufferedResult>(std::move(out));
    } catch (...) {
        if (writes) store_->rollback(*txn);
        throw;
    }
}

std::unique_ptr<Transaction> DatabaseImpl::begin(AccessMode mode, const TransactionConfig& config) {
    return std::make_unique<TransactionImpl>(*store_, cache_, mode, opts_, config, *services_);
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
        storage::GraphStore::open(std::move(store), store_options(opts)), opts);
}

std::unique_ptr<Database> Database::open_memory(DatabaseOptions opts) {
    // Nothing in memory outlives the process, so every durability mode keeps the same promise
    // (the setting is reported as given): the store runs relaxed, which leaves a commit's pages
    // in the buffer pool instead of sealing and copying them into the memory store (the store
    // receives the newest pages every 64 commits).
    storage::StoreOptions s = store_options(opts);
    if (s.durability == Durability::Strict) s.durability = Durability::Relaxed;
    return std::make_unique<main::DatabaseImpl>(
        storage::GraphStore::open(std::make_unique<pagestore::MemoryPageStore>(), s), opts);
}

std::unique_ptr<Database> Database::open_file(const std::string& path, DatabaseOptions opts) {
    return open_store(pagestore::open_file_store(path, opts.read_only, opts.create_if_missing), opts);
}

}  // namespace quiver
