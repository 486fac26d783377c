// Calendar math, parsing, components and arithmetic for temporal values (see temporal.h).
#include "value/temporal/temporal.h"

#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "base/error.h"

namespace quiver::temporal {

void invalid(const std::string& message) {
    throw QuiverError(std::string(status::ArgumentError), message, "InvalidArgumentValue",
                      ErrorPhase::Runtime);
}

int64_t floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}
int64_t floor_mod(int64_t a, int64_t b) { return a - floor_div(a, b) * b; }

// ---- calendar -------------------------------------------------------------------------------
int64_t days_from_civil(int64_t y, int m, int d) {
    y -= m <= 2;
    const int64_t era = floor_div(y, 400);
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}
void civil_from_days(int64_t z, int64_t& y, int& m, int& d) {
    z += 719468;
    const int64_t era = floor_div(z, 146097);
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = yoe + era * 400;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    d = int(doy - (153 * mp + 2) / 5 + 1);
    m = int(mp < 10 ? mp + 3 : mp - 9);
    y += m <= 2;
}
bool is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int days_in_month(int64_t y, int m) {
    static const int k[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : k[m - 1];
}
int day_of_week(int64_t days) { return int(floor_mod(days + 3, 7)) + 1; }
int64_t week1_monday(int64_t wy) {
    int64_t jan4 = days_from_civil(wy, 1, 4);
    return jan4 - (day_of_week(jan4) - 1);
}
int64_t week_based_year(int64_t days) {
    int64_t y;
    int m, d;
    civil_from_days(days, y, m, d);
    if (days >= week1_monday(y + 1)) return y + 1;
    if (days < week1_monday(y)) return y - 1;
    return y;
}
int iso_week(int64_t days) { return int((days - week1_monday(week_based_year(days))) / 7) + 1; }
int64_t date_from_week(int64_t wy, int week, int dow) {
    return week1_monday(wy) + int64_t(week - 1) * 7 + (dow - 1);
}
int weeks_in_year(int64_t wy) { return int((week1_monday(wy + 1) - week1_monday(wy)) / 7); }

// ---- zones ----------------------------------------------------------------------------------
std::string format_offset(int32_t s) {
    if (s == 0) return "Z";
    char sign = s < 0 ? '-' : '+';
    int32_t a = s < 0 ? -s : s;
    if (a % 60) return fmt::format("{}{:02}:{:02}:{:02}", sign, a / 3600, a / 60 % 60, a % 60);
    return fmt::format("{}{:02}:{:02}", sign, a / 3600, a / 60 % 60);
}

namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

// Parses an offset at s[pos..]; returns false when none is there.
bool parse_offset_at(std::string_view s, size_t& pos, int32_t& out) {
    if (pos >= s.size()) return false;
    if (s[pos] == 'Z' || s[pos] == 'z') {
        ++pos;
        out = 0;
        return true;
    }
    if (s[pos] != '+' && s[pos] != '-') return false;
    int sign = s[pos] == '-' ? -1 : 1;
    size_t p = pos + 1;
    auto two = [&](int& v) {
        if (p + 1 < s.size() + 0 && p + 2 <= s.size() && digit(s[p]) && digit(s[p + 1])) {
            v = (s[p] - '0') * 10 + (s[p + 1] - '0');
            p += 2;
            return true;
        }
        return false;
    };
    int h = 0, m = 0, sec = 0;
    if (!two(h)) return false;
    bool colon = p < s.size() && s[p] == ':';
    size_t save = p;
    if (colon) ++p;
    if (!two(m)) {
        p = save;
    } else {
        save = p;
        if (colon && p < s.size() && s[p] == ':') ++p;
        if (!two(sec)) p = save;
    }
    if (h > 18 || m > 59 || sec > 59) invalid("Invalid offset: " + std::string(s));
    out = sign * (h * 3600 + m * 60 + sec);
    pos = p;
    return true;
}

}  // namespace

