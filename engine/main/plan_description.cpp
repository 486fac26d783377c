#include "main/plan_description.h"

#include <algorithm>

#include <fmt/format.h>

#include "planner/logical_aggregate.h"
#include "planner/logical_call.h"
#include "planner/logical_expand.h"
#include "planner/logical_projection.h"
#include "planner/logical_scan.h"
#include "planner/logical_subquery.h"
#include "planner/logical_unwind.h"
#include "planner/logical_update.h"

namespace quiver::main {

namespace {

using planner::LogicalOpKind;
using planner::LogicalOperator;

std::string operator_name(const LogicalOperator& op) {
    switch (op.kind) {
        case LogicalOpKind::Argument: return "Argument";
        case LogicalOpKind::NodeScan:
            return static_cast<const planner::LogicalNodeScan&>(op).operator_name();
        case LogicalOpKind::Expand:
            return static_cast<const planner::LogicalExpand&>(op).into ? "Expand(Into)"
                                                                      : "Expand(All)";
        case LogicalOpKind::VarExpand:
            if (static_cast<const planner::LogicalVarExpand&>(op).step) return "Repeat(Trail)";
            return static_cast<const planner::LogicalVarExpand&>(op).into
                       ? "VarLengthExpand(Into)"
                       : "VarLengthExpand(All)";
        case LogicalOpKind::ShortestPath: return "ShortestPath";
        case LogicalOpKind::RelByIdSeek: return "DirectedRelationshipByIdSeek";
        case LogicalOpKind::Filter: return "Filter";
        case LogicalOpKind::Projection: return "Projection";
        case LogicalOpKind::Unwind: return "Unwind";
        case LogicalOpKind::Aggregate: return "EagerAggregation";
        case LogicalOpKind::Sort: return "Sort";
        case LogicalOpKind::Top: return "Top";
        case LogicalOpKind::Skip: return "Skip";
        case LogicalOpKind::Limit: return "Limit";
        case LogicalOpKind::Distinct: return "Distinct";
        case LogicalOpKind::Create: return "Create";
        case LogicalOpKind::Set: return "SetProperty";
        case LogicalOpKind::Remove: return "RemoveLabels";
        case LogicalOpKind::Delete: {
            // describe() starts with "DetachDelete(" for DETACH DELETE.
            return op.describe().rfind("DetachDelete", 0) == 0 ? "DetachDelete" : "Delete";
        }
        case LogicalOpKind::Eager: return "Eager";
        case LogicalOpKind::Optional: return "Optional";
        case LogicalOpKind::ProcedureCall: return "ProcedureCall";
        case LogicalOpKind::Union: return "Union";
        case LogicalOpKind::Merge: return "Merge";
        case LogicalOpKind::SubqueryCall:
            return static_cast<const planner::LogicalSubqueryCall&>(op).operator_name();
        case LogicalOpKind::Foreach: return "Foreach";
        case LogicalOpKind::ProduceResults: return "ProduceResults";
        case LogicalOpKind::RelIndexSeek:
            return static_cast<const planner::LogicalRelIndexSeek&>(op).directed
                       ? "DirectedRelationshipIndexSeek"
                       : "UndirectedRelationshipIndexSeek";
    }
    return "Unknown";
}

class Describer {
public:
    Describer(const planner::LogicalPlan& plan, const ProfiledOps* profile)
        : plan_(plan), profile_(profile) {}

    std::shared_ptr<PlanDescription> build(const LogicalOperator& op) {
        auto d = std::make_shared<PlanDescription>();
        d->operator_type = operator_name(op);
        for (const auto& c : op.children) {
            // A leaf Argument only feeds one empty row into a plan; Neo4j does not print it.
            if (c->kind == LogicalOpKind::Argument && c->children.empty()) continue;
            auto child = build(*c);
            for (const auto& id : child->identifiers) add(d->identifiers, id);
            d->children.push_back(std::move(child));
        }
        introduced(op, d->identifiers);
        d->arguments.emplace_back("Details", Value::string(op.describe()));
        d->arguments.emplace_back("EstimatedRows", Value::float64(op.cardinality));
        if (profile_) {
            // Rows are the operator's own; the other counters include its children's work.
            auto own = counters(op);
            for (const auto& c : op.children) {
                auto sub = counters(*c);
                own.db_hits -= std::min(own.db_hits, sub.db_hits);
                own.page_hits -= std::min(own.page_hits, sub.page_hits);
                own.page_misses -= std::min(own.page_misses, sub.page_misses);
                own.time_ns -= std::min(own.time_ns, sub.time_ns);
            }
            d->arguments.emplace_back("Rows", Value::integer(own.rows));
            d->arguments.emplace_back("DbHits", Value::integer(int64_t(own.db_hits)));
            d->arguments.emplace_back("PageCacheHits", Value::integer(int64_t(own.page_hits)));
            d->arguments.emplace_back("PageCacheMisses", Value::integer(int64_t(own.page_misses)));
            d->arguments.emplace_back("Time", Value::integer(int64_t(own.time_ns)));
        }
        return d;
    }

