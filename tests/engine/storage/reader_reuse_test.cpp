// Proves: the read states the store keeps between read transactions (GraphStoreImpl's idle
// readers) never show a reader an older version than the newest commit before it began, never
// hold back the pages a commit frees (a file written between reads grows exactly as one
// written without them), and stay correct with readers on several threads beside a writer.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "memory_graph.h"

using namespace quiver;
using namespace quiver::storage;
using quiver::storage::test_support::MemoryGraph;

namespace {

// Node 0 carries `n`; every write transaction adds one to it and creates one node.
void setup(GraphStore& s, TokenId& key) {
    auto w = s.begin_write();
    key = w->property_key("n");
    w->create_node({}, {{key, Value::integer(0)}});
    s.commit(*w);
}

void bump(GraphStore& s, TokenId key) {
    auto w = s.begin_write();
    int64_t n = w->node_property(0, key).as_int();
    w->set_node_property(0, key, Value::integer(n + 1));
    w->create_node({}, {{key, Value::integer(-1)}});
    s.commit(*w);
}

int64_t read_n(GraphStore& s, TokenId key) {
    auto r = s.begin_read();
    return r->node_property(0, key).as_int();
}

}  // namespace

TEST(ReaderReuse, EveryReaderSeesTheNewestCommitBeforeItBegan) {
    auto g = MemoryGraph::open();
    TokenId key;
    setup(*g.store, key);
    for (int i = 1; i <= 200; ++i) {
        ASSERT_EQ(read_n(*g.store, key), i - 1);  // ends: its state is kept for the next reader
        auto held = g.store->begin_read();        // a reader that stays open over the commit
        bump(*g.store, key);
        ASSERT_EQ(read_n(*g.store, key), i) << "a kept reader of the previous version was reused";
        ASSERT_EQ(held->node_property(0, key).as_int(), i - 1);
        ASSERT_EQ(held->node_count(), uint64_t(i));
    }
    // a write transaction that rolls back leaves the kept readers' version current
    ASSERT_EQ(read_n(*g.store, key), 200);
    {
        auto w = g.store->begin_write();
        w->set_node_property(0, key, Value::integer(-5));
        g.store->rollback(*w);
    }
    EXPECT_EQ(read_n(*g.store, key), 200);
    EXPECT_EQ(test_support::check_problems(*g.store), "");
}

TEST(ReaderReuse, ReadsBetweenCommitsDoNotGrowTheFile) {
    // The same writes, with and without read transactions between them: the kept readers must
    // not keep any page a commit frees from being reused, so both files have the same size.
    auto quiet = MemoryGraph::open(), busy = MemoryGraph::open();
    TokenId kq, kb;
    setup(*quiet.store, kq);
    setup(*busy.store, kb);
    for (int i = 0; i < 150; ++i) {
        for (int r = 0; r < 3; ++r) ASSERT_EQ(read_n(*busy.store, kb), 2 * i);
        for (int w = 0; w < 2; ++w) {  // the second commit runs with no reader in between
            bump(*quiet.store, kq);
            bump(*busy.store, kb);
        }
    }
    EXPECT_EQ(read_n(*busy.store, kb), 300);
    EXPECT_EQ(busy.pages->bytes().size(), quiet.pages->bytes().size());
    EXPECT_EQ(test_support::check_problems(*busy.store), "");
}

TEST(ReaderReuse, ReadersOnSeveralThreadsBesideAWriter) {
    auto g = MemoryGraph::open();
    TokenId key;
    setup(*g.store, key);
    constexpr int kCommits = 300;
    std::atomic<bool> done{false};
    std::atomic<int> failures{0};
    auto reader = [&] {
        int64_t last = 0;
        while (!done.load()) {
            auto r = g.store->begin_read();
            int64_t n = r->node_property(0, key).as_int();
            // one node per commit besides node 0, and never an older version than seen before
            if (r->node_count() != uint64_t(n + 1) || n < last) failures.fetch_add(1);
            last = n;
        }
    };
    std::thread a(reader), b(reader);
    for (int i = 0; i < kCommits; ++i) bump(*g.store, key);
    done = true;
    a.join();
    b.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(read_n(*g.store, key), kCommits);
    EXPECT_EQ(test_support::check_problems(*g.store), "");
}
