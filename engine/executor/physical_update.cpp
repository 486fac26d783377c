// CREATE, SET, REMOVE, DELETE operators and their update counters (Neo4j's rules).
#include "executor/physical_update.h"

#include <fmt/format.h>

#include <algorithm>

#include "executor/expression_evaluator.h"
#include "storage/graph/graph_txn.h"

namespace quiver::executor {

namespace {

[[noreturn]] void property_type_error(const Value& v) {
    throw QuiverError(std::string(status::TypeError),
                      fmt::format("Property values can only be of primitive types or arrays thereof, "
                                  "got {}",
                                  kind_name(v.kind())),
                      "InvalidPropertyType", ErrorPhase::Runtime);
}

void check_storable(const Value& v) {
    switch (v.kind()) {
        case ValueKind::Map:
        case ValueKind::Node:
        case ValueKind::Relationship:
        case ValueKind::Path: property_type_error(v);
        case ValueKind::List: {
            ValueKind first = ValueKind::Null;
            for (const auto& item : v.as_list()) {
                if (item.is_null() || item.is_list() || item.is_map() || item.is_node() ||
                    item.is_rel() || item.is_path())
                    property_type_error(item);
                ValueKind k = item.kind() == ValueKind::Int || item.kind() == ValueKind::Float
                                  ? ValueKind::Float
                                  : item.kind();
                if (first == ValueKind::Null) first = k;
                else if (first != k)
                    throw QuiverError(std::string(status::TypeError),
                                      "Collections containing mixed types can not be stored in "
                                      "properties",
                                      "InvalidPropertyType", ErrorPhase::Runtime);
            }
            return;
        }
        default: return;
    }
}

// Evaluates an inline property map / parameter into a store property list (nulls skipped).
storage::PropertyList property_list(ExecutionContext& ctx, const binder::BoundExpression* e,
                                    Row& row) {
    storage::PropertyList out;
    if (!e) return out;
    Value m = evaluate(*e, row, ctx);
    if (m.is_null()) return out;
    if (!m.is_map())
        throw QuiverError(std::string(status::TypeError),
                          fmt::format("Expected a map of properties but was {}", kind_name(m.kind())),
                          "InvalidArgumentType", ErrorPhase::Runtime);
    for (const auto& [k, v] : m.as_map()) {
        if (v.is_null()) continue;
        check_storable(v);
        out.emplace_back(ctx.txn->property_key(k), v);
    }
    return out;
}

// Properties of a map, node or relationship value as (name, value) pairs.
ValueMap properties_of(ExecutionContext& ctx, const Value& v) {
    if (v.is_map()) return v.as_map();
    ValueMap out;
    storage::PropertyList props;
    if (v.is_node()) props = ctx.txn->node_properties(v.node_id());
    else if (v.is_rel()) props = ctx.txn->rel_properties(v.rel_id());
    else
        throw QuiverError(std::string(status::TypeError),
                          fmt::format("Expected a map but was {}", kind_name(v.kind())),
                          "InvalidArgumentType", ErrorPhase::Runtime);
    for (auto& [k, val] : props) out.emplace_back(ctx.txn->property_key_name(k), std::move(val));
    return out;
}

[[noreturn]] void not_entity(const Value& v) {
    throw QuiverError(std::string(status::TypeError),
                      fmt::format("Expected a node or relationship but was {}", kind_name(v.kind())),
                      "InvalidArgumentType", ErrorPhase::Runtime);
}

void check_alive(ExecutionContext& ctx, const Value& target) {
    if (target.is_node() && ctx.deleted_nodes.count(target.node_id()))
        throw QuiverError(std::string(status::EntityNotFound),
                          fmt::format("Node with id {} has been deleted in this transaction",
                                      target.node_id()),
                          "DeletedEntityAccess", ErrorPhase::Runtime);
    if (target.is_rel() && ctx.deleted_rels.count(target.rel_id()))
        throw QuiverError(std::string(status::EntityNotFound),
                          fmt::format("Relationship with id {} has been deleted in this transaction",
                                      target.rel_id()),
                          "DeletedEntityAccess", ErrorPhase::Runtime);
}

// The write transaction's own state grows with every record and property it writes; that
// memory is tracked until the transaction ends (the tracker dies with the transaction).
void track_written(ExecutionContext& ctx, const storage::PropertyList& props) {
    uint64_t n = 64;  // the record
    for (const auto& [k, v] : props) n += 8 + value_bytes(v);
    ctx.memory()->allocate(n);
}

// Sets (or with null removes) one property; counts like Neo4j: a set always counts, a removal
// counts when the property existed.
void set_property(ExecutionContext& ctx, const Value& target, const std::string& key,
                  const Value& v) {
    if (target.is_null()) return;
    if (!target.is_node() && !target.is_rel()) not_entity(target);
    check_alive(ctx, target);
    if (v.is_null()) {
        auto tok = ctx.txn->find_property_key(key);
        if (!tok) return;
        bool changed = target.is_node() ? ctx.txn->set_node_property(target.node_id(), *tok, v)
                                        : ctx.txn->set_rel_property(target.rel_id(), *tok, v);
        if (changed) ++ctx.stats.properties_set;
        return;
    }
    check_storable(v);
    auto tok = ctx.txn->property_key(key);
    if (target.is_node()) ctx.txn->set_node_property(target.node_id(), tok, v);
    else ctx.txn->set_rel_property(target.rel_id(), tok, v);
    ctx.memory()->allocate(8 + value_bytes(v));
    ++ctx.stats.properties_set;
}

}  // namespace

bool PhysicalCreate::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    if (!pull(ctx, st, row)) return false;
    for (const auto& n : op_.nodes) {
        if (!n.is_new) {
            const Value& v = row[n.var];
            if (!v.is_node())
                throw QuiverError(std::string(status::TypeError),
                                  "Failed to create relationship: a node variable is null",
                                  "InvalidArgumentType", ErrorPhase::Runtime);
            continue;
        }
        std::vector<storage::TokenId> labels;
        for (const auto& l : n.labels) {
            auto tok = ctx.txn->label(l);
            if (std::find(labels.begin(), labels.end(), tok) == labels.end()) labels.push_back(tok);
        }
        auto props = property_list(ctx, n.properties.get(), row);
        auto id = ctx.txn->create_node(labels, props);
        track_written(ctx, props);
        row[n.var] = Value::node_ref(id);
        ++ctx.stats.nodes_created;
        ctx.stats.labels_added += int64_t(labels.size());
        ctx.stats.properties_set += int64_t(props.size());
    }
    for (const auto& r : op_.rels) {
        const Value& a = row[r.from];
        const Value& b = row[r.to];
        if (!a.is_node() || !b.is_node())
            throw QuiverError(std::string(status::TypeError),
                              "Failed to create relationship, because an end node is missing (null)",
                              "InvalidArgumentType", ErrorPhase::Runtime);
        check_alive(ctx, a);
        check_alive(ctx, b);
        auto props = property_list(ctx, r.properties.get(), row);
        auto id = ctx.txn->create_rel(a.node_id(), b.node_id(), ctx.txn->rel_type(r.type), props);
        track_written(ctx, props);
        row[r.var] = Value::rel_ref(id);
        ++ctx.stats.relationships_created;
        ctx.stats.properties_set += int64_t(props.size());
    }
    for (const auto& [pv, seq] : op_.paths) {
        auto* p = new PathObj();
        for (size_t i = 0; i < seq.size(); ++i) (i % 2 ? p->rels : p->nodes).push_back(row[seq[i]]);
        row[pv] = Value::path(p);
    }
    return true;
}

