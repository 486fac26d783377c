// The public C++ API of Quiver: Database, Transaction, Result. Nothing else is public.
// Used by the CLI, the WASM bindings, the (later) Bolt/HTTP server and the tests.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "value/value.h"

namespace quiver {

namespace pagestore {
class PageStore;
}

enum class AccessMode : uint8_t { Read, Write };
enum class Durability : uint8_t { Strict, Relaxed, Off };

struct DatabaseOptions {
    uint64_t buffer_pool_bytes = 64ull << 20;  // bounded buffer pool
    uint32_t page_size = 16384;                // only used when creating a new file
    Durability durability = Durability::Strict;
    bool read_only = false;
    bool create_if_missing = true;
    // Deterministic mode for byte-identical cross-platform tests: fixed database UUID and
    // commit timestamps of zero.
    bool deterministic = false;
    // Per-transaction memory limit (Neo4j's db.memory.transaction.max): the rows and values
    // that sorts, aggregations, DISTINCT, collect(), eager buffers and buffered results hold.
    // Exceeding it fails the statement with Neo.TransientError.General.MemoryPoolOutOfMemoryError
    // and rolls the transaction back. 0 = unlimited.
#ifdef __EMSCRIPTEN__
    uint64_t transaction_memory_max_bytes = 256ull << 20;
#else
    uint64_t transaction_memory_max_bytes = 2ull << 30;
#endif
    // Default transaction timeout in milliseconds (Neo4j's db.transaction.timeout); 0 = none.
    uint64_t transaction_timeout_ms = 0;
    // Plans kept by query text (Neo4j's server.db.query_cache_size); 0 disables the cache.
    size_t query_cache_size = 1000;
};

// A thread-safe (and async-signal-safe) request to stop whatever runs with it: cancel() from
// any thread makes the running statement fail with Neo.ClientError.Transaction.Terminated and
// rolls its transaction back.
class Cancellation {
public:
    void cancel() noexcept { flag_.store(true, std::memory_order_relaxed); }
    void reset() noexcept { flag_.store(false, std::memory_order_relaxed); }
    bool cancelled() const noexcept { return flag_.load(std::memory_order_relaxed); }

private:
    std::atomic<bool> flag_{false};
};

// Per-transaction settings, as the drivers' TransactionConfig. Zero means "the database
// default" (DatabaseOptions).
struct TransactionConfig {
    uint64_t timeout_ms = 0;        // -> Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration
    uint64_t memory_max_bytes = 0;  // -> Neo.TransientError.General.MemoryPoolOutOfMemoryError
    std::shared_ptr<Cancellation> cancellation;  // optional; cancel() terminates the transaction
    // Shown by SHOW TRANSACTIONS (`username`, `metaData`); empty when unknown.
    std::string username;
    ValueMap metadata;
};

// Update counters, named as in Neo4j's ResultSummary.counters.
struct QueryStats {
    int64_t nodes_created = 0, nodes_deleted = 0;
    int64_t relationships_created = 0, relationships_deleted = 0;
    int64_t properties_set = 0;
    int64_t labels_added = 0, labels_removed = 0;
    int64_t indexes_added = 0, indexes_removed = 0;
    int64_t constraints_added = 0, constraints_removed = 0;
    bool contains_updates() const;
};

// One operator of an EXPLAIN/PROFILE plan, named as Neo4j prints it (ProduceResults,
// AllNodesScan, Expand(All), ...). `arguments` holds "EstimatedRows" (float), "Details"
// (string) and, for PROFILE, the operator's own (children excluded) "Rows", "DbHits",
// "PageCacheHits", "PageCacheMisses", "Time" (nanoseconds) as integers; the root also carries
// "GlobalMemory" (peak tracked bytes of the statement).
struct PlanDescription {
    std::string operator_type;
    std::vector<std::string> identifiers;
    ValueMap arguments;
    std::vector<std::shared_ptr<const PlanDescription>> children;
};

// A notification of a statement (Neo4j's ResultSummary.notifications): code, title,
// description, severity ("WARNING" / "INFORMATION") and category ("PERFORMANCE",
// "UNRECOGNIZED", ...) as Neo4j 5 reports them; the position is in the query text (line 0:
// none).
struct Notification {
    std::string code;  // e.g. Neo.ClientNotification.Statement.CartesianProduct
    std::string title;
    std::string description;
    std::string severity;
    std::string category;
    int64_t offset = 0, line = 0, column = 0;
};

struct QuerySummary {
    std::string query_type;  // "r", "w", "rw", "s" (schema) as in Bolt
    QueryStats stats;
    std::shared_ptr<const PlanDescription> plan;  // set for EXPLAIN and PROFILE only
    bool profiled = false;                        // PROFILE (the plan carries Rows, DbHits...)
    uint64_t db_hits = 0;                         // store accesses of the statement
    uint64_t peak_memory_bytes = 0;               // peak tracked memory of the transaction
    std::vector<Notification> notifications;     // found while planning
};

// A query result: a cursor over rows of materialised values (nodes and relationships carry
// their labels/type and properties). Throws QuiverError from next() on runtime errors.
class Result {
public:
    virtual ~Result() = default;
    virtual const std::vector<std::string>& columns() const = 0;
    virtual bool next(std::vector<Value>& row) = 0;
    // Consumes any remaining rows, then returns the summary.
    virtual QuerySummary summary() = 0;
};

class Transaction {
public:
    virtual ~Transaction() = default;
    virtual std::unique_ptr<Result> run(std::string_view query, const ValueMap& params = {}) = 0;
    virtual void commit() = 0;
    virtual void rollback() = 0;
    virtual bool is_open() const = 0;
    // Thread-safe: the running (or next) statement fails with Neo.ClientError.Transaction.
    // Terminated and the transaction is rolled back.
    virtual void terminate() = 0;
};

struct CheckReport {
    bool ok = true;
    std::vector<std::string> problems;  // one line each
    uint64_t pages_checked = 0, nodes_checked = 0, relationships_checked = 0;
};

class Database {
public:
    virtual ~Database() = default;

    // "path" is a file path; the file is created (with an empty graph) when missing.
    static std::unique_ptr<Database> open_file(const std::string& path, DatabaseOptions opts = {});
    static std::unique_ptr<Database> open_memory(DatabaseOptions opts = {});
    static std::unique_ptr<Database> open_store(std::unique_ptr<pagestore::PageStore> store,
                                                DatabaseOptions opts = {});

    // Auto-commit query: runs in its own transaction, committed when the result is exhausted.
    // A read-only query streams: run() buffers at most a small batch of rows and next() pulls
    // the rest on demand, holding a read snapshot until the result is exhausted or destroyed
    // (destroy results before the Database). A writing query runs to completion in run().
    virtual std::unique_ptr<Result> run(std::string_view query, const ValueMap& params,
                                        const TransactionConfig& config) = 0;
    // The same with the default TransactionConfig (not made and destroyed per call).
    std::unique_ptr<Result> run(std::string_view query, const ValueMap& params = {}) {
        static const TransactionConfig defaults;
        return run(query, params, defaults);
    }
    // Explicit transaction. Only one write transaction runs at a time (others wait).
    virtual std::unique_ptr<Transaction> begin(AccessMode mode = AccessMode::Write,
                                               const TransactionConfig& config = {}) = 0;
    // Integrity check of every page and structure.
    virtual CheckReport check() = 0;
    // Makes every commit durable (relevant for Durability::Relaxed).
    virtual void flush() = 0;
    virtual std::string uuid() const = 0;
    virtual std::string describe() const = 0;  // storage description, e.g. "file:/x.qdb"
};

}  // namespace quiver
