// The public C++ API of Quiver: Database, Transaction, Result. Nothing else is public.
// Used by the CLI, the WASM bindings, the (later) Bolt/HTTP server and the tests.
#pragma once

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
// (string) and, for PROFILE, "Rows" (integer).
struct PlanDescription {
    std::string operator_type;
    std::vector<std::string> identifiers;
    ValueMap arguments;
    std::vector<std::shared_ptr<const PlanDescription>> children;
};

struct QuerySummary {
    std::string query_type;  // "r", "w", "rw", "s" (schema) as in Bolt
    QueryStats stats;
    std::shared_ptr<const PlanDescription> plan;  // set for EXPLAIN and PROFILE only
    bool profiled = false;                        // PROFILE (the plan carries Rows)
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
    virtual std::unique_ptr<Result> run(std::string_view query, const ValueMap& params = {}) = 0;
    // Explicit transaction. Only one write transaction runs at a time (others wait).
    virtual std::unique_ptr<Transaction> begin(AccessMode mode = AccessMode::Write) = 0;
    // Integrity check of every page and structure.
    virtual CheckReport check() = 0;
    // Makes every commit durable (relevant for Durability::Relaxed).
    virtual void flush() = 0;
    virtual std::string uuid() const = 0;
    virtual std::string describe() const = 0;  // storage description, e.g. "file:/x.qdb"
};

}  // namespace quiver
