#include "planner/cardinality.h"

namespace quiver::planner::cardinality {

using binder::BoundExprKind;
using parser::BinaryOp;

double equality_rows(const IndexStatistics& ix, const PlannerStatistics& stats) {
    double per_value = stats.index_rows_per_value(ix.name);
    return per_value > 0 ? per_value : ix.entries * kEquality;
}

double predicate_selectivity(const BoundExpression& e) {
    if (e.kind == BoundExprKind::Binary) {
        switch (e.op) {
            case BinaryOp::Eq: return 0.1;
            case BinaryOp::In: return 0.2;
            case BinaryOp::Lt:
            case BinaryOp::Le:
            case BinaryOp::Gt:
            case BinaryOp::Ge: return kRange;
            case BinaryOp::StartsWith:
            case BinaryOp::EndsWith:
            case BinaryOp::Contains: return kStringMatch;
            case BinaryOp::Or:
                return std::min(1.0, predicate_selectivity(*e.children[0]) +
                                         predicate_selectivity(*e.children[1]));
            default: break;
        }
    }
    if (e.kind == BoundExprKind::LabelCheck) return 0.5;
    if (e.kind == BoundExprKind::PropertiesMatch) return 0.1;
    return 0.5;
}

double list_size(const BoundExpression& e) {
    if (e.kind == BoundExprKind::List) return double(e.children.size());
    if (e.kind == BoundExprKind::Literal && e.literal.is_list())
        return double(e.literal.as_list().size());
    return kListSize;
}

}  // namespace quiver::planner::cardinality
