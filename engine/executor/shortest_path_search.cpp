#include "executor/shortest_path_search.h"

#include "base/error.h"

#include <algorithm>
#include <unordered_map>

namespace quiver::executor {

namespace {

struct Step {
    int64_t rel;
    int64_t prev;  // the node one step closer to the side's root
};

// A node reached by one side: its BFS depth and the first parent (rel < 0 at the root).
struct Visit {
    int64_t depth;
    Step first;
};

// The nodes one side has reached: open addressing with linear probing over a power-of-two
// table (node ids are >= 0; -1 marks a free slot), kept at most half full. A search inserts
// every node it reaches, so a node-based map's allocation per node was a fifth of its time.
class VisitMap {
public:
    VisitMap() { rehash(1024); }
    // The visit of `node`, inserted as `v` when absent; `fresh` tells which.
    Visit& try_emplace(int64_t node, const Visit& v, bool& fresh) {
        if (2 * (size_ + 1) > keys_.size()) rehash(keys_.size() * 2);
        size_t i = slot(node);
        fresh = keys_[i] < 0;
        if (fresh) {
            keys_[i] = node;
            values_[i] = v;
            ++size_;
        }
        return values_[i];
    }
    const Visit* find(int64_t node) const {
        size_t i = slot(node);
        return keys_[i] < 0 ? nullptr : &values_[i];
    }
    bool contains(int64_t node) const { return find(node) != nullptr; }
    const Visit& at(int64_t node) const { return *find(node); }  // a node the side reached

private:
    size_t slot(int64_t node) const {
        const size_t mask = keys_.size() - 1;
        size_t i = size_t((uint64_t(node) * 0x9E3779B97F4A7C15ull) >> 20) & mask;
        while (keys_[i] >= 0 && keys_[i] != node) i = (i + 1) & mask;
        return i;
    }
    void rehash(size_t capacity) {
        std::vector<int64_t> keys(capacity, -1);
        std::vector<Visit> values(capacity);
        keys.swap(keys_);
        values.swap(values_);
        for (size_t i = 0; i < keys.size(); ++i) {
            if (keys[i] < 0) continue;
            size_t j = slot(keys[i]);
            keys_[j] = keys[i];
            values_[j] = values[i];
        }
    }
    std::vector<int64_t> keys_;
    std::vector<Visit> values_;
    size_t size_ = 0;
};

// One side of the bidirectional search: BFS depths and the parents at the BFS depth (the
// first one inline; with `all`, further ones in `more`).
struct Side {
    const AdjacencyWalk* walk = nullptr;
    VisitMap seen;
    std::unordered_map<int64_t, std::vector<Step>> more;
    std::vector<int64_t> frontier;
    int64_t level = 0;
};

// Chains from `node` back to the side's root: nodes (node first, root last) and rels.
void chains(const Side& s, int64_t node, bool all, FoundPath& cur, std::vector<FoundPath>& out) {
    cur.nodes.push_back(node);
    const Visit& v = s.seen.at(node);
    if (v.first.rel < 0) {
        out.push_back(cur);
    } else {
        auto follow = [&](const Step& st) {
            cur.rels.push_back(st.rel);
            chains(s, st.prev, all, cur, out);
            cur.rels.pop_back();
        };
        follow(v.first);
        auto it = s.more.find(node);
        if (all && it != s.more.end())
            for (const Step& st : it->second) follow(st);
    }
    cur.nodes.pop_back();
}

}  // namespace

std::vector<FoundPath> bidirectional_shortest(ExecutionContext& ctx, const AdjacencyWalk& forward,
                                              const AdjacencyWalk& backward, int64_t from,
                                              int64_t to, int64_t max_hops, bool all) {
    Side fw, bw;
    fw.walk = &forward;
    bw.walk = &backward;
    bool fresh = false;
    fw.seen.try_emplace(from, Visit{0, Step{-1, -1}}, fresh);
    fw.frontier.push_back(from);
    bw.seen.try_emplace(to, Visit{0, Step{-1, -1}}, fresh);
    bw.frontier.push_back(to);
    std::vector<int64_t> meets, next;
    storage::ExpandCursor c;  // reopened on each node, its buffers reused
    storage::AdjEntry e;
    bool fw_moved = false;  // which side found the meeting nodes
    while (meets.empty()) {
        if (fw.frontier.empty() || bw.frontier.empty()) return {};
        if (max_hops >= 0 && fw.level + bw.level + 1 > max_hops) return {};
        fw_moved = fw.frontier.size() <= bw.frontier.size();
        Side& s = fw_moved ? fw : bw;
        Side& o = fw_moved ? bw : fw;
        next.clear();
        for (int64_t u : s.frontier) {
            s.walk->open_into(ctx, c, u);
            while (s.walk->next(ctx, c, e)) {
                Visit& v = s.seen.try_emplace(e.neighbor, Visit{s.level + 1, Step{e.rel, u}}, fresh);
                if (fresh) {
                    next.push_back(e.neighbor);
                    if (o.seen.contains(e.neighbor)) meets.push_back(e.neighbor);
                } else if (all && v.depth == s.level + 1) {
                    s.more[e.neighbor].push_back(Step{e.rel, u});
                }
            }
            if (!all && !meets.empty()) break;
        }
        ++s.level;
        s.frontier.swap(next);
    }
    // Every shortest path crosses the last expanded level at exactly one meeting node.
    std::vector<FoundPath> out;
    for (int64_t m : meets) {
        std::vector<FoundPath> heads, tails;
        FoundPath cur;
        chains(fw, m, all, cur, heads);  // m .. from
        chains(bw, m, all, cur, tails);  // m .. to
        for (auto& h : heads) {
            std::reverse(h.nodes.begin(), h.nodes.end());
            std::reverse(h.rels.begin(), h.rels.end());
            for (const auto& t : tails) {
                FoundPath p = h;
                p.nodes.insert(p.nodes.end(), t.nodes.begin() + 1, t.nodes.end());
                p.rels.insert(p.rels.end(), t.rels.begin(), t.rels.end());
                out.push_back(std::move(p));
                if (!all) return out;
            }
        }
    }
    return out;
}

namespace {

// Depth-first enumeration of the trails of exactly `length` relationships from the last node of
// `cur` that end at `to`. `reached`: some trail got that long at all.
struct TrailSearch {
    ExecutionContext& ctx;
    const AdjacencyWalk& walk;
    int64_t to, length;
    size_t limit;  // stop once `out` holds this many paths; 0: no limit
    const std::function<bool(const FoundPath&)>& accept;
    std::vector<FoundPath>& out;
    bool reached = false;

