#include "value/value.h"

namespace quiver {

const char* kind_name(ValueKind k) {
    switch (k) {
        case ValueKind::Null: return "NULL";
        case ValueKind::Bool: return "BOOLEAN";
        case ValueKind::Int: return "INTEGER";
        case ValueKind::Float: return "FLOAT";
        case ValueKind::String: return "STRING";
        case ValueKind::Bytes: return "BYTE ARRAY";
        case ValueKind::List: return "LIST";
        case ValueKind::Map: return "MAP";
        case ValueKind::Node: return "NODE";
        case ValueKind::Relationship: return "RELATIONSHIP";
        case ValueKind::Path: return "PATH";
        case ValueKind::Date: return "DATE";
        case ValueKind::LocalTime: return "LOCAL TIME";
        case ValueKind::Time: return "ZONED TIME";
        case ValueKind::LocalDateTime: return "LOCAL DATETIME";
        case ValueKind::DateTime: return "ZONED DATETIME";
        case ValueKind::Duration: return "DURATION";
        case ValueKind::Point: return "POINT";
    }
    return "ANY";
}

Value Value::string(std::string s) { return Value(ValueKind::String, new StringObj(std::move(s))); }
Value Value::bytes(std::string raw) { return Value(ValueKind::Bytes, new StringObj(std::move(raw))); }
Value Value::list(ValueList items) { return Value(ValueKind::List, new ListObj(std::move(items))); }
Value Value::map(ValueMap entries) { return Value(ValueKind::Map, new MapObj(std::move(entries))); }
Value Value::node(NodeObj* n) { return Value(ValueKind::Node, n); }
Value Value::relationship(RelObj* r) { return Value(ValueKind::Relationship, r); }
Value Value::path(PathObj* p) { return Value(ValueKind::Path, p); }
Value Value::date(int64_t days) {
    Value v;
    v.kind_ = ValueKind::Date;
    v.u_.i = days;
    return v;
}
Value Value::local_time(int64_t nanos) {
    Value v;
    v.kind_ = ValueKind::LocalTime;
    v.u_.i = nanos;
    return v;
}
Value Value::time(TimeValue t) { return Value(ValueKind::Time, new BoxObj<TimeValue>(t)); }
Value Value::local_datetime(LocalDateTimeValue t) {
    return Value(ValueKind::LocalDateTime, new BoxObj<LocalDateTimeValue>(t));
}
Value Value::datetime(DateTimeValue t) {
    return Value(ValueKind::DateTime, new BoxObj<DateTimeValue>(std::move(t)));
}
Value Value::duration(DurationValue d) {
    return Value(ValueKind::Duration, new BoxObj<DurationValue>(d));
}
Value Value::point(PointValue p) { return Value(ValueKind::Point, new BoxObj<PointValue>(p)); }


const Value* Value::map_get(std::string_view key) const {
    return kind_ == ValueKind::Map ? map_find(as_map(), key) : nullptr;
}

}  // namespace quiver
