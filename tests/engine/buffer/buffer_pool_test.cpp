#include <gtest/gtest.h>

#include <cstring>
#include <map>

#include "base/error.h"
#include "buffer/buffer_pool.h"

using namespace quiver;
using namespace quiver::buffer;

namespace {
struct FakeDisk {  // a real in-memory medium behind the pool, counting I/O
    std::map<PageNo, std::vector<uint8_t>> pages;
    int loads = 0, writes = 0;
};
}  // namespace

TEST(BufferPool, EvictsCleanAndWritesBackDirtyWithinBudget) {
    FakeDisk d;
    const uint32_t ps = 4096;
    BufferPool pool(16 * ps, ps,
                    [&](PageNo p, uint8_t* b) {
                        ++d.loads;
                        auto it = d.pages.find(p);
                        if (it == d.pages.end()) std::memset(b, 0, ps);
                        else std::memcpy(b, it->second.data(), ps);
                    },
                    [&](PageNo p, uint8_t* b) {
                        ++d.writes;
                        d.pages[p].assign(b, b + ps);
                    });
    EXPECT_EQ(pool.frames(), 16u);
    for (PageNo p = 0; p < 100; ++p) {  // 100 fresh pages through a 16-frame pool
        Frame* f = pool.pin_fresh(p);
        f->data[0] = uint8_t(p);
        pool.unpin(f);
    }
    EXPECT_GE(d.writes, 84);  // dirty victims were written back, not lost
    for (PageNo p = 0; p < 100; ++p) {
        Frame* f = pool.pin(p);
        EXPECT_EQ(f->data[0], uint8_t(p));
        pool.unpin(f);
    }
}

TEST(BufferPool, AllPinnedIsAClearError) {
    const uint32_t ps = 4096;
    BufferPool pool(16 * ps, ps, [&](PageNo, uint8_t* b) { std::memset(b, 0, ps); },
                    [&](PageNo, uint8_t*) {});
    std::vector<Frame*> pinned;
    for (PageNo p = 0; p < 16; ++p) pinned.push_back(pool.pin(p));
    try {
        pool.pin(99);
        ADD_FAILURE() << "no error";
    } catch (const QuiverError& e) {
        EXPECT_EQ(e.code(), "Neo.TransientError.General.MemoryPoolOutOfMemoryError");
    }
    for (Frame* f : pinned) pool.unpin(f);
    Frame* f = pool.pin(99);
    pool.unpin(f);
}

// Frames are allocated as the pool fills, in chunks, up to the budget; a pinned frame stays put
// (and keeps its bytes) while the pool grows around it.
TEST(BufferPool, GrowsInChunksUpToTheBudget) {
    const uint32_t ps = 4096;
    int writes = 0;
    BufferPool pool(1000 * ps, ps, [&](PageNo p, uint8_t* b) { std::memset(b, int(p & 0xFF), ps); },
                    [&](PageNo, uint8_t*) { ++writes; });
    EXPECT_EQ(pool.frames(), 1000u);
    EXPECT_EQ(pool.allocated_frames(), 0u);
    Frame* held = pool.pin(7);
    uint8_t* held_data = held->data;
    EXPECT_LE(pool.allocated_frames(), 64u);  // one chunk, not the budget
    for (PageNo p = 100; p < 400; ++p) pool.unpin(pool.pin(p));
    EXPECT_GE(pool.allocated_frames(), 301u);  // grew instead of evicting
    EXPECT_LE(pool.allocated_frames(), 384u);
    EXPECT_EQ(pool.stats().evictions, 0u);
    for (PageNo p = 400; p < 3000; ++p) pool.unpin(pool.pin(p));
    EXPECT_EQ(pool.allocated_frames(), 1000u);  // the budget, then CLOCK eviction
    EXPECT_GT(pool.stats().evictions, 0u);
    EXPECT_EQ(held->data, held_data);
    EXPECT_EQ(held->page, 7u);
    EXPECT_EQ(held->data[ps - 1], 7);
    pool.unpin(held);
    EXPECT_EQ(writes, 0);  // nothing was dirty
}
