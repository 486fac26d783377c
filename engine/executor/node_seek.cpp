#include "executor/node_seek.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "base/error.h"
#include "executor/expression_evaluator.h"

namespace quiver::executor {

using planner::SeekKind;
using storage::NodeId;
using Candidates = std::optional<std::vector<NodeId>>;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

bool indexable(const planner::NodeSeek& s, const Value& v) {
    if (s.index_type == "TEXT") return v.is_string();
    return v.is_string() || v.is_bool() || v.is_number();
}

// An integral number as a node id; nullopt for anything no id can equal.
std::optional<int64_t> as_id(const Value& v) {
    if (v.is_int()) return v.as_int();
    if (v.is_float()) {
        double d = v.as_float();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e18) return int64_t(d);
    }
    return std::nullopt;
}

std::optional<int64_t> as_element_id(const Value& v) {
    if (!v.is_string()) return std::nullopt;
    auto p = storage::GraphTxn::parse_element_id(v.as_string());
    if (!p || p->first != 'n') return std::nullopt;
    return p->second;
}

// Ids in list order without duplicates.
void add_unique(std::vector<NodeId>& out, std::set<NodeId>& seen, NodeId id) {
    if (seen.insert(id).second) out.push_back(id);
}

bool geographic(int32_t srid) { return srid == 4326 || srid == 4979; }

Candidates run(const planner::NodeSeek& s, Row& row, ExecutionContext& ctx) {
    const storage::GraphTxn& txn = *ctx.txn;
    Value a = s.arg ? evaluate(*s.arg, row, ctx) : Value();
    switch (s.kind) {
        case SeekKind::None: return std::nullopt;
        case SeekKind::IndexEquals:
            if (a.is_null()) return std::vector<NodeId>{};
            if (!indexable(s, a)) return std::nullopt;
            return txn.index_seek(s.index, a);
        case SeekKind::IndexComposite: {
            std::vector<Value> vals;
            for (const auto& e : s.args) {
                Value v = evaluate(*e, row, ctx);
                if (v.is_null()) return std::vector<NodeId>{};
                if (!v.is_string() && !v.is_bool() && !v.is_number()) return std::nullopt;
                vals.push_back(std::move(v));
            }
            return txn.index_seek(s.index, vals);
        }
        case SeekKind::IndexIn: {
            if (a.is_null()) return std::vector<NodeId>{};
            if (!a.is_list()) return std::nullopt;
            std::vector<NodeId> out;
            for (const Value& v : a.as_list()) {
                if (v.is_null()) continue;
                if (!indexable(s, v)) return std::nullopt;
                auto hits = txn.index_seek(s.index, v);
                out.insert(out.end(), hits.begin(), hits.end());
            }
            std::sort(out.begin(), out.end());
            out.erase(std::unique(out.begin(), out.end()), out.end());
            return out;
        }
        case SeekKind::IndexRange: {
            Value b = s.arg2 ? evaluate(*s.arg2, row, ctx) : Value();
            if ((s.arg && a.is_null()) || (s.arg2 && b.is_null())) return std::vector<NodeId>{};
            return txn.index_range(s.index, s.arg ? &a : nullptr, s.arg2 ? &b : nullptr);
        }
        case SeekKind::IndexStartsWith:
        case SeekKind::IndexEndsWith:
        case SeekKind::IndexContains: {
            if (a.is_null()) return std::vector<NodeId>{};
            if (!a.is_string()) return std::nullopt;
            auto how = s.kind == SeekKind::IndexStartsWith ? storage::StringMatch::StartsWith
                       : s.kind == SeekKind::IndexEndsWith ? storage::StringMatch::EndsWith
                                                           : storage::StringMatch::Contains;
            return txn.index_string_match(s.index, how, a.as_string());
        }
        case SeekKind::PointBBox: {
            Value b = evaluate(*s.arg2, row, ctx);
            if (a.kind() != ValueKind::Point || b.kind() != ValueKind::Point) return std::nullopt;
            const auto &lo = a.as_point(), &hi = b.as_point();
            if (lo.srid != hi.srid) return std::nullopt;
            if (geographic(lo.srid) && lo.x > hi.x)  // crosses the antimeridian
                return txn.index_point_box(s.index, lo.srid, -kInf, lo.y, kInf, hi.y);
            return txn.index_point_box(s.index, lo.srid, lo.x, lo.y, hi.x, hi.y);
        }
        case SeekKind::PointDistance: {
            Value d = evaluate(*s.arg2, row, ctx);
            if (a.kind() != ValueKind::Point || !d.is_number()) return std::nullopt;
            const auto& c = a.as_point();
            double r = d.is_int() ? double(d.as_int()) : d.as_float();
            if (std::isnan(r)) return std::vector<NodeId>{};
            if (geographic(c.srid)) return txn.index_point_box(s.index, c.srid, -kInf, -kInf, kInf, kInf);
            return txn.index_point_box(s.index, c.srid, c.x - r, c.y - r, c.x + r, c.y + r);
        }
        case SeekKind::ById:
        case SeekKind::ByElementId: {
            auto id = s.kind == SeekKind::ById ? as_id(a) : as_element_id(a);
            if (!id) return std::vector<NodeId>{};
            return std::vector<NodeId>{*id};
        }
        case SeekKind::ByIdIn:
        case SeekKind::ByElementIdIn: {
            if (a.is_null()) return std::vector<NodeId>{};
            if (!a.is_list()) return std::nullopt;
            std::vector<NodeId> out;
            std::set<NodeId> seen;
            for (const Value& v : a.as_list()) {
                auto id = s.kind == SeekKind::ByIdIn ? as_id(v) : as_element_id(v);
                if (id) add_unique(out, seen, *id);
            }
            return out;
        }
    }
    return std::nullopt;
}

}  // namespace

std::vector<int64_t> ids_of(const Value& v, bool list) {
    std::vector<int64_t> out;
    std::set<int64_t> seen;
    if (!list) {
        if (auto id = as_id(v)) out.push_back(*id);
        return out;
    }
    if (!v.is_list()) return out;
    for (const Value& e : v.as_list())
        if (auto id = as_id(e)) add_unique(out, seen, *id);
    return out;
}

bool seek_candidates(const planner::NodeSeek& seek, Row& row, ExecutionContext& ctx,
                     std::vector<NodeId>& out) {
    if (seek.kind == SeekKind::ById) {  // the point lookup by id: no vector made
        // a parameter (the usual form) is read in place, anything else evaluated
        const Value* given = seek.arg->kind == binder::BoundExprKind::Parameter
                                 ? ctx.parameter(seek.arg->name)
                                 : nullptr;
        auto id = given ? as_id(*given) : as_id(evaluate(*seek.arg, row, ctx));
        out.clear();
        if (id) out.push_back(*id);
        return true;
    }
    try {
        Candidates c = run(seek, row, ctx);
        if (!c) return false;
        out = std::move(*c);
        return true;
    } catch (const QuiverError& e) {
        if (e.code() == "Neo.ClientError.Schema.IndexNotFound") return false;
        throw;
    }
}

}  // namespace quiver::executor