Zone parse_zone(std::string_view s) {
    Zone z;
    size_t pos = 0;
    int32_t off = 0;
    if (parse_offset_at(s, pos, off) && pos == s.size()) {
        z.offset = off;
        return z;
    }
    if (s == "UTC" || s == "GMT") {
        z.named = true;
        z.id = std::string(s);
        if (!zone_exists(s)) {
            z.named = false;
            z.offset = 0;
        }
        return z;
    }
    if (!zone_exists(s)) invalid("Invalid value for TimeZone: Text '" + std::string(s) + "'");
    z.named = true;
    z.id = std::string(s);
    return z;
}

// ---- parts and builders -----------------------------------------------------------------------
bool is_temporal(const Value& v) {
    switch (v.kind()) {
        case ValueKind::Date:
        case ValueKind::LocalTime:
        case ValueKind::Time:
        case ValueKind::LocalDateTime:
        case ValueKind::DateTime: return true;
        default: return false;
    }
}

Parts parts_of(const Value& v) {
    Parts p;
    switch (v.kind()) {
        case ValueKind::Date:
            p.has_date = true;
            p.days = v.as_date();
            break;
        case ValueKind::LocalTime:
            p.has_time = true;
            p.nanos = v.as_local_time();
            break;
        case ValueKind::Time:
            p.has_time = p.has_zone = true;
            p.nanos = v.as_time().nanos;
            p.zone.offset = v.as_time().offset_seconds;
            break;
        case ValueKind::LocalDateTime: {
            const auto& t = v.as_local_datetime();
            p.has_date = p.has_time = true;
            p.days = floor_div(t.seconds, 86400);
            p.nanos = floor_mod(t.seconds, 86400) * kNanosPerSecond + t.nanos;
            break;
        }
        case ValueKind::DateTime: {
            const auto& t = v.as_datetime();
            p.has_date = p.has_time = p.has_zone = true;
            int64_t local = t.seconds + t.offset_seconds;
            p.days = floor_div(local, 86400);
            p.nanos = floor_mod(local, 86400) * kNanosPerSecond + t.nanos;
            if (t.zone.empty()) {
                p.zone.offset = t.offset_seconds;
            } else {
                p.zone.named = true;
                p.zone.id = t.zone;
                p.zone.offset = t.offset_seconds;
            }
            break;
        }
        default: break;
    }
    return p;
}

namespace {
void check_days(int64_t days) {
    // java.time's range: years -999999999..999999999
    if (days < -365243219162LL || days > 365241780471LL) invalid("Date is out of range");
}
}  // namespace

Value make_date(int64_t days) {
    check_days(days);
    return Value::date(days);
}
Value make_local_time(int64_t nanos) { return Value::local_time(floor_mod(nanos, kNanosPerDay)); }
Value make_time(int64_t nanos, int32_t offset) {
    return Value::time(TimeValue{floor_mod(nanos, kNanosPerDay), offset});
}
Value make_local_datetime(int64_t days, int64_t nanos) {
    days += floor_div(nanos, kNanosPerDay);
    nanos = floor_mod(nanos, kNanosPerDay);
    check_days(days);
    return Value::local_datetime(
        LocalDateTimeValue{days * 86400 + nanos / kNanosPerSecond, int32_t(nanos % kNanosPerSecond)});
}
Value make_datetime_local(int64_t days, int64_t nanos, const Zone& zone) {
    days += floor_div(nanos, kNanosPerDay);
    nanos = floor_mod(nanos, kNanosPerDay);
    check_days(days);
    int64_t local = days * 86400 + nanos / kNanosPerSecond;
    int32_t off = zone.named ? zone_offset_for_local(zone.id, local) : zone.offset;
    DateTimeValue t;
    t.seconds = local - off;
    t.nanos = int32_t(nanos % kNanosPerSecond);
    t.offset_seconds = off;
    if (zone.named) t.zone = zone.id;
    return Value::datetime(std::move(t));
}
Value make_datetime_instant(int64_t utc, int64_t nanos, const Zone& zone) {
    utc += floor_div(nanos, kNanosPerSecond);
    nanos = floor_mod(nanos, kNanosPerSecond);
    DateTimeValue t;
    t.seconds = utc;
    t.nanos = int32_t(nanos);
    t.offset_seconds = zone.named ? zone_offset_at(zone.id, utc) : zone.offset;
    if (zone.named) t.zone = zone.id;
    return Value::datetime(std::move(t));
}
Value make_duration(int64_t months, int64_t days, int64_t seconds, int64_t nanos) {
    seconds += floor_div(nanos, kNanosPerSecond);
    nanos = floor_mod(nanos, kNanosPerSecond);
    return Value::duration(DurationValue{months, days, seconds, int32_t(nanos)});
}

