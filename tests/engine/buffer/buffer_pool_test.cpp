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
