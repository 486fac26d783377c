// GraphStore: opening, transactions, commit/rollback, tokens and record helpers.
#include <algorithm>
#include <cstring>

#include "base/assert.h"
#include "base/endian.h"
#include "base/error.h"
#include "fmt/format.h"
#include "pagestore/page_store.h"
#include "storage/graph/property_codec.h"
#include "storage/graph/txn_state.h"
#include "storage/record/index_key.h"

namespace quiver::storage {

using namespace fmt_graph;

// ---- record encodings ------------------------------------------------------------------------
void MetaState::load(const uint8_t* b) {
    node_hwm = load_u64(b + meta::NodeHwm);
    rel_hwm = load_u64(b + meta::RelHwm);
    node_count = load_u64(b + meta::NodeCount);
    rel_count = load_u64(b + meta::RelCount);
    node_table.load(b + meta::NodeTable);
    rel_table.load(b + meta::RelTable);
    node_free.load(b + meta::NodeFree);
    node_free_n = load_u64(b + meta::NodeFreeN);
    rel_free.load(b + meta::RelFree);
    rel_free_n = load_u64(b + meta::RelFreeN);
    for (int k = 0; k < 3; ++k) {
        tok[k].load(b + meta::Tokens + 16 * k);
        tok_n[k] = load_u64(b + meta::Tokens + 16 * k + 8);
    }
    prop_hints.load(b + meta::PropHints);
    adj_hints.load(b + meta::AdjHints);
    idx_catalog.load(b + meta::IndexCatalog);
    idx_slots = load_u64(b + meta::IndexSlots);
    con_catalog.load(b + meta::ConstraintCatalog);
    con_slots = load_u64(b + meta::ConstraintSlots);
    ft_catalog.load(b + meta::FulltextCatalog);
    ft_slots = load_u64(b + meta::FulltextSlots);
    server_credentials = load_u48(b + meta::ServerCredentials);  // zero in older files
}
void MetaState::store(uint8_t* b) const {
    store_u64(b + meta::NodeHwm, node_hwm);
    store_u64(b + meta::RelHwm, rel_hwm);
    store_u64(b + meta::NodeCount, node_count);
    store_u64(b + meta::RelCount, rel_count);
    node_table.store(b + meta::NodeTable);
    rel_table.store(b + meta::RelTable);
    node_free.store(b + meta::NodeFree);
    store_u64(b + meta::NodeFreeN, node_free_n);
    rel_free.store(b + meta::RelFree);
    store_u64(b + meta::RelFreeN, rel_free_n);
    for (int k = 0; k < 3; ++k) {
        tok[k].store(b + meta::Tokens + 16 * k);
        store_u64(b + meta::Tokens + 16 * k + 8, tok_n[k]);
    }
    store_u32(b + meta::Tag, kStoreTag);
    prop_hints.store(b + meta::PropHints);
    adj_hints.store(b + meta::AdjHints);
    idx_catalog.store(b + meta::IndexCatalog);
    store_u64(b + meta::IndexSlots, idx_slots);
    con_catalog.store(b + meta::ConstraintCatalog);
    store_u64(b + meta::ConstraintSlots, con_slots);
    ft_catalog.store(b + meta::FulltextCatalog);
    store_u64(b + meta::FulltextSlots, ft_slots);
    store_u48(b + meta::ServerCredentials, server_credentials);
}

void NodeRec::load(const uint8_t* p) {
    flags = p[0];
    nlabels = p[1];
    props = load_u48(p + 4);
    adj = load_u48(p + 10);
    if (flags & kLabelBlob) {
        label_blob = load_u48(p + 16);
    } else {
        for (uint32_t i = 0; i < kInlineLabels; ++i) labels[i] = load_u32(p + 16 + 4 * i);
    }
}
void NodeRec::store(uint8_t* p) const {
    std::memset(p, 0, kNodeRec);
    p[0] = flags;
    p[1] = nlabels;
    store_u48(p + 4, props);
    store_u48(p + 10, adj);
    if (flags & kLabelBlob) {
        store_u48(p + 16, label_blob);
    } else {
        for (uint32_t i = 0; i < kInlineLabels; ++i) store_u32(p + 16 + 4 * i, labels[i]);
    }
}
void RelRec::load(const uint8_t* p) {
    start = NodeId(load_u48(p));
    end = NodeId(load_u48(p + 6));
    type = load_u32(p + 12);
    props = load_u48(p + 16);
    flags = p[22];
}
void RelRec::store(uint8_t* p) const {
    store_u48(p, uint64_t(start));
    store_u48(p + 6, uint64_t(end));
    store_u32(p + 12, type);
    store_u48(p + 16, props);
    p[22] = flags;
    p[23] = 0;
}

// ---- TxnState -----------------------------------------------------------------------------------
TxnState::TxnState(GraphStoreImpl* s, std::unique_ptr<PageAccess> a, uint32_t body)
    : store(s),
      acc(std::move(a)),
      write(acc->writable()),
      prop_hints(meta.prop_hints),
      adj_hints(meta.adj_hints),
      node_tab(kNodeRec, body),
      rel_tab(kRelRec, body),
      id_stack(8, body),
      tok_tab(kTokenRec, body),
      bitmap(8, body),
      dense(kAdjEntry, body),
      props(1, body),
      adj(2, body),
      idx_tab(kIndexRec, body),
      con_tab(kConstraintRec, body),
      btree(index_key::kSize, body),
      ft_tab(kFulltextRec, body),
      ft_btree(kPostingKey, body) {}

void TxnState::require_write() const {
    if (!write)
        throw QuiverError(std::string(status::AccessMode),
                          "Writing in read access mode not allowed");
    if (finished)
        throw QuiverError(std::string(status::TransactionTerminated), "The transaction has ended");
}

namespace {
// Node and relationship records share their access path: a paged array indexed by id below
// the high-water mark, a record in use, and an EntityNotFound error for a deleted one.
template <class Rec>
bool load_record(TxnState& st, PagedArray& tab, const ArrayRoot& root, uint64_t hwm,
                 int64_t id, Rec& r) {
    if (id < 0 || uint64_t(id) >= hwm) return false;
    PinnedPage hold;
    const uint8_t* p = tab.get(*st.acc, root, uint64_t(id), hold);
    if (!p) return false;
    r.load(p);
    return r.in_use();
}
[[noreturn]] void deleted_entity(const char* what, int64_t id) {
    throw QuiverError(std::string(status::EntityNotFound),
                      fmt::format("{} with id {} has been deleted in this transaction", what, id),
                      "DeletedEntityAccess");
}
}  // namespace

bool TxnState::load_node(NodeId id, NodeRec& r) {
    if (write) return load_record(*this, node_tab, meta.node_table, meta.node_hwm, id, r);
    if (id == last_node) {
        r = last_node_rec;
        return r.in_use();
    }
    if (id < 0 || uint64_t(id) >= meta.node_hwm) return false;
    uint64_t per = node_tab.per_page();
    uint64_t index = uint64_t(id) / per;
    if (held_node.key != index) {
        held_node.key = ~uint64_t(0);
        held_node.pin.reset();
        LPage page = node_tab.data_page(*acc, meta.node_table, uint64_t(id));
        if (!page) return false;
        held_node.pin = acc->read(page);
        held_node.key = index;
    }
    r.load(body(held_node.pin) + (uint64_t(id) % per) * kNodeRec);
    last_node = id;
    last_node_rec = r;
    return r.in_use();
}
NodeRec TxnState::node_or_throw(NodeId id) {
    NodeRec r;
    if (!load_node(id, r)) deleted_entity("Node", id);
    return r;
}
void TxnState::store_node(NodeId id, const NodeRec& r) {
    PinnedPage hold;
    r.store(node_tab.put(*acc, meta.node_table, uint64_t(id), hold));
}
bool TxnState::load_rel(RelId id, RelRec& r) {
    return load_record(*this, rel_tab, meta.rel_table, meta.rel_hwm, id, r);
}
RelRec TxnState::rel_or_throw(RelId id) {
    RelRec r;
    if (!load_rel(id, r)) deleted_entity("Relationship", id);
    return r;
}
void TxnState::store_rel(RelId id, const RelRec& r) {
    PinnedPage hold;
    r.store(rel_tab.put(*acc, meta.rel_table, uint64_t(id), hold));
}

bool TxnState::load_entity(bool rel, int64_t id, std::vector<TokenId>& tokens,
                           PropertyList& out) {
    HeapRef ref;
    if (rel) {
        RelRec r;
        if (!load_rel(id, r)) return false;
        tokens = schema_tokens(r);
        ref = r.props;
    } else {
        NodeRec r;
        if (!load_node(id, r)) return false;
        tokens = schema_tokens(r);
        ref = r.props;
    }
    out = read_props(ref);
    return true;
}

std::vector<TokenId> TxnState::labels_of(const NodeRec& r) {
    std::vector<TokenId> out;
    if (r.flags & kLabelBlob) {
        props.read(*acc, r.label_blob, scratch);
        QV_CORRUPT_IF(scratch.size() % 4, "label blob size");
        for (size_t i = 0; i < scratch.size(); i += 4) out.push_back(load_u32(scratch.data() + i));
    } else {
        QV_CORRUPT_IF(r.nlabels > kInlineLabels, "inline label count");
        out.assign(r.labels, r.labels + r.nlabels);
    }
    return out;
}

void TxnState::set_labels(NodeRec& r, const std::vector<TokenId>& labels) {
    if (labels.size() <= kInlineLabels) {
        if (r.flags & kLabelBlob) props.erase(*acc, prop_hints, r.label_blob);
        r.flags &= uint8_t(~kLabelBlob);
        r.label_blob = 0;
        r.nlabels = uint8_t(labels.size());
        for (uint32_t i = 0; i < kInlineLabels; ++i) r.labels[i] = i < labels.size() ? labels[i] : 0;
        return;
    }
    std::vector<uint8_t> b(labels.size() * 4);
    for (size_t i = 0; i < labels.size(); ++i) store_u32(b.data() + 4 * i, labels[i]);
    if (r.flags & kLabelBlob) {
        r.label_blob = props.update(*acc, prop_hints, r.label_blob, b);
    } else {
        r.label_blob = props.insert(*acc, prop_hints, b);
    }
    r.flags |= kLabelBlob;
    r.nlabels = 0;
}

std::optional<TokenId> TxnState::find_token(int kind, std::string_view name) const {
    auto& t = *tokens[kind];
    auto it = t.ids.find(std::string(name));
    if (it != t.ids.end()) return it->second;
    auto jt = new_token_ids[kind].find(std::string(name));
    if (jt != new_token_ids[kind].end()) return jt->second;
    return std::nullopt;
}

TokenId TxnState::token(int kind, std::string_view name) {
    if (auto id = find_token(kind, name)) return *id;
    require_write();
    TokenId id = TokenId(meta.tok_n[kind]);
    QV_CORRUPT_IF(id != tokens[kind]->names.size() + new_tokens[kind].size(), "token count");
    std::vector<uint8_t> b(name.begin(), name.end());
    HeapRef ref = props.insert(*acc, prop_hints, b);
    PinnedPage hold;
    uint8_t* rec = tok_tab.put(*acc, meta.tok[kind], id, hold);
    std::memset(rec, 0, kTokenRec);
    store_u48(rec, ref);
    meta.tok_n[kind]++;
    new_tokens[kind].emplace_back(name);
    new_token_ids[kind].emplace(std::string(name), id);
    return id;
}

const std::string& TxnState::token_name(int kind, TokenId id) const {
    auto& t = *tokens[kind];
    if (id < t.names.size()) return t.names[id];
    size_t local = id - t.names.size();
    if (local < new_tokens[kind].size()) return new_tokens[kind][local];
    throw QuiverError(std::string(status::UnknownError), fmt::format("unknown token id {}", id));
}

void TxnState::add_token_count(int kind, TokenId id, int64_t delta) {
    PinnedPage hold;
    uint8_t* rec = tok_tab.put(*acc, meta.tok[kind], id, hold);
    store_u64(rec + 8, load_u64(rec + 8) + uint64_t(delta));
}

uint64_t TxnState::token_count(int kind, TokenId id) {
    if (id >= meta.tok_n[kind]) return 0;
    PinnedPage hold;
    const uint8_t* rec = tok_tab.get(*acc, meta.tok[kind], id, hold);
    return rec ? load_u64(rec + 8) : 0;
}

void TxnState::label_bit(TokenId label, NodeId id, bool on) {
    PinnedPage hold;
    uint8_t* rec = tok_tab.put(*acc, meta.tok[kLabelTok], label, hold);
    ArrayRoot root;
    root.load(rec + 16);
    ArrayRoot before = root;
    hold.reset();
    PinnedPage bh;
    uint8_t* word = bitmap.put(*acc, root, uint64_t(id) / 64, bh);
    uint64_t w = load_u64(word);
    uint64_t bit = 1ull << (uint64_t(id) % 64);
    store_u64(word, on ? (w | bit) : (w & ~bit));
    bh.reset();
    if (root.root != before.root || root.depth != before.depth) {
        PinnedPage h2;
        root.store(tok_tab.put(*acc, meta.tok[kLabelTok], label, h2) + 16);
    }
}

uint64_t TxnState::pop_id(ArrayRoot& stack, uint64_t& n, uint64_t& hwm) {
    if (n > 0) {
        PinnedPage hold;
        const uint8_t* p = id_stack.get(*acc, stack, n - 1, hold);
        QV_CORRUPT_IF(!p, "free-id stack page missing");
        uint64_t id = load_u64(p);
        --n;
        return id;
    }
    if (hwm >= (1ull << 47)) throw_io("id space exhausted");
    return hwm++;
}

PropertyList TxnState::read_props(HeapRef ref) {
    if (!ref) return {};
    props.read(*acc, ref, scratch);
    return decode_properties(scratch.data(), scratch.size());
}
Value TxnState::read_prop(HeapRef ref, TokenId key) {
    if (!ref) return Value();
    props.read(*acc, ref, scratch);
    return decode_property(scratch.data(), scratch.size(), key);
}
Value TxnState::read_node_prop(NodeId id, TokenId key) {
    if (write) return read_prop(node_or_throw(id).props, key);
    if (id != last_prop_node) {
        last_prop_node = -1;
        HeapRef ref = node_or_throw(id).props;
        last_prop_data = nullptr;
        last_prop_len = 0;
        if (ref) {
            uint64_t page = ref >> 16;
            if (held_prop.key != page) {
                held_prop.key = ~uint64_t(0);
                held_prop.pin = acc->read(LPage(page));
                held_prop.key = page;
            }
            uint32_t len = 0;
            if (props.view(held_prop.pin, ref, last_prop_data, len)) {
                last_prop_len = len;
            } else {
                props.read(*acc, ref, last_prop_blob);
                last_prop_data = last_prop_blob.data();
                last_prop_len = last_prop_blob.size();
            }
        }
        last_prop_walk.start(last_prop_data, last_prop_len);
        last_prop_offsets.clear();
        last_prop_node = id;
    }
    for (const auto& [k, at] : last_prop_offsets)
        if (k == key) return decode_value_at(last_prop_data, last_prop_len, at, string_reuse);
    TokenId k;
    uint32_t at;
    while (last_prop_walk.next(last_prop_data, last_prop_len, k, at)) {
        last_prop_offsets.emplace_back(k, at);
        if (k == key) return decode_value_at(last_prop_data, last_prop_len, at, string_reuse);
    }
    return Value();
}
HeapRef TxnState::write_props(HeapRef ref, const PropertyList& list) {
    if (list.empty()) {
        if (ref) props.erase(*acc, prop_hints, ref);
        return 0;
    }
    std::vector<uint8_t> b;
    encode_properties(list, b);
    return ref ? props.update(*acc, prop_hints, ref, b) : props.insert(*acc, prop_hints, b);
}

// ---- GraphStoreImpl --------------------------------------------------------------------------------
std::unique_ptr<GraphStore> GraphStore::open(std::unique_ptr<pagestore::PageStore> store,
                                             const StoreOptions& opts) {
    return std::make_unique<GraphStoreImpl>(std::move(store), opts);
}

GraphStoreImpl::GraphStoreImpl(std::unique_ptr<pagestore::PageStore> store,
                               const StoreOptions& opts)
    : opts_(opts) {
    PagerOptions po;
    po.buffer_pool_bytes = opts.buffer_pool_bytes;
    po.page_size = opts.page_size;
    po.durability = opts.durability;
    po.read_only = opts.read_only;
    po.deterministic = opts.deterministic;
    po.relaxed_group = opts.relaxed_group;
    pager_ = std::make_unique<Pager>(std::move(store), po);
    uuid_ = pagestore::uuid_to_string(pager_->uuid());
    // Each idle reader keeps up to a sixty-fourth of the pool pinned (Pager::snapshot).
    max_idle_readers_ = pager_->pool().frames() >= 1024 ? 4 : 0;
    idle_readers_.reserve(max_idle_readers_);  // end_read (in a destructor) never allocates
    for (auto& t : tokens) t = std::make_shared<TokenTable>();
    if (pager_->created()) {
        auto txn = pager_->begin_write();
        auto [l, pg] = txn->allocate(PageType::Meta);
        QV_CORRUPT_IF(l != 0, "meta page must be logical page 0");
        MetaState m;
        m.store(body(pg));
        pg.reset();
        txn->commit();
        return;
    }
    TxnState st(this, std::make_unique<SnapshotAccess>(pager_->snapshot(), pager_->body_size()),
                pager_->body_size());
    load_tokens(st);
}

void GraphStoreImpl::load_tokens(TxnState& st) {
    {
        PinnedPage p = st.acc->read(0);
        QV_CORRUPT_IF(p.data()[8] != uint8_t(PageType::Meta) ||
                          load_u32(body(p) + meta::Tag) != kStoreTag,
                      "logical page 0 is not the graph meta page");
        st.meta.load(body(p));
    }
    for (int k = 0; k < 3; ++k) {
        auto t = std::make_shared<TokenTable>();
        for (uint64_t i = 0; i < st.meta.tok_n[k]; ++i) {
            PinnedPage hold;
            const uint8_t* rec = st.tok_tab.get(*st.acc, st.meta.tok[k], i, hold);
            QV_CORRUPT_IF(!rec, "token record missing");
            HeapRef ref = load_u48(rec);
            hold.reset();
            st.props.read(*st.acc, ref, st.scratch);
            std::string name(st.scratch.begin(), st.scratch.end());
            t->ids.emplace(name, TokenId(i));
            t->names.push_back(std::move(name));
        }
        tokens[k] = t;
    }
}

TxnState& GraphStoreImpl::state(GraphTxn& t) { return *t.st_; }

// The token tables a transaction sees must match its meta page: a commit publishes its new
// tokens before the pager commit lets the next writer in (so a writer never sees a meta page
// with more tokens than its tables), and a snapshot older than the published tables sees only
// its own first tok_n tokens.
void GraphStoreImpl::share_tokens(TxnState& st) {
    std::lock_guard<std::mutex> g(mu);
    for (int k = 0; k < 3; ++k) {
        st.tokens[k] = tokens[k];
        size_t n = size_t(st.meta.tok_n[k]);
        if (tokens[k]->names.size() <= n) continue;
        auto t = std::make_shared<TokenTable>();
        t->names.assign(tokens[k]->names.begin(), tokens[k]->names.begin() + n);
        for (size_t i = 0; i < n; ++i) t->ids.emplace(t->names[i], TokenId(i));
        st.tokens[k] = t;
    }
}

std::unique_ptr<GraphTxn> GraphStoreImpl::begin_read() {
    if (max_idle_readers_ && pager_->usable()) {
        std::unique_ptr<TxnState> idle;
        {
            std::lock_guard<std::mutex> g(mu);
            if (!idle_readers_.empty()) {
                idle = std::move(idle_readers_.back());
                idle_readers_.pop_back();
            }
        }
        // only readers of the newest version are kept (end_read; a commit drops the rest)
        if (idle && idle->acc->snapshot_iteration() == pager_->iteration())
            return std::unique_ptr<GraphTxn>(new GraphTxn(std::move(idle)));
    }
    auto st = std::make_unique<TxnState>(
        this, std::make_unique<SnapshotAccess>(pager_->snapshot(), pager_->body_size()),
        pager_->body_size());
    // A committed version's meta page never changes: decode it once per version.
    const uint64_t iteration = st->acc->snapshot_iteration();
    bool cached;
    {
        std::lock_guard<std::mutex> g(mu);
        cached = meta_cached_ && meta_cache_iteration_ == iteration;
        if (cached) st->meta = meta_cache_;
    }
    if (!cached) {
        {
            PinnedPage p = st->acc->read(0);
            st->meta.load(body(p));
        }
        std::lock_guard<std::mutex> g(mu);
        meta_cache_ = st->meta;
        meta_cache_iteration_ = iteration;
        meta_cached_ = true;
    }
    share_tokens(*st);
    return std::unique_ptr<GraphTxn>(new GraphTxn(std::move(st)));
}

std::unique_ptr<GraphTxn> GraphStoreImpl::begin_write() {
    auto pt = pager_->begin_write();
    auto st = std::make_unique<TxnState>(
        this, std::make_unique<TxnAccess>(std::move(pt), pager_->body_size()),
        pager_->body_size());
    {
        PinnedPage p = st->acc->read(0);
        st->meta.load(body(p));
    }
    share_tokens(*st);
    std::unique_ptr<GraphTxn> txn(new GraphTxn(std::move(st)));
    std::vector<std::unique_ptr<TxnState>> stale;  // ends after the lock is released
    {
        // No reader is kept while a writer runs: one kept now would still be registered when
        // the commit reclaims, holding back the pages the commit frees.
        std::lock_guard<std::mutex> g(mu);
        ++writers_;  // ~GraphTxn: end_write()
        stale.swap(idle_readers_);
        idle_readers_.reserve(max_idle_readers_);
    }
    return txn;
}

void GraphStoreImpl::commit(GraphTxn& txn) {
    TxnState& st = state(txn);
    st.require_write();
    auto& pt = static_cast<TxnAccess&>(*st.acc).txn();
    try {
        st.adj_flush_all();
        // Ids freed by this transaction become reusable by later ones.
        for (NodeId id : st.deleted_nodes) {
            PinnedPage h;
            store_u64(st.id_stack.put(*st.acc, st.meta.node_free, st.meta.node_free_n++, h), uint64_t(id));
        }
        for (RelId id : st.deleted_rels) {
            PinnedPage h;
            store_u64(st.id_stack.put(*st.acc, st.meta.rel_free, st.meta.rel_free_n++, h), uint64_t(id));
        }
        {
            PinnedPage p = st.acc->read(0);
            MetaState before;
            before.load(body(p));
            std::vector<uint8_t> a(pager_->body_size()), b(pager_->body_size());
            before.store(a.data());
            st.meta.store(b.data());
            if (a != b) {
                p.reset();
                PinnedPage w = st.acc->write(0);
                st.meta.store(body(w));
            }
        }
    } catch (...) {
        st.finished = true;
        pt.rollback();
        throw;
    }
    // New tokens are published before the pager commit ends the write transaction: the next
    // writer starts only after it, and must find them (share_tokens).
    std::shared_ptr<const TokenTable> before[3];
    {
        std::lock_guard<std::mutex> g(mu);
        for (int k = 0; k < 3; ++k) {
            before[k] = tokens[k];
            if (st.new_tokens[k].empty()) continue;
            auto t = std::make_shared<TokenTable>(*tokens[k]);
            for (auto& n : st.new_tokens[k]) {
                t->ids.emplace(n, TokenId(t->names.size()));
                t->names.push_back(n);
            }
            tokens[k] = t;
        }
    }
    try {
        pt.commit();
    } catch (...) {
        st.finished = true;
        {
            std::lock_guard<std::mutex> g(mu);
            for (int k = 0; k < 3; ++k) tokens[k] = before[k];
        }
        pt.rollback();
        throw;
    }
    st.finished = true;
}

void GraphStoreImpl::end_read(std::unique_ptr<TxnState> st) {
    if (!max_idle_readers_ || st->acc->snapshot_iteration() != pager_->iteration()) return;
    std::lock_guard<std::mutex> g(mu);
    if (writers_ == 0 && idle_readers_.size() < max_idle_readers_)
        idle_readers_.push_back(std::move(st));
    // else `st` ends when this returns: its snapshot unregisters (the pager's mutex, not mu)
}

void GraphStoreImpl::end_write() {
    std::lock_guard<std::mutex> g(mu);
    --writers_;
}

void GraphStoreImpl::rollback(GraphTxn& txn) {
    TxnState& st = state(txn);
    if (!st.write || st.finished) return;
    st.finished = true;
    static_cast<TxnAccess&>(*st.acc).txn().rollback();
}

}  // namespace quiver::storage