    bool done() const { return limit != 0 && out.size() >= limit; }

    void run(FoundPath& cur) {
        if (int64_t(cur.rels.size()) == length) {
            reached = true;
            if (cur.nodes.back() == to && accept(cur)) out.push_back(cur);
            return;
        }
        storage::ExpandCursor c = walk.open(ctx, cur.nodes.back());
        storage::AdjEntry e;
        while (!done() && walk.next(ctx, c, e)) {
            if (std::find(cur.rels.begin(), cur.rels.end(), e.rel) != cur.rels.end()) continue;
            cur.rels.push_back(e.rel);
            cur.nodes.push_back(e.neighbor);
            run(cur);
            cur.rels.pop_back();
            cur.nodes.pop_back();
        }
    }
};

}  // namespace

std::vector<FoundPath> shortest_by_length(ExecutionContext& ctx, const AdjacencyWalk& forward,
                                          int64_t from, int64_t to, int64_t min_hops,
                                          int64_t max_hops, PathQuota quota,
                                          const std::function<bool(const FoundPath&)>& accept) {
    std::vector<FoundPath> out;
    int64_t groups = 0;
    int64_t len = from == to ? std::max<int64_t>(min_hops, 0) : std::max<int64_t>(min_hops, 1);
    for (; max_hops < 0 || len <= max_hops; ++len) {
        size_t before = out.size();
        size_t limit = quota.groups ? 0 : size_t(quota.count);
        TrailSearch t{ctx, forward, to, len, limit, accept, out};
        FoundPath cur;
        cur.nodes.push_back(from);
        t.run(cur);
        if (out.size() > before) ++groups;
        if (quota.groups ? groups >= quota.count : out.size() >= size_t(quota.count)) break;
        if (!t.reached) break;
    }
    return out;
}

// Neo4j's refusal of a shortestPath between a node and itself (minimal length above 0).
void shortest_path_common_nodes() {
    throw QuiverError(
        std::string(status::ExecutionFailed),
        // Neo4j's text, line breaks included (ShortestPathCommonEndNodesForbiddenException,
        // status Neo.DatabaseError.Statement.ExecutionFailed).
        "The shortest path algorithm does not work when the start and end nodes are the same. "
        "This can happen if you\n"
        "perform a shortestPath search after a cartesian product that might have the same start "
        "and end nodes for some\n"
        "of the rows passed to shortestPath. If you would rather not experience this exception, "
        "and can accept the\n"
        "possibility of missing results for those rows, disable this in the Neo4j configuration "
        "by setting\n"
        "`dbms.cypher.forbid_shortestpath_common_nodes` to false. If you cannot accept missing "
        "results, and really want the\n"
        "shortestPath between two common nodes, then re-write the query using a standard Cypher "
        "variable length pattern\n"
        "expression followed by ordering by path length and limiting to one result.",
        "*", ErrorPhase::Runtime);
}

}  // namespace quiver::executor
