// quiver::buffer — a bounded pool of page frames keyed by physical page number.
//
// Design (why it is simple): committed physical pages are immutable — the pager never writes a
// page that a committed version references (copy-on-write). So a clean frame never goes stale,
// and the only dirty frames are the private pages of the single write transaction. Evicting a
// dirty frame writes it to its own (not yet referenced) physical page: no sync is needed and a
// transaction can be larger than the pool.
//
// Frame states:   absent --pin()/pin_fresh()--> pinned --unpin()--> unpinned (evictable)
//                 unpinned --CLOCK victim--> [dirty: write_fn] --> absent
// Invariants:
//   1. a pinned frame is never evicted or discarded;
//   2. a frame holds exactly the bytes of its physical page, or newer bytes when dirty;
//   3. capacity never exceeds the configured budget (pin() throws MemoryPoolOutOfMemoryError
//      when every frame is pinned). Frames are allocated in chunks as the pool fills (a small
//      database in WASM does not reserve the whole budget of linear memory at open); a frame
//      never moves once allocated.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "pagestore/file_format.h"

namespace quiver::buffer {

using pagestore::PageNo;

struct Frame {
    PageNo page = 0;
    uint8_t* data = nullptr;
    uint32_t pins = 0;
    bool used = false;
    bool dirty = false;
    bool referenced = false;
};

struct PoolStats {
    uint64_t hits = 0, misses = 0, evictions = 0, writebacks = 0;
};

class BufferPool {
public:
    using LoadFn = std::function<void(PageNo, uint8_t*)>;   // read + verify; throws on corruption
    using WriteFn = std::function<void(PageNo, uint8_t*)>;  // seal + write (no sync)

    BufferPool(uint64_t budget_bytes, uint32_t page_size, LoadFn load, WriteFn write);
    ~BufferPool();

    Frame* pin(PageNo p);
    // A newly allocated page: dirty, not read; zero-filled unless the caller overwrites it
    // whole (zero = false, e.g. a copy-on-write copy).
    Frame* pin_fresh(PageNo p, bool zero = true);
    void unpin(Frame* f);
    void mark_dirty(Frame* f);
    void write_back(PageNo p);   // writes the frame if resident and dirty
    void discard(PageNo p);      // forgets the frame (rollback / page released)
    size_t frames() const { return capacity_; }          // the budget, in frames
    size_t allocated_frames() const;                      // frames allocated so far
    uint32_t page_size() const { return page_size_; }
    PoolStats stats() const;

private:
    Frame* victim_locked();  // returns an evicted, reusable frame

    uint32_t page_size_;
    LoadFn load_;
    WriteFn write_;
    size_t capacity_;
    std::vector<std::unique_ptr<uint8_t[]>> arenas_;  // one per chunk of frames
    std::deque<Frame> frames_;                         // grows at the back: frames never move
    std::vector<Frame*> unused_;                       // allocated frames holding no page
    std::unordered_map<PageNo, Frame*> table_;
    size_t hand_ = 0;
    mutable std::mutex mu_;
    PoolStats stats_;
};

// RAII pin.
class PinnedPage {
public:
    PinnedPage() = default;
    PinnedPage(BufferPool* pool, Frame* f) : pool_(pool), f_(f) {}
    PinnedPage(PinnedPage&& o) noexcept : pool_(o.pool_), f_(o.f_), borrows_(o.borrows_) {
        o.f_ = nullptr;
    }
    PinnedPage& operator=(PinnedPage&& o) noexcept {
        if (this != &o) {
            reset();
            pool_ = o.pool_;
            f_ = o.f_;
            borrows_ = o.borrows_;
            o.f_ = nullptr;
        }
        return *this;
    }
    PinnedPage(const PinnedPage&) = delete;
    PinnedPage& operator=(const PinnedPage&) = delete;
    ~PinnedPage() { reset(); }
    // A view of a frame whose pin someone else holds (a reader's page cache). The holder keeps
    // the frame pinned while `*borrows` (counted up here, down on reset) is not zero.
    static PinnedPage borrowed(Frame* f, uint32_t* borrows) {
        PinnedPage p(nullptr, f);
        p.borrows_ = borrows;
        ++*borrows;
        return p;
    }
    void reset() {
        if (f_) {
            if (pool_) pool_->unpin(f_);
            else if (borrows_) --*borrows_;
        }
        f_ = nullptr;
    }
    explicit operator bool() const { return f_ != nullptr; }
    uint8_t* data() const { return f_->data; }
    PageNo page() const { return f_->page; }
    Frame* frame() const { return f_; }

private:
    BufferPool* pool_ = nullptr;
    Frame* f_ = nullptr;
    uint32_t* borrows_ = nullptr;
};

}  // namespace quiver::buffer
