// quiver::result_json — Quiver values as the JSON of Neo4j's transactional HTTP API
// (/work/shared/spec/http-api.md §3.4–3.5). Shared by the CLI's JSON format and the HTTP server.
//
//   row_json     a column value in the `row` format: nodes and relationships as their property
//                maps, paths as alternating lists of those maps, temporals as ISO-8601 strings,
//                points as GeoJSON-like objects, bytes as lists of integers.
//   append_meta  the `meta` entries of a value: node/relationship {id, elementId, type,
//                deleted}, a path the nested list of its elements' metas, a list or map the
//                metas of its elements flattened into the outer list (Neo4j's quirk), temporals
//                and points {"type": …}, anything else null.
//   GraphJson    the `graph` format of one row: the distinct nodes and relationships of all
//                columns (lists, maps and paths flattened), ids as strings.
//   stats_json   the `stats` object (includeStats); `with_system` adds the 4.x/5.x keys.
//   notification_json  one entry of the top-level `notifications` array.
//   json_to_value  a JSON parameter as a Value (integers that fit in int64 stay integers).
#pragma once

#include <nlohmann/json.hpp>
#include <set>

#include "quiver/database.h"
#include "value/value.h"

namespace quiver::result_json {

using Json = nlohmann::ordered_json;

Json row_json(const Value& v);
void append_meta(Json& metas, const Value& v);
Json stats_json(const QueryStats& s, bool with_system);
Json notification_json(const Notification& n);
// Throws QuiverError Neo.ClientError.Request.InvalidFormat for JSON it cannot represent.
Value json_to_value(const Json& j);

class GraphJson {
public:
    void add(const Value& v);
    Json take();

private:
    Json nodes_ = Json::array(), rels_ = Json::array();
    std::set<int64_t> node_ids_, rel_ids_;
};

}  // namespace quiver::result_json
