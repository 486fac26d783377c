// quiver::storage::PageCache — the few pages a reader keeps pinned (a read snapshot's, or a write
// transaction's own reads), so a reader walking records on the same pages does not go through
// the page map and the pool's lock for every record.
//
// Direct-mapped by logical page. The pages handed out from it are borrowed views counted per
// slot: a slot whose page is still viewed somewhere is not replaced (that read gets an
// ordinary pin instead), so a view never outlives its pin. Used by one thread at a time, like
// the transaction that owns it.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>

#include "buffer/buffer_pool.h"

namespace quiver::storage {

using LPage = uint32_t;  // logical page number

class PageCache {
public:
    static constexpr size_t kMaxSlots = 16;
    // The slots a reader gets from `pool`: a sixty-fourth of it at most, so many concurrent
    // readers cannot pin it all (0 on a tiny pool: no cache).
    static size_t slots_for(const buffer::BufferPool& pool) {
        return std::min<size_t>(kMaxSlots, pool.frames() / 64);
    }

    PageCache(buffer::BufferPool* pool, size_t slots) : pool_(pool), slots_(slots) {}
    PageCache(const PageCache&) = delete;
    PageCache& operator=(const PageCache&) = delete;
    ~PageCache() { release(); }

    // Logical page l, whose physical page `physical(l)` gives (it throws when l is unmapped).
    template <class Physical>
    buffer::PinnedPage read(LPage l, Physical&& physical) {
        Slot* slot = slots_ ? &slot_[l % slots_] : nullptr;
        if (slot && slot->frame && slot->page == l) return buffer::PinnedPage::borrowed(slot->frame, &slot->borrows);
        const buffer::PageNo p = physical(l);
        // no cache, or the slot's page is still being read: an ordinary pin
        if (!slot || slot->borrows) return buffer::PinnedPage(pool_, pool_->pin(p));
        if (slot->frame) {
            pool_->unpin(slot->frame);
            slot->frame = nullptr;
        }
        slot->frame = pool_->pin(p);
        slot->page = l;
        return buffer::PinnedPage::borrowed(slot->frame, &slot->borrows);
    }

    // l's mapping is about to change: no later read finds its old page here (a view still out
    // keeps that frame pinned until the slot is reused or released).
    void forget(LPage l) {
        if (!slots_) return;
        Slot& slot = slot_[l % slots_];
        if (!slot.frame || slot.page != l) return;
        slot.page = kNoPage;
        if (slot.borrows) return;
        pool_->unpin(slot.frame);
        slot.frame = nullptr;
    }

    // Unpins every slot (the reader ends; its pages may be reused after this).
    void release() {
        for (size_t i = 0; i < slots_; ++i) {
            if (slot_[i].frame) pool_->unpin(slot_[i].frame);
            slot_[i] = Slot{};
        }
    }

private:
    static constexpr LPage kNoPage = ~LPage(0);
    struct Slot {
        LPage page = 0;
        buffer::Frame* frame = nullptr;
        uint32_t borrows = 0;  // live views of frame
    };
    buffer::BufferPool* pool_;
    size_t slots_;  // in use: 0 .. kMaxSlots
    std::array<Slot, kMaxSlots> slot_{};
};

}  // namespace quiver::storage
