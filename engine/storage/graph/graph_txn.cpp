// GraphTxn: the graph API over a snapshot or the write transaction.
#include "storage/graph/graph_txn.h"

#include <algorithm>
#include <charconv>

#include "base/assert.h"
#include "base/endian.h"
#include "base/error.h"
#include "fmt/format.h"
#include "storage/graph/property_codec.h"
#include "storage/graph/txn_state.h"

namespace quiver::storage {

using namespace fmt_graph;

GraphTxn::GraphTxn(std::unique_ptr<TxnState> st) : st_(std::move(st)) {}
GraphTxn::~GraphTxn() {
    if (!st_) return;
    GraphStoreImpl* store = st_->store;
    if (!st_->write) {
        store->end_read(std::move(st_));
        return;
    }
    st_.reset();  // rolls an unfinished write back and lets the next writer in
    store->end_write();
}

bool GraphTxn::is_write() const { return st_->write; }
uint64_t GraphTxn::read_iteration() const { return st_->acc->snapshot_iteration(); }

// ---- tokens ----
std::optional<TokenId> GraphTxn::find_label(std::string_view n) const { ++st_->db_hits; return st_->find_token(kLabelTok, n); }
std::optional<TokenId> GraphTxn::find_rel_type(std::string_view n) const { ++st_->db_hits; return st_->find_token(kTypeTok, n); }
std::optional<TokenId> GraphTxn::find_property_key(std::string_view n) const { ++st_->db_hits; return st_->find_token(kKeyTok, n); }
TokenId GraphTxn::label(std::string_view n) { return st_->token(kLabelTok, n); }
TokenId GraphTxn::rel_type(std::string_view n) { return st_->token(kTypeTok, n); }
TokenId GraphTxn::property_key(std::string_view n) { return st_->token(kKeyTok, n); }
const std::string& GraphTxn::label_name(TokenId id) const { return st_->token_name(kLabelTok, id); }
const std::string& GraphTxn::rel_type_name(TokenId id) const { return st_->token_name(kTypeTok, id); }
const std::string& GraphTxn::property_key_name(TokenId id) const { return st_->token_name(kKeyTok, id); }

namespace {
std::vector<std::string> all_tokens(const TxnState& st, int kind) {
    std::vector<std::string> out;
    for (uint64_t i = 0; i < st.meta.tok_n[kind]; ++i) out.push_back(st.token_name(kind, TokenId(i)));
    return out;
}
}  // namespace
std::vector<std::string> GraphTxn::labels() const { return all_tokens(*st_, kLabelTok); }
std::vector<std::string> GraphTxn::rel_types() const { return all_tokens(*st_, kTypeTok); }
std::vector<std::string> GraphTxn::property_keys() const { return all_tokens(*st_, kKeyTok); }

// ---- node cursors ----
struct NodeCursor::Impl {
    TxnState* st = nullptr;
    bool by_label = false;
    ArrayRoot bitmap_root;
    uint64_t next_index = 0;  // node id (scan) or bitmap word (label)
    uint64_t end = 0;
    std::vector<NodeId> buf;
    size_t pos = 0;

