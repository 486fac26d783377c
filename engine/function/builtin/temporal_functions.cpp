// Temporal functions: date(), localtime(), time(), localdatetime(), datetime(), duration() with
// their .statement/.transaction/.realtime/.truncate variants, datetime.fromepoch[millis],
// duration.between/inMonths/inDays/inSeconds.
#include <chrono>
#include <algorithm>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "base/error.h"
#include "function/builtin/builtins.h"
#include "value/temporal/temporal.h"

namespace quiver::function::builtin {

namespace {

using namespace quiver::temporal;

const char* fn_name(ValueKind k) {
    switch (k) {
        case ValueKind::Date: return "date";
        case ValueKind::LocalTime: return "localtime";
        case ValueKind::Time: return "time";
        case ValueKind::LocalDateTime: return "localdatetime";
        default: return "datetime";
    }
}

const Value* get(const ValueMap& m, std::string_view k) {
    for (const auto& [key, v] : m)
        if (key == k) return v.is_null() ? nullptr : &v;
    return nullptr;
}
int64_t int_of(const Value& v, const char* field) {
    if (v.is_int()) return v.as_int();
    if (v.is_float()) return int64_t(v.as_float());
    invalid(fmt::format("{} must be a number", field));
}

int64_t now_utc_nanos(FunctionContext* ctx = nullptr) {
    if (ctx && ctx->statement_now_nanos) return ctx->statement_now_nanos;
    int64_t n = std::chrono::duration_cast<std::chrono::nanoseconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
    if (ctx) ctx->statement_now_nanos = n;
    return n;
}

// Current value of `kind` in a zone (UTC by default).
Value current(ValueKind kind, const Zone& zone, FunctionContext* ctx) {
    int64_t n = now_utc_nanos(ctx);
    Value dt = make_datetime_instant(floor_div(n, kNanosPerSecond), floor_mod(n, kNanosPerSecond), zone);
    Parts p = parts_of(dt);
    switch (kind) {
        case ValueKind::Date: return make_date(p.days);
        case ValueKind::LocalTime: return make_local_time(p.nanos);
        case ValueKind::Time: return make_time(p.nanos, dt.as_datetime().offset_seconds);
        case ValueKind::LocalDateTime: return make_local_datetime(p.days, p.nanos);
        default: return dt;
    }
}

bool needs_date(ValueKind k) {
    return k == ValueKind::Date || k == ValueKind::LocalDateTime || k == ValueKind::DateTime;
}
bool needs_time(ValueKind k) { return k != ValueKind::Date; }
bool zoned(ValueKind k) { return k == ValueKind::Time || k == ValueKind::DateTime; }

Value construct(ValueKind kind, const ValueMap& m, FunctionContext* ctx = nullptr) {
    const Value* dt = get(m, "datetime");
    const Value* ds = get(m, "date");
    const Value* ts = get(m, "time");
    const Value* tz = get(m, "timezone");
    Parts dp, tp;
    bool dp_from_dt = false;
    if (dt) {
        if (!is_temporal(*dt)) invalid("datetime must be a temporal value");
        dp = tp = parts_of(*dt);
        dp_from_dt = true;
    }
    if (ds) {
        if (!is_temporal(*ds)) invalid("date must be a temporal value");
        dp = parts_of(*ds);
        dp_from_dt = false;
    }
    if (ts) {
        if (!is_temporal(*ts)) invalid("time must be a temporal value");
        tp = parts_of(*ts);
    }
    Zone zone;
    bool has_zone = false;
    if (tz) {
        if (!tz->is_string()) invalid("timezone must be a string");
        zone = parse_zone(tz->as_string());
        has_zone = true;
    }
    static const char* kDateKeys[] = {"year", "month", "day", "week", "dayOfWeek", "quarter",
                                      "dayOfQuarter", "ordinalDay"};
    static const char* kTimeKeys[] = {"hour", "minute", "second", "millisecond", "microsecond",
                                      "nanosecond"};
    bool any_date = false, any_time = false;
    for (const char* k : kDateKeys) any_date |= get(m, k) != nullptr;
    for (const char* k : kTimeKeys) any_time |= get(m, k) != nullptr;
    for (const auto& [k, v] : m) {
        bool known = k == "datetime" || k == "date" || k == "time" || k == "timezone" ||
                     (kind == ValueKind::DateTime && (k == "epochSeconds" || k == "epochMillis"));
        for (const char* x : kDateKeys) known |= k == x;
        for (const char* x : kTimeKeys) known |= k == x;
        if (!known) invalid(fmt::format("No such field: {}", k));
    }
    const Value* es = get(m, "epochSeconds");
    const Value* em = get(m, "epochMillis");
    if (kind == ValueKind::DateTime && (es || em)) {
        if (any_date || dt || ds || ts || get(m, "hour") || get(m, "minute") || get(m, "second"))
            invalid("epochSeconds/epochMillis cannot be combined with other date or time fields");
        int64_t secs = 0, nanos = 0;
        if (es) {
            secs = int_of(*es, "epochSeconds");
        } else {
            int64_t ms = int_of(*em, "epochMillis");
            secs = floor_div(ms, 1000);
            nanos = floor_mod(ms, 1000) * 1000000;
        }
        if (const Value* x = get(m, "millisecond")) nanos += int_of(*x, "millisecond") * 1000000;
        if (const Value* x = get(m, "microsecond")) nanos += int_of(*x, "microsecond") * 1000;
        if (const Value* x = get(m, "nanosecond")) nanos += int_of(*x, "nanosecond");
        return make_datetime_instant(secs, nanos, has_zone ? zone : Zone{});
    }
    if (!dp.has_date && !tp.has_time && !any_date && !any_time)
        return current(kind, has_zone ? zone : Zone{}, ctx);

    // conversion to a new zone when the time source carries one
    if (has_zone && zoned(kind) && tp.has_time && tp.has_zone && dp_from_dt) {
        int64_t base_days = tp.days;
        int64_t utc = base_days * 86400 + tp.nanos / kNanosPerSecond - tp.zone.offset;
        int32_t off = zone.named ? zone_offset_at(zone.id, utc) : zone.offset;
        int64_t local = utc + off;
        int64_t nanos = floor_mod(local, 86400) * kNanosPerSecond + tp.nanos % kNanosPerSecond;
        if (dp_from_dt) dp.days = floor_div(local, 86400);
        tp.nanos = nanos;
    }

    int64_t days = 0;
    if (needs_date(kind)) {
        bool src = dp.has_date;
        int64_t sy = 0;
        int sm = 1, sd = 1;
        if (src) civil_from_days(dp.days, sy, sm, sd);
        const Value* year = get(m, "year");
        const Value* week = get(m, "week");
        const Value* dow = get(m, "dayOfWeek");
        const Value* ord = get(m, "ordinalDay");
        const Value* q = get(m, "quarter");
        const Value* doq = get(m, "dayOfQuarter");
        const Value* month = get(m, "month");
        const Value* day = get(m, "day");
        if (!src && !year) invalid("year must be specified");
        if (week || (dow && !month && !day && !ord && !q)) {
            int64_t wy = year ? int_of(*year, "year") : week_based_year(dp.days);
            int w = week ? int(int_of(*week, "week")) : (src ? iso_week(dp.days) : 1);
            int d = dow ? int(int_of(*dow, "dayOfWeek")) : (src ? day_of_week(dp.days) : 1);
            if (w < 1 || w > weeks_in_year(wy))
                invalid(fmt::format("Invalid value for WeekOfWeekBasedYear (valid values 1 - {}): {}",
                                    weeks_in_year(wy), w));
            if (d < 1 || d > 7) invalid(fmt::format("Invalid value for DayOfWeek: {}", d));
            days = date_from_week(wy, w, d);
        } else if (ord) {
            int64_t y = year ? int_of(*year, "year") : sy;
            int64_t o = int_of(*ord, "ordinalDay");
            if (o < 1 || o > (is_leap(y) ? 366 : 365))
                invalid(fmt::format("Invalid value for DayOfYear: {}", o));
            days = days_from_civil(y, 1, 1) + o - 1;
        } else if (q || doq) {
            int64_t y = year ? int_of(*year, "year") : sy;
            int qq = q ? int(int_of(*q, "quarter")) : (sm - 1) / 3 + 1;
            if (qq < 1 || qq > 4) invalid(fmt::format("Invalid value for QuarterOfYear: {}", qq));
            int64_t first = days_from_civil(y, (qq - 1) * 3 + 1, 1);
            int64_t dq = doq ? int_of(*doq, "dayOfQuarter")
                             : (src ? dp.days - days_from_civil(sy, (sm - 1) / 3 * 3 + 1, 1) + 1 : 1);
            int64_t len = days_from_civil(qq == 4 ? y + 1 : y, qq == 4 ? 1 : qq * 3 + 1, 1) - first;
            if (dq < 1 || dq > len) invalid(fmt::format("Invalid value for DayOfQuarter: {}", dq));
            days = first + dq - 1;
        } else {
            int64_t y = year ? int_of(*year, "year") : sy;
            int64_t mo = month ? int_of(*month, "month") : (src ? sm : 1);
            int64_t d = day ? int_of(*day, "day") : (src ? sd : 1);
            if (mo < 1 || mo > 12) invalid(fmt::format("Invalid value for MonthOfYear: {}", mo));
            if (d < 1 || d > days_in_month(y, int(mo)))
                invalid(fmt::format("Invalid value for DayOfMonth: {}", d));
            days = days_from_civil(y, int(mo), int(d));
        }
    } else if (any_date) {
        invalid(fmt::format("Cannot assign date fields to {}", fn_name(kind)));
    }

    if (has_zone && zoned(kind) && tp.has_time && tp.has_zone && !dp_from_dt) {
        // the time source's local time, placed on the result's date in its own zone
        int64_t on = needs_date(kind) ? days : 0;
        int64_t utc = on * 86400 + tp.nanos / kNanosPerSecond - tp.zone.offset;
        if (tp.zone.named) {
            Value resolved = make_datetime_local(on, tp.nanos, tp.zone);
            utc = resolved.as_datetime().seconds;
        }
        int32_t off = zone.named ? zone_offset_at(zone.id, utc) : zone.offset;
        int64_t local = utc + off;
        tp.nanos = floor_mod(local, 86400) * kNanosPerSecond + tp.nanos % kNanosPerSecond;
    }
    int64_t nanos = 0;
    if (needs_time(kind)) {
        int64_t base = tp.has_time ? tp.nanos : 0;
        int64_t bh = base / 3600 / kNanosPerSecond, bm = base / 60 / kNanosPerSecond % 60,
                bs = base / kNanosPerSecond % 60, bf = base % kNanosPerSecond;
        const Value* h = get(m, "hour");
        const Value* mi = get(m, "minute");
        const Value* s = get(m, "second");
        const Value* ms = get(m, "millisecond");
        const Value* us = get(m, "microsecond");
        const Value* ns = get(m, "nanosecond");
        int64_t hh = h ? int_of(*h, "hour") : bh;
        int64_t mm = mi ? int_of(*mi, "minute") : bm;
        int64_t ss = s ? int_of(*s, "second") : bs;
        int64_t ff = bf;
        if (ms || us || ns) {
            int64_t a = ms ? int_of(*ms, "millisecond") : bf / 1000000;
            int64_t b = us ? int_of(*us, "microsecond") : bf / 1000 % 1000;
            int64_t c = ns ? int_of(*ns, "nanosecond") : bf % 1000;
            if (us && !ms && b > 999) a = 0;
            if (ns && !ms && !us && c > 999) a = b = 0;
            if (ms && (a < 0 || a > 999)) invalid(fmt::format("Invalid value for MilliOfSecond: {}", a));
            if (us && (b < 0 || b > (ms ? 999 : 999999)))
                invalid(fmt::format("Invalid value for MicroOfSecond: {}", b));
            if (ns && (c < 0 || c > (ms || us ? 999 : 999999999)))
                invalid(fmt::format("Invalid value for NanoOfSecond: {}", c));
            ff = a * 1000000 + b * 1000 + c;
        }
        if (hh < 0 || hh > 23) invalid(fmt::format("Invalid value for HourOfDay: {}", hh));
        if (mm < 0 || mm > 59) invalid(fmt::format("Invalid value for MinuteOfHour: {}", mm));
        if (ss < 0 || ss > 59) invalid(fmt::format("Invalid value for SecondOfMinute: {}", ss));
        nanos = (hh * 3600 + mm * 60 + ss) * kNanosPerSecond + ff;
    } else if (any_time) {
        invalid(fmt::format("Cannot assign time fields to {}", fn_name(kind)));
    }

    Zone z;
    if (has_zone) z = zone;
    else if (tp.has_time && tp.has_zone) z = tp.zone;
    else if (dp_from_dt && dp.has_zone) z = dp.zone;
    switch (kind) {
        case ValueKind::Date: return make_date(days);
        case ValueKind::LocalTime: return make_local_time(nanos);
        case ValueKind::Time: {
            int32_t off = z.offset;
            if (z.named) off = zone_offset_at(z.id, now_utc_nanos() / kNanosPerSecond);
            return make_time(nanos, off);
        }
        case ValueKind::LocalDateTime: return make_local_datetime(days, nanos);
        default: return make_datetime_local(days, nanos, z);
    }
}

Value temporal_fn(ValueKind kind, const Value* a, size_t n, FunctionContext& ctx) {
    if (n == 0) return current(kind, Zone{}, &ctx);
    const Value& v = a[0];
    if (v.is_null()) return Value();
    if (v.is_string()) return parse_temporal(kind, v.as_string());
    if (v.is_map()) return construct(kind, v.as_map(), &ctx);
    if (is_temporal(v)) {
        ValueMap m;
        Parts p = parts_of(v);
        const char* key = p.has_date && p.has_time ? "datetime" : p.has_date ? "date" : "time";
        if (!needs_time(kind)) key = "date";
        else if (!needs_date(kind)) key = "time";
        if (needs_date(kind) && !p.has_date)
            invalid(fmt::format("Cannot construct {} from {}", fn_name(kind), kind_name(v.kind())));
        m.emplace_back(key, v);
        return construct(kind, m);
    }
    bad_type(fn_name(kind), v, "STRING, MAP or a temporal value");
}

template <ValueKind K>
Value fn_ctor(const Value* a, size_t n, FunctionContext& ctx) { return temporal_fn(K, a, n, ctx); }

template <ValueKind K>
Value fn_now(const Value* a, size_t n, FunctionContext& ctx) {
    FunctionContext* c = &ctx;
    if (n == 0 || a[0].is_null()) return current(K, Zone{}, c);
    if (!a[0].is_string()) bad_type(fn_name(K), a[0], "STRING");
    return current(K, parse_zone(a[0].as_string()), c);
}

// ---- truncate -------------------------------------------------------------------------------
template <ValueKind K>
Value fn_truncate(const Value* a, size_t n, FunctionContext&) {
    if (a[0].is_null() || a[1].is_null()) return Value();
    if (!a[0].is_string()) bad_type("truncate", a[0], "STRING");
    if (!is_temporal(a[1])) bad_type("truncate", a[1], "a temporal value");
    std::string unit = a[0].as_string();
    Parts p = parts_of(a[1]);
    int64_t y = 0;
    int mo = 1, d = 1;
    if (p.has_date) civil_from_days(p.days, y, mo, d);
    bool date_unit = true;
    if (unit == "millennium") p.days = days_from_civil(floor_div(y, 1000) * 1000, 1, 1);
    else if (unit == "century") p.days = days_from_civil(floor_div(y, 100) * 100, 1, 1);
    else if (unit == "decade") p.days = days_from_civil(floor_div(y, 10) * 10, 1, 1);
    else if (unit == "year") p.days = days_from_civil(y, 1, 1);
    else if (unit == "weekYear") p.days = date_from_week(week_based_year(p.days), 1, 1);
    else if (unit == "quarter") p.days = days_from_civil(y, (mo - 1) / 3 * 3 + 1, 1);
    else if (unit == "month") p.days = days_from_civil(y, mo, 1);
    else if (unit == "week") p.days -= day_of_week(p.days) - 1;
    else if (unit == "day") {
    } else {
        date_unit = false;
        int64_t q = 0;
        if (unit == "hour") q = 3600 * kNanosPerSecond;
        else if (unit == "minute") q = 60 * kNanosPerSecond;
        else if (unit == "second") q = kNanosPerSecond;
        else if (unit == "millisecond") q = 1000000;
        else if (unit == "microsecond") q = 1000;
        else invalid(fmt::format("Unsupported unit: {}", unit));
        p.nanos -= p.nanos % q;
    }
    if (date_unit) {
        if (!p.has_date) invalid(fmt::format("Cannot truncate {} to {}", kind_name(a[1].kind()), unit));
        p.nanos = 0;
    }
    ValueMap m;
    bool override_zone = n > 2 && a[2].is_map() && get(a[2].as_map(), "timezone");
    if (n > 2 && !a[2].is_null()) {
        if (!a[2].is_map()) bad_type("truncate", a[2], "MAP");
        m = a[2].as_map();
    }
    Value base;
    if (p.has_date && p.has_time && needs_time(K)) {
        base = (p.has_zone && !override_zone) ? make_datetime_local(p.days, p.nanos, p.zone)
                                              : make_local_datetime(p.days, p.nanos);
        m.emplace_back("datetime", base);
    } else if (p.has_date) {
        m.emplace_back("date", make_date(p.days));
        if (needs_time(K)) m.emplace_back("time", make_local_time(0));
    } else {
        base = (p.has_zone && !override_zone) ? make_time(p.nanos, p.zone.offset)
                                              : make_local_time(p.nanos);
        m.emplace_back("time", base);
    }
    return construct(K, m);
}

// ---- epoch ----------------------------------------------------------------------------------
Value fn_fromepoch(const Value* a, size_t, FunctionContext&) {
    if (a[0].is_null() || a[1].is_null()) return Value();
    return make_datetime_instant(int_of(a[0], "seconds"), int_of(a[1], "nanoseconds"), Zone{});
}
Value fn_fromepochmillis(const Value* a, size_t, FunctionContext&) {
    if (a[0].is_null()) return Value();
    int64_t ms = int_of(a[0], "milliseconds");
    return make_datetime_instant(floor_div(ms, 1000), floor_mod(ms, 1000) * 1000000, Zone{});
}

// ---- duration -------------------------------------------------------------------------------
Value duration_from_map(const ValueMap& m) {
    struct Unit {
        const char* name;
        int slot;       // 0 months, 1 days, 2 seconds, 3 nanos
        int64_t factor;
    };
    static const Unit kUnits[] = {{"years", 0, 12},       {"quarters", 0, 3},     {"months", 0, 1},
                                  {"weeks", 1, 7},        {"days", 1, 1},         {"hours", 2, 3600},
                                  {"minutes", 2, 60},     {"seconds", 2, 1},      {"milliseconds", 3, 1000000},
                                  {"microseconds", 3, 1000}, {"nanoseconds", 3, 1}};
    int64_t iv[4] = {0, 0, 0, 0};
    double fv[4] = {0, 0, 0, 0};
    for (const auto& [k, v] : m) {
        const Unit* u = nullptr;
        for (const auto& x : kUnits)
            if (k == x.name) u = &x;
        if (!u) invalid(fmt::format("No such field: {}", k));
        if (v.is_null()) continue;
        if (v.is_int()) iv[u->slot] += v.as_int() * u->factor;
        else if (v.is_float()) {
            double whole = std::trunc(v.as_float());
            iv[u->slot] += int64_t(whole) * u->factor;
            fv[u->slot] += (v.as_float() - whole) * double(u->factor);
        } else {
            invalid(fmt::format("{} must be a number", k));
        }
    }
    Value f = duration_from_fractions(fv[0], fv[1], fv[2], fv[3]);
    const auto& d = f.as_duration();
    return make_duration(iv[0] + d.months, iv[1] + d.days, iv[2] + d.seconds, iv[3] + d.nanos);
}

Value fn_duration(const Value* a, size_t, FunctionContext&) {
    const Value& v = a[0];
    if (v.is_null()) return Value();
    if (v.is_string()) return parse_duration(v.as_string());
    if (v.is_map()) return duration_from_map(v.as_map());
    if (v.kind() == ValueKind::Duration) return v;
    bad_type("duration", v, "STRING or MAP");
}

enum class Between { All, Months, Days, Seconds };

Value between(const Value& a, const Value& b, Between what) {
    if (a.is_null() || b.is_null()) return Value();
    if (!is_temporal(a)) bad_type("duration.between", a, "a temporal value");
    if (!is_temporal(b)) bad_type("duration.between", b, "a temporal value");
    Parts f = parts_of(a), t = parts_of(b);
    if (f.has_zone && t.has_zone && t.zone.offset != f.zone.offset) {
        // express `to` in the offset of `from`
        int64_t shift = int64_t(f.zone.offset - t.zone.offset) * kNanosPerSecond;
        int64_t total = t.days * kNanosPerDay + t.nanos + shift;
        t.days = floor_div(total, kNanosPerDay);
        t.nanos = floor_mod(total, kNanosPerDay);
        if (f.zone.named && b.kind() == ValueKind::DateTime && a.kind() == ValueKind::DateTime) {
            // named zones: use the offset `from`'s zone has at `to`'s instant
            const auto& bt = b.as_datetime();
            int32_t off = zone_offset_at(f.zone.id, bt.seconds);
            int64_t local = bt.seconds + off;
            t.days = floor_div(local, 86400);
            t.nanos = floor_mod(local, 86400) * kNanosPerSecond + bt.nanos;
        }
    }
    bool dates = f.has_date && t.has_date;
    int64_t fn = f.has_time ? f.nanos : 0, tn = t.has_time ? t.nanos : 0;
    if (!dates) {
        if (what == Between::Months || what == Between::Days) return make_duration(0, 0, 0, 0);
        if (!f.has_time && !t.has_time) return make_duration(0, 0, 0, 0);
        int64_t diff = tn - fn;
        if (f.has_zone && t.has_zone && !f.has_date && !t.has_date) {
            Parts ob = parts_of(b);
            diff = (ob.nanos - int64_t(ob.zone.offset) * kNanosPerSecond) -
                   (f.nanos - int64_t(f.zone.offset) * kNanosPerSecond);
        }
        return make_duration(0, 0, diff / kNanosPerSecond, diff % kNanosPerSecond);
    }
    // instants are used for the sub-day remainder when both sides are zoned date-times
    bool instants = a.kind() == ValueKind::DateTime && b.kind() == ValueKind::DateTime;
    auto instant_of = [](const Value& v) {
        const auto& x = v.as_datetime();
        return x.seconds * kNanosPerSecond + x.nanos;
    };
    __int128 total = __int128(t.days - f.days) * kNanosPerDay + (tn - fn);
    if (what == Between::Seconds) {
        if (instants) total = __int128(instant_of(b)) - instant_of(a);
        return make_duration(0, 0, int64_t(total / kNanosPerSecond), int64_t(total % kNanosPerSecond));
    }
    if (what == Between::Days) return make_duration(0, int64_t(total / kNanosPerDay), 0, 0);
    int64_t fy, ty;
    int fm, fd, tm, td;
    civil_from_days(f.days, fy, fm, fd);
    civil_from_days(t.days, ty, tm, td);
    int64_t months = (ty * 12 + tm) - (fy * 12 + fm);
    auto later = [&](int da, int64_t na, int db, int64_t nb) { return da != db ? da > db : na > nb; };
    if (months > 0 && later(fd, fn, td, tn)) --months;
    if (months < 0 && later(td, tn, fd, fn)) ++months;
    if (what == Between::Months) return make_duration(months, 0, 0, 0);
    int64_t tot_m = fy * 12 + (fm - 1) + months;
    int64_t my = floor_div(tot_m, 12);
    int mm = int(floor_mod(tot_m, 12)) + 1;
    int64_t mid = days_from_civil(my, mm, std::min(fd, days_in_month(my, mm)));
    __int128 rest128 = __int128(t.days - mid) * kNanosPerDay + (tn - fn);
    int64_t days = int64_t(rest128 / kNanosPerDay);
    int64_t rest = int64_t(rest128 % kNanosPerDay);
    if (instants) {
        Value m = make_datetime_local(mid + days, fn, f.zone);
        rest = instant_of(b) - instant_of(m);
    }
    return make_duration(months, days, rest / kNanosPerSecond, rest % kNanosPerSecond);
}

template <Between W>
Value fn_between(const Value* a, size_t, FunctionContext&) { return between(a[0], a[1], W); }

constexpr ValueKind D = ValueKind::Date, LT = ValueKind::LocalTime, T = ValueKind::Time,
                    LDT = ValueKind::LocalDateTime, DT = ValueKind::DateTime;

const ScalarFunction kTemporal[] = {
    {"date", 0, 1, fn_ctor<D>, "Creates a DATE.", "date('2015-07-21')"},
    {"localtime", 0, 1, fn_ctor<LT>, "Creates a LOCAL TIME.", "localtime('21:40')"},
    {"time", 0, 1, fn_ctor<T>, "Creates a ZONED TIME.", "time('21:40+01:00')"},
    {"localdatetime", 0, 1, fn_ctor<LDT>, "Creates a LOCAL DATETIME.", "localdatetime('2015-07-21T21:40')"},
    {"datetime", 0, 1, fn_ctor<DT>, "Creates a ZONED DATETIME.", "datetime('2015-07-21T21:40Z')"},
    {"date.statement", 0, 1, fn_now<D>, "Current date.", "date.statement()", false},
    {"date.transaction", 0, 1, fn_now<D>, "Current date.", "date.transaction()", false},
    {"date.realtime", 0, 1, fn_now<D>, "Current date.", "date.realtime()", false},
    {"localtime.statement", 0, 1, fn_now<LT>, "Current local time.", "localtime.statement()", false},
    {"localtime.transaction", 0, 1, fn_now<LT>, "Current local time.", "localtime.transaction()", false},
    {"localtime.realtime", 0, 1, fn_now<LT>, "Current local time.", "localtime.realtime()", false},
    {"time.statement", 0, 1, fn_now<T>, "Current time.", "time.statement()", false},
    {"time.transaction", 0, 1, fn_now<T>, "Current time.", "time.transaction()", false},
    {"time.realtime", 0, 1, fn_now<T>, "Current time.", "time.realtime()", false},
    {"localdatetime.statement", 0, 1, fn_now<LDT>, "Current local datetime.", "localdatetime.statement()", false},
    {"localdatetime.transaction", 0, 1, fn_now<LDT>, "Current local datetime.", "localdatetime.transaction()", false},
    {"localdatetime.realtime", 0, 1, fn_now<LDT>, "Current local datetime.", "localdatetime.realtime()", false},
    {"datetime.statement", 0, 1, fn_now<DT>, "Current datetime.", "datetime.statement()", false},
    {"datetime.transaction", 0, 1, fn_now<DT>, "Current datetime.", "datetime.transaction()", false},
    {"datetime.realtime", 0, 1, fn_now<DT>, "Current datetime.", "datetime.realtime()", false},
    {"date.truncate", 2, 3, fn_truncate<D>, "Truncates to a unit.", "date.truncate('month', d)"},
    {"localtime.truncate", 2, 3, fn_truncate<LT>, "Truncates to a unit.", "localtime.truncate('hour', t)"},
    {"time.truncate", 2, 3, fn_truncate<T>, "Truncates to a unit.", "time.truncate('hour', t)"},
    {"localdatetime.truncate", 2, 3, fn_truncate<LDT>, "Truncates to a unit.", "localdatetime.truncate('day', t)"},
    {"datetime.truncate", 2, 3, fn_truncate<DT>, "Truncates to a unit.", "datetime.truncate('day', t)"},
    {"datetime.fromepoch", 2, 2, fn_fromepoch, "DATETIME from epoch seconds and nanoseconds.", "datetime.fromepoch(0, 0)"},
    {"datetime.fromepochmillis", 1, 1, fn_fromepochmillis, "DATETIME from epoch milliseconds.", "datetime.fromepochmillis(0)"},
    {"duration", 1, 1, fn_duration, "Creates a DURATION.", "duration('P1D')"},
    {"duration.between", 2, 2, fn_between<Between::All>, "Duration between two temporals.", "duration.between(a, b)"},
    {"duration.inMonths", 2, 2, fn_between<Between::Months>, "Whole months between.", "duration.inMonths(a, b)"},
    {"duration.inDays", 2, 2, fn_between<Between::Days>, "Whole days between.", "duration.inDays(a, b)"},
    {"duration.inSeconds", 2, 2, fn_between<Between::Seconds>, "Seconds between.", "duration.inSeconds(a, b)"},
};

}  // namespace

std::span<const ScalarFunction> temporal_functions() { return kTemporal; }

}  // namespace quiver::function::builtin