bool PhysicalSet::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    if (!pull(ctx, st, row)) return false;
    for (const auto& it : op_.items) {
        Value target = evaluate(*it.target, row, ctx);
        switch (it.kind) {
            case binder::BoundSetKind::Property:
                if (target.is_map())
                    throw QuiverError(std::string(status::TypeError),
                                      "Type mismatch: expected Node or Relationship but was Map",
                                      "InvalidArgumentType", ErrorPhase::Runtime);
                set_property(ctx, target, it.key, evaluate(*it.value, row, ctx));
                break;
            case binder::BoundSetKind::ReplaceProperties:
            case binder::BoundSetKind::MergeProperties: {
                if (target.is_null()) break;
                if (!target.is_node() && !target.is_rel()) not_entity(target);
                check_alive(ctx, target);
                Value v = evaluate(*it.value, row, ctx);
                if (v.is_null() && it.kind == binder::BoundSetKind::MergeProperties) break;
                ValueMap props = v.is_null() ? ValueMap{} : properties_of(ctx, v);
                if (it.kind == binder::BoundSetKind::ReplaceProperties) {
                    for (const auto& [k, old] : properties_of(ctx, target)) {
                        bool kept = false;
                        for (const auto& [nk, nv] : props)
                            if (nk == k && !nv.is_null()) kept = true;
                        if (!kept) set_property(ctx, target, k, Value());
                    }
                }
                for (const auto& [k, nv] : props) set_property(ctx, target, k, nv);
                break;
            }
            case binder::BoundSetKind::Labels: {
                if (target.is_null()) break;
                if (!target.is_node())
                    throw QuiverError(std::string(status::TypeError),
                                      fmt::format("Expected a node but was {}", kind_name(target.kind())),
                                      "InvalidArgumentType", ErrorPhase::Runtime);
                check_alive(ctx, target);
                for (const auto& l : it.labels)
                    if (ctx.txn->add_label(target.node_id(), ctx.txn->label(l))) ++ctx.stats.labels_added;
                break;
            }
        }
    }
    return true;
}

