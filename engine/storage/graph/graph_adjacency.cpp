// Adjacency: per node, per (type, direction) groups of {relationship, neighbour} entries.
// Sparse nodes keep all groups in one heap blob; dense nodes keep a group directory in the blob
// and each group's entries in its own paged array (graph_format.h).
#include <algorithm>
#include <cstring>

#include "base/assert.h"
#include "base/endian.h"
#include "base/error.h"
#include "storage/graph/txn_state.h"

namespace quiver::storage {

using namespace fmt_graph;

namespace {
constexpr uint32_t kSparseGroup = 8, kDenseGroup = 20, kBlobHdr = 4;

struct Group {
    uint32_t key = 0;
    uint64_t count = 0;
    uint32_t cap = 0;      // sparse
    ArrayRoot root;        // dense
    std::vector<uint8_t> entries;  // sparse: count entries (12 bytes each)
};

struct Adj {
    bool dense = false;
    std::vector<Group> groups;  // sorted by key
};

Adj parse(const std::vector<uint8_t>& b) {
    Adj a;
    QV_CORRUPT_IF(b.size() < kBlobHdr, "adjacency blob too short");
    a.dense = b[0] == 1;
    uint32_t n = load_u16(b.data() + 2);
    uint32_t gsize = a.dense ? kDenseGroup : kSparseGroup;
    QV_CORRUPT_IF(b.size() < kBlobHdr + size_t(n) * gsize, "adjacency group table truncated");
    size_t off = kBlobHdr + size_t(n) * gsize;
    for (uint32_t i = 0; i < n; ++i) {
        const uint8_t* g = b.data() + kBlobHdr + i * gsize;
        Group gr;
        gr.key = load_u32(g);
        if (a.dense) {
            gr.count = load_u64(g + 4);
            gr.root.load(g + 12);
        } else {
            gr.count = load_u16(g + 4);
            gr.cap = load_u16(g + 6);
            QV_CORRUPT_IF(gr.count > gr.cap || off + size_t(gr.cap) * kAdjEntry > b.size(),
                          "adjacency group out of bounds");
            gr.entries.assign(b.begin() + off, b.begin() + off + gr.count * kAdjEntry);
            off += size_t(gr.cap) * kAdjEntry;
        }
        a.groups.push_back(std::move(gr));
    }
    return a;
}

std::vector<uint8_t> serialize(const Adj& a) {
    std::vector<uint8_t> b;
    uint32_t n = uint32_t(a.groups.size());
    size_t size = kBlobHdr + n * (a.dense ? kDenseGroup : kSparseGroup);
    if (!a.dense)
        for (auto& g : a.groups) size += size_t(g.cap) * kAdjEntry;
    b.assign(size, 0);
    b[0] = a.dense ? 1 : 0;
    store_u16(b.data() + 2, uint16_t(n));
    size_t off = kBlobHdr + n * (a.dense ? kDenseGroup : kSparseGroup);
    for (uint32_t i = 0; i < n; ++i) {
        const Group& g = a.groups[i];
        uint8_t* p = b.data() + kBlobHdr + i * (a.dense ? kDenseGroup : kSparseGroup);
        store_u32(p, g.key);
        if (a.dense) {
            store_u64(p + 4, g.count);
            g.root.store(p + 12);
        } else {
            store_u16(p + 4, uint16_t(g.count));
            store_u16(p + 6, uint16_t(g.cap));
            std::memcpy(b.data() + off, g.entries.data(), g.entries.size());
            off += size_t(g.cap) * kAdjEntry;
        }
    }
    return b;
}

size_t sparse_size(const Adj& a) {
    size_t s = kBlobHdr + a.groups.size() * kSparseGroup;
    for (auto& g : a.groups) s += size_t(g.cap) * kAdjEntry;
    return s;
}

bool key_matches(uint32_t key, Direction dir, std::span<const TokenId> types) {
    bool in = key & 1;
    if (dir == Direction::Outgoing && in) return false;
    if (dir == Direction::Incoming && !in) return false;
    if (types.empty()) return true;
    TokenId t = key >> 1;
    return std::find(types.begin(), types.end(), t) != types.end();
}

inline void put_entry(uint8_t* p, RelId rel, NodeId nbr) {
    store_u48(p, uint64_t(rel));
    store_u48(p + 6, uint64_t(nbr));
}
}  // namespace

void TxnState::adj_add(NodeId node, uint32_t key, RelId rel, NodeId nbr) {
    pending_adj.push_back({node, rel, nbr, key});
    if (pending_adj.size() >= kMaxPendingAdj) adj_flush_all();
}

void TxnState::adj_flush_all() {
    std::vector<PendingAdj> all = std::move(pending_adj);
    pending_adj.clear();
    // Node order (stable: a node's entries keep their creation order); blobs pack in id order.
    std::stable_sort(all.begin(), all.end(),
                     [](const PendingAdj& a, const PendingAdj& b) { return a.node < b.node; });
    for (size_t i = 0; i < all.size();) {
        size_t j = i;
        while (j < all.size() && all[j].node == all[i].node) ++j;
        adj_apply(all[i].node, all.data() + i, j - i);
        i = j;
    }
}

void TxnState::adj_apply(NodeId node, const PendingAdj* adds, size_t nadds) {
    NodeRec r = node_or_throw(node);
    Adj a;
    if (r.adj) {
        adj.read(*acc, r.adj, scratch);
        a = parse(scratch);
    }
    for (size_t k = 0; k < nadds; ++k) {
        const PendingAdj& p = adds[k];
        auto it = std::lower_bound(a.groups.begin(), a.groups.end(), p.key,
                                   [](const Group& g, uint32_t k) { return g.key < k; });
        if (it == a.groups.end() || it->key != p.key) {
            Group g;
            g.key = p.key;
            it = a.groups.insert(it, std::move(g));
        }
        Group& g = *it;
        if (a.dense) {
            PinnedPage h;
            put_entry(dense.put(*acc, g.root, g.count, h), p.rel, p.nbr);
        } else {
            uint8_t e[kAdjEntry];
            put_entry(e, p.rel, p.nbr);
            g.entries.insert(g.entries.end(), e, e + kAdjEntry);
        }
        g.count++;
    }
    if (!a.dense) {
        // A rewritten list is sized exactly: appends are batched, so slack buys nothing.
        for (auto& g : a.groups)
            if (g.count > g.cap) g.cap = uint32_t(g.count);
        if (sparse_size(a) > adj.max_inline()) {  // turn dense
            a.dense = true;
            for (auto& gr : a.groups) {
                for (uint64_t i = 0; i < gr.count; ++i) {
                    PinnedPage h;
                    std::memcpy(dense.put(*acc, gr.root, i, h), gr.entries.data() + i * kAdjEntry,
                                kAdjEntry);
                }
                gr.entries.clear();
                gr.cap = 0;
            }
        }
    }
    auto bytes = serialize(a);
    HeapRef ref = r.adj ? adj.update(*acc, adj_hints, r.adj, bytes) : adj.insert(*acc, adj_hints, bytes);
    if (ref != r.adj) {
        r.adj = ref;
        store_node(node, r);
    }
}

void TxnState::adj_remove(NodeId node, uint32_t key, RelId rel) {
    adj_flush(node);
    NodeRec r = node_or_throw(node);
    QV_CORRUPT_IF(!r.adj, "relationship missing from adjacency");
    adj.read(*acc, r.adj, scratch);
    Adj a = parse(scratch);
    auto it = std::lower_bound(a.groups.begin(), a.groups.end(), key,
                               [](const Group& g, uint32_t k) { return g.key < k; });
    QV_CORRUPT_IF(it == a.groups.end() || it->key != key, "adjacency group missing");
    Group& g = *it;
    bool found = false;
    if (a.dense) {
        for (uint64_t i = 0; i < g.count && !found; ++i) {
            PinnedPage h;
            const uint8_t* p = dense.get(*acc, g.root, i, h);
            QV_CORRUPT_IF(!p, "dense adjacency page missing");
            if (RelId(load_u48(p)) != rel) continue;
            found = true;
            uint8_t last[kAdjEntry];
            {
                PinnedPage h2;
                const uint8_t* lp = dense.get(*acc, g.root, g.count - 1, h2);
                std::memcpy(last, lp, kAdjEntry);
            }
            h.reset();
            PinnedPage hw;
            std::memcpy(dense.put(*acc, g.root, i, hw), last, kAdjEntry);
        }
        QV_CORRUPT_IF(!found, "relationship missing from dense adjacency");
        g.count--;
        if (g.count == 0) {
            dense.destroy(*acc, g.root);
            a.groups.erase(it);
        }
    } else {
        for (uint64_t i = 0; i < g.count; ++i) {
            uint8_t* p = g.entries.data() + i * kAdjEntry;
            if (RelId(load_u48(p)) != rel) continue;
            std::memcpy(p, g.entries.data() + (g.count - 1) * kAdjEntry, kAdjEntry);
            found = true;
            break;
        }
        QV_CORRUPT_IF(!found, "relationship missing from adjacency");
        g.count--;
        g.entries.resize(g.count * kAdjEntry);
        if (g.count == 0) a.groups.erase(it);
        else if (g.count * 4 < g.cap) g.cap = uint32_t(g.count * 2);
    }
    if (a.groups.empty()) {
        adj.erase(*acc, adj_hints, r.adj);
        r.adj = 0;
        store_node(node, r);
        return;
    }
    HeapRef ref = adj.update(*acc, adj_hints, r.adj, serialize(a));
    if (ref != r.adj) {
        r.adj = ref;
        store_node(node, r);
    }
}

uint64_t TxnState::adj_total(NodeId node) {
    adj_flush(node);
    NodeRec r = node_or_throw(node);
    if (!r.adj) return 0;
    adj.read(*acc, r.adj, scratch);
    Adj a = parse(scratch);
    uint64_t n = 0;
    for (auto& g : a.groups) n += g.count;
    return n;
}

// ---- ExpandCursor ------------------------------------------------------------------------------
namespace {
// Appends one encoded entry of group `key` (a Both expansion lists a self-loop once).
void emit_entry(std::vector<AdjEntry>& buf, NodeId node, Direction dir, uint32_t key, const uint8_t* e) {
    AdjEntry a;
    a.rel = RelId(load_u48(e));
    a.neighbor = NodeId(load_u48(e + 6));
    a.type = key >> 1;
    a.outgoing = !(key & 1);
    if (dir == Direction::Both && !a.outgoing && a.neighbor == node) return;  // loop once
    buf.push_back(a);
}
}  // namespace

struct ExpandCursor::Impl {
    TxnState* st = nullptr;
    NodeId node = 0;
    Direction dir = Direction::Both;
    struct DenseSeg {
        uint32_t key;
        uint64_t count;
        ArrayRoot root;
        uint64_t next = 0;
    };
    std::vector<DenseSeg> segs;
    size_t seg = 0;

