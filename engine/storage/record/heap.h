// Heap: variable-size blobs in slotted pages (properties, label lists, token names, sparse
// adjacency lists). A blob is addressed by a 48-bit ref = (logical page << 16) | slot; ref 0 is
// "none" (logical page 0 is the graph meta page, never a heap page).
//
// Heap page body:
//   0  u16 slot count         2  u16 data start (data area grows down from the body end)
//   4  u16 fragmented bytes   6  u16 heap kind
//   8  slot directory: per slot u16 offset (0 = empty) + u16 length (bit 15 = overflow stub)
// Blobs larger than max_inline() are stored in a chain of overflow pages; the slot then holds
// a 12-byte stub: u64 total length + u32 first overflow page. Overflow page body:
//   0 u32 next page (0 = last)   4 u32 bytes used   8 data
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "storage/record/page_access.h"

namespace quiver::storage {

using HeapRef = uint64_t;

// Allocation hints of one heap: the page receiving new blobs and up to kMaxRoomy pages with
// reusable space. Loaded from and saved to the graph meta page with each write transaction,
// so allocation (and the file's bytes) depend only on the transactions, not on reopening.
struct HeapHints {
    static constexpr size_t kMaxRoomy = 64;
    LPage current = 0;                       // page receiving new blobs
    std::multimap<uint32_t, LPage> roomy;    // free bytes -> pages with reusable space
    void load(const uint8_t* p);
    void store(uint8_t* p) const;            // 8 + 8 * kMaxRoomy bytes
};

class Heap {
public:
    Heap(uint16_t kind, uint32_t body_size) : kind_(kind), body_(body_size) {}

    uint32_t max_inline() const { return body_ / 4; }

    HeapRef insert(PageAccess& a, HeapHints& h, std::span<const uint8_t> data);
    void read(PageAccess& a, HeapRef ref, std::vector<uint8_t>& out) const;
    // The bytes of a blob in place on its page `p` (the page of ref, pinned by the caller);
    // false for a blob stored in an overflow chain (then read() it).
    bool view(const PinnedPage& p, HeapRef ref, const uint8_t*& data, uint32_t& len) const;
    // Replaces a blob; returns its (possibly new) ref.
    HeapRef update(PageAccess& a, HeapHints& h, HeapRef ref, std::span<const uint8_t> data);
    void erase(PageAccess& a, HeapHints& h, HeapRef ref);
    // Integrity: validates the slot structure of one heap page; appends problems.
    void check_page(const uint8_t* body, LPage l, std::vector<std::string>& problems) const;
    // Overflow pages of a blob (for the integrity check's page accounting).
    std::vector<LPage> overflow_pages(PageAccess& a, HeapRef ref) const;

private:
    HeapRef place(PageAccess& a, HeapHints& h, std::span<const uint8_t> slot_bytes, bool stub);
    bool try_place_in(PageAccess& a, LPage page, std::span<const uint8_t> bytes, bool stub,
                      uint16_t& slot_out, uint32_t& free_after);
    LPage write_overflow(PageAccess& a, std::span<const uint8_t> data);
    void free_overflow(PageAccess& a, LPage first);
    void note_free(HeapHints& h, LPage page, uint32_t free_bytes);

    uint16_t kind_;
    uint32_t body_;
};

}  // namespace quiver::storage
