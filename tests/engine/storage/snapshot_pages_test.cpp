// Proves: the pages a read snapshot keeps pinned (its small page cache) are the bytes of its own
// committed version, never a newer commit's, and an ended snapshot releases them, so a pool that
// many readers have passed through can still evict.
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "base/error.h"
#include "pagestore/memory_page_store.h"
#include "storage/pager/pager.h"
#include "storage/record/page_access.h"

using namespace quiver;
using namespace quiver::storage;

namespace {

constexpr uint32_t kPage = 4096;

std::unique_ptr<Pager> make_pager(uint64_t frames) {
    PagerOptions o;
    o.page_size = kPage;
    o.buffer_pool_bytes = frames * kPage;
    return std::make_unique<Pager>(std::make_unique<pagestore::MemoryPageStore>(), o);
}

// Allocates `n` heap pages holding `mark` in their first body byte; returns their numbers.
std::vector<LPage> fill(Pager& p, int n, uint8_t mark) {
    TxnAccess a(p.begin_write(), p.body_size());
    a.allocate(PageType::Meta);
    std::vector<LPage> pages;
    for (int i = 0; i < n; ++i) {
        auto [l, page] = a.allocate(PageType::Heap);
        body(page)[0] = mark;
        pages.push_back(l);
    }
    a.txn().commit();
    return pages;
}

void remark(Pager& p, const std::vector<LPage>& pages, uint8_t mark) {
    TxnAccess a(p.begin_write(), p.body_size());
    for (LPage l : pages) body(a.write(l))[0] = mark;
    a.txn().commit();
}

uint8_t mark_of(const Snapshot& s, LPage l) { return body(s.read(l))[0]; }

}  // namespace

TEST(SnapshotPages, CachedPagesAreTheSnapshotsOwnVersion) {
    auto p = make_pager(1024);  // 16 cached pages per snapshot
    auto pages = fill(*p, 40, 1);
    auto old_snap = p->snapshot();
    for (int round = 0; round < 2; ++round)  // the second round is served from the cache
        for (LPage l : pages) ASSERT_EQ(mark_of(*old_snap, l), 1);
    remark(*p, pages, 2);
    auto new_snap = p->snapshot();
    for (LPage l : pages) {
        EXPECT_EQ(mark_of(*old_snap, l), 1) << "page " << l;
        EXPECT_EQ(mark_of(*new_snap, l), 2) << "page " << l;
    }
}

TEST(SnapshotPages, EndedSnapshotsReleaseTheirPins) {
    const uint64_t frames = 1024;
    auto p = make_pager(frames);
    auto pages = fill(*p, 3000, 7);
    {
        // 64 live readers holding 16 distinct cached pages each: every one of the 1024 frames
        std::vector<std::unique_ptr<Snapshot>> readers;
        for (int r = 0; r < 64; ++r) {
            readers.push_back(p->snapshot());
            for (int k = 0; k < 16; ++k) ASSERT_EQ(mark_of(*readers.back(), pages[size_t(r * 16 + k)]), 7);
        }
    }
    // every frame is free again: one reader can walk three pools' worth of pages
    auto s = p->snapshot();
    for (LPage l : pages) ASSERT_EQ(mark_of(*s, l), 7);
    // and a tiny pool (no cache) still reads correctly
    auto tiny = make_pager(16);
    auto few = fill(*tiny, 50, 3);
    auto t = tiny->snapshot();
    for (LPage l : few) EXPECT_EQ(mark_of(*t, l), 3);
}

TEST(SnapshotPages, AViewOutlivesLaterReadsOfItsSlot) {
    auto p = make_pager(1024);  // 16 slots: logical pages 16 apart share one
    auto pages = fill(*p, 3000, 5);
    auto s = p->snapshot();
    PinnedPage held = s->read(pages[0]);
    const auto frame_page = held.page();
    EXPECT_EQ(mark_of(*s, pages[16]), 5);  // the same slot while `held` still views it
    for (LPage l : pages) ASSERT_EQ(mark_of(*s, l), 5);  // three pools' worth: evictions
    EXPECT_EQ(held.page(), frame_page);  // the held frame was not evicted and reused
    EXPECT_EQ(body(held)[0], 5);
}

// A write transaction keeps the same small read cache. Its reads must always see the
// transaction's own latest bytes: a page read (and cached), then copied on write, then read
// again gives the copy; a freed page cannot be read; the cache's pins go when the transaction
// ends, committed or rolled back.
TEST(SnapshotPages, AWriteTransactionsCacheFollowsItsOwnWrites) {
    const uint64_t frames = 1024;  // 16 slots
    auto p = make_pager(frames);
    auto pages = fill(*p, 64, 1);
    {
        TxnAccess a(p->begin_write(), p->body_size());
        for (int round = 0; round < 2; ++round)  // fills the slots, then reads from them
            for (LPage l : pages) ASSERT_EQ(body(a.read(l))[0], 1) << l;
        for (size_t i = 0; i < pages.size(); i += 2) body(a.write(pages[i]))[0] = 2;  // copies
        for (size_t i = 0; i < pages.size(); ++i)
            ASSERT_EQ(body(a.read(pages[i]))[0], i % 2 ? 1 : 2) << pages[i];
        for (size_t i = 0; i < pages.size(); i += 4) body(a.write(pages[i]))[0] = 3;  // dirty again
        for (size_t i = 0; i < pages.size(); ++i)
            ASSERT_EQ(body(a.read(pages[i]))[0], i % 4 == 0 ? 3 : i % 2 ? 1 : 2) << pages[i];
        // a page read into the cache, then freed: reading it again is an error, not old bytes
        ASSERT_EQ(body(a.read(pages[1]))[0], 1);
        a.free(pages[1]);
        EXPECT_THROW(a.read(pages[1]), QuiverError);
        // a view taken before the copy keeps the bytes it saw
        PinnedPage before = a.read(pages[3]);
        body(a.write(pages[3]))[0] = 9;
        EXPECT_EQ(body(before)[0], 1);
        EXPECT_EQ(body(a.read(pages[3]))[0], 9);
        before.reset();
        a.txn().commit();
    }
    auto s = p->snapshot();
    for (size_t i = 0; i < pages.size(); ++i) {
        if (i == 1) continue;
        uint8_t want = i == 3 ? 9 : i % 4 == 0 ? 3 : i % 2 ? 1 : 2;
        ASSERT_EQ(mark_of(*s, pages[i]), want) << pages[i];
    }
    s.reset();
    // A rolled-back transaction's reads leave no pins: many such transactions, each reading
    // 16 distinct pages, never run the pool out of frames.
    auto more = fill(*p, 3000, 4);
    for (int t = 0; t < 200; ++t) {
        TxnAccess a(p->begin_write(), p->body_size());
        for (int k = 0; k < 16; ++k) ASSERT_EQ(body(a.read(more[size_t(200 + (t * 16 + k) % 2800)]))[0], 4);
        body(a.write(more[size_t(t)]))[0] = 5;
        if (t % 2) a.txn().rollback();
        else a.txn().commit();
    }
    auto after = p->snapshot();
    for (size_t i = 0; i < more.size(); ++i)
        ASSERT_EQ(mark_of(*after, more[i]), i < 200 && i % 2 == 0 ? 5 : 4) << more[i];
}
