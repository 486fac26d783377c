// PackStream v1 codec. The byte layout and the promises are documented in packstream.h.
#include "value/packstream.h"
#include "value/temporal/temporal.h"

#include <cstdio>
#include <cstring>
#include <limits>
#include <unordered_map>
#include <utility>

#include "base/error.h"

namespace quiver::packstream {

namespace {

constexpr size_t kMaxSize = 2147483647;  // bolt.md §4.2: strings, bytes, lists, maps
constexpr int64_t kNanosPerSecond = 1000000000;
constexpr int64_t kNanosPerDay = 86400 * kNanosPerSecond;
constexpr int32_t kMaxOffsetSeconds = 18 * 3600;
constexpr size_t kLinearMapLimit = 16;  // above this, duplicate keys are found by hashing

namespace marker {
constexpr uint8_t Null = 0xC0, Float = 0xC1, False = 0xC2, True = 0xC3;
constexpr uint8_t Int8 = 0xC8, Int16 = 0xC9, Int32 = 0xCA, Int64 = 0xCB;
constexpr uint8_t Bytes8 = 0xCC, Bytes16 = 0xCD, Bytes32 = 0xCE;
constexpr uint8_t TinyString = 0x80, String8 = 0xD0, String16 = 0xD1, String32 = 0xD2;
constexpr uint8_t TinyList = 0x90, List8 = 0xD4, List16 = 0xD5, List32 = 0xD6;
constexpr uint8_t TinyMap = 0xA0, Map8 = 0xD8, Map16 = 0xD9, Map32 = 0xDA;
constexpr uint8_t TinyStruct = 0xB0, Struct8 = 0xDC, Struct16 = 0xDD;
}  // namespace marker

bool is_tiny_int(uint8_t m) { return m <= 0x7F || m >= 0xF0; }
bool is_string_marker(uint8_t m) {
    return (m & 0xF0) == marker::TinyString || (m >= marker::String8 && m <= marker::String32);
}

std::string element_id_or_id(const std::string& element_id, int64_t id) {
    return element_id.empty() ? std::to_string(id) : element_id;
}

}  // namespace

// ---- UTF-8 ---------------------------------------------------------------------------------

bool valid_utf8(std::string_view s) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    const auto* end = p + s.size();
    while (p < end) {
        uint8_t c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        size_t n;
        uint32_t cp, min;
        if ((c & 0xE0) == 0xC0) {
            n = 2, cp = c & 0x1F, min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            n = 3, cp = c & 0x0F, min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            n = 4, cp = c & 0x07, min = 0x10000;
        } else {
            return false;
        }
        if (size_t(end - p) < n) return false;
        for (size_t i = 1; i < n; ++i) {
            if ((p[i] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        p += n;
    }
    return true;
}

// ---- Encoder -------------------------------------------------------------------------------

void Encoder::be(uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) out_.push_back(char(uint8_t(v >> (8 * i))));
}

void Encoder::sized(size_t n, uint8_t tiny, uint8_t tiny_max, uint8_t m8, uint8_t m16,
                    uint8_t m32) {
    if (n > kMaxSize)
        throw QuiverError(std::string(status::ArgumentError),
                          "value too large for PackStream (" + std::to_string(n) + " items)");
    if (tiny != 0 && n <= tiny_max) {
        out_.push_back(char(tiny | uint8_t(n)));
    } else if (n <= 0xFF) {
        out_.push_back(char(m8));
        be(n, 1);
    } else if (n <= 0xFFFF) {
        out_.push_back(char(m16));
        be(n, 2);
    } else {
        out_.push_back(char(m32));
        be(n, 4);
    }
}

void Encoder::null() { out_.push_back(char(marker::Null)); }
void Encoder::boolean(bool b) { out_.push_back(char(b ? marker::True : marker::False)); }

void Encoder::integer(int64_t i) {
    if (i >= -16 && i <= 127) {
        out_.push_back(char(uint8_t(i)));
    } else if (i >= -128 && i <= 127) {
        out_.push_back(char(marker::Int8));
        be(uint64_t(i), 1);
    } else if (i >= -32768 && i <= 32767) {
        out_.push_back(char(marker::Int16));
        be(uint64_t(i), 2);
    } else if (i >= std::numeric_limits<int32_t>::min() && i <= std::numeric_limits<int32_t>::max()) {
        out_.push_back(char(marker::Int32));
        be(uint64_t(i), 4);
    } else {
        out_.push_back(char(marker::Int64));
        be(uint64_t(i), 8);
    }
}

void Encoder::float64(double d) {
    uint64_t bits;
    std::memcpy(&bits, &d, 8);
    out_.push_back(char(marker::Float));
    be(bits, 8);
}

void Encoder::string(std::string_view s) {
    sized(s.size(), marker::TinyString, 15, marker::String8, marker::String16, marker::String32);
    out_.append(s);
}

void Encoder::bytes(std::string_view raw) {
    sized(raw.size(), 0, 0, marker::Bytes8, marker::Bytes16, marker::Bytes32);
    out_.append(raw);
}

void Encoder::list_header(size_t count) {
    sized(count, marker::TinyList, 15, marker::List8, marker::List16, marker::List32);
}

void Encoder::map_header(size_t count) {
    sized(count, marker::TinyMap, 15, marker::Map8, marker::Map16, marker::Map32);
}

void Encoder::struct_header(size_t fields, uint8_t t) {
    if (fields > 15)
        throw QuiverError(std::string(status::UnknownError), "PackStream structure with more than 15 fields");
    out_.push_back(char(marker::TinyStruct | uint8_t(fields)));
    out_.push_back(char(t));
}

void Encoder::map(const ValueMap& m) {
    map_header(m.size());
    for (const auto& [k, v] : m) {
        string(k);
        value(v);
    }
}

void Encoder::node(const NodeObj& n) {
    struct_header(v_.has_element_ids() ? 4 : 3, tag::Node);
    integer(n.id);
    list_header(n.labels.size());
    for (const auto& l : n.labels) string(l);
    map(n.properties);
    if (v_.has_element_ids()) string(element_id_or_id(n.element_id, n.id));
}

void Encoder::relationship(const RelObj& r) {
    struct_header(v_.has_element_ids() ? 8 : 5, tag::Relationship);
    integer(r.id);
    integer(r.start);
    integer(r.end);
    string(r.type);
    map(r.properties);
    if (!v_.has_element_ids()) return;
    string(element_id_or_id(r.element_id, r.id));
    string(element_id_or_id(r.start_element_id, r.start));
    string(element_id_or_id(r.end_element_id, r.end));
}

void Encoder::unbound_relationship(const RelObj& r) {
    struct_header(v_.has_element_ids() ? 4 : 3, tag::UnboundRelationship);
    integer(r.id);
    string(r.type);
    map(r.properties);
    if (v_.has_element_ids()) string(element_id_or_id(r.element_id, r.id));
}

void Encoder::path(const PathObj& p) {
    if (p.nodes.empty() || p.nodes.size() != p.rels.size() + 1)
        throw QuiverError(std::string(status::UnknownError), "malformed path value");
    for (const auto& v : p.nodes)
        if (!v.is_node() || v.is_entity_ref())
            throw QuiverError(std::string(status::UnknownError), "path holds an unmaterialised node");
    for (const auto& v : p.rels)
        if (!v.is_rel() || v.is_entity_ref())
            throw QuiverError(std::string(status::UnknownError),
                              "path holds an unmaterialised relationship");

    // Distinct nodes and relationships in first-seen order, and the index sequence.
    std::vector<const NodeObj*> nodes;
    std::vector<const RelObj*> rels;
    std::vector<int64_t> indices;
    auto node_index = [&](const NodeObj& n) {
        for (size_t i = 0; i < nodes.size(); ++i)
            if (nodes[i]->id == n.id) return int64_t(i);
        nodes.push_back(&n);
        return int64_t(nodes.size() - 1);
    };
    auto rel_index = [&](const RelObj& r) {
        for (size_t i = 0; i < rels.size(); ++i)
            if (rels[i]->id == r.id) return int64_t(i + 1);
        rels.push_back(&r);
        return int64_t(rels.size());
    };
    node_index(p.nodes[0].as_node());
    for (size_t i = 0; i < p.rels.size(); ++i) {
        const RelObj& r = p.rels[i].as_rel();
        const NodeObj& from = p.nodes[i].as_node();
        int64_t ri = rel_index(r);
        bool forward = r.start == from.id;
        indices.push_back(forward ? ri : -ri);
        indices.push_back(node_index(p.nodes[i + 1].as_node()));
    }

    struct_header(3, tag::Path);
    list_header(nodes.size());
    for (const auto* n : nodes) node(*n);
    list_header(rels.size());
    for (const auto* r : rels) unbound_relationship(*r);
    list_header(indices.size());
    for (int64_t i : indices) integer(i);
}

void Encoder::datetime(const DateTimeValue& t) {
    bool zoned = !t.zone.empty();
    if (v_.utc_datetime()) {
        struct_header(3, zoned ? tag::DateTimeZoneId : tag::DateTime);
        integer(t.seconds);
    } else {
        // Legacy 4.4 forms carry the local wall clock as epoch seconds.
        struct_header(3, zoned ? tag::LegacyDateTimeZoneId : tag::LegacyDateTime);
        integer(t.seconds + t.offset_seconds);
    }
    integer(t.nanos);
    if (zoned)
        string(t.zone);
    else
        integer(t.offset_seconds);
}

void Encoder::duration(const DurationValue& d) {
    struct_header(4, tag::Duration);
    integer(d.months);
    integer(d.days);
    integer(d.seconds);
    integer(d.nanos);
}

void Encoder::point(const PointValue& p) {
    struct_header(p.has_z() ? 4 : 3, p.has_z() ? tag::Point3D : tag::Point2D);
    integer(p.srid);
    float64(p.x);
    float64(p.y);
    if (p.has_z()) float64(p.z);
}

void Encoder::value(const Value& v) {
    switch (v.kind()) {
        case ValueKind::Null: return null();
        case ValueKind::Bool: return boolean(v.as_bool());
        case ValueKind::Int: return integer(v.as_int());
        case ValueKind::Float: return float64(v.as_float());
        case ValueKind::String: return string(v.as_string());
        case ValueKind::Bytes: return bytes(v.as_bytes());
        case ValueKind::List:
            list_header(v.as_list().size());
            for (const auto& item : v.as_list()) value(item);
            return;
        case ValueKind::Map: return map(v.as_map());
        case ValueKind::Node:
            if (v.is_entity_ref())
                throw QuiverError(std::string(status::UnknownError),
                                  "cannot encode an unmaterialised node reference");
            return node(v.as_node());
        case ValueKind::Relationship:
            if (v.is_entity_ref())
                throw QuiverError(std::string(status::UnknownError),
                                  "cannot encode an unmaterialised relationship reference");
            return relationship(v.as_rel());
        case ValueKind::Path: return path(v.as_path());
        case ValueKind::Date:
            struct_header(1, tag::Date);
            return integer(v.as_date());
        case ValueKind::LocalTime:
            struct_header(1, tag::LocalTime);
            return integer(v.as_local_time());
        case ValueKind::Time:
            struct_header(2, tag::Time);
            integer(v.as_time().nanos);
            return integer(v.as_time().offset_seconds);
        case ValueKind::LocalDateTime:
            struct_header(2, tag::LocalDateTime);
            integer(v.as_local_datetime().seconds);
            return integer(v.as_local_datetime().nanos);
        case ValueKind::DateTime: return datetime(v.as_datetime());
        case ValueKind::Duration: return duration(v.as_duration());
        case ValueKind::Point: return point(v.as_point());
    }
    throw QuiverError(std::string(status::UnknownError), "unknown value kind");
}

std::string encode(const Value& v, Version version) {
    std::string out;
    Encoder(out, version).value(v);
    return out;
}

// ---- Decoder: primitives -------------------------------------------------------------------

void Decoder::fail(const std::string& why) const {
    throw QuiverError(std::string(status::RequestInvalid),
                      "invalid PackStream at byte " + std::to_string(p_ - start_) + ": " + why);
}

void Decoder::need(size_t n) {
    if (remaining() < n) fail("unexpected end of input");
}

void Decoder::check_count(size_t n) {
    if (n > kMaxSize) fail("size " + std::to_string(n) + " exceeds 2^31-1");
    // Every item takes at least one byte, so a larger count cannot be honest.
    if (n > remaining()) fail("size " + std::to_string(n) + " exceeds the remaining input");
}

uint8_t Decoder::u8() {
    need(1);
    return *p_++;
}

uint64_t Decoder::be(int bytes) {
    need(size_t(bytes));
    uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | *p_++;
    return v;
}

size_t Decoder::size_of(int bytes) { return size_t(be(bytes)); }

uint8_t Decoder::peek() {
    need(1);
    return *p_;
}

int64_t Decoder::integer() {
    uint8_t m = u8();
    if (is_tiny_int(m)) return int64_t(int8_t(m));
    switch (m) {
        case marker::Int8: return int64_t(int8_t(be(1)));
        case marker::Int16: return int64_t(int16_t(be(2)));
        case marker::Int32: return int64_t(int32_t(be(4)));
        case marker::Int64: return int64_t(be(8));
        default: --p_; fail("expected an integer");
    }
}

std::string Decoder::string_body(size_t n) {
    check_count(n);
    std::string s(reinterpret_cast<const char*>(p_), n);
    if (!valid_utf8(s)) fail("string is not valid UTF-8");
    p_ += n;
    return s;
}

std::string Decoder::string() {
    uint8_t m = u8();
    if ((m & 0xF0) == marker::TinyString) return string_body(m & 0x0F);
    switch (m) {
        case marker::String8: return string_body(size_of(1));
        case marker::String16: return string_body(size_of(2));
        case marker::String32: return string_body(size_of(4));
        default: --p_; fail("expected a string");
    }
}

size_t Decoder::list_header() {
    uint8_t m = u8();
    size_t n;
    if ((m & 0xF0) == marker::TinyList) {
        n = m & 0x0F;
    } else if (m == marker::List8) {
        n = size_of(1);
    } else if (m == marker::List16) {
        n = size_of(2);
    } else if (m == marker::List32) {
        n = size_of(4);
    } else {
        --p_;
        fail("expected a list");
    }
    check_count(n);
    return n;
}

size_t Decoder::map_header() {
    uint8_t m = u8();
    size_t n;
    if ((m & 0xF0) == marker::TinyMap) {
        n = m & 0x0F;
    } else if (m == marker::Map8) {
        n = size_of(1);
    } else if (m == marker::Map16) {
        n = size_of(2);
    } else if (m == marker::Map32) {
        n = size_of(4);
    } else {
        --p_;
        fail("expected a map");
    }
    check_count(n);
    return n;
}

std::pair<size_t, uint8_t> Decoder::struct_header() {
    uint8_t m = u8();
    size_t n;
    if ((m & 0xF0) == marker::TinyStruct) {
        n = m & 0x0F;
    } else if (m == marker::Struct8) {
        n = size_of(1);
    } else if (m == marker::Struct16) {
        n = size_of(2);
    } else {
        --p_;
        fail("expected a structure");
    }
    uint8_t t = u8();
    check_count(n);
    return {n, t};
}

// ---- Decoder: values -----------------------------------------------------------------------

Value Decoder::value() { return value_at(0); }

Value Decoder::list_items(size_t n, uint32_t depth) {
    check_count(n);
    ValueList items;
    items.reserve(n);
    for (size_t i = 0; i < n; ++i) items.push_back(value_at(depth + 1));
    return Value::list(std::move(items));
}

Value Decoder::map_entries(size_t n, uint32_t depth) {
    check_count(n);
    ValueMap entries;
    entries.reserve(n);
    std::unordered_map<std::string, size_t> index;  // only for large maps
    for (size_t i = 0; i < n; ++i) {
        if (!is_string_marker(peek())) fail("map key is not a string");
        std::string key = string();
        Value v = value_at(depth + 1);
        // Duplicate keys: the last value wins (bolt.md §4.2), at the first key's position.
        size_t found = entries.size();
        if (n <= kLinearMapLimit) {
            for (size_t j = 0; j < entries.size(); ++j)
                if (entries[j].first == key) found = j;
        } else if (auto it = index.find(key); it != index.end()) {
            found = it->second;
        } else {
            index.emplace(key, entries.size());
        }
        if (found < entries.size())
            entries[found].second = std::move(v);
        else
            entries.emplace_back(std::move(key), std::move(v));
    }
    return Value::map(std::move(entries));
}

Value Decoder::value_at(uint32_t depth) {
    if (depth > opts_.max_depth) fail("nesting deeper than " + std::to_string(opts_.max_depth));
    uint8_t m = peek();
    if (is_tiny_int(m)) return Value::integer(integer());
    switch (m & 0xF0) {
        case marker::TinyString: return Value::string(string());
        case marker::TinyList: ++p_; return list_items(m & 0x0F, depth);
        case marker::TinyMap: ++p_; return map_entries(m & 0x0F, depth);
        case marker::TinyStruct: {
            auto [n, t] = struct_header();
            return structure(n, t, depth);
        }
        default: break;
    }
    switch (m) {
        case marker::Null: ++p_; return Value::null();
        case marker::True: ++p_; return Value::boolean(true);
        case marker::False: ++p_; return Value::boolean(false);
        case marker::Float: {
            ++p_;
            uint64_t bits = be(8);
            double d;
            std::memcpy(&d, &bits, 8);
            return Value::float64(d);
        }
        case marker::Int8:
        case marker::Int16:
        case marker::Int32:
        case marker::Int64: return Value::integer(integer());
        case marker::String8:
        case marker::String16:
        case marker::String32: return Value::string(string());
        case marker::Bytes8:
        case marker::Bytes16:
        case marker::Bytes32: {
            ++p_;
            size_t n = size_of(m == marker::Bytes8 ? 1 : m == marker::Bytes16 ? 2 : 4);
            check_count(n);
            std::string raw(reinterpret_cast<const char*>(p_), n);
            p_ += n;
            return Value::bytes(std::move(raw));
        }
        case marker::List8:
        case marker::List16:
        case marker::List32: return list_items(list_header(), depth);
        case marker::Map8:
        case marker::Map16:
        case marker::Map32: return map_entries(map_header(), depth);
        case marker::Struct8:
        case marker::Struct16: {
            auto [n, t] = struct_header();
            return structure(n, t, depth);
        }
        default: break;
    }
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", m);
    fail(std::string("reserved marker ") + hex);
}

// ---- Decoder: structures -------------------------------------------------------------------

namespace {

int64_t floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

}  // namespace

Value Decoder::node(size_t fields, uint32_t depth) {
    size_t want = opts_.version.has_element_ids() ? 4 : 3;
    if (fields != want) fail("Node needs " + std::to_string(want) + " fields");
    auto* n = new NodeObj();
    Value holder = Value::node(n);  // owns n from here on
    n->id = integer();
    size_t labels = list_header();
    for (size_t i = 0; i < labels; ++i) n->labels.push_back(string());
    Value props = map_entries(map_header(), depth);
    n->properties = props.as_map();
    n->element_id = want == 4 ? string() : std::to_string(n->id);
    return holder;
}

Value Decoder::relationship(size_t fields, uint32_t depth, bool bound) {
    bool v5 = opts_.version.has_element_ids();
    size_t want = bound ? (v5 ? 8 : 5) : (v5 ? 4 : 3);
    if (fields != want)
        fail(std::string(bound ? "Relationship" : "UnboundRelationship") + " needs " +
             std::to_string(want) + " fields");
    auto* r = new RelObj();
    Value holder = Value::relationship(r);
    r->id = integer();
    if (bound) {
        r->start = integer();
        r->end = integer();
    }
    r->type = string();
    Value props = map_entries(map_header(), depth);
    r->properties = props.as_map();
    if (v5) {
        r->element_id = string();
        if (bound) {
            r->start_element_id = string();
            r->end_element_id = string();
        }
    } else {
        r->element_id = std::to_string(r->id);
        if (bound) {
            r->start_element_id = std::to_string(r->start);
            r->end_element_id = std::to_string(r->end);
        }
    }
    return holder;
}

Value Decoder::path(size_t fields, uint32_t depth) {
    if (fields != 3) fail("Path needs 3 fields");
    ValueList nodes;
    size_t n_nodes = list_header();
    for (size_t i = 0; i < n_nodes; ++i) {
        auto [n, t] = struct_header();
        if (t != tag::Node) fail("Path nodes must be Node structures");
        nodes.push_back(node(n, depth + 1));
    }
    ValueList unbound;
    size_t n_rels = list_header();
    for (size_t i = 0; i < n_rels; ++i) {
        auto [n, t] = struct_header();
        if (t != tag::UnboundRelationship)
            fail("Path relationships must be UnboundRelationship structures");
        unbound.push_back(relationship(n, depth + 1, false));
    }
    size_t n_idx = list_header();
    if (n_idx % 2 != 0) fail("Path indices must come in pairs");
    if (nodes.empty()) fail("Path without nodes");

    auto* path = new PathObj();
    Value holder = Value::path(path);
    path->nodes.push_back(nodes[0]);
    const NodeObj* prev = &nodes[0].as_node();
    for (size_t i = 0; i < n_idx; i += 2) {
        int64_t ri = integer();
        int64_t ni = integer();
        if (ri == 0 || ri > int64_t(unbound.size()) || ri < -int64_t(unbound.size()))
            fail("Path relationship index out of range");
        if (ni < 0 || ni >= int64_t(nodes.size())) fail("Path node index out of range");
        const NodeObj* next = &nodes[size_t(ni)].as_node();
        const RelObj& u = unbound[size_t(ri > 0 ? ri - 1 : -ri - 1)].as_rel();
        const NodeObj* from = ri > 0 ? prev : next;
        const NodeObj* to = ri > 0 ? next : prev;
        auto* r = new RelObj();
        Value rel = Value::relationship(r);
        r->id = u.id;
        r->type = u.type;
        r->properties = u.properties;
        r->element_id = u.element_id;
        r->start = from->id;
        r->end = to->id;
        r->start_element_id = from->element_id;
        r->end_element_id = to->element_id;
        path->rels.push_back(std::move(rel));
        path->nodes.push_back(nodes[size_t(ni)]);
        prev = next;
    }
    return holder;
}

Value Decoder::structure(size_t fields, uint8_t t, uint32_t depth) {
    auto expect = [&](size_t want, const char* name) {
        if (fields != want)
            fail(std::string(name) + " needs " + std::to_string(want) + " fields, got " +
                 std::to_string(fields));
    };
    auto nanos_of_second = [&]() {
        int64_t n = integer();
        if (n < 0 || n >= kNanosPerSecond) fail("nanoseconds out of range");
        return int32_t(n);
    };
    auto nanos_of_day = [&]() {
        int64_t n = integer();
        if (n < 0 || n >= kNanosPerDay) fail("time of day out of range");
        return n;
    };
    auto offset = [&]() {
        int64_t o = integer();
        if (o < -kMaxOffsetSeconds || o > kMaxOffsetSeconds) fail("time zone offset out of range");
        return int32_t(o);
    };
    auto zone_offset = [&](const std::string& zone, int64_t utc) -> int32_t {
        if (!opts_.zone_offset) {  // the built-in zone table
            if (!temporal::zone_exists(zone)) fail("unknown time zone '" + zone + "'");
            return temporal::zone_offset_at(zone, utc);
        }
        auto off = opts_.zone_offset(zone, utc);
        if (!off) fail("unknown time zone '" + zone + "'");
        return *off;
    };
    auto entities_allowed = [&]() {
        if (!opts_.allow_entities)
            fail("nodes, relationships and paths are not allowed here");
    };

    switch (t) {
        case tag::Node: entities_allowed(); return node(fields, depth);
        case tag::Relationship: entities_allowed(); return relationship(fields, depth, true);
        case tag::Path: entities_allowed(); return path(fields, depth);
        case tag::UnboundRelationship: fail("UnboundRelationship outside a Path");
        case tag::Date: expect(1, "Date"); return Value::date(integer());
        case tag::LocalTime: expect(1, "LocalTime"); return Value::local_time(nanos_of_day());
        case tag::Time: {
            expect(2, "Time");
            TimeValue tv;
            tv.nanos = nanos_of_day();
            tv.offset_seconds = offset();
            return Value::time(tv);
        }
        case tag::LocalDateTime: {
            expect(2, "LocalDateTime");
            LocalDateTimeValue v;
            v.seconds = integer();
            v.nanos = nanos_of_second();
            return Value::local_datetime(v);
        }
        case tag::DateTime:
        case tag::LegacyDateTime: {
            expect(3, "DateTime");
            if ((t == tag::DateTime) != opts_.version.utc_datetime())
                fail("DateTime structure not valid in this protocol version");
            DateTimeValue v;
            int64_t s = integer();
            v.nanos = nanos_of_second();
            v.offset_seconds = offset();
            v.seconds = t == tag::DateTime ? s : s - v.offset_seconds;
            return Value::datetime(std::move(v));
        }
        case tag::DateTimeZoneId:
        case tag::LegacyDateTimeZoneId: {
            expect(3, "DateTimeZoneId");
            if ((t == tag::DateTimeZoneId) != opts_.version.utc_datetime())
                fail("DateTimeZoneId structure not valid in this protocol version");
            DateTimeValue v;
            int64_t s = integer();
            v.nanos = nanos_of_second();
            v.zone = string();
            if (v.zone.empty()) fail("empty time zone id");
            if (t == tag::DateTimeZoneId) {
                v.seconds = s;
                v.offset_seconds = zone_offset(v.zone, s);
            } else {
                // Legacy: `s` is the local wall clock; find the offset in effect there.
                int32_t guess = zone_offset(v.zone, s);
                v.offset_seconds = zone_offset(v.zone, s - guess);
                v.seconds = s - v.offset_seconds;
            }
            return Value::datetime(std::move(v));
        }
        case tag::Duration: {
            expect(4, "Duration");
            DurationValue d;
            d.months = integer();
            d.days = integer();
            int64_t seconds = integer();
            int64_t nanos = integer();
            // Normalise to 0 <= nanos < 1e9 (the engine's invariant), carrying into seconds.
            int64_t carry = floor_div(nanos, kNanosPerSecond);
            if (__builtin_add_overflow(seconds, carry, &d.seconds)) fail("Duration overflows");
            d.nanos = int32_t(nanos - carry * kNanosPerSecond);
            return Value::duration(d);
        }
        case tag::Point2D:
        case tag::Point3D: {
            bool three = t == tag::Point3D;
            expect(three ? 4 : 3, three ? "Point3D" : "Point2D");
            PointValue pt;
            int64_t srid = integer();
            bool known3 = srid == 9157 || srid == 4979;
            bool known2 = srid == 7203 || srid == 4326;
            if (three ? !known3 : !known2) fail("unsupported SRID " + std::to_string(srid));
            pt.srid = int32_t(srid);
            auto coord = [&]() {
                Value c = value_at(depth + 1);
                if (!c.is_number()) fail("point coordinates must be numbers");
                return c.as_number();
            };
            pt.x = coord();
            pt.y = coord();
            if (three) pt.z = coord();
            return Value::point(pt);
        }
        default: break;
    }
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", t);
    fail(std::string("unknown structure tag ") + hex);
}

Value decode(const uint8_t* data, size_t size, const DecodeOptions& opts) {
    Decoder d(data, size, opts);
    Value v = d.value();
    if (!d.at_end())
        throw QuiverError(std::string(status::RequestInvalid),
                          "invalid PackStream: " + std::to_string(d.remaining()) +
                              " trailing bytes after the value");
    return v;
}

}  // namespace quiver::packstream
