#include "storage/record/btree.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace quiver::storage {

BTree::BTree(uint32_t key_size, uint32_t body_size)
    : key_(key_size),
      leaf_cap_((body_size - kHdr) / key_size),
      inner_cap_((body_size - kHdr - 4) / (key_size + 4)) {
    if (leaf_cap_ < 4 || inner_cap_ < 4) throw std::logic_error("btree: key too large for page");
}

// First index in [0, n) whose key is >= k.
uint32_t BTree::lower_bound(const uint8_t* keys, uint32_t n, uint32_t stride, const uint8_t* k) {
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (std::memcmp(keys + size_t(mid) * stride, k, stride) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

namespace {
inline const uint8_t* inner_entry(const uint8_t* b, uint32_t i, uint32_t key) {
    return b + BTree::kHdr + 4 + size_t(i) * (key + 4);
}
inline uint8_t* inner_entry(uint8_t* b, uint32_t i, uint32_t key) {
    return b + BTree::kHdr + 4 + size_t(i) * (key + 4);
}
inline LPage inner_child(const uint8_t* b, uint32_t j, uint32_t key) {
    return j == 0 ? load_u32(b + BTree::kHdr) : load_u32(inner_entry(b, j - 1, key) + key);
}
}  // namespace

// Number of separator keys <= k, i.e. the child whose range holds k.
uint32_t BTree::child_index(const uint8_t* b, const uint8_t* k) const {
    uint32_t n = load_u16(b), lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (std::memcmp(inner_entry(b, mid, key_), k, key_) <= 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

LPage BTree::find_leaf(PageAccess& a, const ArrayRoot& root, const uint8_t* k) const {
    LPage page = root.root;
    for (uint32_t d = root.depth; d > 1; --d) {
        PinnedPage p = a.read(page);
        const uint8_t* b = body(p);
        page = inner_child(b, k ? child_index(b, k) : 0, key_);
    }
    return page;
}

void BTree::sample_leaves(PageAccess& a, LPage page, uint32_t depth, uint32_t budget,
                          std::vector<LPage>& out) const {
    if (depth <= 1) {
        out.push_back(page);
        return;
    }
    std::vector<LPage> children;
    {
        PinnedPage p = a.read(page);
        const uint8_t* b = body(p);
        uint32_t n = load_u16(b) + 1;  // children
        uint32_t take = std::min(n, budget);
        for (uint32_t i = 0; i < take; ++i)
            children.push_back(inner_child(b, uint32_t(uint64_t(i) * n / take), key_));
    }
    uint32_t share = budget / uint32_t(children.size()), extra = budget % uint32_t(children.size());
    for (uint32_t i = 0; i < children.size(); ++i)
        sample_leaves(a, children[i], depth - 1, share + (i < extra ? 1 : 0), out);
}

bool BTree::contains(PageAccess& a, const ArrayRoot& root, const uint8_t* k) const {
    if (!root.depth) return false;
    PinnedPage p = a.read(find_leaf(a, root, k));
    const uint8_t* b = body(p);
    uint32_t n = load_u16(b);
    uint32_t i = lower_bound(b + kHdr, n, key_, k);
    return i < n && std::memcmp(b + kHdr + size_t(i) * key_, k, key_) == 0;
}

bool BTree::insert_rec(PageAccess& a, LPage page, uint32_t depth, const uint8_t* k,
                       Split& s) const {
    if (depth == 1) {
        {
            PinnedPage p = a.read(page);
            const uint8_t* b = body(p);
            uint32_t n = load_u16(b);
            uint32_t i = lower_bound(b + kHdr, n, key_, k);
            if (i < n && std::memcmp(b + kHdr + size_t(i) * key_, k, key_) == 0) return false;
        }
        PinnedPage p = a.write(page);
        uint8_t* b = body(p);
        uint32_t n = load_u16(b);
        uint32_t i = lower_bound(b + kHdr, n, key_, k);
        uint8_t* keys = b + kHdr;
        if (n < leaf_cap_) {
            std::memmove(keys + size_t(i + 1) * key_, keys + size_t(i) * key_,
                         size_t(n - i) * key_);
            std::memcpy(keys + size_t(i) * key_, k, key_);
            store_u16(b, uint16_t(n + 1));
            return true;
        }
        // full: split the n + 1 keys into two halves; the right half goes to a new leaf
        std::vector<uint8_t> tmp(size_t(n + 1) * key_);
        std::memcpy(tmp.data(), keys, size_t(i) * key_);
        std::memcpy(tmp.data() + size_t(i) * key_, k, key_);
        std::memcpy(tmp.data() + size_t(i + 1) * key_, keys + size_t(i) * key_,
                    size_t(n - i) * key_);
        uint32_t total = n + 1, left = total / 2;
        auto [rl, rpg] = a.allocate(PageType::ArrayData);
        uint8_t* rb = body(rpg);
        store_u16(rb, uint16_t(total - left));
        store_u16(rb + 2, 0);
        store_u32(rb + 4, load_u32(b + 4));
        std::memcpy(rb + kHdr, tmp.data() + size_t(left) * key_, size_t(total - left) * key_);
        std::memcpy(keys, tmp.data(), size_t(left) * key_);
        store_u16(b, uint16_t(left));
        store_u32(b + 4, rl);
        s.happened = true;
        s.key.assign(tmp.data() + size_t(left) * key_, tmp.data() + size_t(left + 1) * key_);
        s.right = rl;
        return true;
    }
    PinnedPage rp = a.read(page);
    uint32_t ci = child_index(body(rp), k);
    LPage child = inner_child(body(rp), ci, key_);
    rp = PinnedPage();
    Split cs;
    if (!insert_rec(a, child, depth - 1, k, cs)) return false;
    if (!cs.happened) return true;
    PinnedPage p = a.write(page);
    uint8_t* b = body(p);
    uint32_t n = load_u16(b);
    // new entry {cs.key, cs.right} goes at position ci
    if (n < inner_cap_) {
        std::memmove(inner_entry(b, ci + 1, key_), inner_entry(b, ci, key_),
                     size_t(n - ci) * (key_ + 4));
        std::memcpy(inner_entry(b, ci, key_), cs.key.data(), key_);
        store_u32(inner_entry(b, ci, key_) + key_, cs.right);
        store_u16(b, uint16_t(n + 1));
        return true;
    }
    // split the inner page: gather n + 1 entries, keep the lower half, push the middle up
    std::vector<uint8_t> ent(size_t(n + 1) * (key_ + 4));
    std::memcpy(ent.data(), inner_entry(b, 0, key_), size_t(ci) * (key_ + 4));
    std::memcpy(ent.data() + size_t(ci) * (key_ + 4), cs.key.data(), key_);
    store_u32(ent.data() + size_t(ci) * (key_ + 4) + key_, cs.right);
    std::memcpy(ent.data() + size_t(ci + 1) * (key_ + 4), inner_entry(b, ci, key_),
                size_t(n - ci) * (key_ + 4));
    uint32_t total = n + 1, left = total / 2;  // entries [0,left) stay, left is pushed up
    auto [rl, rpg] = a.allocate(PageType::ArrayDir);
    uint8_t* rb = body(rpg);
    const uint8_t* mid = ent.data() + size_t(left) * (key_ + 4);
    store_u16(rb, uint16_t(total - left - 1));
    store_u16(rb + 2, 0);
    store_u32(rb + 4, 0);
    store_u32(rb + kHdr, load_u32(mid + key_));
    std::memcpy(inner_entry(rb, 0, key_), mid + key_ + 4, size_t(total - left - 1) * (key_ + 4));
    std::memcpy(inner_entry(b, 0, key_), ent.data(), size_t(left) * (key_ + 4));
    store_u16(b, uint16_t(left));
    s.happened = true;
    s.key.assign(mid, mid + key_);
    s.right = rl;
    return true;
}

bool BTree::insert(PageAccess& a, ArrayRoot& root, const uint8_t* k) const {
    if (!root.depth) {
        auto [l, pg] = a.allocate(PageType::ArrayData);
        uint8_t* b = body(pg);
        store_u16(b, 1);
        store_u16(b + 2, 0);
        store_u32(b + 4, 0);
        std::memcpy(b + kHdr, k, key_);
        root.root = l;
        root.depth = 1;
        return true;
    }
    Split s;
    if (!insert_rec(a, root.root, root.depth, k, s)) return false;
    if (s.happened) {
        auto [l, pg] = a.allocate(PageType::ArrayDir);
        uint8_t* b = body(pg);
        store_u16(b, 1);
        store_u16(b + 2, 0);
        store_u32(b + 4, 0);
        store_u32(b + kHdr, root.root);
        std::memcpy(inner_entry(b, 0, key_), s.key.data(), key_);
        store_u32(inner_entry(b, 0, key_) + key_, s.right);
        root.root = l;
        ++root.depth;
    }
    return true;
}

bool BTree::erase(PageAccess& a, ArrayRoot& root, const uint8_t* k) const {
    if (!root.depth) return false;
    LPage leaf = find_leaf(a, root, k);
    {
        PinnedPage p = a.read(leaf);
        const uint8_t* b = body(p);
        uint32_t n = load_u16(b);
        uint32_t i = lower_bound(b + kHdr, n, key_, k);
        if (i >= n || std::memcmp(b + kHdr + size_t(i) * key_, k, key_) != 0) return false;
    }
    PinnedPage p = a.write(leaf);
    uint8_t* b = body(p);
    uint32_t n = load_u16(b);
    uint32_t i = lower_bound(b + kHdr, n, key_, k);
    std::memmove(b + kHdr + size_t(i) * key_, b + kHdr + size_t(i + 1) * key_,
                 size_t(n - i - 1) * key_);
    store_u16(b, uint16_t(n - 1));
    return true;
}

void BTree::destroy_rec(PageAccess& a, LPage page, uint32_t depth) const {
    if (depth > 1) {
        std::vector<LPage> kids;
        {
            PinnedPage p = a.read(page);
            const uint8_t* b = body(p);
            uint32_t n = load_u16(b);
            for (uint32_t j = 0; j <= n; ++j) kids.push_back(inner_child(b, j, key_));
        }
        for (LPage c : kids) destroy_rec(a, c, depth - 1);
    }
    a.free(page);
}

void BTree::destroy(PageAccess& a, ArrayRoot& root) const {
    if (root.depth) destroy_rec(a, root.root, root.depth);
    root = ArrayRoot();
}

void BTree::pages(PageAccess& a, const ArrayRoot& root, std::vector<LPage>& out) const {
    if (!root.depth) return;
    std::vector<std::pair<LPage, uint32_t>> stack{{root.root, root.depth}};
    while (!stack.empty()) {
        auto [pg, d] = stack.back();
        stack.pop_back();
        out.push_back(pg);
        if (d > 1) {
            PinnedPage p = a.read(pg);
            const uint8_t* b = body(p);
            uint32_t n = load_u16(b);
            for (uint32_t j = 0; j <= n; ++j) stack.push_back({inner_child(b, j, key_), d - 1});
        }
    }
}

}  // namespace quiver::storage
