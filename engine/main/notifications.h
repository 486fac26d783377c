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

// Neo4j's map form of a notification, as Bolt up to 5.4 and quiverdb's summaries carry it:
// {code, title, description, severity, category, position {offset, line, column}} (position
// only when the statement gave one).
Value notification_value(const Notification& n);

// The GQL status objects of a statement's summary (Bolt 5.6+ `statuses`, bolt.md §7.4): first
// its outcome — 00000 rows, 02000 no data, 00001 omitted result (EXPLAIN, or a write without
// RETURN) — then one per notification with its GQL status (01N50 unknown label, 03N90
// cartesian product, ...), neo4j_code, title, description and diagnostic record.
ValueList summary_statuses(const QuerySummary& s, bool had_rows);

// That outcome: one of three constant statuses (kOutcomes), so with no notifications an encoder
// may keep one encoding per outcome.
struct OutcomeStatus {
    const char* code;         // "00000", "02000" or "00001"
    const char* description;  // "note: successful completion", ...
};
inline constexpr OutcomeStatus kOutcomes[] = {
    {"00000", "note: successful completion"},
    {"02000", "note: no data"},
    {"00001", "note: successful completion - omitted result"},
};
const OutcomeStatus& outcome_status(const QuerySummary& s, bool had_rows);

}  // namespace quiver::main
