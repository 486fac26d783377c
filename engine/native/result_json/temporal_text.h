// quiver::result_json — ISO-8601 text of temporal values and the names of coordinate systems.
// The forms are those of Cypher's toString(): 2024-03-01, 12:30:00.5, 12:30:00+01:00,
// 2024-03-01T12:30:00Z[Europe/Paris], P1Y2M3DT4H5M6.5S.
#pragma once

#include <cstdint>
#include <string>

#include "value/value.h"

namespace quiver::result_json {

std::string date_text(int64_t days_since_epoch);
std::string local_time_text(int64_t nanos_since_midnight);
std::string offset_text(int32_t offset_seconds);  // "Z", "+01:00", "-05:30:15"
std::string time_text(const TimeValue& t);
std::string local_datetime_text(const LocalDateTimeValue& t);
std::string datetime_text(const DateTimeValue& t);
std::string duration_text(const DurationValue& d);
// Text of any temporal value; empty for other kinds.
std::string temporal_text(const Value& v);
// "cartesian", "cartesian-3d", "WGS-84", "WGS-84-3D" (empty when unknown).
std::string crs_name(int32_t srid);

}  // namespace quiver::result_json
