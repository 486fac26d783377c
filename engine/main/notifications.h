// quiver::main — the notifications of a statement (Neo4j's ResultSummary.notifications), found
// from its bound form and the store's tokens before planning:
//   CartesianProduct                 consecutive MATCH clauses whose patterns fall apart into
//                                    disconnected parts (INFORMATION, PERFORMANCE)
//   UnknownLabelWarning /            a label or relationship type a MATCH pattern needs that
//   UnknownRelationshipTypeWarning   the store has never seen (WARNING, UNRECOGNIZED)
//   UnboundedVariableLengthPattern   shortestPath / allShortestPaths without an upper bound
//                                    (INFORMATION, PERFORMANCE)
//   FeatureDeprecationWarning        shortestPath over a fixed-length relationship; SET n = r /
//                                    SET n += r with a node or relationship (WARNING, DEPRECATION)
// Texts, codes, severities and categories are Neo4j 5's.
#pragma once

#include <vector>

#include "binder/bound_statement.h"
#include "quiver/database.h"

namespace quiver::storage {
class GraphTxn;
}

namespace quiver::main {

std::vector<Notification> find_notifications(const binder::BoundStatement& st,
                                             const storage::GraphTxn& txn);

}  // namespace quiver::main