    bool refill() {
        buf.clear();
        pos = 0;
        while (next_index < end && buf.empty()) {
            if (!by_label) {
                PagedArray& t = st->node_tab;
                LPage page = t.data_page(*st->acc, st->meta.node_table, next_index);
                uint64_t per = t.per_page();
                uint64_t first = next_index - next_index % per;
                uint64_t stop = std::min(first + per, end);
                if (page) {
                    PinnedPage p = st->acc->read(page);
                    for (uint64_t id = next_index; id < stop; ++id)
                        if (body(p)[(id - first) * kNodeRec] & kInUse) buf.push_back(NodeId(id));
                }
                next_index = stop;
            } else {
                PagedArray& b = st->bitmap;
                LPage page = b.data_page(*st->acc, bitmap_root, next_index);
                uint64_t per = b.per_page();
                uint64_t first = next_index - next_index % per;
                uint64_t stop = std::min(first + per, end);
                if (page) {
                    PinnedPage p = st->acc->read(page);
                    for (uint64_t w = next_index; w < stop; ++w) {
                        uint64_t word = load_u64(body(p) + (w - first) * 8);
                        while (word) {
                            int bit = __builtin_ctzll(word);
                            word &= word - 1;
                            buf.push_back(NodeId(w * 64 + bit));
                        }
                    }
                }
                next_index = stop;
            }
        }
        return !buf.empty();
    }
};

NodeCursor::NodeCursor() = default;
NodeCursor::~NodeCursor() = default;
NodeCursor::NodeCursor(NodeCursor&&) noexcept = default;
NodeCursor& NodeCursor::operator=(NodeCursor&&) noexcept = default;
void NodeCursor::close() { impl_.reset(); }

bool NodeCursor::next(NodeId& out) {
    if (!impl_) return false;
    while (true) {
        if (impl_->pos >= impl_->buf.size() && !impl_->refill()) return false;
        NodeId id = impl_->buf[impl_->pos++];
        ++impl_->st->db_hits;
        if (impl_->by_label) {  // the node may have been deleted or relabelled meanwhile
            NodeRec r;
            if (!impl_->st->load_node(id, r)) continue;
        }
        out = id;
        return true;
    }
}

NodeCursor GraphTxn::scan_nodes() const {
    NodeCursor c;
    c.impl_ = std::make_unique<NodeCursor::Impl>();
    c.impl_->st = st_.get();
    c.impl_->end = st_->meta.node_hwm;
    return c;
}

NodeCursor GraphTxn::scan_label(TokenId label) const {
    NodeCursor c;
    c.impl_ = std::make_unique<NodeCursor::Impl>();
    c.impl_->st = st_.get();
    c.impl_->by_label = true;
    if (label >= st_->meta.tok_n[kLabelTok]) return c;
    PinnedPage hold;
    const uint8_t* rec = st_->tok_tab.get(*st_->acc, st_->meta.tok[kLabelTok], label, hold);
    if (!rec) return c;
    c.impl_->bitmap_root.load(rec + 16);
    c.impl_->end = (st_->meta.node_hwm + 63) / 64;
    return c;
}

// ---- nodes ----
bool GraphTxn::node_exists(NodeId id) const {
    ++st_->db_hits;
    NodeRec r;
    return st_->load_node(id, r);
}
std::vector<TokenId> GraphTxn::node_labels(NodeId id) const {
    ++st_->db_hits;
    return st_->labels_of(st_->node_or_throw(id));
}
bool GraphTxn::node_has_label(NodeId id, TokenId label) const {
    ++st_->db_hits;
    NodeRec r;
    if (!st_->load_node(id, r)) return false;
    if (!(r.flags & kLabelBlob)) {
        for (uint32_t i = 0; i < r.nlabels; ++i)
            if (r.labels[i] == label) return true;
        return false;
    }
    auto ls = st_->labels_of(r);
    return std::find(ls.begin(), ls.end(), label) != ls.end();
}
void GraphTxn::release_pages() { st_->release_held(); }
Value GraphTxn::node_property(NodeId id, TokenId key) const {
    ++st_->db_hits;
    return st_->read_node_prop(id, key);
}
PropertyList GraphTxn::node_properties(NodeId id) const {
    auto props = st_->read_props(st_->node_or_throw(id).props);
    st_->db_hits += 1 + props.size();
    return props;
}

// ---- relationships ----
bool GraphTxn::rel_exists(RelId id) const {
    ++st_->db_hits;
    RelRec r;
    return st_->load_rel(id, r);
}
RelRecord GraphTxn::rel(RelId id) const {
    ++st_->db_hits;
    RelRec r = st_->rel_or_throw(id);
    return RelRecord{id, r.start, r.end, r.type};
}
Value GraphTxn::rel_property(RelId id, TokenId key) const {
    ++st_->db_hits;
    return st_->read_prop(st_->rel_or_throw(id).props, key);
}
PropertyList GraphTxn::rel_properties(RelId id) const {
    auto props = st_->read_props(st_->rel_or_throw(id).props);
    st_->db_hits += 1 + props.size();
    return props;
}

// ---- counts ----
uint64_t GraphTxn::node_count() const { return st_->meta.node_count; }
uint64_t GraphTxn::db_hits() const { return st_->db_hits; }
std::pair<uint64_t, uint64_t> GraphTxn::page_cache_hits_misses() const {
    auto s = st_->store->pager().pool().stats();
    return {s.hits, s.misses};
}
uint64_t GraphTxn::node_count(TokenId label) const { return st_->token_count(kLabelTok, label); }
uint64_t GraphTxn::rel_count() const { return st_->meta.rel_count; }
uint64_t GraphTxn::rel_count(TokenId type) const { return st_->token_count(kTypeTok, type); }

// ---- writes ----
namespace {
std::vector<TokenId> dedupe(std::span<const TokenId> labels) {
    std::vector<TokenId> out;
    for (TokenId l : labels)
        if (std::find(out.begin(), out.end(), l) == out.end()) out.push_back(l);
    return out;
}
PropertyList without_nulls(const PropertyList& props) {
    PropertyList out;
    for (auto& [k, v] : props) {
        if (v.is_null()) continue;
        bool dup = false;
        for (auto& [k2, v2] : out)
            if (k2 == k) {
                v2 = v;
                dup = true;
            }
        if (!dup) out.emplace_back(k, v);
    }
    return out;
}
PropertyList checked_clean(const PropertyList& props) {
    PropertyList clean = without_nulls(props);
    for (auto& [k, v] : clean) check_storable(v);
    return clean;
}
}  // namespace

std::optional<std::string> GraphTxn::server_credentials() const {
    if (!st_->meta.server_credentials) return std::nullopt;
    std::vector<uint8_t> bytes;
    st_->props.read(*st_->acc, st_->meta.server_credentials, bytes);
    return std::string(bytes.begin(), bytes.end());
}

void GraphTxn::set_server_credentials(std::string_view record) {
    st_->require_write();
    if (st_->meta.server_credentials)
        st_->props.erase(*st_->acc, st_->prop_hints, st_->meta.server_credentials);
    std::vector<uint8_t> bytes(record.begin(), record.end());
    st_->meta.server_credentials = st_->props.insert(*st_->acc, st_->prop_hints, bytes);
}

NodeId GraphTxn::create_node(std::span<const TokenId> labels, const PropertyList& props) {
    st_->require_write();
    PropertyList clean = checked_clean(props);
    NodeId id = NodeId(st_->pop_id(st_->meta.node_free, st_->meta.node_free_n, st_->meta.node_hwm));
    NodeRec r;
    r.flags = kInUse;
    auto ls = dedupe(labels);
    st_->set_labels(r, ls);
    r.props = st_->write_props(0, clean);
    st_->store_node(id, r);
    for (TokenId l : ls) {
        st_->add_token_count(kLabelTok, l, 1);
        st_->label_bit(l, id, true);
    }
    if (st_->any_index()) st_->reindex(false, id, {}, {}, ls, clean);
    st_->touch(false, id);
    st_->meta.node_count++;
    return id;
}

RelId GraphTxn::create_rel(NodeId start, NodeId end, TokenId type, const PropertyList& props) {
    st_->require_write();
    st_->node_or_throw(start);
    st_->node_or_throw(end);
    PropertyList clean = checked_clean(props);
    RelId id = RelId(st_->pop_id(st_->meta.rel_free, st_->meta.rel_free_n, st_->meta.rel_hwm));
    RelRec r;
    r.start = start;
    r.end = end;
    r.type = type;
    r.flags = kInUse;
    r.props = st_->write_props(0, clean);
    st_->store_rel(id, r);
    st_->adj_add(start, type << 1, id, end);
    st_->adj_add(end, (type << 1) | 1, id, start);
    st_->add_token_count(kTypeTok, type, 1);
    st_->meta.rel_count++;
    if (st_->any_index()) st_->reindex(true, id, {}, {}, {type}, clean);
    st_->touch(true, id);
    return id;
}

void GraphTxn::delete_node(NodeId id) {
    st_->require_write();
    if (st_->adj_total(id) > 0)
        throw QuiverError(std::string(status::ConstraintValidationFailed),
                          fmt::format("Cannot delete node<{}>, because it still has "
                                      "relationships. To delete this node, you must first "
                                      "delete its relationships.", id),
                          "DeleteConnectedNode");
    NodeRec r = st_->node_or_throw(id);
    if (st_->any_index()) st_->reindex(false, id, st_->labels_of(r), st_->read_props(r.props), {}, {});
    for (TokenId l : st_->labels_of(r)) {
        st_->add_token_count(kLabelTok, l, -1);
        st_->label_bit(l, id, false);
    }
    if (r.flags & kLabelBlob) st_->props.erase(*st_->acc, st_->prop_hints, r.label_blob);
    if (r.props) st_->props.erase(*st_->acc, st_->prop_hints, r.props);
    if (r.adj) st_->adj.erase(*st_->acc, st_->adj_hints, r.adj);
    st_->store_node(id, NodeRec{});
    st_->meta.node_count--;
    st_->deleted_nodes.push_back(id);
}

void GraphTxn::delete_rel(RelId id) {
    st_->require_write();
    RelRec r = st_->rel_or_throw(id);
    if (st_->any_index()) st_->reindex(true, id, {r.type}, st_->read_props(r.props), {}, {});
    st_->adj_remove(r.start, r.type << 1, id);
    st_->adj_remove(r.end, (r.type << 1) | 1, id);
    if (r.props) st_->props.erase(*st_->acc, st_->prop_hints, r.props);
    st_->store_rel(id, RelRec{});
    st_->add_token_count(kTypeTok, r.type, -1);
    st_->meta.rel_count--;
    st_->deleted_rels.push_back(id);
}

namespace {
bool set_in(PropertyList& props, TokenId key, const Value& v) {
    for (size_t i = 0; i < props.size(); ++i) {
        if (props[i].first != key) continue;
        if (v.is_null()) {
            props.erase(props.begin() + long(i));
        } else {
            props[i].second = v;
        }
        return true;
    }
    if (v.is_null()) return false;
    props.emplace_back(key, v);
    return true;
}
}  // namespace

namespace {
// The one property-write path of nodes and relationships: `edit` turns the entity's property
// list into the new one (false = nothing changed); the blob is rewritten, the record stored
// when the blob moved, index entries moved and the entity marked for constraint validation.
template <class Rec, class Edit>
bool rewrite_props(TxnState& st, bool rel, int64_t id, Rec r, Edit edit) {
    PropertyList props = st.read_props(r.props);
    PropertyList before;
    if (st.any_index()) before = props;
    if (!edit(props)) return false;
    HeapRef ref = st.write_props(r.props, props);
    if (ref != r.props) {
        r.props = ref;
        st.store_record(id, r);
    }
    if (st.any_index()) {
        auto tokens = st.schema_tokens(r);
        st.reindex(rel, id, tokens, before, tokens, props);
    }
    st.touch(rel, id);
    return true;
}
}  // namespace

bool GraphTxn::set_node_property(NodeId id, TokenId key, const Value& v) {
    st_->require_write();
    if (!v.is_null()) check_storable(v);
    return rewrite_props(*st_, false, id, st_->node_or_throw(id),
                         [&](PropertyList& p) { return set_in(p, key, v); });
}

bool GraphTxn::set_rel_property(RelId id, TokenId key, const Value& v) {
    st_->require_write();
    if (!v.is_null()) check_storable(v);
    return rewrite_props(*st_, true, id, st_->rel_or_throw(id),
                         [&](PropertyList& p) { return set_in(p, key, v); });
}

void GraphTxn::set_node_properties(NodeId id, const PropertyList& props) {
    st_->require_write();
    PropertyList clean = checked_clean(props);
    rewrite_props(*st_, false, id, st_->node_or_throw(id), [&](PropertyList& p) {
        p = clean;
        return true;
    });
}

void GraphTxn::set_rel_properties(RelId id, const PropertyList& props) {
    st_->require_write();
    PropertyList clean = checked_clean(props);
    rewrite_props(*st_, true, id, st_->rel_or_throw(id), [&](PropertyList& p) {
        p = clean;
        return true;
    });
}

bool GraphTxn::add_label(NodeId id, TokenId label) {
    st_->require_write();
    NodeRec r = st_->node_or_throw(id);
    auto ls = st_->labels_of(r);
    if (std::find(ls.begin(), ls.end(), label) != ls.end()) return false;
    auto before = ls;
    ls.push_back(label);
    st_->set_labels(r, ls);
    st_->store_node(id, r);
    if (st_->any_index()) {
        PropertyList props = st_->read_props(r.props);
        st_->reindex(false, id, before, props, ls, props);
    }
    st_->touch(false, id);
    st_->add_token_count(kLabelTok, label, 1);
    st_->label_bit(label, id, true);
    return true;
}

bool GraphTxn::remove_label(NodeId id, TokenId label) {
    st_->require_write();
    NodeRec r = st_->node_or_throw(id);
    auto ls = st_->labels_of(r);
    auto it = std::find(ls.begin(), ls.end(), label);
    if (it == ls.end()) return false;
    auto before = ls;
    ls.erase(it);
    st_->set_labels(r, ls);
    st_->store_node(id, r);
    if (st_->any_index()) {
        PropertyList props = st_->read_props(r.props);
        st_->reindex(false, id, before, props, ls, props);
    }
    st_->touch(false, id);
    st_->add_token_count(kLabelTok, label, -1);
    st_->label_bit(label, id, false);
    return true;
}

std::string GraphTxn::node_element_id(NodeId id) const {
    return fmt::format("4:{}:{}", st_->store->uuid(), id);
}
std::string GraphTxn::rel_element_id(RelId id) const {
    return fmt::format("5:{}:{}", st_->store->uuid(), id);
}

std::optional<std::pair<char, int64_t>> GraphTxn::parse_element_id(std::string_view eid) {
    if (eid.size() < 5 || (eid[0] != '4' && eid[0] != '5') || eid[1] != ':') return std::nullopt;
    auto colon = eid.rfind(':');
    if (colon == 1 || colon + 1 >= eid.size()) return std::nullopt;
    int64_t id = 0;
    auto tail = eid.substr(colon + 1);
    auto [p, ec] = std::from_chars(tail.data(), tail.data() + tail.size(), id);
    if (ec != std::errc() || p != tail.data() + tail.size() || id < 0) return std::nullopt;
    return std::make_pair(eid[0] == '4' ? 'n' : 'r', id);
}

}  // namespace quiver::storage