// ---- string parsing -------------------------------------------------------------------------
namespace {

[[noreturn]] void bad_text(std::string_view what, std::string_view s) {
    invalid(fmt::format("Text cannot be parsed to a {}: {}", what, s));
}

int read_n(std::string_view s, size_t& p, int n, bool& ok) {
    int v = 0;
    for (int i = 0; i < n; ++i) {
        if (p >= s.size() || !digit(s[p])) {
            ok = false;
            return 0;
        }
        v = v * 10 + (s[p++] - '0');
    }
    return v;
}

size_t count_digits(std::string_view s, size_t p) {
    size_t n = 0;
    while (p + n < s.size() && digit(s[p + n])) ++n;
    return n;
}

int64_t parse_date_part(std::string_view s, size_t& p, std::string_view whole) {
    bool ok = true;
    int64_t year = 0;
    if (p < s.size() && (s[p] == '+' || s[p] == '-')) {
        int sign = s[p] == '-' ? -1 : 1;
        ++p;
        size_t n = count_digits(s, p);
        if (n < 4 || n > 9) bad_text("date", whole);
        for (size_t i = 0; i < n; ++i) year = year * 10 + (s[p++] - '0');
        year *= sign;
    } else {
        year = read_n(s, p, 4, ok);
        if (!ok) bad_text("date", whole);
    }
    auto done = [&]() { return p >= s.size() || s[p] == 'T'; };
    if (done()) return days_from_civil(year, 1, 1);
    bool ext = s[p] == '-';
    if (ext) ++p;
    if (p < s.size() && s[p] == 'W') {
        ++p;
        int week = read_n(s, p, 2, ok);
        int dow = 1;
        if (!done()) {
            if (ext) {
                if (s[p] != '-') bad_text("date", whole);
                ++p;
            }
            dow = read_n(s, p, 1, ok);
        }
        if (!ok || week < 1 || week > weeks_in_year(year) || dow < 1 || dow > 7)
            bad_text("date", whole);
        return date_from_week(year, week, dow);
    }
    size_t n = count_digits(s, p);
    if (n == 3) {
        int ord = read_n(s, p, 3, ok);
        if (ord < 1 || ord > (is_leap(year) ? 366 : 365)) bad_text("date", whole);
        return days_from_civil(year, 1, 1) + ord - 1;
    }
    int month = read_n(s, p, 2, ok);
    int day = 1;
    if (!ok) bad_text("date", whole);
    if (!done()) {
        if (ext) {
            if (s[p] != '-') bad_text("date", whole);
            ++p;
        }
        day = read_n(s, p, 2, ok);
    }
    if (!ok || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
        bad_text("date", whole);
    return days_from_civil(year, month, day);
}

int64_t parse_time_part(std::string_view s, size_t& p, std::string_view whole) {
    bool ok = true;
    int h = read_n(s, p, 2, ok), m = 0, sec = 0;
    int64_t frac = 0;
    if (!ok) bad_text("time", whole);
    auto more = [&]() { return p < s.size() && (digit(s[p]) || s[p] == ':'); };
    if (more()) {
        bool ext = s[p] == ':';
        if (ext) ++p;
        m = read_n(s, p, 2, ok);
        if (more()) {
            if (ext) {
                if (s[p] != ':') bad_text("time", whole);
                ++p;
            }
            sec = read_n(s, p, 2, ok);
            if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
                ++p;
                size_t n = count_digits(s, p);
                if (n == 0 || n > 9) bad_text("time", whole);
                for (size_t i = 0; i < 9; ++i) frac = frac * 10 + (i < n ? s[p + i] - '0' : 0);
                p += n;
            }
        }
    }
    if (!ok || h > 23 || m > 59 || sec > 59) bad_text("time", whole);
    return (h * 3600LL + m * 60 + sec) * kNanosPerSecond + frac;
}

// offset and/or [zone] after a time
bool parse_zone_suffix(std::string_view s, size_t& p, Zone& z, std::string_view whole) {
    bool any = false;
    int32_t off = 0;
    if (parse_offset_at(s, p, off)) {
        z.offset = off;
        any = true;
    }
    if (p < s.size() && s[p] == '[') {
        size_t close = s.find(']', p);
        if (close == std::string_view::npos) bad_text("datetime", whole);
        std::string_view id = s.substr(p + 1, close - p - 1);
        Zone named = parse_zone(id);
        if (named.named) {
            z.named = true;
            z.id = named.id;
        } else {
            z.offset = named.offset;
        }
        p = close + 1;
        any = true;
    }
    return any;
}

}  // namespace

