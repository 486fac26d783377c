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

#include <cstdint>
#include <vector>

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

}  // namespace quiver::storage
