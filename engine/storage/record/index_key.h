// Range-index keys: a property value and a node id packed into a fixed 32-byte key whose
// bytewise order is consistent with Cypher's ordering of values of one type
// (docs/storage-format.md §4, "Index keys").
//
//   0 u8 class (1 string, 2 boolean, 3 number, 4 point, 5 composite)   1..23 payload
//   24 u64 node (or relationship) id, big-endian
//   string:  the first 23 bytes of the UTF-8 text, zero padded (a prefix: seeks re-check)
//   boolean: u8 0 / 1
//   number:  the value as a double, its bits made order-preserving (sign bit flipped for
//            positives, all bits flipped for negatives), big-endian; NaN sorts last
//   point:   u32 srid big-endian, then x and y as order-preserving doubles (point indexes only;
//            z of 3D points is not in the key)
//   composite (range indexes over several keys, graph_index.cpp): u64 xxHash64 of the values,
//            big-endian, then zeros (equality seeks only)
// The mapping is monotonic but not injective (long strings, huge integers), so a seek yields
// candidates that the caller re-checks against the stored property.
#pragma once

#include <cstdint>
#include <cstring>

#include "value/value.h"

namespace quiver::storage::index_key {

inline constexpr uint32_t kSize = 32, kPayload = 23;
inline constexpr uint8_t kString = 1, kBool = 2, kNumber = 3, kPoint = 4,
                         kComposite = 5;

// Order-preserving big-endian bits of a double at out[0..7].
inline void put_double(double d, uint8_t* out) {
    uint64_t bits;
    if (d != d) {
        bits = ~uint64_t(0);
    } else {
        if (d == 0) d = 0.0;  // -0.0 == 0.0
        std::memcpy(&bits, &d, 8);
        bits = (bits >> 63) ? ~bits : (bits | (uint64_t(1) << 63));
    }
    for (int i = 0; i < 8; ++i) out[i] = uint8_t(bits >> (56 - 8 * i));
}
inline double get_double(const uint8_t* in) {
    uint64_t bits = 0;
    for (int i = 0; i < 8; ++i) bits = (bits << 8) | in[i];
    bits = (bits >> 63) ? (bits & ~(uint64_t(1) << 63)) : ~bits;
    double d;
    std::memcpy(&d, &bits, 8);
    return d;
}

inline void put_node(uint64_t node, uint8_t* out) {
    for (int i = 0; i < 8; ++i) out[24 + i] = uint8_t(node >> (56 - 8 * i));
}

// Point-index key of (p, node): class 4, srid, x, y.
inline void encode_point(const PointValue& p, uint64_t node, uint8_t* out) {
    std::memset(out, 0, kSize);
    out[0] = kPoint;
    uint32_t srid = uint32_t(p.srid);
    for (int i = 0; i < 4; ++i) out[1 + i] = uint8_t(srid >> (24 - 8 * i));
    put_double(p.x, out + 5);
    put_double(p.y, out + 13);
    put_node(node, out);
}
inline double point_x(const uint8_t* key) { return get_double(key + 5); }
inline double point_y(const uint8_t* key) { return get_double(key + 13); }

// Encodes (v, node) into out[kSize]; false when v's type is not indexed (null, lists, ...).
inline bool encode(const Value& v, uint64_t node, uint8_t* out) {
    std::memset(out, 0, kSize);
    if (v.is_string()) {
        const std::string& s = v.as_string();
        out[0] = kString;
        std::memcpy(out + 1, s.data(), s.size() < kPayload ? s.size() : kPayload);
    } else if (v.is_bool()) {
        out[0] = kBool;
        out[1] = v.as_bool() ? 1 : 0;
    } else if (v.is_number()) {
        out[0] = kNumber;
        put_double(v.is_int() ? double(v.as_int()) : v.as_float(), out + 1);
    } else {
        return false;
    }
    put_node(node, out);
    return true;
}

inline uint64_t node_of(const uint8_t* key) {
    uint64_t n = 0;
    for (int i = 0; i < 8; ++i) n = (n << 8) | key[24 + i];
    return n;
}

// True when two keys hold the same value prefix (ignoring the node id).
inline bool same_value(const uint8_t* a, const uint8_t* b) { return std::memcmp(a, b, 24) == 0; }

}  // namespace quiver::storage::index_key
