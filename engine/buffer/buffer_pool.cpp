#include "buffer/buffer_pool.h"

#include <algorithm>
#include <cstring>

#include "base/error.h"

namespace quiver::buffer {

namespace {
constexpr size_t kChunkFrames = 64;  // frames allocated at a time
}

BufferPool::BufferPool(uint64_t budget_bytes, uint32_t page_size, LoadFn load, WriteFn write)
    : page_size_(page_size), load_(std::move(load)), write_(std::move(write)) {
    uint64_t n = budget_bytes / page_size;
    if (n < 16) n = 16;
    capacity_ = size_t(n);
}

BufferPool::~BufferPool() = default;

size_t BufferPool::allocated_frames() const {
    std::lock_guard<std::mutex> g(mu_);
    return frames_.size();
}

Frame* BufferPool::victim_locked() {
    // An allocated frame holding no page; else grow by a chunk while under the budget, rather
    // than evict.
    if (unused_.empty() && frames_.size() < capacity_) {
        size_t add = std::min(kChunkFrames, capacity_ - frames_.size());
        arenas_.emplace_back(new uint8_t[add * page_size_]);
        uint8_t* base = arenas_.back().get();
        for (size_t i = 0; i < add; ++i) {
            frames_.emplace_back();
            frames_.back().data = base + i * page_size_;
        }
        for (size_t i = frames_.size(); i-- > frames_.size() - add;) unused_.push_back(&frames_[i]);
    }
    if (!unused_.empty()) {
        Frame* f = unused_.back();
        unused_.pop_back();
        return f;
    }
    // CLOCK: give referenced frames a second chance; skip pinned ones.
    size_t n = frames_.size();
    for (size_t step = 0; step < 3 * n; ++step) {
        Frame& f = frames_[hand_];
        hand_ = (hand_ + 1) % n;
        if (!f.used) return &f;
        if (f.pins) continue;
        if (f.referenced) {
            f.referenced = false;
            continue;
        }
        if (f.dirty) {
            write_(f.page, f.data);
            f.dirty = false;
            ++stats_.writebacks;
        }
        table_.erase(f.page);
        f.used = false;
        ++stats_.evictions;
        return &f;
    }
    throw QuiverError(std::string(status::MemoryLimit),
                      "The buffer pool is exhausted: every page frame is pinned");
}

Frame* BufferPool::pin(PageNo p) {
    std::lock_guard<std::mutex> g(mu_);
    auto it = table_.find(p);
    if (it != table_.end()) {
        Frame* f = it->second;
        ++f->pins;
        f->referenced = true;
        ++stats_.hits;
        return f;
    }
    Frame* f = victim_locked();
    try {
        load_(p, f->data);  // throws on I/O error or checksum mismatch
    } catch (...) {
        unused_.push_back(f);  // the frame stays unused
        throw;
    }
    f->page = p;
    f->used = true;
    f->dirty = false;
    f->pins = 1;
    f->referenced = true;
    table_[p] = f;
    ++stats_.misses;
    return f;
}

Frame* BufferPool::pin_fresh(PageNo p, bool zero) {
    std::lock_guard<std::mutex> g(mu_);
    auto it = table_.find(p);
    Frame* f;
    if (it != table_.end()) {
        f = it->second;  // a stale frame of a released page: reuse it
    } else {
        f = victim_locked();
        f->page = p;
        f->used = true;
        f->pins = 0;
        table_[p] = f;
    }
    if (zero) std::memset(f->data, 0, page_size_);
    ++f->pins;
    f->dirty = true;
    f->referenced = true;
    return f;
}

void BufferPool::unpin(Frame* f) {
    std::lock_guard<std::mutex> g(mu_);
    --f->pins;
}

void BufferPool::mark_dirty(Frame* f) {
    std::lock_guard<std::mutex> g(mu_);
    f->dirty = true;
}

void BufferPool::write_back(PageNo p) {
    std::lock_guard<std::mutex> g(mu_);
    auto it = table_.find(p);
    if (it == table_.end() || !it->second->dirty) return;
    write_(p, it->second->data);
    it->second->dirty = false;
    ++stats_.writebacks;
}

void BufferPool::discard(PageNo p) {
    std::lock_guard<std::mutex> g(mu_);
    auto it = table_.find(p);
    if (it == table_.end()) return;
    Frame* f = it->second;
    if (f->pins) return;  // still in use by someone: it will be evicted later
    f->used = false;
    f->dirty = false;
    table_.erase(it);
    unused_.push_back(f);
}

PoolStats BufferPool::stats() const {
    std::lock_guard<std::mutex> g(mu_);
    return stats_;
}

}  // namespace quiver::buffer
