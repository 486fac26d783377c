// quiver::value — the Cypher value model shared by storage, the executor, the result
// encoders (PackStream for Bolt and the WASM boundary, JSON for the CLI/HTTP API).
//
// A Value is 16 bytes: a kind tag plus an 8-byte payload. Scalars (null, boolean, integer,
// float, date, local time) and entity references (node/relationship ids) are inline; every other
// kind points to an immutable, reference-counted heap object, so copying a Value is cheap and
// values can be shared between rows and threads.
//
// Node and Relationship values exist in two forms:
//   * a reference (is_entity_ref() == true): just the id, as used inside the executor;
//   * materialised: id, element id, labels/type, endpoints and properties, as produced at the
//     result boundary (main/) for consumers that have no access to the store.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quiver {

enum class ValueKind : uint8_t {
    Null = 0,
    Bool,
    Int,
    Float,
    String,
    Bytes,
    List,
    Map,
    Node,
    Relationship,
    Path,
    Date,           // days since 1970-01-01
    LocalTime,      // nanoseconds since midnight
    Time,           // nanoseconds since midnight + offset seconds
    LocalDateTime,  // seconds since epoch (as if UTC) + nanoseconds
    DateTime,       // UTC epoch seconds + nanoseconds + offset seconds or zone id
    Duration,       // months, days, seconds, nanoseconds
    Point,          // srid + 2 or 3 coordinates
};

const char* kind_name(ValueKind k);  // Cypher type name, e.g. "INTEGER", "STRING"

class Value;
using ValueList = std::vector<Value>;
using ValueMap = std::vector<std::pair<std::string, Value>>;  // insertion order, unique keys

// The value under `key` in a map (or a statement's parameters); null when it has none. Keys
// are compared byte by byte, which for the short keys maps usually have costs less than the
// library compare's call.
inline const Value* map_find(const ValueMap& m, std::string_view key);

// ---- heap objects -------------------------------------------------------------------------
struct HeapObj {
    mutable std::atomic<uint32_t> refs{1};
    virtual ~HeapObj() = default;
};
struct StringObj final : HeapObj {
    std::string s;
    explicit StringObj(std::string v) : s(std::move(v)) {}
};
struct ListObj final : HeapObj {
    ValueList items;
    explicit ListObj(ValueList v) : items(std::move(v)) {}
};
struct MapObj final : HeapObj {
    ValueMap entries;
    explicit MapObj(ValueMap v) : entries(std::move(v)) {}
};
struct NodeObj final : HeapObj {
    int64_t id = 0;
    std::string element_id;
    std::vector<std::string> labels;
    ValueMap properties;
};
struct RelObj final : HeapObj {
    int64_t id = 0, start = 0, end = 0;
    std::string element_id, start_element_id, end_element_id;
    std::string type;
    ValueMap properties;
};
struct PathObj final : HeapObj {
    // nodes.size() == rels.size() + 1; rel i connects nodes[i] and nodes[i+1] (either direction).
    ValueList nodes;  // Node values
    ValueList rels;   // Relationship values
};
struct TimeValue {
    int64_t nanos = 0;        // since midnight
    int32_t offset_seconds = 0;
};
struct LocalDateTimeValue {
    int64_t seconds = 0;  // since epoch, as if UTC
    int32_t nanos = 0;
};
struct DateTimeValue {
    int64_t seconds = 0;  // UTC epoch seconds
    int32_t nanos = 0;
    int32_t offset_seconds = 0;  // offset in effect at that instant
    std::string zone;            // IANA zone id, empty when only an offset was given
};
struct DurationValue {
    int64_t months = 0, days = 0, seconds = 0;
    int32_t nanos = 0;  // normalised: 0..999,999,999 together with seconds
};
struct PointValue {
    int32_t srid = 7203;  // 7203 cartesian, 9157 cartesian-3d, 4326 wgs-84, 4979 wgs-84-3d
    double x = 0, y = 0, z = 0;
    bool has_z() const { return srid == 9157 || srid == 4979; }
};
template <class T>
struct BoxObj final : HeapObj {
    T v;
    explicit BoxObj(T x) : v(std::move(x)) {}
};

