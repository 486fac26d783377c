// Database::check(): every page checksum, then every graph structure against the others.
#include <algorithm>
#include <cstring>
#include <set>
#include <functional>
#include <unordered_map>
#include <unordered_set>

#include "base/endian.h"
#include "base/error.h"
#include "fmt/format.h"
#include "storage/graph/fulltext_postings.h"
#include "storage/graph/property_codec.h"
#include "storage/graph/txn_state.h"
#include "storage/record/index_key.h"

namespace quiver::storage {

using namespace fmt_graph;

// Constraint catalog: names unique, tokens known, owned indexes present and owned, and the
// data satisfying every constraint (the same checks as at the end of a statement).
void check_constraints(GraphTxn& txn, TxnState& st, const std::function<void(std::string)>& bad);

CheckReport GraphStoreImpl::check() {
    CheckReport rep;
    PageCheck pc = pager_->check();
    rep.pages_checked = pc.pages_checked;
    rep.problems = pc.problems;
    if (!rep.problems.empty()) {
        rep.ok = false;
        return rep;  // structures cannot be trusted on damaged pages
    }
    auto txn = begin_read();
    TxnState& st = state(*txn);
    auto bad = [&](std::string s) {
        if (rep.problems.size() < 1000) rep.problems.push_back(std::move(s));
    };
    try {
        std::unordered_map<TokenId, uint64_t> label_counts, type_counts;
        uint64_t nodes = 0, rels = 0, out_entries = 0, in_entries = 0;
        // relationships
        for (uint64_t id = 0; id < st.meta.rel_hwm; ++id) {
            RelRec r;
            if (!st.load_rel(RelId(id), r)) continue;
            ++rels;
            type_counts[r.type]++;
            if (r.type >= st.meta.tok_n[kTypeTok]) bad(fmt::format("relationship {}: unknown type {}", id, r.type));
            NodeRec a, b;
            if (!st.load_node(r.start, a)) bad(fmt::format("relationship {}: start node {} missing", id, r.start));
            if (!st.load_node(r.end, b)) bad(fmt::format("relationship {}: end node {} missing", id, r.end));
            if (r.props) st.read_props(r.props);
        }
        // nodes and their adjacency
        for (uint64_t id = 0; id < st.meta.node_hwm; ++id) {
            NodeRec r;
            if (!st.load_node(NodeId(id), r)) continue;
            ++nodes;
            for (TokenId l : st.labels_of(r)) {
                if (l >= st.meta.tok_n[kLabelTok]) {
                    bad(fmt::format("node {}: unknown label {}", id, l));
                    continue;
                }
                label_counts[l]++;
                PinnedPage h;
                const uint8_t* rec = st.tok_tab.get(*st.acc, st.meta.tok[kLabelTok], l, h);
                ArrayRoot root;
                root.load(rec + 16);
                h.reset();
                PinnedPage bh;
                const uint8_t* w = st.bitmap.get(*st.acc, root, id / 64, bh);
                if (!w || !((load_u64(w) >> (id % 64)) & 1))
                    bad(fmt::format("node {}: missing from the index of label {}", id, l));
            }
            if (r.props) st.read_props(r.props);
            auto c = txn->expand(NodeId(id), Direction::Both);
            std::vector<AdjEntry> all;
            {
                auto co = txn->expand(NodeId(id), Direction::Outgoing);
                AdjEntry e;
                while (co.next(e)) {
                    ++out_entries;
                    RelRec rr;
                    if (!st.load_rel(e.rel, rr) || rr.start != NodeId(id) || rr.end != e.neighbor || rr.type != e.type)
                        bad(fmt::format("node {}: outgoing entry for relationship {} does not match it", id, e.rel));
                }
                auto ci = txn->expand(NodeId(id), Direction::Incoming);
                while (ci.next(e)) {
                    ++in_entries;
                    RelRec rr;
                    if (!st.load_rel(e.rel, rr) || rr.end != NodeId(id) || rr.start != e.neighbor || rr.type != e.type)
                        bad(fmt::format("node {}: incoming entry for relationship {} does not match it", id, e.rel));
                }
            }
        }
        rep.nodes_checked = nodes;
        rep.relationships_checked = rels;
        if (nodes != st.meta.node_count)
            bad(fmt::format("node count is {} but {} nodes exist", st.meta.node_count, nodes));
        if (rels != st.meta.rel_count)
            bad(fmt::format("relationship count is {} but {} relationships exist", st.meta.rel_count, rels));
        if (out_entries != rels || in_entries != rels)
            bad(fmt::format("adjacency holds {} outgoing and {} incoming entries for {} relationships",
                            out_entries, in_entries, rels));
        for (uint64_t t = 0; t < st.meta.tok_n[kLabelTok]; ++t)
            if (st.token_count(kLabelTok, TokenId(t)) != label_counts[TokenId(t)])
                bad(fmt::format("label {} count {} but {} nodes carry it", t,
                                st.token_count(kLabelTok, TokenId(t)), label_counts[TokenId(t)]));
        for (uint64_t t = 0; t < st.meta.tok_n[kTypeTok]; ++t)
            if (st.token_count(kTypeTok, TokenId(t)) != type_counts[TokenId(t)])
                bad(fmt::format("type {} count {} but {} relationships have it", t,
                                st.token_count(kTypeTok, TokenId(t)), type_counts[TokenId(t)]));
        // label indexes hold no extra nodes
        for (uint64_t t = 0; t < st.meta.tok_n[kLabelTok]; ++t) {
            auto c = txn->scan_label(TokenId(t));
            NodeId n;
            uint64_t k = 0;
            while (c.next(n)) {
                ++k;
                if (!txn->node_has_label(n, TokenId(t)))
                    bad(fmt::format("label {} index lists node {} which does not carry it", t, n));
            }
            if (k != label_counts[TokenId(t)])
                bad(fmt::format("label {} index lists {} nodes, {} carry it", t, k, label_counts[TokenId(t)]));
        }
        // range/text/point indexes: exactly one entry per labelled node (typed relationship)
        // with indexable values of all the index's keys
        auto entity = [&](const IndexDef& d, int64_t id, std::vector<TokenId>& tokens,
                          PropertyList& props) { return st.load_entity(d.rel, id, tokens, props); };
        for (const IndexDef& d : st.index_list()) {
            uint64_t k = 0;
            std::vector<uint8_t> prev;
            std::vector<TokenId> tokens;
            PropertyList props;
            uint8_t want[index_key::kSize];
            st.btree.scan(*st.acc, d.root, nullptr, [&](const uint8_t* key) {
                ++k;
                if (!prev.empty() && std::memcmp(prev.data(), key, index_key::kSize) >= 0)
                    bad(fmt::format("index '{}' keys out of order", d.name));
                prev.assign(key, key + index_key::kSize);
                int64_t n = int64_t(index_key::node_of(key));
                if (!entity(d, n, tokens, props) || !st.index_key_of(d, n, tokens, props, want) ||
                    std::memcmp(want, key, index_key::kSize) != 0)
                    bad(fmt::format("index '{}' holds a stale entry for {} {}", d.name,
                                    d.rel ? "relationship" : "node", n));
                return true;
            });
            uint64_t expect = 0;
            uint64_t hwm = d.rel ? st.meta.rel_hwm : st.meta.node_hwm;
            for (uint64_t n = 0; n < hwm; ++n)
                if (entity(d, int64_t(n), tokens, props) &&
                    st.index_key_of(d, int64_t(n), tokens, props, want))
                    ++expect;
            if (k != expect || k != d.entries)
                bad(fmt::format("index '{}' holds {} entries (count {}), {} entities are indexable",
                                d.name, k, d.entries, expect));
        }
        // full-text indexes: exactly the postings of the indexed entities' string values, and
        // per-field statistics that match them
        for (const FulltextDef& d : st.ft_list()) {
            std::set<std::string> want;
            std::vector<std::pair<uint64_t, uint64_t>> stats(d.keys.size(), {0, 0});
            auto add = [&](uint64_t id, const PropertyList& props) {
                for (size_t f = 0; f < d.keys.size(); ++f)
                    for (const auto& [k, v] : props) {
                        if (k != d.keys[f] || !v.is_string()) continue;
                        uint32_t len = 0;
                        for (auto& p : fulltext::postings_for(fulltext::Analyzer(d.analyzer),
                                                              uint8_t(f), id, v.as_string(), &len))
                            want.emplace(reinterpret_cast<const char*>(p.bytes), kPostingKey);
                        stats[f].first++;
                        stats[f].second += len;
                    }
            };
            if (d.entity == kFulltextRels) {
                for (uint64_t r = 0; r < st.meta.rel_hwm; ++r)
                    if (txn->rel_exists(RelId(r)) &&
                        std::find(d.tokens.begin(), d.tokens.end(), txn->rel(RelId(r)).type) != d.tokens.end())
                        add(r, txn->rel_properties(RelId(r)));
            } else {
                std::set<NodeId> seen;
                for (TokenId l : d.tokens) {
                    auto c = txn->scan_label(l);
                    NodeId n;
                    while (c.next(n))
                        if (seen.insert(n).second) add(uint64_t(n), txn->node_properties(n));
                }
            }
            uint64_t have = 0;
            st.ft_btree.scan(*st.acc, d.root, nullptr, [&](const uint8_t* key) {
                ++have;
                if (!want.count(std::string(reinterpret_cast<const char*>(key), kPostingKey)))
                    bad(fmt::format("fulltext index '{}' holds a stale posting for entity {}",
                                    d.name, fulltext::read_posting(key).entity));
                return true;
            });
            if (have != want.size())
                bad(fmt::format("fulltext index '{}' holds {} postings, {} expected", d.name, have,
                                want.size()));
            if (stats != d.stats)
                bad(fmt::format("fulltext index '{}' statistics do not match its entities", d.name));
        }
        check_constraints(*txn, st, bad);
        // heap pages
        auto& v = st.acc;
        (void)v;
    } catch (const QuiverError& e) {
        bad(std::string("structure error: ") + e.message());
    }
    rep.ok = rep.problems.empty();
    return rep;
}

}  // namespace quiver::storage
