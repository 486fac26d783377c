// Time-zone lookups over the generated compact table (tzdata_gen.cpp): lazy decoding per zone,
// binary search over transitions, POSIX TZ footer rules after the last transition.
#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "value/temporal/temporal.h"
#include "value/temporal/tzdata.h"

namespace quiver::temporal {

namespace {

struct PosixDate {
    char kind = 0;  // 'M', 'J' or 'n' (zero-based julian)
    int m = 0, w = 0, d = 0, n = 0;
    int32_t time = 7200;  // seconds after local midnight
};
struct PosixRule {
    bool valid = false;
    int32_t std_off = 0, dst_off = 0;  // UTC offsets (east positive)
    bool has_dst = false;
    PosixDate start, end;
};
struct ZoneData {
    std::vector<int32_t> offsets;
    std::vector<int64_t> times;
    std::vector<uint8_t> idx;
    int32_t initial = 0;
    PosixRule rule;
};

int64_t b36(const char*& p) {
    bool neg = false;
    if (*p == '-') {
        neg = true;
        ++p;
    }
    int64_t v = 0;
    while (true) {
        char c = *p;
        int d;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (c >= 'a' && c <= 'z') d = c - 'a' + 10;
        else break;
        v = v * 36 + d;
        ++p;
    }
    return neg ? -v : v;
}

// [+-]hh[:mm[:ss]] -> seconds
int32_t posix_hms(const char*& p) {
    int sign = 1;
    if (*p == '+') ++p;
    else if (*p == '-') {
        sign = -1;
        ++p;
    }
    int32_t parts[3] = {0, 0, 0};
    for (int i = 0; i < 3; ++i) {
        int v = 0;
        while (*p >= '0' && *p <= '9') v = v * 10 + (*p++ - '0');
        parts[i] = v;
        if (*p != ':') break;
        ++p;
    }
    return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2]);
}

void posix_name(const char*& p) {
    if (*p == '<') {
        while (*p && *p != '>') ++p;
        if (*p) ++p;
    } else {
        while (*p && ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))) ++p;
    }
}

bool posix_date(const char*& p, PosixDate& d) {
    if (*p == 'M') {
        ++p;
        d.kind = 'M';
        d.m = int(std::strtol(p, const_cast<char**>(&p), 10));
        if (*p++ != '.') return false;
        d.w = int(std::strtol(p, const_cast<char**>(&p), 10));
        if (*p++ != '.') return false;
        d.d = int(std::strtol(p, const_cast<char**>(&p), 10));
    } else if (*p == 'J') {
        ++p;
        d.kind = 'J';
        d.n = int(std::strtol(p, const_cast<char**>(&p), 10));
    } else {
        d.kind = 'n';
        d.n = int(std::strtol(p, const_cast<char**>(&p), 10));
    }
    if (*p == '/') {
        ++p;
        d.time = posix_hms(p);
    }
    return true;
}

PosixRule parse_posix(const char* p) {
    PosixRule r;
    if (!*p) return r;
    posix_name(p);
    r.std_off = -posix_hms(p);
    r.valid = true;
    if (!*p) return r;
    posix_name(p);
    r.has_dst = true;
    r.dst_off = r.std_off + 3600;
    if (*p && *p != ',') r.dst_off = -posix_hms(p);
    if (*p != ',') {
        r.has_dst = false;
        return r;
    }
    ++p;
    if (!posix_date(p, r.start) || *p != ',') {
        r.has_dst = false;
        return r;
    }
    ++p;
    if (!posix_date(p, r.end)) r.has_dst = false;
    return r;
}

// Local-midnight day number (days since epoch) of a rule date in a year.
int64_t rule_day(const PosixDate& d, int64_t year) {
    if (d.kind == 'M') {
        int64_t first = days_from_civil(year, d.m, 1);
        int dow0 = day_of_week(first) % 7;  // 0 = Sunday
        int64_t day = first + ((d.d - dow0) % 7 + 7) % 7 + int64_t(d.w - 1) * 7;
        if (d.w == 5) {
            int64_t last = first + days_in_month(year, d.m) - 1;
            while (day > last) day -= 7;
        }
        return day;
    }
    if (d.kind == 'J') {  // 1..365, Feb 29 never counted
        int64_t day = days_from_civil(year, 1, 1) + d.n - 1;
        if (is_leap(year) && d.n >= 60) ++day;
        return day;
    }
    return days_from_civil(year, 1, 1) + d.n;
}

