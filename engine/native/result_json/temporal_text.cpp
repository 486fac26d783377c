#include "temporal_text.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>

namespace quiver::result_json {
namespace {

constexpr int64_t kNanosPerSecond = 1'000'000'000;
constexpr int64_t kSecondsPerDay = 86'400;
constexpr int64_t kDaysPer400Years = 146'097;
// std::chrono::year covers -32767..32767; shift by whole 400-year cycles to stay inside it.
constexpr int64_t kCycleShiftLimit = 30'000;

int64_t floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

std::string year_text(int64_t year) {
    if (year > 9999) return fmt::format("+{}", year);
    if (year < 0) return fmt::format("-{:04}", -year);
    return fmt::format("{:04}", year);
}

// Fraction of a second as Java's ISO formatter prints it: trailing zeros dropped.
std::string fraction_text(int64_t nanos) {
    if (nanos == 0) return {};
    std::string digits = fmt::format("{:09}", nanos);
    while (!digits.empty() && digits.back() == '0') digits.pop_back();
    return "." + digits;
}

std::string clock_text(int64_t nanos_of_day) {
    int64_t secs = nanos_of_day / kNanosPerSecond;
    int64_t frac = nanos_of_day % kNanosPerSecond;
    return fmt::format("{:02}:{:02}:{:02}{}", secs / 3600, (secs / 60) % 60, secs % 60,
                       fraction_text(frac));
}

}  // namespace

std::string date_text(int64_t days) {
    int64_t cycles = 0;
    if (days > kCycleShiftLimit * 365 || days < -kCycleShiftLimit * 365) {
        cycles = days / kDaysPer400Years;
        days -= cycles * kDaysPer400Years;
    }
    std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days}}};
    int64_t year = int64_t(int(ymd.year())) + cycles * 400;
    return fmt::format("{}-{:02}-{:02}", year_text(year), unsigned(ymd.month()),
                       unsigned(ymd.day()));
}

std::string local_time_text(int64_t nanos) { return clock_text(nanos); }

std::string offset_text(int32_t offset) {
    if (offset == 0) return "Z";
    char sign = offset < 0 ? '-' : '+';
    int32_t a = std::abs(offset);
    std::string text = fmt::format("{}{:02}:{:02}", sign, a / 3600, (a / 60) % 60);
    if (a % 60 != 0) text += fmt::format(":{:02}", a % 60);
    return text;
}

std::string time_text(const TimeValue& t) {
    return clock_text(t.nanos) + offset_text(t.offset_seconds);
}

static std::string epoch_text(int64_t seconds, int32_t nanos) {
    int64_t days = floor_div(seconds, kSecondsPerDay);
    int64_t second_of_day = seconds - days * kSecondsPerDay;
    return date_text(days) + "T" + clock_text(second_of_day * kNanosPerSecond + nanos);
}

std::string local_datetime_text(const LocalDateTimeValue& t) {
    return epoch_text(t.seconds, t.nanos);
}

std::string datetime_text(const DateTimeValue& t) {
    std::string text = epoch_text(t.seconds + t.offset_seconds, t.nanos) +
                       offset_text(t.offset_seconds);
    if (!t.zone.empty()) text += "[" + t.zone + "]";
    return text;
}

std::string duration_text(const DurationValue& d) {
    std::string text = "P";
    int64_t years = d.months / 12, months = d.months % 12;
    if (years != 0) text += fmt::format("{}Y", years);
    if (months != 0) text += fmt::format("{}M", months);
    if (d.days != 0) text += fmt::format("{}D", d.days);
    // seconds + nanos, with nanos normalised to 0..1e9: turn into sign + magnitude.
    int64_t secs = d.seconds;
    int64_t nanos = d.nanos;
    bool negative = secs < 0;
    if (negative && nanos > 0) {
        secs += 1;
        nanos = kNanosPerSecond - nanos;
    }
    int64_t mag = secs < 0 ? -secs : secs;
    const char* sign = negative ? "-" : "";
    if (mag != 0 || nanos != 0) {
        text += "T";
        if (mag / 3600 != 0) text += fmt::format("{}{}H", sign, mag / 3600);
        if ((mag / 60) % 60 != 0) text += fmt::format("{}{}M", sign, (mag / 60) % 60);
        if (mag % 60 != 0 || nanos != 0)
            text += fmt::format("{}{}{}S", sign, mag % 60, fraction_text(nanos));
    }
    if (text == "P") text = "PT0S";
    return text;
}

std::string temporal_text(const Value& v) {
    switch (v.kind()) {
        case ValueKind::Date: return date_text(v.as_date());
        case ValueKind::LocalTime: return local_time_text(v.as_local_time());
        case ValueKind::Time: return time_text(v.as_time());
        case ValueKind::LocalDateTime: return local_datetime_text(v.as_local_datetime());
        case ValueKind::DateTime: return datetime_text(v.as_datetime());
        case ValueKind::Duration: return duration_text(v.as_duration());
        default: return {};
    }
}

std::string crs_name(int32_t srid) {
    switch (srid) {
        case 7203: return "cartesian";
        case 9157: return "cartesian-3d";
        case 4326: return "WGS-84";
        case 4979: return "WGS-84-3D";
        default: return {};
    }
}

}  // namespace quiver::result_json