    bool refill(std::vector<AdjEntry>& buf) {
        buf.clear();
        while (seg < segs.size()) {
            DenseSeg& s = segs[seg];
            if (s.next >= s.count) {
                ++seg;
                continue;
            }
            PinnedPage h;
            const uint8_t* p = st->dense.get(*st->acc, s.root, s.next, h);
            QV_CORRUPT_IF(!p, "dense adjacency page missing");
            uint64_t in_page = st->dense.per_page() - s.next % st->dense.per_page();
            uint64_t n = std::min<uint64_t>(in_page, s.count - s.next);
            for (uint64_t i = 0; i < n; ++i) emit_entry(buf, node, dir, s.key, p + i * kAdjEntry);
            s.next += n;
            if (!buf.empty()) return true;
        }
        return false;
    }
};

ExpandCursor::ExpandCursor() = default;
ExpandCursor::~ExpandCursor() = default;
ExpandCursor::ExpandCursor(ExpandCursor&&) noexcept = default;
void ExpandCursor::reset() {
    buf_.clear();
    if (buf_.capacity() > 4096) buf_ = {};
    pos_ = 0;
    hits_ = nullptr;
    impl_.reset();
}
ExpandCursor& ExpandCursor::operator=(ExpandCursor&&) noexcept = default;

bool ExpandCursor::refill() {
    if (!impl_) return false;
    pos_ = 0;
    return impl_->refill(buf_);
}

ExpandCursor GraphTxn::expand(NodeId node, Direction dir, std::span<const TokenId> types) const {
    ExpandCursor c;
    expand_into(c, node, dir, types);
    return c;
}

void GraphTxn::expand_into(ExpandCursor& c, NodeId node, Direction dir,
                           std::span<const TokenId> types) const {
    c.buf_.clear();
    c.pos_ = 0;
    if (c.impl_) {  // keep its allocations for the next dense node
        c.impl_->segs.clear();
        c.impl_->seg = 0;
    }
    c.hits_ = &st_->db_hits;
    st_->adj_flush(node);
    ++st_->db_hits;  // the node's adjacency header
    NodeRec r;
    if (!st_->load_node(node, r) || !r.adj) return;
    std::vector<uint8_t>& b = st_->scratch;
    st_->adj.read(*st_->acc, r.adj, b);
    QV_CORRUPT_IF(b.size() < kBlobHdr, "adjacency blob too short");
    bool dense_blob = b[0] == 1;
    uint32_t n = load_u16(b.data() + 2);
    uint32_t gsize = dense_blob ? kDenseGroup : kSparseGroup;
    QV_CORRUPT_IF(b.size() < kBlobHdr + size_t(n) * gsize, "adjacency group table truncated");
    size_t off = kBlobHdr + size_t(n) * gsize;
    for (uint32_t i = 0; i < n; ++i) {
        const uint8_t* g = b.data() + kBlobHdr + i * gsize;
        uint32_t key = load_u32(g);
        if (dense_blob) {
            if (!key_matches(key, dir, types)) continue;
            if (!c.impl_) c.impl_ = std::make_unique<ExpandCursor::Impl>();
            c.impl_->st = st_.get();
            c.impl_->node = node;
            c.impl_->dir = dir;
            ExpandCursor::Impl::DenseSeg seg{key, load_u64(g + 4), ArrayRoot{}, 0};
            seg.root.load(g + 12);
            c.impl_->segs.push_back(seg);
            continue;
        }
        uint32_t count = load_u16(g + 4), cap = load_u16(g + 6);
        QV_CORRUPT_IF(count > cap || off + size_t(cap) * kAdjEntry > b.size(),
                      "adjacency group out of bounds");
        if (key_matches(key, dir, types)) {
            c.buf_.reserve(c.buf_.size() + count);
            for (uint32_t j = 0; j < count; ++j)
                emit_entry(c.buf_, node, dir, key, b.data() + off + j * kAdjEntry);
        }
        off += size_t(cap) * kAdjEntry;
    }
}

uint64_t GraphTxn::degree(NodeId node, Direction dir, std::span<const TokenId> types) const {
    st_->adj_flush(node);
    ++st_->db_hits;  // a degree is read from the group table, not per relationship
    NodeRec r;
    if (!st_->load_node(node, r) || !r.adj) return 0;
    st_->adj.read(*st_->acc, r.adj, st_->scratch);
    Adj a = parse(st_->scratch);
    uint64_t n = 0;
    bool loops = false;
    for (auto& g : a.groups) {
        if (!key_matches(g.key, dir, types)) continue;
        n += g.count;
        if (dir == Direction::Both && (g.key & 1)) loops = true;
    }
    if (!loops) return n;
    // A self-loop appears in both an outgoing and an incoming group; count it once.
    ExpandCursor c = expand(node, Direction::Incoming, types);
    AdjEntry e;
    while (c.next(e))
        if (e.neighbor == node) --n;
    return n;
}

}  // namespace quiver::storage
