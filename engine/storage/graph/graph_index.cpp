// Range, text and point indexes: the catalog (meta page → paged array of index records) and
// B+trees of (property value, node id) keys per (label, property key), maintained in the same
// write transaction as the node changes that affect them (docs/storage-format.md §4). The seek
// functions at the end answer candidate node ids for the executor's index seeks.
#include <algorithm>
#include <cstring>

#include "base/assert.h"
#include "base/endian.h"
#include "base/error.h"
#include "base/hash.h"
#include "fmt/format.h"
#include "storage/graph/txn_state.h"
#include "storage/record/index_key.h"

namespace quiver::storage {

using namespace fmt_graph;

namespace {
constexpr const char* kEquivalentRule = "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists";
constexpr const char* kIndexNotFound = "Neo.ClientError.Schema.IndexNotFound";
}  // namespace

std::vector<TokenId> TxnState::read_keys(TokenId first, uint32_t count, HeapRef blob) {
    if (count <= 1) return {first};
    std::vector<uint8_t> b;
    props.read(*acc, blob, b);
    QV_CORRUPT_IF(b.size() != size_t(count) * 4, "key-list blob size");
    std::vector<TokenId> out;
    for (uint32_t i = 0; i < count; ++i) out.push_back(load_u32(b.data() + 4 * i));
    return out;
}

HeapRef TxnState::write_keys(const std::vector<TokenId>& keys) {
    if (keys.size() <= 1) return 0;
    std::vector<uint8_t> b(keys.size() * 4);
    for (size_t i = 0; i < keys.size(); ++i) store_u32(b.data() + 4 * i, keys[i]);
    return props.insert(*acc, prop_hints, b);
}

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
        d.rel = r[2] & kRelSchema;
        d.owned = r[2] & kOwnedIndex;
        d.label = load_u32(r + 4);
        TokenId first = load_u32(r + 8);
        uint32_t count = load_u32(r + 12);
        d.root.load(r + 16);
        d.entries = load_u64(r + 24);
        d.name_ref = load_u48(r + 32);
        d.keys_ref = load_u48(r + 38);
        h.reset();
        d.keys = read_keys(first, count, d.keys_ref);
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
    r[2] = uint8_t((d.rel ? kRelSchema : 0) | (d.owned ? kOwnedIndex : 0));
    store_u32(r + 4, d.label);
    store_u32(r + 8, d.keys.empty() ? 0 : d.keys[0]);
    store_u32(r + 12, uint32_t(d.keys.size()));
    d.root.store(r + 16);
    store_u64(r + 24, d.entries);
    store_u48(r + 32, d.name_ref);
    store_u48(r + 38, d.keys_ref);
}

namespace {
const Value* find_prop(const PropertyList& props, TokenId key) {
    for (auto& [k, v] : props)
        if (k == key) return &v;
    return nullptr;
}

// Composite keys (range indexes over several keys): class index_key::kComposite, then an
// xxHash64 of the values (Cypher-equal values hash alike: numbers by their double image,
// strings by all their bytes), then the id. Equality seeks only; candidates are re-checked.
bool composite_key(const std::vector<const Value*>& vals, uint64_t id, uint8_t* out) {
    std::vector<uint8_t> buf;
    uint8_t one[index_key::kSize];
    for (const Value* v : vals) {
        if (!index_key::encode(*v, 0, one)) return false;
        if (v->is_string()) {
            buf.push_back(index_key::kString);
            const std::string& s = v->as_string();
            uint8_t len[8];
            store_u64(len, s.size());
            buf.insert(buf.end(), len, len + 8);
            buf.insert(buf.end(), s.begin(), s.end());
        } else {
            buf.insert(buf.end(), one, one + 24);
        }
    }
    uint64_t h = xxhash64(buf.data(), buf.size(), 0x51434b);
    std::memset(out, 0, index_key::kSize);
    out[0] = index_key::kComposite;
    for (int i = 0; i < 8; ++i) out[1 + i] = uint8_t(h >> (56 - 8 * i));
    index_key::put_node(id, out);
    return true;
}

bool encode_values(const IndexDef& d, const std::vector<const Value*>& vals, uint64_t id,
                   uint8_t* out) {
    if (vals.size() == 1) return TxnState::index_entry_key(d, *vals[0], int64_t(id), out);
    return composite_key(vals, id, out);
}
}  // namespace

