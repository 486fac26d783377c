// Temporal core: calendar math, ISO weeks, zone table lookups (gaps, overlaps, LMT, POSIX
// footer rules), ISO 8601 parsing, duration formatting and arithmetic.
#include "value/temporal/temporal.h"

#include <gtest/gtest.h>

#include "base/error.h"
#include "value/value_ops.h"

namespace quiver::temporal {
namespace {

std::string str(const Value& v) { return to_cypher_string(v); }

TEST(TemporalCalendar, CivilRoundTrip) {
    for (int64_t d = -800000; d <= 800000; d += 997) {
        int64_t y;
        int m, dd;
        civil_from_days(d, y, m, dd);
        EXPECT_EQ(days_from_civil(y, m, dd), d);
    }
    EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
    EXPECT_EQ(day_of_week(0), 4);  // Thursday
}

TEST(TemporalCalendar, IsoWeeks) {
    EXPECT_EQ(str(make_date(date_from_week(1817, 1, 1))), "1816-12-30");
    EXPECT_EQ(str(make_date(date_from_week(1818, 53, 1))), "1818-12-28");
    EXPECT_EQ(weeks_in_year(2015), 53);
    EXPECT_EQ(iso_week(days_from_civil(1984, 11, 11)), 45);
    EXPECT_EQ(week_based_year(days_from_civil(1816, 12, 31)), 1817);
}

TEST(TemporalZones, Lookups) {
    EXPECT_TRUE(zone_exists("Europe/Stockholm"));
    EXPECT_TRUE(zone_exists("Australia/Eucla"));
    EXPECT_FALSE(zone_exists("Mars/Olympus"));
    int64_t summer = days_from_civil(2015, 7, 21) * 86400;
    int64_t winter = days_from_civil(1984, 10, 30) * 86400;
    EXPECT_EQ(zone_offset_at("Europe/Stockholm", summer), 7200);
    EXPECT_EQ(zone_offset_at("Europe/Stockholm", winter), 3600);
    EXPECT_EQ(zone_offset_at("Pacific/Honolulu", summer), -36000);
    EXPECT_EQ(zone_offset_at("Australia/Eucla", summer), 8 * 3600 + 45 * 60);
    EXPECT_EQ(zone_offset_at("Europe/Stockholm", days_from_civil(1818, 7, 21) * 86400), 3208);  // merged into Berlin (main data)
    // far future: POSIX footer rule
    EXPECT_EQ(zone_offset_at("America/New_York", days_from_civil(2090, 7, 1) * 86400), -4 * 3600);
    EXPECT_EQ(zone_offset_at("America/New_York", days_from_civil(2090, 1, 1) * 86400), -5 * 3600);
}

TEST(TemporalZones, GapAndOverlap) {
    // 2015-03-29 02:30 does not exist in Stockholm: moved to 03:30 +02:00
    Value gap = make_datetime_local(days_from_civil(2015, 3, 29), 9000LL * kNanosPerSecond,
                                    parse_zone("Europe/Stockholm"));
    EXPECT_EQ(str(gap), "2015-03-29T03:30+02:00[Europe/Stockholm]");
    // 2015-10-25 02:30 happens twice: the earlier offset wins
    Value overlap = make_datetime_local(days_from_civil(2015, 10, 25), 9000LL * kNanosPerSecond,
                                        parse_zone("Europe/Stockholm"));
    EXPECT_EQ(str(overlap), "2015-10-25T02:30+02:00[Europe/Stockholm]");
}

TEST(TemporalParse, Forms) {
    EXPECT_EQ(str(parse_temporal(ValueKind::Date, "2015-W30-2")), "2015-07-21");
    EXPECT_EQ(str(parse_temporal(ValueKind::Date, "2015202")), "2015-07-21");
    EXPECT_EQ(str(parse_temporal(ValueKind::Time, "2140-02")), "21:40-02:00");
    EXPECT_EQ(str(parse_temporal(ValueKind::DateTime, "2015-07-21T21:40:32.142+0845[Australia/Eucla]")),
              "2015-07-21T21:40:32.142+08:45[Australia/Eucla]");
    EXPECT_EQ(str(parse_temporal(ValueKind::DateTime, "1818-07-21T21:40:32.142[Europe/Stockholm]")),
              "1818-07-21T21:40:32.142+00:53:28[Europe/Stockholm]");
    EXPECT_THROW(parse_temporal(ValueKind::Date, "2015-13-01"), QuiverError);
}

TEST(TemporalDuration, ParseFormat) {
    EXPECT_EQ(str(parse_duration("P5M1.5D")), "P5M1DT12H");
    EXPECT_EQ(str(parse_duration("P0.75M")), "P22DT19H51M49.5S");
    EXPECT_EQ(str(parse_duration("P2.5W")), "P17DT12H");
    EXPECT_EQ(str(parse_duration("P12Y5M14DT16H12M70S")), "P12Y5M14DT16H13M10S");
    EXPECT_EQ(str(parse_duration("P2012-02-02T14:37:21.545")), "P2012Y2M2DT14H37M21.545S");
    EXPECT_EQ(str(make_duration(0, 0, -4, 499999997)), "PT-3.500000003S");
    EXPECT_EQ(str(make_duration(0, 0, 0, -500000000)), "PT-0.5S");
}

TEST(TemporalArith, AddMonthsClamps) {
    Value d = make_date(days_from_civil(2015, 1, 31));
    auto r = arith('+', d, make_duration(1, 0, 0, 0));
    ASSERT_TRUE(r);
    EXPECT_EQ(str(*r), "2015-02-28");
    auto s = arith('*', make_duration(1, 1, 1, 0), Value::float64(0.5));
    ASSERT_TRUE(s);
    EXPECT_EQ(str(*s), "P15DT17H14M33.5S");
}

}  // namespace
}  // namespace quiver::temporal