Value parse_temporal(ValueKind kind, std::string_view s) {
    size_t p = 0;
    int64_t days = 0, nanos = 0;
    Zone zone;
    bool zoned = false;
    const char* what = kind == ValueKind::Date ? "date"
                       : kind == ValueKind::LocalTime ? "localtime"
                       : kind == ValueKind::Time ? "time"
                       : kind == ValueKind::LocalDateTime ? "localdatetime"
                                                           : "datetime";
    if (kind == ValueKind::Date || kind == ValueKind::LocalDateTime || kind == ValueKind::DateTime) {
        days = parse_date_part(s, p, s);
        if (kind == ValueKind::Date) {
            if (p != s.size()) bad_text(what, s);
            return make_date(days);
        }
        if (p < s.size()) {
            if (s[p] != 'T') bad_text(what, s);
            ++p;
            nanos = parse_time_part(s, p, s);
        }
    } else {
        nanos = parse_time_part(s, p, s);
    }
    if (kind == ValueKind::Time || kind == ValueKind::DateTime) zoned = parse_zone_suffix(s, p, zone, s);
    if (p != s.size()) bad_text(what, s);
    (void)zoned;
    switch (kind) {
        case ValueKind::LocalTime: return make_local_time(nanos);
        case ValueKind::Time: {
            int32_t off = zone.offset;
            if (zone.named) {
                int64_t local = 0;
                off = zone_offset_for_local(zone.id, local);
            }
            return make_time(nanos, off);
        }
        case ValueKind::LocalDateTime: return make_local_datetime(days, nanos);
        default: return make_datetime_local(days, nanos, zone);
    }
}

namespace {

constexpr double kSecondsPerMonth = 2629746.0;  // 365.2425 * 86400 / 12

struct DurAcc {
    double months = 0, days = 0, seconds = 0, nanos = 0;
};

}  // namespace

// Java-like approximation cascading fractions downward.
Value duration_from_fractions(double months, double days, double seconds, double nanos) {
    for (double x : {months, days, seconds, nanos})
        if (!std::isfinite(x) || std::fabs(x) > 9.0e18) invalid("Duration is out of range");
    double m = std::trunc(months);
    days += (months - m) * (kSecondsPerMonth / 86400.0);
    double d = std::trunc(days);
    seconds += (days - d) * 86400.0;
    double s = std::trunc(seconds);
    nanos += (seconds - s) * 1e9;
    double n = std::round(nanos);
    if (std::fabs(nanos - n) > 1e-3) n = std::trunc(nanos);  // java truncation, noise-tolerant
    return make_duration(int64_t(m), int64_t(d), int64_t(s), int64_t(n));
}

