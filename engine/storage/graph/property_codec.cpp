#include "storage/graph/property_codec.h"

#include <cstring>

#include "base/assert.h"
#include "base/endian.h"
#include "base/error.h"

namespace quiver::storage {

namespace {
enum Tag : uint8_t {
    False = 1, True, Int, Float, String, List, Date, LocalTime, Time, LocalDateTime, DateTime,
    Duration, Point, Bytes
};

void put_u32(std::vector<uint8_t>& o, uint32_t v) {
    size_t n = o.size();
    o.resize(n + 4);
    store_u32(o.data() + n, v);
}
void put_u64(std::vector<uint8_t>& o, uint64_t v) {
    size_t n = o.size();
    o.resize(n + 8);
    store_u64(o.data() + n, v);
}
void put_f64(std::vector<uint8_t>& o, double v) {
    size_t n = o.size();
    o.resize(n + 8);
    store_f64(o.data() + n, v);
}
void put_str(std::vector<uint8_t>& o, const std::string& s) {
    put_u32(o, uint32_t(s.size()));
    o.insert(o.end(), s.begin(), s.end());
}

void encode_value(const Value& v, std::vector<uint8_t>& o, bool in_list) {
    switch (v.kind()) {
        case ValueKind::Bool: o.push_back(v.as_bool() ? True : False); return;
        case ValueKind::Int: o.push_back(Int); put_u64(o, uint64_t(v.as_int())); return;
        case ValueKind::Float: o.push_back(Float); put_f64(o, v.as_float()); return;
        case ValueKind::String: o.push_back(String); put_str(o, v.as_string()); return;
        case ValueKind::Bytes: o.push_back(Bytes); put_str(o, v.as_bytes()); return;
        case ValueKind::Date: o.push_back(Date); put_u64(o, uint64_t(v.as_date())); return;
        case ValueKind::LocalTime: o.push_back(LocalTime); put_u64(o, uint64_t(v.as_local_time())); return;
        case ValueKind::Time:
            o.push_back(Time);
            put_u64(o, uint64_t(v.as_time().nanos));
            put_u32(o, uint32_t(v.as_time().offset_seconds));
            return;
        case ValueKind::LocalDateTime:
            o.push_back(LocalDateTime);
            put_u64(o, uint64_t(v.as_local_datetime().seconds));
            put_u32(o, uint32_t(v.as_local_datetime().nanos));
            return;
        case ValueKind::DateTime: {
            const auto& d = v.as_datetime();
            o.push_back(DateTime);
            put_u64(o, uint64_t(d.seconds));
            put_u32(o, uint32_t(d.nanos));
            put_u32(o, uint32_t(d.offset_seconds));
            o.push_back(uint8_t(d.zone.size()));
            o.push_back(uint8_t(d.zone.size() >> 8));
            o.insert(o.end(), d.zone.begin(), d.zone.end());
            return;
        }
        case ValueKind::Duration: {
            const auto& d = v.as_duration();
            o.push_back(Duration);
            put_u64(o, uint64_t(d.months));
            put_u64(o, uint64_t(d.days));
            put_u64(o, uint64_t(d.seconds));
            put_u32(o, uint32_t(d.nanos));
            return;
        }
        case ValueKind::Point: {
            const auto& p = v.as_point();
            o.push_back(Point);
            put_u32(o, uint32_t(p.srid));
            put_f64(o, p.x);
            put_f64(o, p.y);
            put_f64(o, p.z);
            return;
        }
        case ValueKind::List:
            if (in_list) break;
            o.push_back(List);
            put_u32(o, uint32_t(v.as_list().size()));
            for (const auto& e : v.as_list()) encode_value(e, o, true);
            return;
        default:
            break;
    }
    throw_type("InvalidPropertyType",
               std::string("Property values can only be of primitive types or arrays thereof; "
                           "got ") + kind_name(v.kind()));
}

struct Reader {
    const uint8_t* p;
    const uint8_t* end;
    void need(size_t n) { QV_CORRUPT_IF(size_t(end - p) < n, "property blob truncated"); }
    uint8_t u8() { need(1); return *p++; }
    uint32_t u32() { need(4); uint32_t v = load_u32(p); p += 4; return v; }
    uint64_t u64() { need(8); uint64_t v = load_u64(p); p += 8; return v; }
    double f64() { need(8); double v = load_f64(p); p += 8; return v; }
    std::string str(size_t n) { need(n); std::string s(reinterpret_cast<const char*>(p), n); p += n; return s; }
};

Value decode_value(Reader& r, int depth) {
    uint8_t tag = r.u8();
    switch (tag) {
        case False: return Value::boolean(false);
        case True: return Value::boolean(true);
        case Int: return Value::integer(int64_t(r.u64()));
        case Float: return Value::float64(r.f64());
        case String: { uint32_t n = r.u32(); return Value::string(r.str(n)); }
        case Bytes: { uint32_t n = r.u32(); return Value::bytes(r.str(n)); }
        case Date: return Value::date(int64_t(r.u64()));
        case LocalTime: return Value::local_time(int64_t(r.u64()));
        case Time: { TimeValue t; t.nanos = int64_t(r.u64()); t.offset_seconds = int32_t(r.u32()); return Value::time(t); }
        case LocalDateTime: { LocalDateTimeValue t; t.seconds = int64_t(r.u64()); t.nanos = int32_t(r.u32()); return Value::local_datetime(t); }
        case DateTime: {
            DateTimeValue d;
            d.seconds = int64_t(r.u64());
            d.nanos = int32_t(r.u32());
            d.offset_seconds = int32_t(r.u32());
            uint32_t zl = r.u8();
            zl |= uint32_t(r.u8()) << 8;
            d.zone = r.str(zl);
            return Value::datetime(std::move(d));
        }
        case Duration: {
            DurationValue d;
            d.months = int64_t(r.u64());
            d.days = int64_t(r.u64());
            d.seconds = int64_t(r.u64());
            d.nanos = int32_t(r.u32());
            return Value::duration(d);
        }
        case Point: {
            PointValue p;
            p.srid = int32_t(r.u32());
            p.x = r.f64();
            p.y = r.f64();
            p.z = r.f64();
            return Value::point(p);
        }
        case List: {
            QV_CORRUPT_IF(depth > 0, "nested list in a property");
            uint32_t n = r.u32();
            QV_CORRUPT_IF(n > size_t(r.end - r.p), "list length out of bounds");
            ValueList items;
            items.reserve(n);
            for (uint32_t i = 0; i < n; ++i) items.push_back(decode_value(r, depth + 1));
            return Value::list(std::move(items));
        }
        default:
            throw_corrupt("unknown property value tag " + std::to_string(tag));
    }
}

// Steps over one encoded value without building it (no string or list allocation).
void skip_value(Reader& r, int depth = 0) {
    uint8_t tag = r.u8();
    switch (tag) {
        case False:
        case True: return;
        case Int:
        case Float:
        case Date:
        case LocalTime: r.need(8); r.p += 8; return;
        case String:
        case Bytes: { uint32_t n = r.u32(); r.need(n); r.p += n; return; }
        case Time: r.need(12); r.p += 12; return;
        case LocalDateTime: r.need(12); r.p += 12; return;
        case DateTime: {
            r.need(16); r.p += 16;
            uint32_t zl = r.u8();
            zl |= uint32_t(r.u8()) << 8;
            r.need(zl); r.p += zl;
            return;
        }
        case Duration: r.need(28); r.p += 28; return;
        case Point: r.need(28); r.p += 28; return;
        case List: {
            QV_CORRUPT_IF(depth > 0, "nested list in a property");
            uint32_t n = r.u32();
            QV_CORRUPT_IF(n > size_t(r.end - r.p), "list length out of bounds");
            for (uint32_t i = 0; i < n; ++i) skip_value(r, depth + 1);
            return;
        }
        default:
            throw_corrupt("unknown property value tag " + std::to_string(tag));
    }
}
}  // namespace

void check_storable(const Value& v) {
    std::vector<uint8_t> tmp;
    encode_value(v, tmp, false);
    if (v.is_list()) {  // homogeneous lists only
        const auto& items = v.as_list();
        for (size_t i = 1; i < items.size(); ++i) {
            bool same = items[i].kind() == items[0].kind() ||
                        (items[i].is_number() && items[0].is_number());
            if (!same)
                throw_type("InvalidPropertyType",
                           "Collections containing mixed types can not be stored in properties");
        }
    }
}

void encode_properties(const PropertyList& props, std::vector<uint8_t>& out) {
    out.clear();
    out.push_back(uint8_t(props.size()));
    out.push_back(uint8_t(props.size() >> 8));
    for (const auto& [k, v] : props) {
        put_u32(out, k);
        encode_value(v, out, false);
    }
}

PropertyList decode_properties(const uint8_t* p, size_t n) {
    PropertyList props;
    if (n == 0) return props;
    Reader r{p, p + n};
    uint32_t count = r.u8();
    count |= uint32_t(r.u8()) << 8;
    props.reserve(count);
    for (uint32_t i = 0; i < count; ++i) {
        TokenId k = r.u32();
        props.emplace_back(k, decode_value(r, 0));
    }
    return props;
}

void property_offsets(const uint8_t* p, size_t n, PropertyOffsets& out) {
    out.clear();
    if (n == 0) return;
    Reader r{p, p + n};
    uint32_t count = r.u8();
    count |= uint32_t(r.u8()) << 8;
    for (uint32_t i = 0; i < count; ++i) {
        TokenId k = r.u32();
        out.emplace_back(k, uint32_t(r.p - p));
        skip_value(r);
    }
}

Value decode_value_at(const uint8_t* p, size_t n, uint32_t offset) {
    QV_CORRUPT_IF(offset >= n, "property offset out of bounds");
    Reader r{p + offset, p + n};
    return decode_value(r, 0);
}

Value StringReuse::get(const uint8_t* s, uint32_t n) {
    const char* c = reinterpret_cast<const char*>(s);
    if (n == 0 || n > kMaxLen) return Value::string(std::string(c, n));
    uint32_t h = (n * 131u + s[0] * 31u + s[n / 2] * 7u + s[n - 1]) % kSlots;
    if (!slots_) slots_ = std::make_unique<Value[]>(kSlots);
    Value& slot = slots_[h];
    if (slot.is_string()) {
        const std::string& have = slot.as_string();
        if (have.size() == n && std::memcmp(have.data(), c, n) == 0) return slot;
    }
    slot = Value::string(std::string(c, n));
    return slot;
}

void PropertyWalk::start(const uint8_t* p, size_t n) {
    at = 0;
    left = 0;
    if (n == 0) return;
    QV_CORRUPT_IF(n < 2, "property blob truncated");
    left = uint32_t(p[0]) | uint32_t(p[1]) << 8;
    at = 2;
}

bool PropertyWalk::next_slow(const uint8_t* p, size_t n, TokenId& key, uint32_t& value_at) {
    if (left == 0) return false;
    QV_CORRUPT_IF(n < size_t(at) + 5, "property blob truncated");
    key = load_u32(p + at);
    value_at = at + 4;
    Reader r{p + value_at, p + n};
    skip_value(r);
    at = uint32_t(r.p - p);
    --left;
    return true;
}

Value decode_value_at(const uint8_t* p, size_t n, uint32_t offset, StringReuse& reuse) {
    QV_CORRUPT_IF(offset >= n, "property offset out of bounds");
    if (p[offset] == String) {
        Reader r{p + offset + 1, p + n};
        uint32_t len = r.u32();
        r.need(len);
        return reuse.get(r.p, len);
    }
    if (p[offset] == Int && n - offset >= 9) return Value::integer(int64_t(load_u64(p + offset + 1)));
    return decode_value_at(p, n, offset);
}

Value decode_property(const uint8_t* p, size_t n, TokenId key) {
    if (n == 0) return Value();
    Reader r{p, p + n};
    uint32_t count = r.u8();
    count |= uint32_t(r.u8()) << 8;
    for (uint32_t i = 0; i < count; ++i) {
        TokenId k = r.u32();
        if (k == key) return decode_value(r, 0);
        skip_value(r);
    }
    return Value();
}

}  // namespace quiver::storage