// ---- Value --------------------------------------------------------------------------------
class Value {
public:
    Value() noexcept : kind_(ValueKind::Null), ref_(false) { u_.i = 0; }
    Value(const Value& o) noexcept : kind_(o.kind_), ref_(o.ref_), u_(o.u_) { retain(); }
    Value(Value&& o) noexcept : kind_(o.kind_), ref_(o.ref_), u_(o.u_) {
        o.kind_ = ValueKind::Null;
        o.u_.i = 0;
    }
    Value& operator=(const Value& o) noexcept {
        if (this != &o) {
            o.retain();
            release();
            kind_ = o.kind_;
            ref_ = o.ref_;
            u_ = o.u_;
        }
        return *this;
    }
    Value& operator=(Value&& o) noexcept {
        if (this != &o) {
            release();
            kind_ = o.kind_;
            ref_ = o.ref_;
            u_ = o.u_;
            o.kind_ = ValueKind::Null;
            o.u_.i = 0;
        }
        return *this;
    }
    ~Value() { release(); }
    // Back to null (what `*this = Value()` does, without the temporary).
    void clear() noexcept {
        if (kind_ == ValueKind::Null) return;
        release();
        kind_ = ValueKind::Null;
        ref_ = false;
        u_.i = 0;
    }

    // constructors
    static Value null() { return Value(); }
    static Value boolean(bool b) {
        Value v;
        v.kind_ = ValueKind::Bool;
        v.u_.b = b;
        return v;
    }
    static Value integer(int64_t i) {
        Value v;
        v.kind_ = ValueKind::Int;
        v.u_.i = i;
        return v;
    }
    static Value float64(double d) {
        Value v;
        v.kind_ = ValueKind::Float;
        v.u_.f = d;
        return v;
    }
    static Value string(std::string s);
    static Value bytes(std::string raw);
    static Value list(ValueList items);
    static Value map(ValueMap entries);
    static Value node_ref(int64_t id) {
        Value v;
        v.kind_ = ValueKind::Node;
        v.ref_ = true;
        v.u_.i = id;
        return v;
    }
    static Value rel_ref(int64_t id) {
        Value v;
        v.kind_ = ValueKind::Relationship;
        v.ref_ = true;
        v.u_.i = id;
        return v;
    }
    static Value node(NodeObj* materialised);  // takes ownership of one reference
    static Value relationship(RelObj* materialised);
    static Value path(PathObj* p);
    static Value date(int64_t days);
    static Value local_time(int64_t nanos);
    static Value time(TimeValue t);
    static Value local_datetime(LocalDateTimeValue t);
    static Value datetime(DateTimeValue t);
    static Value duration(DurationValue d);
    static Value point(PointValue p);

    ValueKind kind() const { return kind_; }
    bool is_null() const { return kind_ == ValueKind::Null; }
    bool is_bool() const { return kind_ == ValueKind::Bool; }
    bool is_int() const { return kind_ == ValueKind::Int; }
    bool is_float() const { return kind_ == ValueKind::Float; }
    bool is_number() const { return is_int() || is_float(); }
    bool is_string() const { return kind_ == ValueKind::String; }
    bool is_list() const { return kind_ == ValueKind::List; }
    bool is_map() const { return kind_ == ValueKind::Map; }
    bool is_node() const { return kind_ == ValueKind::Node; }
    bool is_rel() const { return kind_ == ValueKind::Relationship; }
    bool is_path() const { return kind_ == ValueKind::Path; }
    bool is_entity_ref() const { return ref_; }

