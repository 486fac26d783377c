#include "storage/record/paged_array.h"

#include <cstring>

#include "base/endian.h"

namespace quiver::storage {

void ArrayRoot::load(const uint8_t* p) {
    root = load_u32(p);
    depth = load_u32(p + 4);
}
void ArrayRoot::store(uint8_t* p) const {
    store_u32(p, root);
    store_u32(p + 4, depth);
}

uint64_t PagedArray::capacity(uint32_t depth) const {
    if (depth == 0) return 0;
    uint64_t c = per_page_;
    for (uint32_t d = 1; d < depth; ++d) {
        if (c > (uint64_t(1) << 50)) return UINT64_MAX;
        c *= per_dir_;
    }
    return c;
}

LPage PagedArray::data_page(PageAccess& a, const ArrayRoot& root, uint64_t index) const {
    if (index >= capacity(root.depth)) return 0;
    LPage page = root.root;
    for (uint32_t d = root.depth; d > 1; --d) {
        uint64_t span = capacity(d - 1);
        PinnedPage p = a.read(page);
        page = load_u32(body(p) + 4 * (index / span));
        if (!page) return 0;
        index %= span;
    }
    return page;
}

const uint8_t* PagedArray::get(PageAccess& a, const ArrayRoot& root, uint64_t index,
                               PinnedPage& hold) const {
    LPage page = data_page(a, root, index);
    if (!page) return nullptr;
    hold = a.read(page);
    return body(hold) + (index % per_page_) * rec_;
}

uint8_t* PagedArray::put(PageAccess& a, ArrayRoot& root, uint64_t index, PinnedPage& hold) const {
    if (root.depth == 0) {
        auto [l, pg] = a.allocate(PageType::ArrayData);
        root.root = l;
        root.depth = 1;
    }
    while (index >= capacity(root.depth)) {  // grow upwards
        auto [l, pg] = a.allocate(PageType::ArrayDir);
        store_u32(body(pg), root.root);
        root.root = l;
        root.depth++;
    }
    LPage page = root.root;
    for (uint32_t d = root.depth; d > 1; --d) {
        uint64_t span = capacity(d - 1);
        uint32_t slot = uint32_t(index / span);
        LPage child;
        {
            PinnedPage p = a.read(page);
            child = load_u32(body(p) + 4 * slot);
        }
        if (!child) {
            auto [l, pg] = a.allocate(d - 1 > 1 ? PageType::ArrayDir : PageType::ArrayData);
            child = l;
            PinnedPage w = a.write(page);
            store_u32(body(w) + 4 * slot, child);
        }
        page = child;
        index %= span;
    }
    hold = a.write(page);
    return body(hold) + (index % per_page_) * rec_;
}

void PagedArray::destroy_rec(PageAccess& a, LPage page, uint32_t depth) const {
    if (depth > 1) {
        std::vector<LPage> kids;
        {
            PinnedPage p = a.read(page);
            for (uint32_t i = 0; i < per_dir_; ++i)
                if (uint32_t c = load_u32(body(p) + 4 * i)) kids.push_back(c);
        }
        for (LPage k : kids) destroy_rec(a, k, depth - 1);
    }
    a.free(page);
}

void PagedArray::destroy(PageAccess& a, ArrayRoot& root) const {
    if (root.depth) destroy_rec(a, root.root, root.depth);
    root = ArrayRoot{};
}

}  // namespace quiver::storage
