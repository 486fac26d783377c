// CREATE, SET, REMOVE and DELETE binding.
#include <fmt/format.h>

#include <algorithm>

#include "binder/binder_internal.h"

namespace quiver::binder {

namespace {

void check_entity_target(const BoundExpression& e, bool allow_rel, const char* what) {
    switch (e.type) {
        case StaticType::Any:
        case StaticType::Null:
        case StaticType::Node:
        case StaticType::Map: return;
        case StaticType::Relationship:
            if (allow_rel) return;
            [[fallthrough]];
        default:
            semantic_error("InvalidArgumentType",
                           fmt::format("Type mismatch: expected Node{} but was {} in {}",
                                       allow_rel ? " or Relationship" : "", static_type_name(e.type),
                                       what),
                           e.pos);
    }
}

}  // namespace

void Binder::bind_create(const parser::ParsedCreateClause& c) {
    auto cr = std::make_unique<BoundCreateClause>();
    out_.has_updates = true;
    ExprContext ctx;
    ctx.clause = "CREATE";
    std::vector<VarId> created_here;
    auto node = [&](const parser::ParsedNodePattern& n) -> VarId {
        if (n.where) not_supported("Inline WHERE in CREATE", n.where->pos);
        if (n.label_expr)
            semantic_error("InvalidLabelExpression",
                           "Label expressions in patterns are not allowed in a CREATE clause, but "
                           "only in a MATCH clause and in expressions",
                           n.pos);
        if (!n.variable.empty()) {
            if (const VarId* found = scope_.find(n.variable)) {
                const auto& vi = info(*found);
                bool node_like = vi.kind == VarKind::Node ||
                                 (vi.kind == VarKind::Value && vi.type == StaticType::Any);
                if (!node_like)
                    semantic_error("VariableTypeConflict",
                                   fmt::format("Type mismatch: `{}` defined with conflicting type "
                                               "(expected Node)",
                                               n.variable),
                                   n.pos);
                if (!n.labels.empty() || n.properties)
                    semantic_error("VariableAlreadyBound",
                                   fmt::format("Can't create node `{}` with labels or properties "
                                               "here. The variable is already declared in this "
                                               "context",
                                               n.variable),
                                   n.pos);
                bool new_here = std::find(created_here.begin(), created_here.end(), *found) !=
                                created_here.end();
                if (!new_here) {
                    BoundCreateNode bn;
                    bn.var = *found;
                    bn.is_new = false;
                    cr->nodes.push_back(std::move(bn));
                }
                return *found;
            }
        }
        BoundCreateNode bn;
        bn.var = new_var(n.variable, VarKind::Node, StaticType::Node);
        bn.labels = n.labels;
        if (n.properties) bn.properties = bind_expr(*n.properties, ctx);
        if (!n.variable.empty()) scope_.add(n.variable, bn.var);
        created_here.push_back(bn.var);
        VarId v = bn.var;
        cr->nodes.push_back(std::move(bn));
        return v;
    };
    for (const auto& part : c.pattern) {
        if (!part.path_function.empty())
            semantic_error("InvalidArgumentType", "shortestPath cannot be used in CREATE", part.pos);
        const auto& first = part.nodes[0];
        if (part.rels.empty() && !first.variable.empty() && scope_.find(first.variable))
            semantic_error("VariableAlreadyBound",
                           fmt::format("Variable `{}` already declared", first.variable), first.pos);
        std::vector<VarId> seq;
        VarId prev = node(part.nodes[0]);
        seq.push_back(prev);
        for (size_t i = 0; i < part.rels.size(); ++i) {
            const auto& r = part.rels[i];
            VarId next = node(part.nodes[i + 1]);
            if (!r.variable.empty() && scope_.find(r.variable))
                semantic_error("VariableAlreadyBound",
                               fmt::format("Can't create relationship `{}`: the variable is already "
                                           "declared in this context",
                                           r.variable),
                               r.pos);
            if (r.var_length)
                semantic_error("CreatingVarLength",
                               "Variable length relationships cannot be used in CREATE", r.pos);
            if (r.types.size() != 1)
                semantic_error("NoSingleRelationshipType",
                               "A single relationship type must be specified for CREATE", r.pos);
            if (r.direction == parser::PatternDirection::Both)
                semantic_error("RequiresDirectedRelationship",
                               "Only directed relationships are supported in CREATE", r.pos);
            if (r.where) not_supported("Inline WHERE in CREATE", r.where->pos);
            BoundCreateRel br;
            br.var = new_var(r.variable, VarKind::Relationship, StaticType::Relationship);
            if (!r.variable.empty()) scope_.add(r.variable, br.var);
            bool right = r.direction == parser::PatternDirection::Right;
            br.from = right ? prev : next;
            br.to = right ? next : prev;
            br.type = r.types[0];
            if (r.properties) br.properties = bind_expr(*r.properties, ctx);
            seq.push_back(br.var);
            seq.push_back(next);
            cr->rels.push_back(std::move(br));
            prev = next;
        }
        if (!part.path_variable.empty()) {
            if (scope_.find(part.path_variable))
                semantic_error("VariableAlreadyBound",
                               fmt::format("Variable `{}` already declared", part.path_variable),
                               part.pos);
            VarId pv = new_var(part.path_variable, VarKind::Path, StaticType::Path);
            scope_.add(part.path_variable, pv);
            cr->paths.emplace_back(pv, std::move(seq));
        }
    }
    out_.clauses.push_back(std::move(cr));
}

void Binder::bind_set(const parser::ParsedSetClause& c) {
    out_.has_updates = true;
    out_.clauses.push_back(bind_set_items(c.items));
}

std::unique_ptr<BoundSetClause> Binder::bind_set_items(
    const std::vector<parser::ParsedSetItem>& items) {
    auto s = std::make_unique<BoundSetClause>();
    ExprContext ctx;
    ctx.clause = "SET";
    for (const auto& item : items) {
        BoundSetItem b;
        switch (item.kind) {
            case parser::ParsedSetKind::Property:
                b.kind = BoundSetKind::Property;
                b.target = bind_expr(*item.target->children[0], ctx);
                b.key = item.target->name;
                check_entity_target(*b.target, true, "SET");
                b.value = bind_expr(*item.value, ctx);
                break;
            case parser::ParsedSetKind::ReplaceProperties:
            case parser::ParsedSetKind::MergeProperties:
                b.kind = item.kind == parser::ParsedSetKind::ReplaceProperties
                             ? BoundSetKind::ReplaceProperties
                             : BoundSetKind::MergeProperties;
                b.target = bind_expr(*item.target, ctx);
                check_entity_target(*b.target, true, "SET");
                b.value = bind_expr(*item.value, ctx);
                break;
            case parser::ParsedSetKind::Labels:
                b.kind = BoundSetKind::Labels;
                b.target = bind_expr(*item.target, ctx);
                check_entity_target(*b.target, false, "SET");
                b.labels = item.labels;
                break;
        }
        s->items.push_back(std::move(b));
    }
    return s;
}

void Binder::bind_remove(const parser::ParsedRemoveClause& c) {
    auto r = std::make_unique<BoundRemoveClause>();
    out_.has_updates = true;
    ExprContext ctx;
    ctx.clause = "REMOVE";
    for (const auto& item : c.items) {
        BoundRemoveItem b;
        if (!item.labels.empty()) {
            b.target = bind_expr(*item.target, ctx);
            check_entity_target(*b.target, false, "REMOVE");
            b.labels = item.labels;
        } else {
            b.target = bind_expr(*item.target->children[0], ctx);
            check_entity_target(*b.target, true, "REMOVE");
            b.key = item.target->name;
        }
        r->items.push_back(std::move(b));
    }
    out_.clauses.push_back(std::move(r));
}

void Binder::bind_delete(const parser::ParsedDeleteClause& c) {
    auto d = std::make_unique<BoundDeleteClause>();
    out_.has_updates = true;
    d->detach = c.detach;
    ExprContext ctx;
    ctx.clause = "DELETE";
    for (const auto& t : c.targets) {
        if (t->kind == parser::ParsedExprKind::LabelCheck)
            semantic_error("InvalidDelete",
                           "Invalid input: DELETE expects nodes, relationships or paths; use REMOVE "
                           "to remove labels",
                           t->pos);
        auto b = bind_expr(*t, ctx);
        switch (b->type) {
            case StaticType::Any:
            case StaticType::Null:
            case StaticType::Node:
            case StaticType::Relationship:
            case StaticType::Path: break;
            default:
                semantic_error("InvalidArgumentType",
                               fmt::format("Type mismatch: expected Node, Path or Relationship but "
                                           "was {}",
                                           static_type_name(b->type)),
                               b->pos);
        }
        d->targets.push_back(std::move(b));
    }
    out_.clauses.push_back(std::move(d));
}

}  // namespace quiver::binder
