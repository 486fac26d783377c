// Full-text indexes: their catalog (meta offset 168 → paged array of full-text records), the
// postings B+tree of each index (field, term, entity, term frequency, field length) with
// per-field statistics for BM25, maintenance by every node and relationship write of the
// transaction, and queries in a subset of Lucene's syntax (docs/storage-format.md §4).
#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <set>

#include "base/endian.h"
#include "base/error.h"
#include "fmt/format.h"
#include "storage/graph/fulltext_analyzer.h"
#include "storage/graph/fulltext_postings.h"
#include "storage/graph/txn_state.h"

namespace quiver::storage {

using namespace fmt_graph;

namespace {
constexpr const char* kProcFailed = "Neo.ClientError.Procedure.ProcedureCallFailed";

std::vector<uint8_t> read_blob(TxnState& st, HeapRef ref) {
    std::vector<uint8_t> b;
    if (ref) st.props.read(*st.acc, ref, b);
    return b;
}
}  // namespace

std::vector<FulltextDef>& TxnState::ft_list() {
    if (ft_loaded) return ft_indexes;
    ft_loaded = true;
    for (uint64_t s = 0; s < meta.ft_slots; ++s) {
        FulltextDef d;
        {
            PinnedPage h;
            const uint8_t* r = ft_tab.get(*acc, meta.ft_catalog, s, h);
            if (!r || !(r[0] & kInUse)) continue;
            d.slot = s;
            d.entity = r[1];
            d.analyzer = r[2];
            d.options = r[3];
            d.name_ref = load_u48(r + 4);
            d.schema_ref = load_u48(r + 10);
            d.root.load(r + 16);
            d.stats_ref = load_u48(r + 24);
        }
        auto name = read_blob(*this, d.name_ref);
        d.name.assign(name.begin(), name.end());
        auto schema = read_blob(*this, d.schema_ref);
        size_t p = 0;
        auto u32 = [&]() {
            uint32_t v = p + 4 <= schema.size() ? load_u32(schema.data() + p) : 0;
            p += 4;
            return v;
        };
        for (uint32_t n = u32(), i = 0; i < n; ++i) d.tokens.push_back(u32());
        for (uint32_t n = u32(), i = 0; i < n; ++i) d.keys.push_back(u32());
        auto stats = read_blob(*this, d.stats_ref);
        d.stats.assign(d.keys.size(), {0, 0});
        for (size_t i = 0; i < d.keys.size() && 16 * i + 16 <= stats.size(); ++i)
            d.stats[i] = {load_u64(stats.data() + 16 * i), load_u64(stats.data() + 16 * i + 8)};
        ft_indexes.push_back(std::move(d));
    }
    return ft_indexes;
}

void TxnState::store_ft(FulltextDef& d) {
    std::vector<uint8_t> stats(16 * d.stats.size());
    for (size_t i = 0; i < d.stats.size(); ++i) {
        store_u64(stats.data() + 16 * i, d.stats[i].first);
        store_u64(stats.data() + 16 * i + 8, d.stats[i].second);
    }
    if (d.stats_ref) props.erase(*acc, prop_hints, d.stats_ref);
    d.stats_ref = props.insert(*acc, prop_hints, stats);
    PinnedPage h;
    uint8_t* r = ft_tab.put(*acc, meta.ft_catalog, d.slot, h);
    std::memset(r, 0, kFulltextRec);
    r[0] = kInUse;
    r[1] = d.entity;
    r[2] = d.analyzer;
    r[3] = d.options;
    store_u48(r + 4, d.name_ref);
    store_u48(r + 10, d.schema_ref);
    d.root.store(r + 16);
    store_u48(r + 24, d.stats_ref);
}

namespace {
const Value* find_prop(const PropertyList& props, TokenId key) {
    for (auto& [k, v] : props)
        if (k == key) return &v;
    return nullptr;
}
bool applies(const FulltextDef& d, const std::vector<TokenId>& tokens) {
    for (TokenId t : tokens)
        if (std::find(d.tokens.begin(), d.tokens.end(), t) != d.tokens.end()) return true;
    return false;
}
}  // namespace

static bool ft_apply(TxnState& st, FulltextDef& d, int64_t id, const PropertyList* before,
                     const PropertyList* after) {
    bool changed = false;
    for (size_t f = 0; f < d.keys.size(); ++f) {
        const Value* v0 = before ? find_prop(*before, d.keys[f]) : nullptr;
        const Value* v1 = after ? find_prop(*after, d.keys[f]) : nullptr;
        bool s0 = v0 && v0->is_string(), s1 = v1 && v1->is_string();
        if (!s0 && !s1) continue;
        if (s0 && s1 && v0->as_string() == v1->as_string()) continue;
        changed = true;
        auto an = fulltext::Analyzer(d.analyzer);
        uint32_t len = 0;
        if (s0) {
            for (auto& k : fulltext::postings_for(an, uint8_t(f), uint64_t(id), v0->as_string(), &len))
                st.ft_btree.erase(*st.acc, d.root, k.bytes);
            d.stats[f].first--;
            d.stats[f].second -= len;
        }
        if (s1) {
            for (auto& k : fulltext::postings_for(an, uint8_t(f), uint64_t(id), v1->as_string(), &len))
                st.ft_btree.insert(*st.acc, d.root, k.bytes);
            d.stats[f].first++;
            d.stats[f].second += len;
        }
    }
    return changed;
}

void TxnState::ft_reindex(bool rel, int64_t id, const std::vector<TokenId>& tokens0,
                          const PropertyList& props0, const std::vector<TokenId>& tokens1,
                          const PropertyList& props1) {
    if (meta.ft_slots == 0) return;
    for (FulltextDef& d : ft_list()) {
        if ((d.entity == kFulltextRels) != rel) continue;
        bool a0 = applies(d, tokens0), a1 = applies(d, tokens1);
        if (!a0 && !a1) continue;
        if (ft_apply(*this, d, id, a0 ? &props0 : nullptr, a1 ? &props1 : nullptr)) store_ft(d);
    }
}

// ---- GraphTxn API ------------------------------------------------------------------------------
std::vector<FulltextInfo> GraphTxn::fulltext_indexes() const {
    std::vector<FulltextInfo> out;
    for (const FulltextDef& d : st_->ft_list()) {
        FulltextInfo i;
        i.name = d.name;
        i.relationships = d.entity == kFulltextRels;
        i.tokens = d.tokens;
        i.keys = d.keys;
        i.analyzer = fulltext::analyzer_name(fulltext::Analyzer(d.analyzer));
        i.eventually_consistent = d.options & 1;
        for (auto& s : d.stats) i.entities = std::max(i.entities, s.first);
        out.push_back(std::move(i));
    }
    return out;
}

void GraphTxn::create_fulltext_index(std::string_view name, bool relationships,
                                     const std::vector<TokenId>& tokens,
                                     const std::vector<TokenId>& keys, std::string_view analyzer,
                                     bool eventually_consistent) {
    st_->require_write();
    auto an = fulltext::analyzer_by_name(analyzer);
    if (!an)
        throw QuiverError("Neo.ClientError.Statement.ArgumentError",
                          fmt::format("Could not create fulltext index with specified index "
                                      "config '{{fulltext.analyzer: \"{}\"}}': unknown analyzer",
                                      analyzer));
    if (keys.empty() || keys.size() > 255 || tokens.empty())
        throw QuiverError("Neo.ClientError.Statement.ArgumentError",
                          "A fulltext index needs 1 to 255 properties and at least one label or type");
    for (const auto& ix : indexes())
        if (ix.name == name)
            throw QuiverError("Neo.ClientError.Schema.IndexWithNameAlreadyExists",
                              fmt::format("There already exists an index called '{}'.", name));
    auto& list = st_->ft_list();
    for (const FulltextDef& d : list)
        if (d.name == name)
            throw QuiverError("Neo.ClientError.Schema.IndexWithNameAlreadyExists",
                              fmt::format("There already exists an index called '{}'.", name));
    FulltextDef d;
    d.slot = st_->meta.ft_slots++;
    d.name = std::string(name);
    d.entity = relationships ? kFulltextRels : kFulltextNodes;
    d.analyzer = uint8_t(*an);
    d.options = eventually_consistent ? 1 : 0;
    d.tokens = tokens;
    d.keys = keys;
    d.stats.assign(keys.size(), {0, 0});
    std::vector<uint8_t> nb(name.begin(), name.end());
    d.name_ref = st_->props.insert(*st_->acc, st_->prop_hints, nb);
    std::vector<uint8_t> sb(8 + 4 * (tokens.size() + keys.size()));
    size_t p = 0;
    store_u32(sb.data() + p, uint32_t(tokens.size())), p += 4;
    for (TokenId t : tokens) store_u32(sb.data() + p, t), p += 4;
    store_u32(sb.data() + p, uint32_t(keys.size())), p += 4;
    for (TokenId k : keys) store_u32(sb.data() + p, k), p += 4;
    d.schema_ref = st_->props.insert(*st_->acc, st_->prop_hints, sb);
    // populate
    if (!relationships) {
        std::set<NodeId> seen;
        for (TokenId l : tokens) {
            auto c = scan_label(l);
            NodeId n;
            while (c.next(n))
                if (seen.insert(n).second) {
                    PropertyList props = node_properties(n);
                    ft_apply(*st_, d, n, nullptr, &props);
                }
        }
    } else {
        for (uint64_t r = 0; r < st_->meta.rel_hwm; ++r) {
            if (!rel_exists(RelId(r))) continue;
            if (std::find(tokens.begin(), tokens.end(), rel(RelId(r)).type) == tokens.end()) continue;
            PropertyList props = rel_properties(RelId(r));
            ft_apply(*st_, d, int64_t(r), nullptr, &props);
        }
    }
    st_->store_ft(d);
    list.push_back(std::move(d));
}

bool GraphTxn::drop_fulltext_index(std::string_view name) {
    st_->require_write();
    auto& list = st_->ft_list();
    for (size_t i = 0; i < list.size(); ++i) {
        if (list[i].name != name) continue;
        FulltextDef& d = list[i];
        st_->ft_btree.destroy(*st_->acc, d.root);
        for (HeapRef r : {d.name_ref, d.schema_ref, d.stats_ref})
            if (r) st_->props.erase(*st_->acc, st_->prop_hints, r);
        PinnedPage h;
        std::memset(st_->ft_tab.put(*st_->acc, st_->meta.ft_catalog, d.slot, h), 0, kFulltextRec);
        list.erase(list.begin() + long(i));
        return true;
    }
    return false;
}

std::vector<FulltextHit> GraphTxn::fulltext_query(std::string_view name, bool relationships,
                                                  std::string_view query,
                                                  std::string_view analyzer) const {
    const FulltextDef* def = nullptr;
    for (const FulltextDef& d : st_->ft_list())
        if (d.name == name) def = &d;
    if (!def)
        throw QuiverError(kProcFailed,
                          fmt::format("There is no such fulltext schema index: {}", name));
    if ((def->entity == kFulltextRels) != relationships)
        throw QuiverError(kProcFailed,
                          fmt::format("The index '{}' does not index {}", name,
                                      relationships ? "relationships" : "nodes"));
    auto an = fulltext::Analyzer(def->analyzer);
    if (!analyzer.empty()) {
        auto a = fulltext::analyzer_by_name(analyzer);
        if (!a)
            throw QuiverError(kProcFailed, fmt::format("No such analyzer: '{}'", analyzer));
        an = *a;
    }
    std::vector<std::string> fields;
    for (TokenId k : def->keys) fields.push_back(property_key_name(k));
    fulltext::Corpus corpus;
    corpus.fields = &fields;
    corpus.stats = &def->stats;
    corpus.analyzer = an;
    corpus.scan = [&](uint8_t field, const std::string& prefix, bool exact,
                      const std::function<void(uint64_t, uint32_t, uint32_t)>& f) {
        uint8_t lo[kPostingKey];
        std::memset(lo, 0, sizeof lo);
        lo[0] = field;
        size_t n = std::min<size_t>(prefix.size(), kTermBytes);
        std::memcpy(lo + 1, prefix.data(), n);
        size_t cmp = exact ? 1 + kTermBytes : 1 + n;
        st_->ft_btree.scan(*st_->acc, def->root, lo, [&](const uint8_t* k) {
            if (std::memcmp(k, lo, cmp) != 0) return false;
            auto p = fulltext::read_posting(k);
            f(p.entity, p.tf, p.length);
            return true;
        });
    };
    corpus.text = [&](uint64_t entity, uint8_t field) -> std::optional<std::string> {
        Value v = relationships ? rel_property(RelId(entity), def->keys[field])
                                : node_property(NodeId(entity), def->keys[field]);
        if (!v.is_string()) return std::nullopt;
        return v.as_string();
    };
    auto scores = fulltext::run_query(corpus, query);
    std::vector<FulltextHit> out;
    for (auto& [id, s] : scores) out.push_back({int64_t(id), s});
    std::sort(out.begin(), out.end(), [](const FulltextHit& a, const FulltextHit& b) {
        return a.score != b.score ? a.score > b.score : a.id < b.id;
    });
    return out;
}

}  // namespace quiver::storage
