// quiver::bolt — the metadata dictionaries of Bolt summaries (bolt.md §7, §9): result
// summaries (type, stats, plan/profile, GQL statuses) and FAILURE metadata, in the form each
// protocol version expects.
#pragma once

#include "base/error.h"
#include "bolt/handshake.h"
#include "quiver/database.h"
#include "value/value.h"

namespace quiver::bolt {

// FAILURE metadata: `code`/`message` up to 5.6; `neo4j_code`, `message`, `gql_status`,
// `description`, `diagnostic_record` from 5.7.
ValueMap failure_metadata(const QuiverError& e, BoltVersion v);

// The parts of a final PULL/DISCARD SUCCESS that come from the engine summary: `type`,
// `stats` (non-zero counters only), `plan`/`profile`, and `statuses` on 5.6+.
void add_summary_metadata(ValueMap& meta, const QuerySummary& s, bool had_rows, BoltVersion v);

}  // namespace quiver::bolt
