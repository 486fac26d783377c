// Planner hints of a MATCH clause (USING INDEX / USING SCAN / USING JOIN ON): the hinted
// variable must be a node or relationship of this clause's pattern with the hinted label or
// type, and an index hint needs a predicate an index can answer (Neo4j 5's semantic checks).
// The planner (planner/plan_match.cpp) honours what is bound here.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "binder/binder_internal.h"
#include "function/function.h"

namespace quiver::binder {

namespace {

// `var.key` → key; nullptr otherwise.
const std::string* hinted_property(const BoundExpression& e, VarId var) {
    if (e.kind != BoundExprKind::Property || e.children.size() != 1) return nullptr;
    const auto& o = *e.children[0];
    return o.kind == BoundExprKind::Variable && o.var == var ? &e.name : nullptr;
}

bool mentions(const BoundExpression& e, VarId var) {
    std::vector<VarId> vs;
    e.collect_variables(vs);
    return std::find(vs.begin(), vs.end(), var) != vs.end();
}

bool is_named_call(const BoundExpression& e, const char* name) {
    if (e.kind != BoundExprKind::ScalarCall || !e.scalar) return false;
    std::string a = e.scalar->name, b = name;
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

// A WHERE conjunct an index on var.key can answer: equality, IN, a range comparison, STARTS
// WITH / ENDS WITH / CONTAINS, IS NOT NULL, point.distance(...) < d or point.withinBBox(...),
// compared with a value that does not depend on the variable itself.
bool indexable(const BoundExpression& p, VarId var, const std::string& key) {
    if (p.kind == BoundExprKind::IsNotNull && p.children.size() == 1) {
        const std::string* k = hinted_property(*p.children[0], var);
        return k && *k == key;
    }
    if (p.kind == BoundExprKind::ScalarCall && is_named_call(p, "point.withinBBox") &&
        p.children.size() == 3) {
        const std::string* k = hinted_property(*p.children[0], var);
        return k && *k == key && !mentions(*p.children[1], var) && !mentions(*p.children[2], var);
    }
    if (p.kind != BoundExprKind::Binary || p.children.size() != 2) return false;
    using parser::BinaryOp;
    if (p.op == BinaryOp::Or)  // a top-level OR whose every side the index answers
        return indexable(*p.children[0], var, key) && indexable(*p.children[1], var, key);
    switch (p.op) {
        case BinaryOp::Eq:
        case BinaryOp::In:
        case BinaryOp::Lt:
        case BinaryOp::Le:
        case BinaryOp::Gt:
        case BinaryOp::Ge:
        case BinaryOp::StartsWith:
        case BinaryOp::EndsWith:
        case BinaryOp::Contains: break;
        default: return false;
    }
    bool symmetric = p.op != BinaryOp::In && p.op != BinaryOp::StartsWith &&
                     p.op != BinaryOp::EndsWith && p.op != BinaryOp::Contains;
    for (int side = 0; side < (symmetric ? 2 : 1); ++side) {
        const auto& a = *p.children[side];
        const auto& b = *p.children[1 - side];
        if (mentions(b, var)) continue;
        const std::string* k = hinted_property(a, var);
        if (k && *k == key) return true;
        if ((p.op == BinaryOp::Lt || p.op == BinaryOp::Le) && is_named_call(a, "point.distance") &&
            a.children.size() == 2)
            for (int s = 0; s < 2; ++s) {
                const std::string* pk = hinted_property(*a.children[s], var);
                if (pk && *pk == key && !mentions(*a.children[1 - s], var)) return true;
            }
    }
    return false;
}

// `var:Label` (possibly with more labels) among the WHERE conjuncts.
bool label_tested(const std::vector<BoundExprPtr>& preds, VarId var, const std::string& label) {
    for (const auto& p : preds)
        if (p->kind == BoundExprKind::LabelCheck && p->children.size() == 1 &&
            p->children[0]->kind == BoundExprKind::Variable && p->children[0]->var == var &&
            std::find(p->keys.begin(), p->keys.end(), label) != p->keys.end())
            return true;
    return false;
}

bool map_has_key(const BoundExprPtr& props, const std::string& key) {
    return props && props->kind == BoundExprKind::Map &&
           std::find(props->keys.begin(), props->keys.end(), key) != props->keys.end();
}

[[noreturn]] void hint_context_error(const parser::ParsedHint& h) {
    if (h.kind == parser::ParsedHintKind::Scan)
        semantic_error("*",
                       fmt::format("Cannot use label scan hint in this context. Label scan hints "
                                   "require using a simple label test in MATCH. Note that the "
                                   "label must be specified on a non-optional node (hint: `{}`)",
                                   h.text),
                       h.pos);
    semantic_error("*",
                   fmt::format("Cannot use index hint `{}` in this context: Index hints are only "
                               "supported for the following predicates in WHERE (either directly "
                               "or as part of a top-level AND or OR): equality comparison, inequality "
                               "(range) comparison, STARTS WITH, IN condition or checking property "
                               "existence. The comparison cannot be performed between two property "
                               "values. Note that the label and property comparison must be "
                               "specified on a non-optional node",
                               h.text),
                   h.pos);
}

}  // namespace

void Binder::bind_hints(const std::vector<parser::ParsedHint>& hints, BoundMatchClause& m) {
    for (const auto& h : hints) {
        if (h.kind == parser::ParsedHintKind::Join) {
            // Accepted and checked; the planner joins on its own terms (docs/conformance.md).
            for (size_t k = 0; k < h.join_variables.size(); ++k)
                if (!scope_.find(h.join_variables[k]))
                    semantic_error("UndefinedVariable",
                                   fmt::format("Variable `{}` not defined", h.join_variables[k]),
                                   h.join_positions[k]);
            continue;
        }
        const VarId* found = scope_.find(h.variable);
        if (!found)
            semantic_error("UndefinedVariable", fmt::format("Variable `{}` not defined", h.variable),
                           h.pos);
        BoundHint b;
        b.kind = h.kind == parser::ParsedHintKind::Scan ? HintKind::Scan : HintKind::Index;
        b.var = *found;
        b.label = h.label;
        b.properties = h.properties;
        b.index_type = h.index_type;
        b.text = h.text;
        b.pos = h.pos;
        // The variable must be introduced by this MATCH with the hinted label / type.
        bool earlier = std::find(m.bound_before.begin(), m.bound_before.end(), b.var) !=
                       m.bound_before.end();
        const BoundExprPtr* props = nullptr;
        bool labelled = false;
        for (const auto& part : m.parts) {
            for (const auto& n : part.nodes)
                if (n.var == b.var) {
                    props = &n.properties;
                    if (std::find(n.labels.begin(), n.labels.end(), h.label) != n.labels.end() ||
                        label_tested(m.predicates, b.var, h.label))
                        labelled = true;
                }
            for (const auto& r : part.rels)
                if (r.var == b.var && !r.var_length && r.types.size() == 1 && r.types[0] == h.label) {
                    labelled = true;
                    b.relationship = true;
                    props = &r.properties;
                }
        }
        if (earlier || !labelled) hint_context_error(h);
        if (b.kind == HintKind::Index) {
            for (const auto& key : h.properties) {
                bool ok = map_has_key(*props, key);
                for (const auto& p : m.predicates)
                    if (!ok && indexable(*p, b.var, key)) ok = true;
                if (!ok) hint_context_error(h);
            }
        }
        m.hints.push_back(std::move(b));
    }
}

}  // namespace quiver::binder
