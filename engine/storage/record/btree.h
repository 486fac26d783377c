// BTree: an ordered set of fixed-size byte keys (compared with memcmp) in logical pages — the
// building block of range indexes (docs/storage-format.md §3.4).
//
//   root: {u32 page, u32 depth}; depth 0 = empty, depth 1 = the root is a leaf.
//   Page body header (8 bytes): u16 entry count, u16 reserved, u32 next leaf (leaves; 0 = last).
//   Leaf (page type ArrayData): count keys, ascending, back to back from body offset 8.
//   Inner (page type ArrayDir): u32 child 0 at offset 8, then count x {key, u32 child}; the key
//     of entry i is the smallest key reachable through its child at the time of the split.
//   Erasing never merges pages: a leaf may become empty and stays linked (scans skip it).
// Pages are addressed logically, so copy-on-write never changes a parent's child pointer.
#pragma once

#include <cstdint>
#include <vector>

#include "storage/record/paged_array.h"

namespace quiver::storage {

class BTree {
public:
    BTree(uint32_t key_size, uint32_t body_size);

    uint32_t key_size() const { return key_; }
    // Inserts key; false when it is already present.
    bool insert(PageAccess& a, ArrayRoot& root, const uint8_t* key) const;
    // Erases key; false when it is absent.
    bool erase(PageAccess& a, ArrayRoot& root, const uint8_t* key) const;
    bool contains(PageAccess& a, const ArrayRoot& root, const uint8_t* key) const;
    // Calls f(const uint8_t* key) for every key >= lo (every key when lo is null) in ascending
    // order until f returns false.
    template <class F>
    void scan(PageAccess& a, const ArrayRoot& root, const uint8_t* lo, F&& f) const {
        if (!root.depth) return;
        LPage page = find_leaf(a, root, lo);
        bool first = true;
        while (page) {
            PinnedPage p = a.read(page);
            const uint8_t* b = body(p);
            uint32_t n = load_u16(b);
            uint32_t i = (first && lo) ? lower_bound(b + kHdr, n, key_, lo) : 0;
            first = false;
            for (; i < n; ++i)
                if (!f(static_cast<const uint8_t*>(b + kHdr + size_t(i) * key_))) return;
            page = load_u32(b + 4);
        }
    }
    // Calls f(const uint8_t* keys, uint32_t n) for up to `leaves` leaves spread evenly over
    // the tree (the leftmost leaf under evenly spaced children at each inner level), in
    // ascending key order: a cheap sample for statistics (graph_index.cpp).
    template <class F>
    void sample(PageAccess& a, const ArrayRoot& root, uint32_t leaves, F&& f) const {
        if (!root.depth || !leaves) return;
        std::vector<LPage> picked;
        sample_leaves(a, root.root, root.depth, leaves, picked);
        for (LPage page : picked) {
            PinnedPage p = a.read(page);
            const uint8_t* b = body(p);
            f(static_cast<const uint8_t*>(b + kHdr), uint32_t(load_u16(b)));
        }
    }
    // Frees every page.
    void destroy(PageAccess& a, ArrayRoot& root) const;
    // Appends every page of the tree (for the integrity check).
    void pages(PageAccess& a, const ArrayRoot& root, std::vector<LPage>& out) const;

    static constexpr uint32_t kHdr = 8;

private:
    struct Split {
        bool happened = false;
        std::vector<uint8_t> key;
        LPage right = 0;
    };
    static uint32_t lower_bound(const uint8_t* keys, uint32_t n, uint32_t stride, const uint8_t* k);
    uint32_t child_index(const uint8_t* b, const uint8_t* k) const;  // inner: which child
    LPage find_leaf(PageAccess& a, const ArrayRoot& root, const uint8_t* k) const;
    bool insert_rec(PageAccess& a, LPage page, uint32_t depth, const uint8_t* k, Split& s) const;
    void sample_leaves(PageAccess& a, LPage page, uint32_t depth, uint32_t budget,
                       std::vector<LPage>& out) const;
    void destroy_rec(PageAccess& a, LPage page, uint32_t depth) const;

    uint32_t key_, leaf_cap_, inner_cap_;
};

}  // namespace quiver::storage
