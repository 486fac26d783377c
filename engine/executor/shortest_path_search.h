// quiver::executor — shortest path search between two distinct nodes over an AdjacencyWalk.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "executor/adjacency_walk.h"

namespace quiver::executor {

// A path in search order: nodes.size() == rels.size() + 1, rels[i] joins nodes[i], nodes[i+1].
struct FoundPath {
    std::vector<int64_t> nodes;
    std::vector<int64_t> rels;
};

// Bidirectional breadth-first search: `forward` walks from `from` in the pattern's direction,
// `backward` from `to` against it. Answers the shortest paths of at most `max_hops` (-1: no
// limit) relationships: one, or every one when `all`. Empty when the nodes are not connected.
std::vector<FoundPath> bidirectional_shortest(ExecutionContext& ctx, const AdjacencyWalk& forward,
                                              const AdjacencyWalk& backward, int64_t from,
                                              int64_t to, int64_t max_hops, bool all);

// How many paths a length-ordered search keeps: the first `count` paths, or (`groups`) every
// path of the `count` shortest lengths.
struct PathQuota {
    int64_t count = 1;
    bool groups = false;
};

// The shortest paths that `accept` holds for, among the trails of min_hops..max_hops
// relationships from `from` to `to` (which may be the same node), searched by increasing length.
std::vector<FoundPath> shortest_by_length(ExecutionContext& ctx, const AdjacencyWalk& forward,
                                          int64_t from, int64_t to, int64_t min_hops,
                                          int64_t max_hops, PathQuota quota,
                                          const std::function<bool(const FoundPath&)>& accept);

// Throws Neo4j's ExecutionFailed error for a shortestPath from a node to itself.
[[noreturn]] void shortest_path_common_nodes();

}  // namespace quiver::executor