Value parse_duration(std::string_view s) {
    auto fail = [&]() { invalid(fmt::format("Text cannot be parsed to a Duration: {}", s)); };
    size_t p = 0;
    int sign = 1;
    if (p < s.size() && (s[p] == '-' || s[p] == '+')) {
        sign = s[p] == '-' ? -1 : 1;
        ++p;
    }
    if (p >= s.size() || (s[p] != 'P' && s[p] != 'p')) fail();
    ++p;
    // alternative form PYYYY-MM-DDTHH:MM:SS[.f]
    if (count_digits(s, p) == 4 && p + 4 < s.size() && s[p + 4] == '-') {
        size_t q = p;
        bool ok = true;
        int y = read_n(s, q, 4, ok);
        ++q;
        int mo = read_n(s, q, 2, ok);
        if (q >= s.size() || s[q] != '-') fail();
        ++q;
        int d = read_n(s, q, 2, ok);
        int64_t tn = 0;
        if (q < s.size()) {
            if (s[q] != 'T') fail();
            ++q;
            tn = parse_time_part(s, q, s);
        }
        if (!ok || q != s.size()) fail();
        return make_duration(sign * (y * 12LL + mo), sign * int64_t(d), sign * (tn / kNanosPerSecond),
                             sign * (tn % kNanosPerSecond));
    }
    double months = 0, days = 0, secs = 0;
    int64_t imonths = 0, idays = 0, isecs = 0, inanos = 0;
    bool time = false, any = false;
    while (p < s.size()) {
        if (s[p] == 'T' || s[p] == 't') {
            if (time) fail();
            time = true;
            ++p;
            continue;
        }
        int nsign = 1;
        if (s[p] == '-' || s[p] == '+') {
            nsign = s[p] == '-' ? -1 : 1;
            ++p;
        }
        size_t n = count_digits(s, p);
        if (n == 0) fail();
        int64_t whole = 0;
        for (size_t i = 0; i < n; ++i) whole = whole * 10 + (s[p + i] - '0');
        p += n;
        double frac = 0;
        int64_t frac_nanos = 0;
        bool has_frac = false;
        if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
            ++p;
            size_t fnum = count_digits(s, p);
            if (fnum == 0) fail();
            std::string f(s.substr(p, fnum));
            frac = std::strtod(("0." + f).c_str(), nullptr);
            for (size_t i = 0; i < 9; ++i) frac_nanos = frac_nanos * 10 + (i < fnum ? f[i] - '0' : 0);
            has_frac = true;
            p += fnum;
        }
        if (p >= s.size()) fail();
        char unit = char(std::toupper(static_cast<unsigned char>(s[p++])));
        int64_t w = nsign * whole;
        double fr = nsign * frac;
        any = true;
        if (!time) {
            switch (unit) {
                case 'Y': imonths += w * 12; months += fr * 12; break;
                case 'M': imonths += w; months += fr; break;
                case 'W': idays += w * 7; days += fr * 7; break;
                case 'D': idays += w; days += fr; break;
                default: fail();
            }
        } else {
            switch (unit) {
                case 'H': isecs += w * 3600; secs += fr * 3600; break;
                case 'M': isecs += w * 60; secs += fr * 60; break;
                case 'S':
                    isecs += w;
                    if (has_frac) inanos += nsign * frac_nanos;
                    break;
                default: fail();
            }
        }
    }
    if (!any) fail();
    Value frac = duration_from_fractions(months, days, secs, 0);
    const auto& f = frac.as_duration();
    return make_duration(sign * (imonths + f.months), sign * (idays + f.days),
                         sign * (isecs + f.seconds), sign * (inanos + f.nanos));
}

std::string format_duration(const DurationValue& d) {
    if (d.months == 0 && d.days == 0 && d.seconds == 0 && d.nanos == 0) return "PT0S";
    std::string out = "P";
    if (d.months / 12) out += fmt::format("{}Y", d.months / 12);
    if (d.months % 12) out += fmt::format("{}M", d.months % 12);
    if (d.days) out += fmt::format("{}D", d.days);
    // sign-consistent seconds/nanos, as Neo4j keeps them
    int64_t secs = d.seconds, nanos = d.nanos;
    if (secs < 0 && nanos > 0) {
        secs += 1;
        nanos -= kNanosPerSecond;
    }
    if (secs || nanos) {
        out += 'T';
        int64_t h = secs / 3600, m = secs / 60 % 60, s = secs % 60;
        if (h) out += fmt::format("{}H", h);
        if (m) out += fmt::format("{}M", m);
        if (s || nanos) {
            if (nanos == 0) {
                out += fmt::format("{}S", s);
            } else {
                bool neg = s < 0 || nanos < 0;
                std::string frac = fmt::format("{:09}", nanos < 0 ? -nanos : nanos);
                while (frac.back() == '0') frac.pop_back();
                out += fmt::format("{}{}.{}S", neg ? "-" : "", s < 0 ? -s : s, frac);
            }
        }
    }
    return out;
}

