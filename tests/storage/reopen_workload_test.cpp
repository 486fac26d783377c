// Proves: whatever a writer, its readers and its flushes do, the stored bytes always reopen at
// a state the durability mode allows.
//
// Relaxed: between group syncs a commit leaves its pages in the pool (lazy pages), and a page
// replaced within the group is never stored; a reader may keep such a page in use past the next
// header write. The header's page count must still be covered by the file's length, or the file
// cannot be reopened ("Database file is truncated"). A random workload of commits, rollbacks,
// held and dropped readers and flushes reopens the stored bytes after every flush and compares
// the graph with the writer's own, and at random moments reopens them as a crash would (the
// bytes as they are): that must give the last flushed state or a later commit's. Strict: the
// same workload, where a crash must give the newest commit.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <random>
#include <vector>

#include "base/error.h"
#include "pagestore/file_format.h"
#include "pagestore/memory_page_store.h"
#include "storage/graph/graph_store.h"

using namespace quiver;
using namespace quiver::storage;

namespace {

StoreOptions relaxed_options(uint32_t group, uint64_t pool_pages = 4096) {
    StoreOptions o;
    o.buffer_pool_bytes = pool_pages * 4096;
    o.page_size = 4096;
    o.durability = Durability::Relaxed;
    o.relaxed_group = group;
    return o;
}

// A store in memory holding `n` nodes with "v" = 0 .. n-1, committed and flushed.
struct Loaded {
    std::unique_ptr<GraphStore> store;
    pagestore::MemoryPageStore* bytes;  // the store's medium
    TokenId v;
};
Loaded load(const StoreOptions& o, int n) {
    auto medium = std::make_unique<pagestore::MemoryPageStore>();
    Loaded l{nullptr, medium.get(), 0};
    l.store = GraphStore::open(std::move(medium), o);
    auto w = l.store->begin_write();
    l.v = w->property_key("v");
    for (int i = 0; i < n; ++i) w->create_node({}, {{l.v, Value::integer(i)}});
    l.store->commit(*w);
    l.store->flush();
    return l;
}

// node id -> value of "v", read through a fresh read transaction
std::map<NodeId, int64_t> contents(GraphStore& s, TokenId k) {
    std::map<NodeId, int64_t> out;
    auto r = s.begin_read();
    auto c = r->scan_nodes();
    NodeId n;
    while (c.next(n)) out[n] = r->node_property(n, k).as_int();
    return out;
}

// A small pool evicts lazy pages, so they reach the store before their header does.
void run_workload(uint32_t seed, const StoreOptions& o) {
    const bool strict = o.durability == Durability::Strict;
    auto [s, raw, k] = load(o, 300);
    // The states a crash may reopen at: the last flushed one and every later commit's.
    std::vector<std::map<NodeId, int64_t>> since_flush{contents(*s, k)};
    std::mt19937 rng(seed);
    std::vector<std::unique_ptr<GraphTxn>> held;  // readers kept open across commits
    std::vector<NodeId> live;
    for (NodeId n = 0; n < 300; ++n) live.push_back(n);
    int flushes = 0;
    for (int step = 0; step < 400; ++step) {
        uint32_t op = rng() % 100;
        if (op < 12) {
            held.push_back(s->begin_read());
        } else if (op < 24 && !held.empty()) {
            held.erase(held.begin() + long(rng() % held.size()));
        } else if (op < 26) {
            // A crash now: the bytes as they are reopen at one of the states since the last
            // flush (relaxed mode loses at most the commits after the last header).
            std::unique_ptr<GraphStore> crashed;
            ASSERT_NO_THROW(crashed = GraphStore::open(
                                std::make_unique<pagestore::MemoryPageStore>(raw->bytes()), o))
                << "seed " << seed << " step " << step;
            auto got = contents(*crashed, k);
            EXPECT_NE(std::find(since_flush.begin(), since_flush.end(), got), since_flush.end())
                << "seed " << seed << " step " << step << ": a crash reopened at no state it may";
            EXPECT_TRUE(crashed->check().ok) << "seed " << seed << " step " << step;
        } else if (op < 32) {
            s->flush();
            ++flushes;
            auto expected = contents(*s, k);
            since_flush.assign(1, expected);
            std::unique_ptr<GraphStore> reopened;
            ASSERT_NO_THROW(reopened = GraphStore::open(
                                std::make_unique<pagestore::MemoryPageStore>(raw->bytes()), o))
                << "seed " << seed << " step " << step << " (file " << raw->bytes().size()
                << " bytes)";
            EXPECT_EQ(contents(*reopened, k), expected) << "seed " << seed << " step " << step;
            EXPECT_TRUE(reopened->check().ok) << "seed " << seed << " step " << step;
        } else {
            auto w = s->begin_write();
            std::vector<NodeId> created, deleted;
            int changes = 1 + int(rng() % 40);
            for (int i = 0; i < changes; ++i) {
                uint32_t kind = rng() % 10;
                if (kind >= 5 && kind < 8) {
                    created.push_back(w->create_node({}, {{k, Value::integer(-step)}}));
                    continue;
                }
                if (live.empty()) continue;
                NodeId n = live[rng() % live.size()];
                if (std::find(deleted.begin(), deleted.end(), n) != deleted.end()) continue;
                if (kind < 5) {
                    w->set_node_property(n, k, Value::integer(step));
                } else {
                    w->delete_node(n);
                    deleted.push_back(n);
                }
            }
            if (rng() % 8 == 0) {
                s->rollback(*w);
                continue;
            }
            s->commit(*w);
            for (NodeId d : deleted) live.erase(std::find(live.begin(), live.end(), d));
            live.insert(live.end(), created.begin(), created.end());
            if (strict) since_flush.clear();  // every strict commit is durable
            since_flush.push_back(contents(*s, k));
        }
    }
    held.clear();
    s->flush();
    auto expected = contents(*s, k);
    auto reopened = GraphStore::open(std::make_unique<pagestore::MemoryPageStore>(raw->bytes()), o);
    EXPECT_EQ(contents(*reopened, k), expected);
    EXPECT_GT(flushes, 0);
}

}  // namespace

