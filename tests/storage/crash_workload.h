// The write workload of the crash tests (kill9_test.cpp, fault_injection_test.cpp): transaction
// `seq` creates a :Tx node {seq: seq} with a random payload of nodes and relationships, and every
// fifth deletes some older payload, so freed pages and ids get reused. `tx_seqs` reads back the
// seq of every :Tx node a database holds.
#pragma once

#include <random>
#include <string>
#include <vector>

#include "storage/graph/graph_store.h"

namespace quiver::storage::crash_test {

inline void commit_crash_txn(GraphStore& s, int64_t seq, std::mt19937& rng) {
    auto w = s.begin_write();
    TokenId tx = w->label("Tx"), k = w->property_key("seq"), pk = w->property_key("p");
    TokenId next = w->rel_type("NEXT");
    NodeId n = w->create_node(std::vector<TokenId>{tx}, {{k, Value::integer(seq)}});
    for (int i = int(rng() % 200); i > 0; --i) {
        NodeId p = w->create_node({}, {{pk, Value::string(std::string(rng() % 300, 'p'))}});
        w->create_rel(n, p, next, {});
    }
    if (seq % 5 == 0) {
        auto c = w->scan_nodes();
        NodeId m;
        for (int deleted = 0; deleted < 20 && c.next(m);) {
            if (!w->node_labels(m).empty()) continue;
            auto e = w->expand(m, Direction::Both);
            AdjEntry ae;
            std::vector<RelId> rs;
            while (e.next(ae)) rs.push_back(ae.rel);
            for (RelId r : rs) w->delete_rel(r);
            w->delete_node(m);
            ++deleted;
        }
    }
    s.commit(*w);
}

inline std::vector<int64_t> tx_seqs(GraphStore& s) {
    std::vector<int64_t> seqs;
    auto r = s.begin_read();
    if (auto tx = r->find_label("Tx")) {
        auto k = r->find_property_key("seq");
        auto c = r->scan_label(*tx);
        NodeId n;
        while (c.next(n)) seqs.push_back(r->node_property(n, *k).as_int());
    }
    return seqs;
}

}  // namespace quiver::storage::crash_test
