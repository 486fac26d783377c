#include "main/store_statistics.h"

#include "storage/graph/graph_txn.h"

namespace quiver::main {

double read_count(const CountRead& c, storage::GraphTxn& txn) {
    switch (c.kind) {
        case CountRead::Kind::Nodes: return double(txn.node_count());
        case CountRead::Kind::Rels: return double(txn.rel_count());
        case CountRead::Kind::Label: {
            auto t = txn.find_label(c.name);
            return t ? double(txn.node_count(*t)) : 0.0;
        }
        case CountRead::Kind::RelType: {
            auto t = txn.find_rel_type(c.name);
            return t ? double(txn.rel_count(*t)) : 0.0;
        }
    }
    return 0;
}

double StoreStatistics::count(CountRead::Kind kind, const std::string& name) const {
    for (const auto& r : reads_)
        if (r.kind == kind && r.name == name) return r.value;
    CountRead r{kind, name, 0};
    r.value = read_count(r, txn_);
    reads_.push_back(r);
    return r.value;
}

double StoreStatistics::node_count() const { return count(CountRead::Kind::Nodes, {}); }
double StoreStatistics::label_count(const std::string& label) const {
    return count(CountRead::Kind::Label, label);
}
double StoreStatistics::rel_count() const { return count(CountRead::Kind::Rels, {}); }
double StoreStatistics::rel_type_count(const std::string& type) const {
    return count(CountRead::Kind::RelType, type);
}

std::vector<planner::IndexStatistics> StoreStatistics::indexes() const {
    std::vector<planner::IndexStatistics> out;
    for (const auto& ix : txn_.indexes()) {
        if (ix.relationship) continue;  // relationship seeks: has_rel_index
        planner::IndexStatistics s;
        s.name = ix.name;
        s.type = ix.kind == storage::IndexKind::Text    ? "TEXT"
                 : ix.kind == storage::IndexKind::Point ? "POINT"
                                                        : "RANGE";
        s.label = txn_.label_name(ix.entity);
        if (ix.keys.size() == 1)
            s.property = txn_.property_key_name(ix.keys[0]);
        else
            for (auto k : ix.keys) s.keys.push_back(txn_.property_key_name(k));
        s.entries = double(ix.entries);
        out.push_back(std::move(s));
    }
    return out;
}

double StoreStatistics::index_rows_per_value(const std::string& index) const {
    return txn_.index_rows_per_value(index);
}

bool StoreStatistics::has_rel_index(const std::string& type, const std::string& key) const {
    auto t = txn_.find_rel_type(type);
    auto k = txn_.find_property_key(key);
    if (!t || !k) return false;
    for (const auto& ix : txn_.indexes())
        if (ix.relationship && ix.kind == storage::IndexKind::Range && ix.entity == *t &&
            ix.keys.size() == 1 && ix.keys[0] == *k)
            return true;
    return false;
}

}  // namespace quiver::main
