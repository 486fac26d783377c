// quiver::http — the body of a transactional-endpoint request (http-api.md §3.2):
//   {"statements": [{"statement": "...", "parameters": {...},
//                    "resultDataContents": ["row", "graph", "rest"], "includeStats": true}]}
// An empty body means no statements. Anything else malformed is a QuiverError
// Neo.ClientError.Request.InvalidFormat with Neo4j's message.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "value/value.h"

namespace quiver::http {

struct StatementSpec {
    std::string statement;
    ValueMap parameters;
    bool row = true, graph = false, rest = false;
    bool include_stats = false;
};

std::vector<StatementSpec> parse_statements(std::string_view body);

}  // namespace quiver::http