// ---- components -----------------------------------------------------------------------------
std::optional<Value> component(const Value& v, std::string_view key) {
    if (v.kind() == ValueKind::Duration) {
        const auto& d = v.as_duration();
        int64_t secs = d.seconds, nanos = d.nanos;
        auto I = [](int64_t x) { return Value::integer(x); };
        if (key == "years") return I(d.months / 12);
        if (key == "quarters") return I(d.months / 3);
        if (key == "months") return I(d.months);
        if (key == "weeks") return I(d.days / 7);
        if (key == "days") return I(d.days);
        if (key == "hours") return I(secs / 3600);
        if (key == "minutes") return I(secs / 60);
        if (key == "seconds") return I(secs);
        auto scaled = [&](int64_t unit, int64_t div) {
            int64_t r;
            if (__builtin_mul_overflow(secs, unit, &r) || __builtin_add_overflow(r, nanos / div, &r))
                throw QuiverError(std::string(status::ArithmeticError), "long overflow",
                                  "IntegerOverflow", ErrorPhase::Runtime);
            return Value::integer(r);
        };
        if (key == "milliseconds") return scaled(1000, 1000000);
        if (key == "microseconds") return scaled(1000000, 1000);
        if (key == "nanoseconds") return scaled(kNanosPerSecond, 1);
        if (key == "quartersOfYear") return I(d.months % 12 / 3);
        if (key == "monthsOfQuarter") return I(d.months % 3);
        if (key == "monthsOfYear") return I(d.months % 12);
        if (key == "daysOfWeek") return I(d.days % 7);
        if (key == "minutesOfHour") return I(secs / 60 % 60);
        if (key == "secondsOfMinute") return I(secs % 60);
        if (key == "millisecondsOfSecond") return I(nanos / 1000000);
        if (key == "microsecondsOfSecond") return I(nanos / 1000);
        if (key == "nanosecondsOfSecond") return I(nanos);
        return std::nullopt;
    }
    if (!is_temporal(v)) return std::nullopt;
    Parts p = parts_of(v);
    auto I = [](int64_t x) { return Value::integer(x); };
    if (p.has_date) {
        int64_t y;
        int m, d;
        civil_from_days(p.days, y, m, d);
        if (key == "year") return I(y);
        if (key == "quarter") return I((m - 1) / 3 + 1);
        if (key == "month") return I(m);
        if (key == "week") return I(iso_week(p.days));
        if (key == "weekYear") return I(week_based_year(p.days));
        if (key == "day") return I(d);
        if (key == "ordinalDay") return I(p.days - days_from_civil(y, 1, 1) + 1);
        if (key == "weekDay" || key == "dayOfWeek") return I(day_of_week(p.days));
        if (key == "dayOfQuarter")
            return I(p.days - days_from_civil(y, (m - 1) / 3 * 3 + 1, 1) + 1);
    }
    if (p.has_time) {
        int64_t n = p.nanos;
        if (key == "hour") return I(n / 3600 / kNanosPerSecond);
        if (key == "minute") return I(n / 60 / kNanosPerSecond % 60);
        if (key == "second") return I(n / kNanosPerSecond % 60);
        if (key == "millisecond") return I(n % kNanosPerSecond / 1000000);
        if (key == "microsecond") return I(n % kNanosPerSecond / 1000);
        if (key == "nanosecond") return I(n % kNanosPerSecond);
    }
    if (p.has_zone) {
        if (key == "timezone")
            return Value::string(p.zone.named ? p.zone.id : format_offset(p.zone.offset));
        if (key == "offset") return Value::string(format_offset(p.zone.offset));
        if (key == "offsetMinutes") return I(p.zone.offset / 60);
        if (key == "offsetSeconds") return I(p.zone.offset);
    }
    if (v.kind() == ValueKind::DateTime) {
        const auto& t = v.as_datetime();
        if (key == "epochSeconds") return I(t.seconds);
        if (key == "epochMillis") return I(t.seconds * 1000 + t.nanos / 1000000);
    }
    return std::nullopt;
}

