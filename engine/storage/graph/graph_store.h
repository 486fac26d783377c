// quiver::storage::GraphStore — opens a database over a PageStore and hands out transactions.
//
// Concurrency: any number of read snapshots, one write transaction at a time (begin_write
// blocks until the previous writer has committed or rolled back). Snapshots never block the
// writer and never see its uncommitted changes.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "quiver/database.h"
#include "storage/graph/graph_txn.h"

namespace quiver::pagestore {
class PageStore;
}

namespace quiver::storage {

struct StoreOptions {
    uint64_t buffer_pool_bytes = 64ull << 20;
    uint32_t page_size = 16384;
    Durability durability = Durability::Strict;
    bool read_only = false;
    bool deterministic = false;
    uint32_t relaxed_group = 64;  // relaxed: commits per header write
};

class GraphStore {
public:
    virtual ~GraphStore() = default;
    // Creates the database when the store is empty; otherwise validates and opens it.
    // Throws QuiverError for a file that is not a database, truncated, corrupt, or newer.
    static std::unique_ptr<GraphStore> open(std::unique_ptr<pagestore::PageStore> store,
                                            const StoreOptions& opts);

    virtual std::unique_ptr<GraphTxn> begin_read() = 0;
    virtual std::unique_ptr<GraphTxn> begin_write() = 0;
    virtual void commit(GraphTxn& txn) = 0;    // write txn: atomic and (strict) durable
    virtual void rollback(GraphTxn& txn) = 0;  // write txn: discards every change
    virtual CheckReport check() = 0;
    virtual void flush() = 0;
    virtual std::string uuid() const = 0;
    virtual std::string describe() const = 0;
    virtual uint32_t page_size() const = 0;
};

}  // namespace quiver::storage
