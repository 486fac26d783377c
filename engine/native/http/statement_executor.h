// quiver::http — runs one statement of a request in a transaction and renders its entry of
// the response's "results" (columns, data with row/meta/graph/rest, stats, plan).
#pragma once

#include <string>

#include "quiver/database.h"
#include "result_json/value_json.h"
#include "statement_request.h"

namespace quiver::http {

struct RenderOptions {
    std::string base;             // "http://host:port", for the rest format's URIs
    bool system_stats = true;     // 4.x/5.x stats keys (contains_system_updates, system_updates)
};

// Throws QuiverError on a failing statement (the caller rolls the transaction back).
result_json::Json execute_statement(Transaction& tx, const StatementSpec& spec,
                                    const RenderOptions& options);

}  // namespace quiver::http