TEST(Durability, RelaxedHeadersNeverReferPastTheEndOfTheFile) {
    for (uint32_t seed = 1; seed <= 8; ++seed) {
        for (uint32_t group : {2u, 5u, 64u}) {
            for (uint64_t pool_pages : {64u, 4096u}) {
                run_workload(seed, relaxed_options(group, pool_pages));
                if (HasFatalFailure() || HasFailure()) return;
            }
        }
    }
}

// The same workload in strict mode: a crash at any moment reopens at the newest commit.
TEST(Durability, StrictCrashAtAnyMomentReopensAtTheNewestCommit) {
    for (uint32_t seed = 1; seed <= 6; ++seed) {
        for (uint64_t pool_pages : {64u, 4096u}) {
            StoreOptions o = relaxed_options(1, pool_pages);
            o.durability = Durability::Strict;
            run_workload(seed, o);
            if (HasFatalFailure() || HasFailure()) return;
        }
    }
}

// Files written before the fix may count one never-stored page at their tail. They open, since
// nothing they refer to is missing; a file that lacks a page its header refers to does not.
TEST(Durability, AFileShorterThanItsPageCountOpensWhenNothingReferencedIsMissing) {
    auto o = relaxed_options(64);
    auto [s, raw, k] = load(o, 50);
    auto expected = contents(*s, k);
    std::vector<uint8_t> bytes = raw->bytes();
    // The newest header: the valid slot with the higher iteration.
    pagestore::FileHeader h[2];
    bool valid[2];
    for (int i = 0; i < 2; ++i)
        valid[i] = pagestore::decode_header(bytes.data() + i * pagestore::kHeaderSlotSize, h[i]) ==
                   pagestore::HeaderStatus::Valid;
    int best = valid[0] && (!valid[1] || h[0].iteration > h[1].iteration) ? 0 : 1;
    ASSERT_TRUE(valid[best]);
    ASSERT_EQ(h[best].page_count * 4096, bytes.size());
    h[best].page_count += 1;  // one page more than the file holds, referenced by nothing
    pagestore::encode_header(h[best], bytes.data() + best * pagestore::kHeaderSlotSize);
    auto copy = std::make_unique<pagestore::MemoryPageStore>(bytes);
    auto* copy_raw = copy.get();
    auto reopened = GraphStore::open(std::move(copy), o);
    EXPECT_EQ(contents(*reopened, k), expected);
    EXPECT_TRUE(reopened->check().ok);
    {  // and it takes writes, after which its header and length agree again
        auto w = reopened->begin_write();
        expected[w->create_node({}, {{k, Value::integer(99)}})] = 99;
        reopened->commit(*w);
        reopened->flush();
    }
    auto again = GraphStore::open(std::make_unique<pagestore::MemoryPageStore>(copy_raw->bytes()), o);
    EXPECT_EQ(contents(*again, k), expected);
    reopened.reset();
    bytes.resize(bytes.size() - 4096);  // now a page the header refers to is gone
    try {
        GraphStore::open(std::make_unique<pagestore::MemoryPageStore>(bytes), o);
        ADD_FAILURE() << "a file missing a referenced page opened";
    } catch (const QuiverError& e) {
        EXPECT_NE(std::string(e.what()).find("truncated"), std::string::npos) << e.what();
    }
}
