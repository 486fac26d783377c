#include "planner/index_selection.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>

#include <fmt/format.h>

#include "base/error.h"
#include "function/function.h"
#include "planner/cardinality.h"

namespace quiver::planner {

using binder::BoundExprKind;
using parser::BinaryOp;

namespace {

// An expression the scan can evaluate once per input row: it does not mention the scanned
// node, every variable is bound already, and it is deterministic.
bool seekable(const BoundExpression& e, VarId var, const std::set<VarId>& bound) {
    switch (e.kind) {
        case BoundExprKind::Literal:
        case BoundExprKind::Parameter: return true;
        case BoundExprKind::Variable: return e.var != var && bound.count(e.var) > 0;
        case BoundExprKind::ScalarCall:
            if (!e.scalar || !e.scalar->deterministic) return false;
            break;
        case BoundExprKind::Property:
        case BoundExprKind::Index:
        case BoundExprKind::Binary:
        case BoundExprKind::Not:
        case BoundExprKind::Negate:
        case BoundExprKind::List:
        case BoundExprKind::Map:
        case BoundExprKind::IsNull:
        case BoundExprKind::IsNotNull: break;
        default: return false;
    }
    for (const auto& c : e.children)
        if (!seekable(*c, var, bound)) return false;
    return true;
}

// `var.key` → key; nullptr otherwise.
const std::string* property_of(const BoundExpression& e, VarId var) {
    if (e.kind != BoundExprKind::Property || e.children.size() != 1) return nullptr;
    const auto& o = *e.children[0];
    return o.kind == BoundExprKind::Variable && o.var == var ? &e.name : nullptr;
}

bool same_name(const char* a, const char* b) {
    size_t n = std::strlen(a);
    if (n != std::strlen(b)) return false;
    for (size_t i = 0; i < n; ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

bool is_call(const BoundExpression& e, const char* fname) {
    return e.kind == BoundExprKind::ScalarCall && e.scalar && same_name(e.scalar->name, fname);
}

// `f(var)` for f = id / elementId.
bool call_on_var(const BoundExpression& e, const char* fname, VarId var) {
    return is_call(e, fname) && e.children.size() == 1 &&
           e.children[0]->kind == BoundExprKind::Variable && e.children[0]->var == var;
}

BinaryOp flip(BinaryOp op) {
    switch (op) {
        case BinaryOp::Lt: return BinaryOp::Gt;
        case BinaryOp::Le: return BinaryOp::Ge;
        case BinaryOp::Gt: return BinaryOp::Lt;
        case BinaryOp::Ge: return BinaryOp::Le;
        default: return op;
    }
}

struct Candidate {
    NodeAccess access;
    const BoundExpression* used = nullptr;   // predicate the seek answers
    const BoundExpression* used2 = nullptr;  // second range bound
};

class Selector {
public:
    Selector(VarId var, const std::vector<std::string>& labels, const std::set<VarId>& bound,
             const std::vector<IndexStatistics>& indexes, const PlannerStatistics& stats)
        : var_(var), labels_(labels), bound_(bound), indexes_(indexes), stats_(stats) {}

    const IndexStatistics* find(const char* type, const std::string& prop) const {
        const IndexStatistics* best = nullptr;
        for (const auto& ix : indexes_) {
            if (ix.type != type || !ix.keys.empty() || ix.property != prop) continue;
            if (std::find(labels_.begin(), labels_.end(), ix.label) == labels_.end()) continue;
            if (!best || ix.entries < best->entries) best = &ix;
        }
        return best;
    }

    void index_candidate(const IndexStatistics& ix, SeekKind kind, double est,
                         const BoundExpression& arg, const BoundExpression* arg2,
                         const BoundExpression* used) {
        Candidate c;
        c.access.label = ix.label;
        c.access.estimate = est;
        c.access.seek.kind = kind;
        c.access.seek.index = ix.name;
        c.access.seek.index_type = ix.type;
        c.access.seek.property = ix.property;
        c.access.seek.arg = arg.clone();
        if (arg2) c.access.seek.arg2 = arg2->clone();
        c.used = used;
        out.push_back(std::move(c));
    }

    void id_candidate(SeekKind kind, double est, const BoundExpression& arg,
                      const BoundExpression* used) {
        Candidate c;
        c.access.estimate = est;
        c.access.seek.kind = kind;
        c.access.seek.arg = arg.clone();
        c.used = used;
        out.push_back(std::move(c));
    }

    void consider(const BoundExpression& p) {
        if (p.kind == BoundExprKind::ScalarCall && is_call(p, "point.withinBBox") &&
            p.children.size() == 3) {
            const std::string* prop = property_of(*p.children[0], var_);
            if (!prop || !seekable(*p.children[1], var_, bound_) ||
                !seekable(*p.children[2], var_, bound_))
                return;
            if (const auto* ix = find("POINT", *prop))
                index_candidate(*ix, SeekKind::PointBBox, ix->entries * cardinality::kSpatial,
                                *p.children[1], p.children[2].get(), &p);
            return;
        }
        if (p.kind != BoundExprKind::Binary || p.children.size() != 2) return;
        for (int side = 0; side < 2; ++side) {
            const auto& a = *p.children[side];
            const auto& b = *p.children[1 - side];
            if (!seekable(b, var_, bound_)) continue;
            BinaryOp op = side == 0 ? p.op : flip(p.op);
            if (side == 1 && (op == BinaryOp::In || op == BinaryOp::StartsWith ||
                              op == BinaryOp::EndsWith || op == BinaryOp::Contains))
                continue;  // not symmetric
            if (op == BinaryOp::Eq || op == BinaryOp::In) {
                bool in = op == BinaryOp::In;
                double n = in ? cardinality::list_size(b) : 1;
                if (call_on_var(a, "id", var_)) {
                    id_candidate(in ? SeekKind::ByIdIn : SeekKind::ById, n, b, &p);
                    continue;
                }
                if (call_on_var(a, "elementId", var_)) {
                    id_candidate(in ? SeekKind::ByElementIdIn : SeekKind::ByElementId, n, b, &p);
                    continue;
                }
                const std::string* prop = property_of(a, var_);
                if (!prop) continue;
                if (!in && !equalities_.count(*prop)) equalities_[*prop] = {&b, &p};
                for (const char* type : {"RANGE", "TEXT"}) {
                    if (const auto* ix = find(type, *prop)) {
                        index_candidate(*ix, in ? SeekKind::IndexIn : SeekKind::IndexEquals,
                                        n * cardinality::equality_rows(*ix, stats_), b,
                                        nullptr, &p);
                        break;
                    }
                }
                continue;
            }
            if (op == BinaryOp::StartsWith || op == BinaryOp::EndsWith || op == BinaryOp::Contains) {
                const std::string* prop = property_of(a, var_);
                if (!prop) continue;
                const IndexStatistics* ix = op == BinaryOp::StartsWith ? find("RANGE", *prop) : nullptr;
                if (!ix) ix = find("TEXT", *prop);
                if (!ix) continue;
                SeekKind k = op == BinaryOp::StartsWith ? SeekKind::IndexStartsWith
                             : op == BinaryOp::EndsWith ? SeekKind::IndexEndsWith
                                                        : SeekKind::IndexContains;
                index_candidate(*ix, k, ix->entries * cardinality::kStringMatch, b, nullptr, &p);
                continue;
            }
            if (op == BinaryOp::Lt || op == BinaryOp::Le || op == BinaryOp::Gt || op == BinaryOp::Ge) {
                // point.distance(var.p, x) < d
                if ((op == BinaryOp::Lt || op == BinaryOp::Le) && is_call(a, "point.distance") &&
                    a.children.size() == 2) {
                    for (int s = 0; s < 2; ++s) {
                        const std::string* prop = property_of(*a.children[s], var_);
                        if (!prop || !seekable(*a.children[1 - s], var_, bound_)) continue;
                        if (const auto* ix = find("POINT", *prop)) {
                            index_candidate(*ix, SeekKind::PointDistance,
                                            ix->entries * cardinality::kSpatial,
                                            *a.children[1 - s], &b, &p);
                            out.back().access.seek.hi_strict = op == BinaryOp::Lt;
                        }
                        break;
                    }
                    continue;
                }
                const std::string* prop = property_of(a, var_);
                if (!prop) continue;
                const auto* ix = find("RANGE", *prop);
                if (!ix) continue;
                Range& r = ranges_[*prop];
                r.ix = ix;
                bool lower = op == BinaryOp::Gt || op == BinaryOp::Ge;
                if (lower && !r.lo) {
                    r.lo = &b;
                    r.lo_pred = &p;
                    r.lo_strict = op == BinaryOp::Gt;
                } else if (!lower && !r.hi) {
                    r.hi = &b;
                    r.hi_pred = &p;
                    r.hi_strict = op == BinaryOp::Lt;
                }
            }
        }
    }

    void finish_ranges() {
        for (auto& [prop, r] : ranges_) {
            double sel = r.lo && r.hi ? cardinality::kBoundedRange : cardinality::kRange;
            Candidate c;
            c.access.label = r.ix->label;
            c.access.estimate = r.ix->entries * sel;
            NodeSeek& s = c.access.seek;
            s.kind = SeekKind::IndexRange;
            s.index = r.ix->name;
            s.index_type = r.ix->type;
            s.property = prop;
            if (r.lo) s.arg = r.lo->clone();
            if (r.hi) s.arg2 = r.hi->clone();
            s.lo_strict = r.lo_strict;
            s.hi_strict = r.hi_strict;
            c.used = r.lo ? r.lo_pred : r.hi_pred;
            c.used2 = r.lo && r.hi ? r.hi_pred : nullptr;
            out.push_back(std::move(c));
        }
    }

    // Composite range indexes on one of the labels whose every key has an equality.
    void finish_composites() {
        for (const auto& ix : indexes_) {
            if (ix.keys.empty() || ix.type != "RANGE") continue;
            if (std::find(labels_.begin(), labels_.end(), ix.label) == labels_.end()) continue;
            bool all = std::all_of(ix.keys.begin(), ix.keys.end(),
                                   [&](const std::string& k) { return equalities_.count(k) > 0; });
            if (!all) continue;
            Candidate c;
            c.access.label = ix.label;
            c.access.estimate = cardinality::equality_rows(ix, stats_);
            NodeSeek& s = c.access.seek;
            s.kind = SeekKind::IndexComposite;
            s.index = ix.name;
            s.index_type = ix.type;
            s.properties = ix.keys;
            for (const auto& k : ix.keys) s.args.push_back(equalities_[k].first->clone());
            c.used = equalities_[ix.keys[0]].second;
            out.push_back(std::move(c));
        }
    }

    std::vector<Candidate> out;

private:
    std::map<std::string, std::pair<const BoundExpression*, const BoundExpression*>> equalities_;
    struct Range {
        const IndexStatistics* ix = nullptr;
        const BoundExpression *lo = nullptr, *hi = nullptr, *lo_pred = nullptr, *hi_pred = nullptr;
        bool lo_strict = false, hi_strict = false;
    };
    VarId var_;
    const std::vector<std::string>& labels_;
    const std::set<VarId>& bound_;
    const std::vector<IndexStatistics>& indexes_;
    const PlannerStatistics& stats_;
    std::map<std::string, Range> ranges_;
};

}  // namespace

std::optional<RelIdSeek> choose_rel_id_seek(VarId rel,
                                            const std::vector<const BoundExpression*>& preds,
                                            const std::set<VarId>& bound) {
    for (const BoundExpression* p : preds) {
        if (p->kind != BoundExprKind::Binary || p->children.size() != 2) continue;
        if (p->op != BinaryOp::Eq && p->op != BinaryOp::In) continue;
        for (int side = 0; side < (p->op == BinaryOp::Eq ? 2 : 1); ++side) {
            const auto& a = *p->children[side];
            const auto& b = *p->children[1 - side];
            if (!call_on_var(a, "id", rel) || !seekable(b, rel, bound)) continue;
            RelIdSeek s;
            s.arg = b.clone();
            s.list = p->op == BinaryOp::In;
            s.estimate = s.list ? cardinality::list_size(b) : 1;
            return s;
        }
    }
    return std::nullopt;
}

std::vector<IndexStatistics> hinted_indexes(const binder::BoundHint& hint,
                                            const std::vector<IndexStatistics>& indexes) {
    std::vector<IndexStatistics> out;
    for (const auto& ix : indexes) {
        if (ix.label != hint.label) continue;
        if (!hint.index_type.empty() && ix.type != hint.index_type) continue;
        bool same = ix.keys.empty()
                        ? hint.properties.size() == 1 && hint.properties[0] == ix.property
                        : ix.keys == hint.properties;
        if (same) out.push_back(ix);
    }
    return out;
}

void throw_hinted_index_not_found(const binder::BoundHint& hint, const std::string& variable) {
    std::string keys;
    for (const auto& p : hint.properties)
        keys += (keys.empty() ? "" : ", ") + fmt::format("`{}`.`{}`", variable, p);
    std::string pattern = hint.relationship
                              ? fmt::format("()-[`{}`:`{}`]-()", variable, hint.label)
                              : fmt::format("(`{}`:`{}`)", variable, hint.label);
    std::string type = hint.index_type.empty() ? "" : hint.index_type + " ";
    throw QuiverError("Neo.ClientError.Schema.IndexNotFound",
                      fmt::format("No such index: {}INDEX FOR {} ON ({})", type, pattern, keys),
                      "*", ErrorPhase::CompileTime, hint.pos);
}

NodeAccess choose_node_access(VarId var, const std::vector<std::string>& labels,
                              const std::vector<const BoundExpression*>& preds,
                              const std::set<VarId>& bound, const PlannerStatistics& stats,
                              const std::vector<IndexStatistics>& all_indexes,
                              const binder::BoundHint* hint) {
    // The scan: the label with the fewest nodes, or all nodes (the hinted label for a scan hint).
    Candidate scan;
    scan.access.estimate = stats.node_count();
    for (size_t i = 0; i < labels.size(); ++i) {
        double c = stats.label_count(labels[i]);
        if (i == 0 || c < scan.access.estimate) {
            scan.access.estimate = c;
            scan.access.label = labels[i];
        }
    }
    if (hint && hint->kind == binder::HintKind::Scan &&
        std::find(labels.begin(), labels.end(), hint->label) != labels.end()) {
        scan.access.label = hint->label;
        scan.access.estimate = stats.label_count(hint->label);
    }
    // An index hint: only the hinted index is a candidate (the usual choice when it cannot seek).
    std::vector<IndexStatistics> only;
    bool index_hint = hint && hint->kind == binder::HintKind::Index;
    if (index_hint) only = hinted_indexes(*hint, all_indexes);
    const std::vector<IndexStatistics>& indexes = index_hint ? only : all_indexes;
    bool scan_hint = hint && hint->kind == binder::HintKind::Scan;
    Selector sel(var, labels, bound, indexes, stats);
    if (!scan_hint)
        for (const BoundExpression* p : preds) sel.consider(*p);
    sel.finish_ranges();
    sel.finish_composites();
    if (index_hint) {
        auto& c = sel.out;
        c.erase(std::remove_if(c.begin(), c.end(),
                               [](const Candidate& x) { return x.access.seek.kind >= SeekKind::ById; }),
                c.end());
        if (c.empty()) return choose_node_access(var, labels, preds, bound, stats, all_indexes);
    }
    Candidate* best = index_hint ? &sel.out[0] : &scan;
    for (auto& c : sel.out) {
        if (&c == best) continue;
        // id seeks keep a label to check: the scan's
        if (c.access.seek.kind >= SeekKind::ById) {
            c.access.label = scan.access.label;
            // never more rows than the scan would give
            c.access.estimate = std::min(c.access.estimate, scan.access.estimate);
        }
        // a seek is preferred to a scan of as many rows; among seeks the cheaper one
        bool better = best == &scan ? c.access.estimate <= best->access.estimate
                                    : c.access.estimate < best->access.estimate;
        if (better) best = &c;
    }
    NodeAccess out = std::move(best->access);
    out.rows = out.estimate;
    if (out.seek.kind == SeekKind::ById || out.seek.kind == SeekKind::ByElementId) out.solved = best->used;
    // The predicates the seek does not answer narrow the estimate further.
    for (const BoundExpression* p : preds) {
        if (p == best->used || p == best->used2) continue;
        std::vector<VarId> vs;
        p->collect_variables(vs);
        if (std::find(vs.begin(), vs.end(), var) == vs.end()) continue;
        out.estimate *= cardinality::predicate_selectivity(*p);
    }
    if (out.seek.kind >= SeekKind::ById && !labels.empty()) {
        double all = stats.node_count();
        for (const auto& l : labels)
            if (all > 0) out.estimate *= stats.label_count(l) / all;
        out.rows = out.estimate;
    }
    return out;
}

}  // namespace quiver::planner
