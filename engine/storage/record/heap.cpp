#include "storage/record/heap.h"

#include <algorithm>
#include <cstring>

#include "base/assert.h"
#include "base/endian.h"
#include "base/error.h"
#include "fmt/format.h"

namespace quiver::storage {

namespace {
constexpr uint32_t kHdr = 8;
constexpr uint16_t kStubBit = 0x8000;
constexpr uint32_t kStubSize = 12;

struct PageView {
    uint8_t* b;
    uint16_t nslots() const { return load_u16(b); }
    uint16_t data_start() const { return load_u16(b + 2); }
    uint16_t frag() const { return load_u16(b + 4); }
    uint16_t slot_off(uint32_t s) const { return load_u16(b + kHdr + 4 * s); }
    uint16_t slot_len(uint32_t s) const { return load_u16(b + kHdr + 4 * s + 2); }
    uint32_t contiguous() const { return data_start() - (kHdr + 4u * nslots()); }
};

// Returns a slot's bytes to the page: the data area shrinks when the blob sits at its start,
// otherwise the bytes count as fragmentation (reclaimed by compact()).
void release_slot(PageView& v, uint32_t slot, uint32_t len) {
    uint16_t off = v.slot_off(slot);
    if (off == v.data_start())
        store_u16(v.b + 2, uint16_t(off + len));
    else
        store_u16(v.b + 4, uint16_t(v.frag() + len));
    store_u16(v.b + kHdr + 4 * slot, 0);
    store_u16(v.b + kHdr + 4 * slot + 2, 0);
}

void init_page(uint8_t* b, uint16_t kind, uint32_t body) {
    store_u16(b, 0);
    store_u16(b + 2, uint16_t(body));
    store_u16(b + 4, 0);
    store_u16(b + 6, kind);
}

// Moves every live blob to the end of the data area, removing fragmentation.
void compact(uint8_t* b, uint32_t body) {
    PageView v{b};
    std::vector<uint8_t> tmp(body);
    uint32_t top = body;
    for (uint32_t s = 0; s < v.nslots(); ++s) {
        uint16_t off = v.slot_off(s);
        if (!off) continue;
        uint32_t len = v.slot_len(s) & ~kStubBit;
        top -= len;
        std::memcpy(tmp.data() + top, b + off, len);
        store_u16(b + kHdr + 4 * s, uint16_t(top));
    }
    std::memcpy(b + top, tmp.data() + top, body - top);
    store_u16(b + 2, uint16_t(top));
    store_u16(b + 4, 0);
}
}  // namespace

void HeapHints::load(const uint8_t* p) {
    current = load_u32(p);
    uint32_t n = std::min<uint32_t>(load_u32(p + 4), kMaxRoomy);
    roomy.clear();
    for (uint32_t i = 0; i < n; ++i) roomy.emplace(load_u32(p + 12 + 8 * i), load_u32(p + 8 + 8 * i));
}

void HeapHints::store(uint8_t* p) const {
    std::memset(p, 0, 8 + 8 * kMaxRoomy);
    store_u32(p, current);
    store_u32(p + 4, uint32_t(roomy.size()));
    uint32_t i = 0;
    for (auto& [free, page] : roomy) {
        store_u32(p + 8 + 8 * i, page);
        store_u32(p + 12 + 8 * i, free);
        ++i;
    }
}

void Heap::note_free(HeapHints& h, LPage page, uint32_t free_bytes) {
    for (auto it = h.roomy.begin(); it != h.roomy.end(); ++it)
        if (it->second == page) {
            h.roomy.erase(it);
            break;
        }
    if (free_bytes >= 64 && page != h.current) {
        h.roomy.emplace(free_bytes, page);
        if (h.roomy.size() > HeapHints::kMaxRoomy) h.roomy.erase(h.roomy.begin());
    }
}

bool Heap::try_place_in(PageAccess& a, LPage page, std::span<const uint8_t> bytes, bool stub,
                        uint16_t& slot_out, uint32_t& free_after) {
    uint32_t len = uint32_t(bytes.size());
    PinnedPage rp = a.read(page);
    PageView rv{body(rp)};
    if (rp.data()[8] != uint8_t(PageType::Heap) || load_u16(body(rp) + 6) != kind_) return false;
    // find a free slot
    uint32_t slot = rv.nslots();
    for (uint32_t s = 0; s < rv.nslots(); ++s)
        if (!rv.slot_off(s)) {
            slot = s;
            break;
        }
    uint32_t need = len + (slot == rv.nslots() ? 4 : 0);
    if (rv.contiguous() + rv.frag() < need) return false;
    rp.reset();
    PinnedPage wp = a.write(page);
    PageView v{body(wp)};
    if (v.contiguous() < need) compact(v.b, body_);
    if (slot == v.nslots()) store_u16(v.b, uint16_t(v.nslots() + 1));
    uint16_t off = uint16_t(v.data_start() - len);
    std::memcpy(v.b + off, bytes.data(), len);
    store_u16(v.b + 2, off);
    store_u16(v.b + kHdr + 4 * slot, off);
    store_u16(v.b + kHdr + 4 * slot + 2, uint16_t(len | (stub ? kStubBit : 0)));
    slot_out = uint16_t(slot);
    free_after = v.contiguous() + v.frag();
    return true;
}

HeapRef Heap::place(PageAccess& a, HeapHints& h, std::span<const uint8_t> bytes, bool stub) {
    uint16_t slot;
    uint32_t free_after;
    // 1. a page known to have room
    auto it = h.roomy.lower_bound(uint32_t(bytes.size()) + 4);
    if (it != h.roomy.end()) {
        LPage page = it->second;
        h.roomy.erase(it);
        if (try_place_in(a, page, bytes, stub, slot, free_after)) {
            note_free(h, page, free_after);
            return (HeapRef(page) << 16) | slot;
        }
    }
    // 2. the current page
    if (h.current && try_place_in(a, h.current, bytes, stub, slot, free_after))
        return (HeapRef(h.current) << 16) | slot;
    // 3. a new page
    auto [l, pg] = a.allocate(PageType::Heap);
    init_page(body(pg), kind_, body_);
    pg.reset();
    if (h.current) note_free(h, h.current, 0);
    h.current = l;
    if (!try_place_in(a, l, bytes, stub, slot, free_after))
        throw_corrupt("heap: a fresh page has no room");
    return (HeapRef(l) << 16) | slot;
}

LPage Heap::write_overflow(PageAccess& a, std::span<const uint8_t> data) {
    const uint32_t cap = body_ - 8;
    LPage first = 0, prev = 0;
    size_t pos = 0;
    do {
        auto [l, pg] = a.allocate(PageType::Overflow);
        uint32_t n = uint32_t(std::min<size_t>(cap, data.size() - pos));
        store_u32(body(pg), 0);
        store_u32(body(pg) + 4, n);
        std::memcpy(body(pg) + 8, data.data() + pos, n);
        pos += n;
        pg.reset();
        if (prev) {
            PinnedPage w = a.write(prev);
            store_u32(body(w), l);
        } else {
            first = l;
        }
        prev = l;
    } while (pos < data.size());
    return first;
}

void Heap::free_overflow(PageAccess& a, LPage page) {
    while (page) {
        LPage next;
        {
            PinnedPage p = a.read(page);
            next = load_u32(body(p));
        }
        a.free(page);
        page = next;
    }
}

HeapRef Heap::insert(PageAccess& a, HeapHints& h, std::span<const uint8_t> data) {
    if (data.size() <= max_inline()) return place(a, h, data, false);
    uint8_t stub[kStubSize];
    store_u64(stub, data.size());
    store_u32(stub + 8, write_overflow(a, data));
    return place(a, h, std::span<const uint8_t>(stub, kStubSize), true);
}

namespace {
// The slot of ref on its pinned page: offset and length (with the stub bit), validated.
std::pair<uint16_t, uint16_t> heap_slot(const PinnedPage& p, HeapRef ref, uint32_t body_size) {
    PageView v{body(p)};
    uint32_t slot = uint32_t(ref & 0xFFFF);
    QV_CORRUPT_IF(p.data()[8] != uint8_t(PageType::Heap), fmt::format("ref {} is not on a heap page", ref));
    QV_CORRUPT_IF(slot >= v.nslots() || !v.slot_off(slot), fmt::format("dangling heap ref {}", ref));
    uint16_t off = v.slot_off(slot), len = v.slot_len(slot);
    QV_CORRUPT_IF(uint32_t(off) + (len & ~kStubBit) > body_size, "heap slot out of bounds");
    return {off, len};
}
}  // namespace

bool Heap::view(const PinnedPage& p, HeapRef ref, const uint8_t*& data, uint32_t& len) const {
    auto [off, n] = heap_slot(p, ref, body_);
    if (n & kStubBit) return false;
    data = body(p) + off;
    len = n;
    return true;
}

void Heap::read(PageAccess& a, HeapRef ref, std::vector<uint8_t>& out) const {
    PinnedPage p = a.read(LPage(ref >> 16));
    PageView v{body(p)};
    auto [off, len] = heap_slot(p, ref, body_);
    bool stub = len & kStubBit;
    len &= ~kStubBit;
    if (!stub) {
        out.assign(v.b + off, v.b + off + len);
        return;
    }
    uint64_t total = load_u64(v.b + off);
    LPage next = load_u32(v.b + off + 8);
    p.reset();
    out.clear();
    out.reserve(total);
    while (next && out.size() < total) {
        PinnedPage op = a.read(next);
        QV_CORRUPT_IF(op.data()[8] != uint8_t(PageType::Overflow), "broken overflow chain");
        uint32_t n = load_u32(body(op) + 4);
        QV_CORRUPT_IF(n > body_ - 8, "overflow page length out of bounds");
        out.insert(out.end(), body(op) + 8, body(op) + 8 + n);
        next = load_u32(body(op));
    }
    QV_CORRUPT_IF(out.size() != total, "overflow chain length mismatch");
}

std::vector<LPage> Heap::overflow_pages(PageAccess& a, HeapRef ref) const {
    std::vector<LPage> pages;
    PinnedPage p = a.read(LPage(ref >> 16));
    PageView v{body(p)};
    uint32_t slot = uint32_t(ref & 0xFFFF);
    if (slot >= v.nslots() || !(v.slot_len(slot) & kStubBit)) return pages;
    LPage next = load_u32(v.b + v.slot_off(slot) + 8);
    p.reset();
    while (next && pages.size() < (1u << 24)) {
        pages.push_back(next);
        PinnedPage op = a.read(next);
        next = load_u32(body(op));
    }
    return pages;
}

void Heap::erase(PageAccess& a, HeapHints& h, HeapRef ref) {
    LPage page = LPage(ref >> 16);
    uint32_t slot = uint32_t(ref & 0xFFFF);
    LPage overflow = 0;
    bool empty;
    uint32_t free_after;
    {
        PinnedPage p = a.write(page);
        PageView v{body(p)};
        QV_CORRUPT_IF(slot >= v.nslots() || !v.slot_off(slot), fmt::format("dangling heap ref {}", ref));
        uint16_t off = v.slot_off(slot), len = v.slot_len(slot);
        if (len & kStubBit) overflow = load_u32(v.b + off + 8);
        len &= ~kStubBit;
        release_slot(v, slot, len);
        // drop trailing empty slots
        uint16_t n = v.nslots();
        while (n && !v.slot_off(n - 1)) --n;
        store_u16(v.b, n);
        empty = n == 0;
        free_after = v.contiguous() + v.frag();
    }
    if (overflow) free_overflow(a, overflow);
    if (empty && page != h.current) {
        note_free(h, page, 0);
        for (auto it = h.roomy.begin(); it != h.roomy.end(); ++it)
            if (it->second == page) {
                h.roomy.erase(it);
                break;
            }
        a.free(page);
        return;
    }
    note_free(h, page, free_after);
}

HeapRef Heap::update(PageAccess& a, HeapHints& h, HeapRef ref, std::span<const uint8_t> data) {
    LPage page = LPage(ref >> 16);
    uint32_t slot = uint32_t(ref & 0xFFFF);
    if (data.size() <= max_inline()) {
        PinnedPage rp = a.read(page);
        PageView rv{body(rp)};
        QV_CORRUPT_IF(slot >= rv.nslots() || !rv.slot_off(slot), fmt::format("dangling heap ref {}", ref));
        uint16_t len = rv.slot_len(slot);
        uint32_t n = uint32_t(data.size());
        if (!(len & kStubBit) && (n <= len || rv.contiguous() + rv.frag() + len >= n)) {
            rp.reset();
            PinnedPage p = a.write(page);
            PageView v{body(p)};
            uint16_t off = v.slot_off(slot);
            if (n <= len) {  // shrink in place
                std::memcpy(v.b + off, data.data(), n);
                store_u16(v.b + 4, uint16_t(v.frag() + (len - n)));
                store_u16(v.b + kHdr + 4 * slot + 2, uint16_t(n));
            } else {  // release, compact if needed, re-place in the same slot
                release_slot(v, slot, len);
                if (v.contiguous() < n) compact(v.b, body_);
                uint16_t noff = uint16_t(v.data_start() - n);
                std::memcpy(v.b + noff, data.data(), n);
                store_u16(v.b + 2, noff);
                store_u16(v.b + kHdr + 4 * slot, noff);
                store_u16(v.b + kHdr + 4 * slot + 2, uint16_t(n));
            }
            note_free(h, page, v.contiguous() + v.frag());
            return ref;
        }
    }
    HeapRef fresh = insert(a, h, data);
    erase(a, h, ref);
    return fresh;
}

void Heap::check_page(const uint8_t* b, LPage l, std::vector<std::string>& problems) const {
    PageView v{const_cast<uint8_t*>(b)};
    if (kHdr + 4u * v.nslots() > v.data_start() || v.data_start() > body_) {
        problems.push_back(fmt::format("heap page {}: bad header", l));
        return;
    }
    uint32_t live = 0;
    for (uint32_t s = 0; s < v.nslots(); ++s) {
        uint16_t off = v.slot_off(s);
        if (!off) continue;
        uint32_t len = v.slot_len(s) & ~kStubBit;
        if (off < v.data_start() || off + len > body_)
            problems.push_back(fmt::format("heap page {}: slot {} out of bounds", l, s));
        live += len;
    }
    if (live + v.frag() != body_ - v.data_start())
        problems.push_back(fmt::format("heap page {}: space accounting mismatch", l));
}

}  // namespace quiver::storage
