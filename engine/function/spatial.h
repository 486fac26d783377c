// quiver::function — spatial values: point construction from a map, the CRS names, accessors
// (p.x, p.latitude, p.crs, ...) and Neo4j's string form of a point.
#pragma once

#include <optional>
#include <string>

#include "value/value.h"

namespace quiver::function {

// 'cartesian', 'cartesian-3d', 'wgs-84' or 'wgs-84-3d'.
const char* crs_name(int32_t srid);
// point({x: 1.0, y: 2.0, crs: 'cartesian'})
std::string point_to_string(const PointValue& p);
// A component of a point (x, y, z, longitude, latitude, height, crs, srid); nothing when `key`
// is not a point field. Throws for a geographic field of a cartesian point and vice versa.
std::optional<Value> point_component(const Value& point, const std::string& key);

}  // namespace quiver::function
