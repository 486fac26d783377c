// PagedArray: an array of fixed-size records in logical pages, addressed by index through a
// radix directory. Used for the node and relationship tables, token tables, free-id stacks,
// label bitmaps and dense adjacency groups.
//
//   depth 0: empty.  depth 1: root is a data page.  depth k > 1: root is a directory page whose
//   entries (u32 logical page numbers, 0 = absent) point to depth k-1 subtrees.
//   Data page body: records back to back (record i of the page at i * record_size).
//   Absent pages read as all-zero records.
#pragma once

#include <cstdint>

#include "base/endian.h"
#include "storage/record/page_access.h"

namespace quiver::storage {

struct ArrayRoot {
    LPage root = 0;
    uint32_t depth = 0;
    void load(const uint8_t* p);
    void store(uint8_t* p) const;
};

class PagedArray {
public:
    PagedArray(uint32_t record_size, uint32_t body_size)
        : rec_(record_size), per_page_(body_size / record_size), per_dir_(body_size / 4) {}

    uint32_t record_size() const { return rec_; }
    uint32_t per_page() const { return per_page_; }

    // Read access: pins the data page holding `index` and returns a pointer to the record, or
    // nullptr (page absent → zero record).
    const uint8_t* get(PageAccess& a, const ArrayRoot& root, uint64_t index, PinnedPage& hold) const;
    // Write access: creates pages as needed (root may change), returns a writable record.
    uint8_t* put(PageAccess& a, ArrayRoot& root, uint64_t index, PinnedPage& hold) const;
    // Frees every page of the array.
    void destroy(PageAccess& a, ArrayRoot& root) const;
    // Logical data page holding index (0 when absent) — for scans.
    LPage data_page(PageAccess& a, const ArrayRoot& root, uint64_t index) const;
    // Visits every page of the array (directory and data) — for the integrity check.
    template <class F>
    void for_each_page(PageAccess& a, const ArrayRoot& root, F&& f) const {
        if (root.depth) visit(a, root.root, root.depth, f);
    }

private:
    uint64_t capacity(uint32_t depth) const;
    template <class F>
    void visit(PageAccess& a, LPage page, uint32_t depth, F& f) const;
    void destroy_rec(PageAccess& a, LPage page, uint32_t depth) const;

    uint32_t rec_, per_page_, per_dir_;
};

template <class F>
void PagedArray::visit(PageAccess& a, LPage page, uint32_t depth, F& f) const {
    f(page, depth);
    if (depth <= 1) return;
    PinnedPage p = a.read(page);
    for (uint32_t i = 0; i < per_dir_; ++i) {
        uint32_t child = load_u32(body(p) + 4 * i);
        if (child) visit(a, child, depth - 1, f);
    }
}

}  // namespace quiver::storage