int32_t rule_offset(const PosixRule& r, int64_t utc) {
    if (!r.has_dst) return r.std_off;
    int64_t y;
    int m, d;
    civil_from_days(floor_div(utc + r.std_off, 86400), y, m, d);
    int64_t start = rule_day(r.start, y) * 86400 + r.start.time - r.std_off;
    int64_t end = rule_day(r.end, y) * 86400 + r.end.time - r.dst_off;
    if (start < end) return (utc >= start && utc < end) ? r.dst_off : r.std_off;
    return (utc >= end && utc < start) ? r.std_off : r.dst_off;
}

const ZoneData* load(int record) {
    static std::mutex mu;
    static std::unordered_map<int, std::unique_ptr<ZoneData>> cache;
    std::lock_guard<std::mutex> lock(mu);
    auto it = cache.find(record);
    if (it != cache.end()) return it->second.get();
    auto z = std::make_unique<ZoneData>();
    const char* p = tzdata::kRecords[record];
    while (*p && *p != '|') {
        z->offsets.push_back(int32_t(b36(p)));
        if (*p == ',') ++p;
    }
    if (*p == '|') ++p;
    int64_t t = 0;
    bool first = true;
    while (*p && *p != '|') {
        int64_t v = b36(p);
        t = first ? v : t + v;
        first = false;
        ++p;  // ':'
        z->times.push_back(t);
        z->idx.push_back(uint8_t(b36(p)));
        if (*p == ' ') ++p;
    }
    if (*p == '|') ++p;
    z->initial = z->offsets.empty() ? 0 : z->offsets[0];
    z->rule = parse_posix(p);
    auto* raw = z.get();
    cache.emplace(record, std::move(z));
    return raw;
}

const ZoneData* find(std::string_view id) {
    const auto* begin = tzdata::kZones;
    const auto* end = tzdata::kZones + tzdata::kZoneCount;
    auto it = std::lower_bound(begin, end, id, [](const tzdata::ZoneEntry& e, std::string_view k) {
        return std::string_view(e.name) < k;
    });
    if (it == end || std::string_view(it->name) != id) return nullptr;
    return load(it->record);
}

int32_t offset_in(const ZoneData& z, int64_t utc) {
    if (z.times.empty() || utc < z.times.front()) {
        if (z.times.empty() && z.rule.valid) return rule_offset(z.rule, utc);
        return z.initial;
    }
    if (utc >= z.times.back() && z.rule.valid) {
        // the footer governs after the last explicit transition
        int32_t last = z.offsets[z.idx.back()];
        int32_t r = rule_offset(z.rule, utc);
        return z.rule.has_dst ? r : last;
    }
    auto it = std::upper_bound(z.times.begin(), z.times.end(), utc);
    size_t i = size_t(it - z.times.begin()) - 1;
    return z.offsets[z.idx[i]];
}

}  // namespace

bool zone_exists(std::string_view id) { return find(id) != nullptr; }

int32_t zone_offset_at(std::string_view id, int64_t utc_seconds) {
    const ZoneData* z = find(id);
    if (!z) invalid("Invalid value for TimeZone: Text '" + std::string(id) + "'");
    return offset_in(*z, utc_seconds);
}

int32_t zone_offset_for_local(std::string_view id, int64_t& local) {
    const ZoneData* z = find(id);
    if (!z) invalid("Invalid value for TimeZone: Text '" + std::string(id) + "'");
    int32_t before = offset_in(*z, local - 86400);
    int32_t after = offset_in(*z, local + 86400);
    bool before_ok = offset_in(*z, local - before) == before;
    bool after_ok = offset_in(*z, local - after) == after;
    if (before_ok) return before;
    if (after_ok) return after;
    // gap: move forward by the gap length
    local += after - before;
    return after;
}

}  // namespace quiver::temporal