    bool as_bool() const { return u_.b; }
    int64_t as_int() const { return u_.i; }
    double as_float() const { return u_.f; }
    double as_number() const { return is_int() ? double(u_.i) : u_.f; }
    const std::string& as_string() const { return static_cast<const StringObj*>(u_.h)->s; }
    const std::string& as_bytes() const { return static_cast<const StringObj*>(u_.h)->s; }
    const ValueList& as_list() const { return static_cast<const ListObj*>(u_.h)->items; }
    // The items of a list value that nothing else references (so they may be rewritten in
    // place, e.g. a row slot refilled per row); null for anything else.
    ValueList* unique_list_items();
    const ValueMap& as_map() const { return static_cast<const MapObj*>(u_.h)->entries; }
    int64_t node_id() const { return ref_ ? u_.i : as_node().id; }  // works for both forms
    int64_t rel_id() const { return ref_ ? u_.i : as_rel().id; }
    const NodeObj& as_node() const { return *static_cast<const NodeObj*>(u_.h); }  // materialised
    const RelObj& as_rel() const { return *static_cast<const RelObj*>(u_.h); }
    const PathObj& as_path() const { return *static_cast<const PathObj*>(u_.h); }
    int64_t as_date() const { return u_.i; }
    int64_t as_local_time() const { return u_.i; }
    const TimeValue& as_time() const { return static_cast<const BoxObj<TimeValue>*>(u_.h)->v; }
    const LocalDateTimeValue& as_local_datetime() const {
        return static_cast<const BoxObj<LocalDateTimeValue>*>(u_.h)->v;
    }
    const DateTimeValue& as_datetime() const {
        return static_cast<const BoxObj<DateTimeValue>*>(u_.h)->v;
    }
    const DurationValue& as_duration() const {
        return static_cast<const BoxObj<DurationValue>*>(u_.h)->v;
    }
    const PointValue& as_point() const { return static_cast<const BoxObj<PointValue>*>(u_.h)->v; }

    // Rebinds this value to an entity reference in place (the per-row hot path of the
    // expansion operators: no temporary, no generic assignment).
    void set_node_ref(int64_t id) noexcept { set_ref(ValueKind::Node, id); }
    void set_rel_ref(int64_t id) noexcept { set_ref(ValueKind::Relationship, id); }

    // Map lookup helper (nullptr when absent or not a map).
    const Value* map_get(std::string_view key) const;

private:
    bool heap() const;
    void retain() const noexcept {
        if (heap()) u_.h->refs.fetch_add(1, std::memory_order_relaxed);
    }
    void release() noexcept {
        if (heap() && u_.h->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete u_.h;
    }
    Value(ValueKind k, HeapObj* h) noexcept : kind_(k), ref_(false) { u_.h = h; }
    void set_ref(ValueKind k, int64_t id) noexcept {
        if (!ref_ || (kind_ != ValueKind::Node && kind_ != ValueKind::Relationship)) release();
        kind_ = k;
        ref_ = true;
        u_.i = id;
    }

    ValueKind kind_;
    bool ref_;  // entity reference (id only) for Node/Relationship
    union {
        bool b;
        int64_t i;
        double f;
        HeapObj* h;
    } u_;
};

inline bool Value::heap() const {
    switch (kind_) {
        case ValueKind::Null:
        case ValueKind::Bool:
        case ValueKind::Int:
        case ValueKind::Float:
        case ValueKind::Date:
        case ValueKind::LocalTime:
            return false;
        case ValueKind::Node:
        case ValueKind::Relationship:
            return !ref_;
        default:
            return true;
    }
}

inline ValueList* Value::unique_list_items() {
    if (kind_ != ValueKind::List || u_.h->refs.load(std::memory_order_acquire) != 1) return nullptr;
    return &static_cast<ListObj*>(u_.h)->items;
}

inline const Value* map_find(const ValueMap& m, std::string_view key) {
    for (const auto& [k, v] : m) {
        if (k.size() != key.size()) continue;
        size_t i = 0;
        while (i < key.size() && k[i] == key[i]) ++i;
        if (i == key.size()) return &v;
    }
    return nullptr;
}

}  // namespace quiver
