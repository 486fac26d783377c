#include "buffer/buffer_pool.h"

#include <cstring>

#include "base/error.h"

namespace quiver::buffer {

BufferPool::BufferPool(uint64_t budget_bytes, uint32_t page_size, LoadFn load, WriteFn write)
    : page_size_(page_size), load_(std::move(load)), write_(std::move(write)) {
    uint64_t n = budget_bytes / page_size;
    if (n < 16) n = 16;
    arena_.reset(new uint8_t[n * page_size]);
    frames_.resize(n);
    for (uint64_t i = 0; i < n; ++i) frames_[i].data = arena_.get() + i * page_size;
    table_.reserve(n * 2);
}

BufferPool::~BufferPool() = default;

Frame* BufferPool::victim_locked() {
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
    load_(p, f->data);  // throws on I/O error or checksum mismatch; frame stays unused
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
}

PoolStats BufferPool::stats() const {
    std::lock_guard<std::mutex> g(mu_);
    return stats_;
}

}  // namespace quiver::buffer