bool PhysicalRemove::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    if (!pull(ctx, st, row)) return false;
    for (const auto& it : op_.items) {
        Value target = evaluate(*it.target, row, ctx);
        if (target.is_null()) continue;
        if (it.labels.empty()) {
            set_property(ctx, target, it.key, Value());
            continue;
        }
        if (!target.is_node())
            throw QuiverError(std::string(status::TypeError),
                              fmt::format("Expected a node but was {}", kind_name(target.kind())),
                              "InvalidArgumentType", ErrorPhase::Runtime);
        check_alive(ctx, target);
        for (const auto& l : it.labels) {
            auto tok = ctx.txn->find_label(l);
            if (tok && ctx.txn->remove_label(target.node_id(), *tok)) ++ctx.stats.labels_removed;
        }
    }
    return true;
}

namespace {

void delete_rel(ExecutionContext& ctx, int64_t id) {
    if (ctx.deleted_rels.count(id)) return;
    ctx.deleted_info.rel_types[id] = ctx.txn->rel_type_name(ctx.txn->rel(id).type);
    ctx.txn->delete_rel(id);
    ctx.deleted_rels.insert(id);
    ++ctx.stats.relationships_deleted;
}

void delete_node_now(ExecutionContext& ctx, int64_t id) {
    auto& labels = ctx.deleted_info.node_labels[id];
    for (auto t : ctx.txn->node_labels(id)) labels.push_back(ctx.txn->label_name(t));
    ctx.txn->delete_node(id);
    ctx.deleted_nodes.insert(id);
    ++ctx.stats.nodes_deleted;
}

void delete_node(ExecutionContext& ctx, int64_t id, bool detach) {
    if (ctx.deleted_nodes.count(id)) return;
    if (detach) {
        std::vector<int64_t> rels;
        auto cur = ctx.txn->expand(id, storage::Direction::Both);
        storage::AdjEntry e;
        while (cur.next(e)) rels.push_back(e.rel);
        for (auto r : rels) delete_rel(ctx, r);
    }
    if (ctx.txn->degree(id, storage::Direction::Both) > 0) {
        ctx.pending_node_deletes.push_back(id);
        return;
    }
    delete_node_now(ctx, id);
}

}  // namespace

void PhysicalDelete::delete_value(ExecutionContext& ctx, const Value& v) const {
    switch (v.kind()) {
        case ValueKind::Null: return;
        case ValueKind::Node: delete_node(ctx, v.node_id(), op_.detach); return;
        case ValueKind::Relationship: delete_rel(ctx, v.rel_id()); return;
        case ValueKind::Path:
            for (const auto& r : v.as_path().rels) delete_rel(ctx, r.rel_id());
            for (const auto& n : v.as_path().nodes) delete_node(ctx, n.node_id(), op_.detach);
            return;
        default:
            throw QuiverError(std::string(status::TypeError),
                              fmt::format("Type mismatch: expected Node, Path or Relationship but "
                                          "was {}",
                                          kind_name(v.kind())),
                              "InvalidArgumentType", ErrorPhase::Runtime);
    }
}

bool PhysicalDelete::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    if (!pull(ctx, st, row)) return false;
    for (const auto& t : op_.targets) delete_value(ctx, evaluate(*t, row, ctx));
    return true;
}

void finish_statement(ExecutionContext& ctx) {
    for (int64_t id : ctx.pending_node_deletes) {
        if (ctx.deleted_nodes.count(id)) continue;
        if (ctx.txn->degree(id, storage::Direction::Both) > 0)
            throw QuiverError(std::string(status::ConstraintValidationFailed),
                              fmt::format("Cannot delete node<{}>, because it still has "
                                          "relationships. To delete this node, you must first "
                                          "delete its relationships.",
                                          id),
                              "DeleteConnectedNode", ErrorPhase::Runtime);
        delete_node_now(ctx, id);
    }
    ctx.pending_node_deletes.clear();
}

}  // namespace quiver::executor
