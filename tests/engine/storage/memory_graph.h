// Shared by the graph-store tests: a GraphStore on an in-memory page store with small pages (so
// a few thousand records already span many pages), reopened from its bytes the way a restart
// reads a file, and the integrity check's first problem as a string ("" when sound).
#pragma once

#include <memory>
#include <string>

#include "pagestore/memory_page_store.h"
#include "storage/graph/graph_store.h"

namespace quiver::storage::test_support {

inline StoreOptions small_pages() {
    StoreOptions o;
    o.buffer_pool_bytes = 4ull << 20;
    o.page_size = 4096;
    return o;
}

struct MemoryGraph {
    std::unique_ptr<GraphStore> store;
    pagestore::MemoryPageStore* pages = nullptr;  // owned by `store`

    static MemoryGraph open() {
        auto ps = std::make_unique<pagestore::MemoryPageStore>();
        MemoryGraph g;
        g.pages = ps.get();
        g.store = GraphStore::open(std::move(ps), small_pages());
        return g;
    }
    // A second store over a copy of the committed bytes (the first stays usable).
    std::unique_ptr<GraphStore> reopen() const {
        return GraphStore::open(std::make_unique<pagestore::MemoryPageStore>(pages->bytes()),
                                small_pages());
    }
};

inline std::string check_problems(GraphStore& s) {
    auto c = s.check();
    return c.ok ? "" : (c.problems.empty() ? "?" : c.problems[0]);
}

}  // namespace quiver::storage::test_support
