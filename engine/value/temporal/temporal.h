// quiver::temporal — calendar math, time zones, ISO 8601 parsing, component access and
// arithmetic for the temporal value kinds (Date, LocalTime, Time, LocalDateTime, DateTime,
// Duration), following Neo4j 5 / java.time semantics.
//
// Promises:
//   1. Calendar: proleptic Gregorian, ISO weeks (Monday = 1), days counted from 1970-01-01.
//   2. Zones: every IANA id in the generated table; a local date-time inside a gap is moved
//      forward by the gap's length, inside an overlap the earlier offset wins (java.time).
//   3. Errors are raised as QuiverError (ArgumentError/InvalidArgumentValue at run time).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "value/value.h"

namespace quiver::temporal {

constexpr int64_t kNanosPerSecond = 1000000000LL;
constexpr int64_t kNanosPerDay = 86400LL * kNanosPerSecond;

// ---- calendar -------------------------------------------------------------------------------
int64_t days_from_civil(int64_t y, int m, int d);
void civil_from_days(int64_t days, int64_t& y, int& m, int& d);
bool is_leap(int64_t y);
int days_in_month(int64_t y, int m);
int day_of_week(int64_t days);  // 1 = Monday .. 7 = Sunday
int64_t week_based_year(int64_t days);
int iso_week(int64_t days);
int64_t date_from_week(int64_t week_year, int week, int dow);
int weeks_in_year(int64_t week_year);
int64_t floor_div(int64_t a, int64_t b);
int64_t floor_mod(int64_t a, int64_t b);

// ---- zones ----------------------------------------------------------------------------------
bool zone_exists(std::string_view id);
// Offset in effect at a UTC instant.
int32_t zone_offset_at(std::string_view id, int64_t utc_seconds);
// Offset for a local date-time (seconds since epoch as if UTC); may adjust `local_seconds`
// forward when it falls into a gap.
int32_t zone_offset_for_local(std::string_view id, int64_t& local_seconds);

// A parsed zone specification: fixed offset or named zone.
struct Zone {
    bool named = false;
    int32_t offset = 0;  // when !named
    std::string id;      // when named
};
// Parses 'Z', '+01:00', '+0100', '+01', '-08:45:30' or an IANA id; throws on failure.
Zone parse_zone(std::string_view s);
std::string format_offset(int32_t seconds);

// ---- the common broken-down form --------------------------------------------------------------
struct Parts {
    bool has_date = false, has_time = false, has_zone = false;
    int64_t days = 0;    // local date
    int64_t nanos = 0;   // local nanos of day
    Zone zone;           // when has_zone
};
Parts parts_of(const Value& v);           // any temporal value (not Duration)
// Builders; fill in the zone's offset for the local date-time.
Value make_date(int64_t days);
Value make_local_time(int64_t nanos);
Value make_time(int64_t nanos, int32_t offset);
Value make_local_datetime(int64_t days, int64_t nanos);
Value make_datetime_local(int64_t days, int64_t nanos, const Zone& zone);  // from local fields
Value make_datetime_instant(int64_t utc_seconds, int64_t nanos, const Zone& zone);
Value make_duration(int64_t months, int64_t days, int64_t seconds, int64_t nanos);  // normalises
bool is_temporal(const Value& v);  // instant kinds, not Duration

// ---- strings --------------------------------------------------------------------------------
Value parse_temporal(ValueKind kind, std::string_view s);  // date('...'), datetime('...'), ...
Value parse_duration(std::string_view s);
// Whole parts of each unit, fractions cascading to smaller units (java.time style).
Value duration_from_fractions(double months, double days, double seconds, double nanos);
std::string format_duration(const DurationValue& d);

// ---- components, arithmetic -------------------------------------------------------------------
// `v.key` for temporal values and durations; nullopt when the key is not a component.
std::optional<Value> component(const Value& v, std::string_view key);
// temporal +/- duration, duration +/- duration, duration * / number; nullopt = not temporal.
std::optional<Value> arith(char op, const Value& a, const Value& b);

[[noreturn]] void invalid(const std::string& message);

}  // namespace quiver::temporal