// ---- arithmetic -----------------------------------------------------------------------------
namespace {

int64_t add_months(int64_t days, int64_t months) {
    if (months == 0) return days;
    int64_t y;
    int m, d;
    civil_from_days(days, y, m, d);
    int64_t total = y * 12 + (m - 1) + months;
    int64_t ny = floor_div(total, 12);
    int nm = int(floor_mod(total, 12)) + 1;
    int nd = std::min(d, days_in_month(ny, nm));
    return days_from_civil(ny, nm, nd);
}

Value add_duration(const Value& t, const DurationValue& d) {
    int64_t dn = floor_mod(d.seconds, 86400) * kNanosPerSecond + d.nanos;  // time-of-day part
    switch (t.kind()) {
        case ValueKind::Date:
            return make_date(add_months(t.as_date(), d.months) + d.days + d.seconds / 86400);
        case ValueKind::LocalTime: return make_local_time(t.as_local_time() + floor_mod(dn, kNanosPerDay));
        case ValueKind::Time:
            return make_time(t.as_time().nanos + floor_mod(dn, kNanosPerDay), t.as_time().offset_seconds);
        case ValueKind::LocalDateTime: {
            Parts p = parts_of(t);
            int64_t days = add_months(p.days, d.months) + d.days;
            int64_t secs = d.seconds;
            days += secs / 86400;
            secs %= 86400;
            return make_local_datetime(days, p.nanos + secs * kNanosPerSecond + d.nanos);
        }
        case ValueKind::DateTime: {
            Parts p = parts_of(t);
            int64_t days = add_months(p.days, d.months) + d.days;
            Value mid = (d.months || d.days) ? make_datetime_local(days, p.nanos, p.zone) : t;
            const auto& m = mid.as_datetime();
            return make_datetime_instant(m.seconds + d.seconds, int64_t(m.nanos) + d.nanos, p.zone);
        }
        default: return Value();
    }
}

DurationValue neg(const DurationValue& d) {
    DurationValue r;
    r.months = -d.months;
    r.days = -d.days;
    r.seconds = -d.seconds - (d.nanos ? 1 : 0);
    r.nanos = d.nanos ? int32_t(kNanosPerSecond - d.nanos) : 0;
    return r;
}

}  // namespace

std::optional<Value> arith(char op, const Value& a, const Value& b) {
    bool ad = a.kind() == ValueKind::Duration, bd = b.kind() == ValueKind::Duration;
    if (op == '+' || op == '-') {
        if (ad && bd) {
            const auto& x = a.as_duration();
            const auto& y = b.as_duration();
            int s = op == '+' ? 1 : -1;
            return make_duration(x.months + s * y.months, x.days + s * y.days,
                                 x.seconds + s * y.seconds, int64_t(x.nanos) + s * int64_t(y.nanos));
        }
        if (is_temporal(a) && bd)
            return add_duration(a, op == '+' ? b.as_duration() : neg(b.as_duration()));
        if (ad && is_temporal(b) && op == '+') return add_duration(b, a.as_duration());
        return std::nullopt;
    }
    if ((op == '*' || op == '/') && ((ad && b.is_number()) || (bd && a.is_number() && op == '*'))) {
        const auto& d = ad ? a.as_duration() : b.as_duration();
        const Value& n = ad ? b : a;
        if (op == '*' && n.is_int()) {
            int64_t f = n.as_int(), m, dd, sec, ns;
            if (__builtin_mul_overflow(d.months, f, &m) || __builtin_mul_overflow(d.days, f, &dd) ||
                __builtin_mul_overflow(d.seconds, f, &sec) ||
                __builtin_mul_overflow(int64_t(d.nanos), f, &ns) ||
                __builtin_add_overflow(sec, floor_div(ns, kNanosPerSecond), &sec))
                throw QuiverError(std::string(status::ArithmeticError), "long overflow",
                                  "IntegerOverflow", ErrorPhase::Runtime);
            return make_duration(m, dd, sec, floor_mod(ns, kNanosPerSecond));
        }
        double f = n.as_number();
        if (op == '/') {
            if (f == 0) {
                throw QuiverError(std::string(status::ArithmeticError), "/ by zero", "DivisionByZero",
                                  ErrorPhase::Runtime);
            }
            f = 1.0 / f;
        }
        return duration_from_fractions(double(d.months) * f, double(d.days) * f,
                                       double(d.seconds) * f, double(d.nanos) * f);
    }
    return std::nullopt;
}

}  // namespace quiver::temporal
