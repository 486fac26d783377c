// Range, text and point indexes: the catalog (meta page → paged array of index records) and
// B+trees of (property value, node id) keys per (label, property key), maintained in the same
// write transaction as the node changes that affect them (docs/storage-format.md §4). The seek
// functions at the end answer candidate node ids for the executor's index seeks.
#include <algorithm>
#include <cstring>

#include "base/endian.h"
#include "base/error.h"
#include "fmt/format.h"
#include "storage/graph/txn_state.h"
#include "storage/record/index_key.h"

namespace quiver::storage {

using namespace fmt_graph;

namespace {
constexpr const char* kEquivalentRule = "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists";
constexpr const char* kIndexNotFound = "Neo.ClientError.Schema.IndexNotFound";
}  // namespace

std::vector<IndexDef>& TxnState::index_list() {
    if (indexes_loaded) return indexes;
    indexes_loaded = true;
    for (uint64_t s = 0; s < meta.idx_slots; ++s) {
        PinnedPage h;
        const uint8_t* r = idx_tab.get(*acc, meta.idx_catalog, s, h);
        if (!r || !(r[0] & kInUse)) continue;
        IndexDef d;
        d.slot = s;
        d.kind = r[1] ? r[1] : kRangeIndex;
        d.label = load_u32(r + 4);
        d.key = load_u32(r + 8);
        d.root.load(r + 16);
        d.entries = load_u64(r + 24);
        d.name_ref = load_u48(r + 32);
        h.reset();
        std::vector<uint8_t> name;
        props.read(*acc, d.name_ref, name);
        d.name.assign(name.begin(), name.end());
        indexes.push_back(std::move(d));
    }
    return indexes;
}

void TxnState::store_index(const IndexDef& d) {
    PinnedPage h;
    uint8_t* r = idx_tab.put(*acc, meta.idx_catalog, d.slot, h);
    std::memset(r, 0, kIndexRec);
    r[0] = kInUse;
    r[1] = d.kind;
    store_u32(r + 4, d.label);
    store_u32(r + 8, d.key);
    d.root.store(r + 16);
    store_u64(r + 24, d.entries);
    store_u48(r + 32, d.name_ref);
}

namespace {
const Value* find_prop(const PropertyList& props, TokenId key) {
    for (auto& [k, v] : props)
        if (k == key) return &v;
    return nullptr;
}
bool index_key_of(const IndexDef& d, NodeId id, const std::vector<TokenId>& labels,
                  const PropertyList& props, uint8_t* out) {
    if (std::find(labels.begin(), labels.end(), d.label) == labels.end()) return false;
    const Value* v = find_prop(props, d.key);
    return v && TxnState::index_entry_key(d, *v, id, out);
}
}  // namespace

bool TxnState::index_entry_key(const IndexDef& d, const Value& v, NodeId node, uint8_t* out) {
    switch (d.kind) {
        case kTextIndex:
            return v.is_string() && index_key::encode(v, uint64_t(node), out);
        case kPointIndex:
            if (v.kind() != ValueKind::Point) return false;
            index_key::encode_point(v.as_point(), uint64_t(node), out);
            return true;
        default:
            return index_key::encode(v, uint64_t(node), out);
    }
}

void TxnState::reindex(NodeId id, const std::vector<TokenId>& labels0, const PropertyList& props0,
                       const std::vector<TokenId>& labels1, const PropertyList& props1) {
    if (meta.ft_slots) ft_reindex(false, id, labels0, props0, labels1, props1);
    if (meta.idx_slots == 0) return;
    for (IndexDef& d : index_list()) {
        uint8_t k0[index_key::kSize], k1[index_key::kSize];
        bool h0 = index_key_of(d, id, labels0, props0, k0);
        bool h1 = index_key_of(d, id, labels1, props1, k1);
        if (h0 && h1 && std::memcmp(k0, k1, index_key::kSize) == 0) continue;
        if (!h0 && !h1) continue;
        if (h0 && btree.erase(*acc, d.root, k0)) d.entries--;
        if (h1 && btree.insert(*acc, d.root, k1)) d.entries++;
        store_index(d);
    }
}

// ---- GraphTxn API ------------------------------------------------------------------------------
std::vector<IndexInfo> GraphTxn::indexes() const {
    std::vector<IndexInfo> out;
    for (const IndexDef& d : st_->index_list())
        out.push_back({d.name, d.label, d.key, d.entries, IndexKind(d.kind)});
    return out;
}

void GraphTxn::create_index(std::string_view name, TokenId label, TokenId key, IndexKind kind) {
    st_->require_write();
    auto& list = st_->index_list();
    for (const IndexDef& d : list)
        if (d.name == name)
            throw QuiverError(std::string(kEquivalentRule),
                              fmt::format("An index with the name '{}' already exists", name));
    for (const FulltextDef& d : st_->ft_list())
        if (d.name == name)
            throw QuiverError(std::string(kEquivalentRule),
                              fmt::format("An index with the name '{}' already exists", name));
    IndexDef d;
    d.slot = st_->meta.idx_slots++;
    d.kind = uint8_t(kind);
    d.name = std::string(name);
    d.label = label;
    d.key = key;
    std::vector<uint8_t> b(name.begin(), name.end());
    d.name_ref = st_->props.insert(*st_->acc, st_->prop_hints, b);
    // populate from the label's nodes
    auto c = scan_label(label);
    NodeId n;
    uint8_t k[index_key::kSize];
    while (c.next(n)) {
        Value v = node_property(n, key);
        if (!TxnState::index_entry_key(d, v, n, k)) continue;
        if (st_->btree.insert(*st_->acc, d.root, k)) d.entries++;
    }
    st_->store_index(d);
    list.push_back(std::move(d));
}

bool GraphTxn::drop_index(std::string_view name) {
    st_->require_write();
    auto& list = st_->index_list();
    for (size_t i = 0; i < list.size(); ++i) {
        if (list[i].name != name) continue;
        IndexDef& d = list[i];
        st_->btree.destroy(*st_->acc, d.root);
        st_->props.erase(*st_->acc, st_->prop_hints, d.name_ref);
        PinnedPage h;
        std::memset(st_->idx_tab.put(*st_->acc, st_->meta.idx_catalog, d.slot, h), 0, kIndexRec);
        list.erase(list.begin() + long(i));
        return true;
    }
    return false;
}

namespace {
bool same_indexed_value(const Value& a, const Value& b) {
    if (a.is_number() && b.is_number()) {
        if (a.is_int() && b.is_int()) return a.as_int() == b.as_int();
        double x = a.is_int() ? double(a.as_int()) : a.as_float();
        double y = b.is_int() ? double(b.as_int()) : b.as_float();
        if (a.is_int() != b.is_int()) {
            // exact comparison of an integer with a float
            const Value& i = a.is_int() ? a : b;
            double f = a.is_int() ? y : x;
            return f == double(i.as_int()) && f >= -9.2233720368547758e18 &&
                   f < 9.2233720368547758e18 && int64_t(f) == i.as_int();
        }
        return x == y;
    }
    if (a.is_string() && b.is_string()) return a.as_string() == b.as_string();
    if (a.is_bool() && b.is_bool()) return a.as_bool() == b.as_bool();
    return false;
}
}  // namespace

const IndexDef& GraphTxn::index_def(std::string_view name) const {
    for (const IndexDef& d : st_->index_list())
        if (d.name == name) return d;
    throw QuiverError(std::string(kIndexNotFound), fmt::format("No such index '{}'", name));
}

std::vector<NodeId> GraphTxn::index_seek(std::string_view name, const Value& v) const {
    std::vector<NodeId> out;
    const IndexDef& d = index_def(name);
    uint8_t lo[index_key::kSize];
    if (!TxnState::index_entry_key(d, v, 0, lo)) return out;
    st_->btree.scan(*st_->acc, d.root, lo, [&](const uint8_t* k) {
        if (!index_key::same_value(k, lo)) return false;
        NodeId n = NodeId(index_key::node_of(k));
        ++st_->db_hits;  // one index entry
        if (same_indexed_value(node_property(n, d.key), v)) out.push_back(n);
        return true;
    });
    return out;
}

std::optional<std::vector<NodeId>> GraphTxn::index_range(std::string_view name, const Value* lo,
                                                         const Value* hi) const {
    const IndexDef& d = index_def(name);
    uint8_t lk[index_key::kSize], hk[index_key::kSize];
    if ((!lo && !hi) || (lo && !TxnState::index_entry_key(d, *lo, 0, lk)) ||
        (hi && !TxnState::index_entry_key(d, *hi, 0, hk)))
        return std::nullopt;
    if (lo && hi && lk[0] != hk[0]) return std::vector<NodeId>{};  // different types: no value
    uint8_t cls = lo ? lk[0] : hk[0];
    if (!lo) {
        std::memset(lk, 0, sizeof lk);
        lk[0] = cls;
    }
    std::vector<NodeId> out;
    st_->btree.scan(*st_->acc, d.root, lk, [&](const uint8_t* k) {
        if (k[0] != cls || (hi && std::memcmp(k, hk, 24) > 0)) return false;
        ++st_->db_hits;  // one index entry
        out.push_back(NodeId(index_key::node_of(k)));
        return true;
    });
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<NodeId> GraphTxn::index_string_match(std::string_view name, StringMatch how,
                                                 const std::string& s) const {
    const IndexDef& d = index_def(name);
    uint8_t lo[index_key::kSize];
    std::memset(lo, 0, sizeof lo);
    lo[0] = index_key::kString;
    size_t plen = std::min<size_t>(s.size(), index_key::kPayload);
    if (how == StringMatch::StartsWith) std::memcpy(lo + 1, s.data(), plen);
    std::vector<NodeId> out;
    st_->btree.scan(*st_->acc, d.root, lo, [&](const uint8_t* k) {
        if (k[0] != index_key::kString) return false;
        if (how == StringMatch::StartsWith && std::memcmp(k + 1, s.data(), plen) != 0) return false;
        ++st_->db_hits;  // one index entry
        NodeId n = NodeId(index_key::node_of(k));
        Value v = node_property(n, d.key);
        if (!v.is_string()) return true;
        const std::string& t = v.as_string();
        bool ok = how == StringMatch::StartsWith ? t.compare(0, s.size(), s) == 0 && t.size() >= s.size()
                  : how == StringMatch::EndsWith
                      ? t.size() >= s.size() && t.compare(t.size() - s.size(), s.size(), s) == 0
                      : t.find(s) != std::string::npos;
        if (ok) out.push_back(n);
        return true;
    });
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<NodeId> GraphTxn::index_point_box(std::string_view name, int32_t srid, double x0,
                                              double y0, double x1, double y1) const {
    const IndexDef& d = index_def(name);
    PointValue p;
    p.srid = srid;
    p.x = x0;
    uint8_t lo[index_key::kSize];
    index_key::encode_point(p, 0, lo);
    std::vector<NodeId> out;
    st_->btree.scan(*st_->acc, d.root, lo, [&](const uint8_t* k) {
        if (std::memcmp(k, lo, 5) != 0) return false;  // another class or srid
        double x = index_key::point_x(k), y = index_key::point_y(k);
        if (x > x1) return false;
        if (y >= y0 && y <= y1) out.push_back(NodeId(index_key::node_of(k)));
        return true;
    });
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace quiver::storage