    executor::OperatorProfile counters(const LogicalOperator& op) const {
        auto it = profile_->find(&op);
        return it == profile_->end() ? executor::OperatorProfile{} : it->second;
    }

private:
    static void add(std::vector<std::string>& ids, const std::string& id) {
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    }
    void add_var(std::vector<std::string>& ids, binder::VarId v) const {
        if (v == binder::kNoVar || v >= plan_.variables.size()) return;
        const auto& name = plan_.variables[v].name;
        add(ids, name.empty() ? fmt::format("anon_{}", v) : name);
    }
    void introduced(const LogicalOperator& op, std::vector<std::string>& ids) const {
        switch (op.kind) {
            case LogicalOpKind::NodeScan:
                add_var(ids, static_cast<const planner::LogicalNodeScan&>(op).var);
                break;
            case LogicalOpKind::Expand: {
                const auto& e = static_cast<const planner::LogicalExpand&>(op);
                add_var(ids, e.from);
                add_var(ids, e.rel);
                add_var(ids, e.to);
                break;
            }
            case LogicalOpKind::RelIndexSeek: {
                const auto& e = static_cast<const planner::LogicalRelIndexSeek&>(op);
                add_var(ids, e.a);
                add_var(ids, e.rel);
                add_var(ids, e.b);
                break;
            }
            case LogicalOpKind::VarExpand: {
                const auto& e = static_cast<const planner::LogicalVarExpand&>(op);
                add_var(ids, e.from);
                add_var(ids, e.rel);
                add_var(ids, e.to);
                break;
            }
            case LogicalOpKind::ShortestPath: {
                const auto& e = static_cast<const planner::LogicalShortestPath&>(op);
                add_var(ids, e.path);
                add_var(ids, e.rel);
                break;
            }
            case LogicalOpKind::RelByIdSeek: {
                const auto& e = static_cast<const planner::LogicalRelByIdSeek&>(op);
                add_var(ids, e.start);
                add_var(ids, e.rel);
                add_var(ids, e.end);
                break;
            }
            case LogicalOpKind::Projection:
                for (const auto& [e, v] : static_cast<const planner::LogicalProjection&>(op).items)
                    add_var(ids, v);
                break;
            case LogicalOpKind::Unwind:
                add_var(ids, static_cast<const planner::LogicalUnwind&>(op).var);
                break;
            case LogicalOpKind::Aggregate: {
                // Aggregation keeps only its grouping keys and results.
                ids.clear();
                const auto& a = static_cast<const planner::LogicalAggregate&>(op);
                for (const auto& [e, v] : a.keys) add_var(ids, v);
                for (const auto& [e, v] : a.aggregates) add_var(ids, v);
                break;
            }
            case LogicalOpKind::ProcedureCall:
                for (const auto& [i, v] : static_cast<const planner::LogicalProcedureCall&>(op).yields)
                    add_var(ids, v);
                break;
            case LogicalOpKind::ProduceResults:
                ids = static_cast<const planner::LogicalProduceResults&>(op).columns;
                break;
            default: break;
        }
    }

    const planner::LogicalPlan& plan_;
    const ProfiledOps* profile_;
};

}  // namespace

std::shared_ptr<const PlanDescription> describe_plan(const planner::LogicalPlan& plan,
                                                     const ProfiledOps* profile,
                                                     uint64_t peak_memory) {
    if (!plan.root) return nullptr;
    Describer d(plan, profile);
    auto root = d.build(*plan.root);
    if (profile) root->arguments.emplace_back("GlobalMemory", Value::integer(int64_t(peak_memory)));
    return root;
}

}  // namespace quiver::main