bool TxnState::index_entry_key(const IndexDef& d, const Value& v, int64_t node, uint8_t* out) {
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

bool TxnState::index_key_of(const IndexDef& d, int64_t id, const std::vector<TokenId>& tokens,
                            const PropertyList& props, uint8_t* out) const {
    if (std::find(tokens.begin(), tokens.end(), d.label) == tokens.end()) return false;
    std::vector<const Value*> vals;
    for (TokenId k : d.keys) {
        const Value* v = find_prop(props, k);
        if (!v) return false;
        vals.push_back(v);
    }
    return encode_values(d, vals, uint64_t(id), out);
}

void TxnState::reindex(bool rel, int64_t id, const std::vector<TokenId>& tokens0,
                       const PropertyList& props0, const std::vector<TokenId>& tokens1,
                       const PropertyList& props1) {
    if (meta.ft_slots) ft_reindex(rel, id, tokens0, props0, tokens1, props1);
    if (meta.idx_slots == 0) return;
    for (IndexDef& d : index_list()) {
        if (d.rel != rel) continue;
        uint8_t k0[index_key::kSize], k1[index_key::kSize];
        bool h0 = index_key_of(d, id, tokens0, props0, k0);
        bool h1 = index_key_of(d, id, tokens1, props1, k1);
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
    std::vector<ConstraintDef>* cons = nullptr;
    for (const IndexDef& d : st_->index_list()) {
        IndexInfo i;
        i.name = d.name;
        bool simple = !d.rel && d.keys.size() == 1;
        i.label = simple ? d.label : kNoToken;
        i.key = simple ? d.keys[0] : kNoToken;
        i.entries = d.entries;
        i.kind = IndexKind(d.kind);
        i.relationship = d.rel;
        i.entity = d.label;
        i.keys = d.keys;
        if (d.owned) {
            if (!cons) cons = &st_->constraint_list();
            for (const ConstraintDef& c : *cons)
                if (c.owned_index == d.slot + 1) i.owning_constraint = c.name;
        }
        out.push_back(std::move(i));
    }
    return out;
}

double GraphTxn::index_rows_per_value(std::string_view name) const {
    const IndexDef* ix = nullptr;
    for (const IndexDef& d : st_->index_list())
        if (d.name == name) ix = &d;
    if (!ix || ix->entries == 0) return 0;
    if (ix->owned)
        for (const ConstraintDef& c : st_->constraint_list())
            if (c.owned_index == ix->slot + 1 &&
                (c.kind == ConstraintKind::Unique || c.kind == ConstraintKind::Key))
                return 1;
    // Runs of equal values (the key without its trailing id) over a few leaves spread over the
    // tree: `seen` values, `once` of them seen a single time. Values seen more than once are
    // taken as all there are of their kind; singletons scale with the unsampled share
    // (a first-order estimate: a unique index gives N values, a low-cardinality one its few).
    constexpr uint32_t kLeaves = 8, kPerLeaf = 64, kValue = index_key::kSize - 8;
    uint64_t sampled = 0, seen = 0, once = 0, run = 0;
    uint8_t prev[kValue];
    st_->btree.sample(*st_->acc, ix->root, kLeaves, [&](const uint8_t* keys, uint32_t n) {
        for (uint32_t i = 0; i < std::min(n, kPerLeaf); ++i) {
            const uint8_t* k = keys + size_t(i) * index_key::kSize;
            if (run && std::memcmp(prev, k, kValue) == 0) {
                ++run;
            } else {
                if (run == 1) ++once;
                std::memcpy(prev, k, kValue);
                run = 1;
                ++seen;
            }
            ++sampled;
        }
    });
    if (run == 1) ++once;
    if (!sampled) return 0;
    double total = double(ix->entries);
    double values = double(seen - once) + double(once) * total / double(sampled);
    values = std::clamp(values, 1.0, total);
    return total / values;
}

namespace {
// Adds an index of the given schema to the catalog and fills it from the existing entities.
IndexDef& add_index(GraphTxn& txn, TxnState& st, std::string_view name, bool rel, TokenId entity,
                    const std::vector<TokenId>& keys, bool owned, IndexKind kind) {
    st.require_write();
    auto& list = st.index_list();
    for (const IndexDef& d : list)
        if (d.name == name)
            throw QuiverError(std::string(kEquivalentRule),
                              fmt::format("An index with the name '{}' already exists", name));
    for (const FulltextDef& d : st.ft_list())
        if (d.name == name)
            throw QuiverError(std::string(kEquivalentRule),
                              fmt::format("An index with the name '{}' already exists", name));
    IndexDef d;
    d.slot = st.meta.idx_slots++;
    d.kind = uint8_t(kind);
    d.name = std::string(name);
    d.rel = rel;
    d.owned = owned;
    d.label = entity;
    d.keys = keys;
    d.keys_ref = st.write_keys(keys);
    std::vector<uint8_t> b(name.begin(), name.end());
    d.name_ref = st.props.insert(*st.acc, st.prop_hints, b);
    uint8_t k[index_key::kSize];
    auto add = [&](int64_t id, const std::vector<TokenId>& tokens, const PropertyList& props) {
        if (st.index_key_of(d, id, tokens, props, k) && st.btree.insert(*st.acc, d.root, k))
            d.entries++;
    };
    if (!rel) {
        auto c = txn.scan_label(entity);
        NodeId n;
        while (c.next(n)) add(n, {entity}, txn.node_properties(n));
    } else {
        for (uint64_t r = 0; r < st.meta.rel_hwm; ++r) {
            RelRec rec;
            if (st.load_rel(RelId(r), rec) && rec.type == entity)
                add(RelId(r), {entity}, st.read_props(rec.props));
        }
    }
    st.store_index(d);
    list.push_back(std::move(d));
    return list.back();
}
}  // namespace

void GraphTxn::create_index(std::string_view name, TokenId label, TokenId key, IndexKind kind) {
    add_index(*this, *st_, name, false, label, std::vector<TokenId>{key}, false, kind);
}

void GraphTxn::create_index(std::string_view name, bool relationship, TokenId entity,
                            const std::vector<TokenId>& keys, IndexKind kind) {
    add_index(*this, *st_, name, relationship, entity, keys, false, kind);
}

bool GraphTxn::drop_index(std::string_view name) {
    st_->require_write();
    auto& list = st_->index_list();
    for (size_t i = 0; i < list.size(); ++i) {
        if (list[i].name != name) continue;
        IndexDef& d = list[i];
        st_->btree.destroy(*st_->acc, d.root);
        st_->props.erase(*st_->acc, st_->prop_hints, d.name_ref);
        if (d.keys_ref) st_->props.erase(*st_->acc, st_->prop_hints, d.keys_ref);
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

Value GraphTxn::indexed_property(const IndexDef& d, int64_t id, size_t i) const {
    return d.rel ? rel_property(id, d.keys[i]) : node_property(id, d.keys[i]);
}

std::vector<NodeId> GraphTxn::index_seek(std::string_view name, const Value& v) const {
    return index_seek(name, std::vector<Value>{v});
}

std::vector<int64_t> GraphTxn::index_seek(std::string_view name,
                                          const std::vector<Value>& values) const {
    std::vector<int64_t> out;
    const IndexDef& d = index_def(name);
    if (values.size() != d.keys.size()) return out;
    std::vector<const Value*> vals;
    for (const Value& v : values) vals.push_back(&v);
    uint8_t lo[index_key::kSize];
    if (!encode_values(d, vals, 0, lo)) return out;
    st_->btree.scan(*st_->acc, d.root, lo, [&](const uint8_t* k) {
        if (!index_key::same_value(k, lo)) return false;
        int64_t id = int64_t(index_key::node_of(k));
        ++st_->db_hits;  // one index entry
        for (size_t i = 0; i < d.keys.size(); ++i)
            if (!same_indexed_value(indexed_property(d, id, i), values[i])) return true;
        out.push_back(id);
        return true;
    });
    if (d.keys.size() > 1) std::sort(out.begin(), out.end());
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
        Value v = indexed_property(d, n, 0);
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
