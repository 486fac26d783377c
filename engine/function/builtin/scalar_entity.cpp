// Entity functions: id, elementId, labels, type, keys, properties, startNode, endNode.
#include <fmt/format.h>

#include <algorithm>

#include "base/error.h"
#include "function/builtin/builtins.h"
#include "storage/graph/graph_txn.h"

namespace quiver::function::builtin {

namespace {

Value fn_id(const Value* a, size_t, FunctionContext&) {
    if (a[0].is_null()) return Value();
    if (a[0].is_node()) return Value::integer(a[0].node_id());
    if (a[0].is_rel()) return Value::integer(a[0].rel_id());
    bad_type("id", a[0], "NODE or RELATIONSHIP");
}

Value fn_element_id(const Value* a, size_t, FunctionContext& ctx) {
    if (a[0].is_null()) return Value();
    if (a[0].is_node()) return Value::string(ctx.txn->node_element_id(a[0].node_id()));
    if (a[0].is_rel()) return Value::string(ctx.txn->rel_element_id(a[0].rel_id()));
    bad_type("elementId", a[0], "NODE or RELATIONSHIP");
}

Value fn_labels(const Value* a, size_t, FunctionContext& ctx) {
    if (a[0].is_null()) return Value();
    if (!a[0].is_node()) bad_argument("labels", a[0], "NODE");
    ValueList out;
    if (ctx.deleted && ctx.deleted->node_labels.count(a[0].node_id()))
        throw QuiverError(std::string(status::EntityNotFound),
                          fmt::format("Node with id {} has been deleted in this transaction",
                                      a[0].node_id()),
                          "DeletedEntityAccess", ErrorPhase::Runtime);
    for (auto t : ctx.txn->node_labels(a[0].node_id()))
        out.push_back(Value::string(ctx.txn->label_name(t)));
    return Value::list(std::move(out));
}

Value fn_type(const Value* a, size_t, FunctionContext& ctx) {
    if (a[0].is_null()) return Value();
    if (!a[0].is_rel()) bad_argument("type", a[0], "RELATIONSHIP");
    if (ctx.deleted) {
        auto it = ctx.deleted->rel_types.find(a[0].rel_id());
        if (it != ctx.deleted->rel_types.end()) return Value::string(it->second);
    }
    return Value::string(ctx.txn->rel_type_name(ctx.txn->rel(a[0].rel_id()).type));
}

storage::PropertyList entity_props(const char* fn, const Value& v, FunctionContext& ctx) {
    if (v.is_node()) return ctx.txn->node_properties(v.node_id());
    if (v.is_rel()) return ctx.txn->rel_properties(v.rel_id());
    bad_type(fn, v, "MAP, NODE or RELATIONSHIP");
}

Value fn_keys(const Value* a, size_t, FunctionContext& ctx) {
    if (a[0].is_null()) return Value();
    ValueList out;
    if (a[0].is_map()) {
        for (const auto& [k, v] : a[0].as_map()) out.push_back(Value::string(k));
        return Value::list(std::move(out));
    }
    for (const auto& [k, v] : entity_props("keys", a[0], ctx))
        out.push_back(Value::string(ctx.txn->property_key_name(k)));
    return Value::list(std::move(out));
}

Value fn_properties(const Value* a, size_t, FunctionContext& ctx) {
    if (a[0].is_null()) return Value();
    if (a[0].is_map()) return a[0];
    ValueMap out;
    for (auto& [k, v] : entity_props("properties", a[0], ctx))
        out.emplace_back(ctx.txn->property_key_name(k), std::move(v));
    return Value::map(std::move(out));
}

Value fn_start_node(const Value* a, size_t, FunctionContext& ctx) {
    if (a[0].is_null()) return Value();
    if (!a[0].is_rel()) bad_type("startNode", a[0], "RELATIONSHIP");
    return Value::node_ref(ctx.txn->rel(a[0].rel_id()).start);
}

Value fn_end_node(const Value* a, size_t, FunctionContext& ctx) {
    if (a[0].is_null()) return Value();
    if (!a[0].is_rel()) bad_type("endNode", a[0], "RELATIONSHIP");
    return Value::node_ref(ctx.txn->rel(a[0].rel_id()).end);
}

const ScalarFunction kEntity[] = {
    {"id", 1, 1, fn_id, "The internal id of a node or relationship.", "id(n)"},
    {"elementId", 1, 1, fn_element_id, "The element id of a node or relationship.",
     "elementId(n)"},
    {"labels", 1, 1, fn_labels, "The labels of a node.", "labels(n)"},
    {"type", 1, 1, fn_type, "The type of a relationship.", "type(r)"},
    {"keys", 1, 1, fn_keys, "The property keys of a node, relationship or map.", "keys(n)"},
    {"properties", 1, 1, fn_properties, "The properties of a node or relationship as a map.",
     "properties(n)"},
    {"startNode", 1, 1, fn_start_node, "The start node of a relationship.", "startNode(r)"},
    {"endNode", 1, 1, fn_end_node, "The end node of a relationship.", "endNode(r)"},
};

}  // namespace

std::span<const ScalarFunction> entity_functions() { return kEntity; }

}  // namespace quiver::function::builtin
