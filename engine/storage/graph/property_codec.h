// Encoding of property lists (and single storable values) in heap blobs.
//
// Blob:  u16 count, then per property: u32 key token, tagged value.
// Tagged value: u8 tag, payload (little-endian):
//   1 false | 2 true | 3 INTEGER i64 | 4 FLOAT f64 | 5 STRING u32 len + UTF-8
//   6 LIST u32 n + n tagged values | 7 DATE i64 days | 8 LOCAL TIME i64 ns
//   9 TIME i64 ns, i32 offset | 10 LOCAL DATETIME i64 s, i32 ns
//   11 DATETIME i64 s, i32 ns, i32 offset, u16 zone len + zone
//   12 DURATION i64 months, i64 days, i64 s, i32 ns | 13 POINT i32 srid, f64 x, f64 y, f64 z
//   14 BYTES u32 len + bytes
// Only storable values are accepted (no null, map, node, relationship or path; lists only of
// storable scalars); anything else throws TypeError/InvalidPropertyType.
#pragma once

#include <memory>
#include <cstdint>
#include <vector>

#include "base/endian.h"

#include "storage/graph/graph_txn.h"

namespace quiver::storage {

void encode_properties(const PropertyList& props, std::vector<uint8_t>& out);
PropertyList decode_properties(const uint8_t* p, size_t n);
// Finds one key without decoding the others; Null when absent.
Value decode_property(const uint8_t* p, size_t n, TokenId key);
// Where each key's value starts in the blob (key, byte offset), in blob order.
using PropertyOffsets = std::vector<std::pair<TokenId, uint32_t>>;
void property_offsets(const uint8_t* p, size_t n, PropertyOffsets& out);
// The value whose encoding starts at `offset` (from property_offsets).
Value decode_value_at(const uint8_t* p, size_t n, uint32_t offset);
// Throws TypeError (InvalidPropertyType) when v cannot be stored as a property value.
void check_storable(const Value& v);

// Decoded strings kept for reuse by a reader: a small table keyed by the bytes, so a string
// that repeats from row to row (a gender, a browser name) is shared, not allocated again.
class StringReuse {
public:
    Value get(const uint8_t* s, uint32_t n);  // a STRING value holding the n bytes at s

private:
    static constexpr uint32_t kSlots = 64, kMaxLen = 32;  // longer strings rarely repeat
    // Made on the first short string: a transaction that decodes none (most point reads and
    // expansions) neither builds nor destroys the 64 slots.
    std::unique_ptr<Value[]> slots_;
};

// A resumable walk over a blob's properties: each step yields one key and where its value
// starts, stepping over the value without building it.
struct PropertyWalk {
    uint32_t left = 0;  // properties not walked yet
    uint32_t at = 0;    // offset of the next key
    void start(const uint8_t* p, size_t n);
    bool next(const uint8_t* p, size_t n, TokenId& key, uint32_t& value_at) {
        if (left == 0) return false;
        // the common INTEGER/FLOAT/DATE/LOCAL TIME and STRING values inline
        if (n >= size_t(at) + 9) {
            const uint8_t* v = p + at + 4;
            uint8_t tag = v[0];
            uint64_t size = 0;
            if (tag == 3 || tag == 4 || tag == 7 || tag == 8) size = 9;
            else if (tag == 5) size = 5 + uint64_t(load_u32(v + 1));
            if (size && uint64_t(at) + 4 + size <= n) {
                key = load_u32(p + at);
                value_at = at + 4;
                at = uint32_t(value_at + size);
                --left;
                return true;
            }
        }
        return next_slow(p, n, key, value_at);
    }
    bool next_slow(const uint8_t* p, size_t n, TokenId& key, uint32_t& value_at);
};
// decode_value_at, with strings through `reuse`.
Value decode_value_at(const uint8_t* p, size_t n, uint32_t offset, StringReuse& reuse);

}  // namespace quiver::storage
