// quiver::http — the `rest` result format of Neo4j 3.5 (http-api.md §3.4, §5.1): nodes,
// relationships and paths as legacy REST representations with absolute URIs under
// <base>/db/data; other values as in the `row` format (lists and maps rendered element-wise).
#pragma once

#include <string>

#include "result_json/value_json.h"

namespace quiver::http {

// base: scheme and authority, e.g. "http://localhost:7474".
result_json::Json rest_json(const Value& v, const std::string& base);

}  // namespace quiver::http
