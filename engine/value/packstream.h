// quiver::packstream — PackStream v1 encoder and decoder for quiver::Value, with the Bolt
// structures (graph, temporal, spatial). Used by the Bolt server (engine/bolt/) and by the WASM
// boundary (wasm/src/), so both speak exactly the same bytes as neo4j-driver.
//
// Markers (bolt.md §4.1), all multi-byte sizes and numbers big-endian:
//
//   00..7F, F0..FF   TINY_INT -16..127          C0        null
//   C8 / C9 / CA / CB  INT_8/16/32/64           C1        float64 (8 bytes)
//   80..8F           string, 0..15 bytes        C2 / C3   false / true
//   D0 / D1 / D2     string, u8/u16/u32 size    CC/CD/CE  bytes, u8/u16/u32 size
//   90..9F, D4/D5/D6 list, then the items       A0..AF, D8/D9/DA  map, then key/value pairs
//   B0..BF           structure: B<n> tag n-fields   DC/DD  legacy STRUCT_8/16 (accepted only)
//   everything else  reserved: a decoding error
//
// Structures (bolt.md §5.1; field counts depend on the protocol version):
//
//   tag      5.x fields                                                   4.4 fields
//   'N' 4E   id, labels, properties, element_id                           first 3
//   'R' 52   id, start, end, type, properties, element_id,
//            start_element_id, end_element_id                             first 5
//   'r' 72   id, type, properties, element_id                             first 3
//   'P' 50   nodes (N), rels (r), indices                                 same
//   'D' 44   days                      't' 74  nanos of day
//   'T' 54   nanos of day, offset      'd' 64  seconds (as if UTC), nanos
//   'I' 49   UTC seconds, nanos, offset           (4.4 without "utc" patch: 'F' 46, seconds+offset)
//   'i' 69   UTC seconds, nanos, zone id          (4.4 without "utc" patch: 'f' 66, local seconds)
//   'E' 45   months, days, seconds, nanos
//   'X' 58   srid, x, y                'Y' 59  srid, x, y, z
//
// Path indices alternate [rel, node, rel, node, ...]: the relationship index is 1-based into
// `rels`, negative when traversed against its direction; the node index is 0-based into `nodes`
// (nodes[0], the start, is implied). Each distinct node and relationship appears once.
//
// Promises:
//   1. The encoder always uses the smallest form for integers, strings, lists, maps and bytes.
//   2. The decoder accepts every valid (also non-minimal) encoding, is bounds-checked at every
//      read, limits nesting depth, never allocates more than the remaining input justifies, and
//      reports every malformed input as QuiverError(Neo.ClientError.Request.Invalid).
//   3. Floats round-trip bit-exactly (NaN payloads, -0.0, infinities).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "value/value.h"

namespace quiver::packstream {

// The protocol dialect: decides structure field counts and the DateTime form.
struct Version {
    uint8_t major = 5;
    uint8_t minor = 0;
    // Bolt 4.4 only: the "utc" patch was negotiated, so DateTimes use 'I'/'i' as in 5.x.
    bool utc_patch = false;

    static constexpr Version v5() { return Version{5, 0, false}; }
    static constexpr Version v44(bool utc) { return Version{4, 4, utc}; }
    bool has_element_ids() const { return major >= 5; }
    bool utc_datetime() const { return major >= 5 || utc_patch; }
};

namespace tag {
inline constexpr uint8_t Node = 'N';
inline constexpr uint8_t Relationship = 'R';
inline constexpr uint8_t UnboundRelationship = 'r';
inline constexpr uint8_t Path = 'P';
inline constexpr uint8_t Date = 'D';
inline constexpr uint8_t Time = 'T';
inline constexpr uint8_t LocalTime = 't';
inline constexpr uint8_t DateTime = 'I';
inline constexpr uint8_t DateTimeZoneId = 'i';
inline constexpr uint8_t LegacyDateTime = 'F';
inline constexpr uint8_t LegacyDateTimeZoneId = 'f';
inline constexpr uint8_t LocalDateTime = 'd';
inline constexpr uint8_t Duration = 'E';
inline constexpr uint8_t Point2D = 'X';
inline constexpr uint8_t Point3D = 'Y';
}  // namespace tag

// Appends PackStream bytes to a caller-owned string. The low-level calls let the Bolt layer
// write message structures (struct_header + fields) around encoded values.
class Encoder {
public:
    explicit Encoder(std::string& out, Version v = Version::v5()) : out_(out), v_(v) {}

    // Throws QuiverError(UnknownError) for values that have no PackStream form (an entity
    // reference that was never materialised).
    void value(const Value& v);

    void null();
    void boolean(bool b);
    void integer(int64_t i);
    void float64(double d);
    void string(std::string_view s);
    void bytes(std::string_view raw);
    void list_header(size_t count);
    void map_header(size_t count);
    void struct_header(size_t fields, uint8_t tag);
    void map(const ValueMap& m);

    Version version() const { return v_; }

private:
    void sized(size_t n, uint8_t tiny, uint8_t tiny_max, uint8_t m8, uint8_t m16, uint8_t m32);
    void be(uint64_t v, int bytes);
    void node(const NodeObj& n);
    void relationship(const RelObj& r);
    void unbound_relationship(const RelObj& r);
    void path(const PathObj& p);
    void datetime(const DateTimeValue& t);
    void duration(const DurationValue& d);
    void point(const PointValue& p);

    std::string& out_;
    Version v_;
};

// Looks up the UTC offset (seconds) of an IANA zone at a UTC instant; nullopt for an unknown
// zone. Without one, the built-in IANA table (value/temporal) answers.
using ZoneOffsetFn = std::function<std::optional<int32_t>(std::string_view zone, int64_t utc)>;

struct DecodeOptions {
    Version version = Version::v5();
    // Parameters must not contain graph entities (bolt.md §4.4); false rejects N/R/r/P.
    bool allow_entities = true;
    uint32_t max_depth = 256;
    ZoneOffsetFn zone_offset;
};

class Decoder {
public:
    Decoder(const uint8_t* data, size_t size, DecodeOptions opts = {})
        : p_(data), end_(data + size), opts_(std::move(opts)) {}

    Value value();  // one complete value

    bool at_end() const { return p_ == end_; }
    size_t remaining() const { return size_t(end_ - p_); }
    // The marker byte of the next value, without consuming it.
    uint8_t peek();
    // Low-level reads for message framing: each throws unless the next value has that type.
    std::pair<size_t, uint8_t> struct_header();  // (field count, tag)
    size_t map_header();
    size_t list_header();
    std::string string();
    int64_t integer();

private:
    Value value_at(uint32_t depth);
    Value structure(size_t fields, uint8_t tag, uint32_t depth);
    Value node(size_t fields, uint32_t depth);
    Value relationship(size_t fields, uint32_t depth, bool bound);
    Value path(size_t fields, uint32_t depth);
    Value list_items(size_t n, uint32_t depth);
    Value map_entries(size_t n, uint32_t depth);
    std::string string_body(size_t n);
    uint8_t u8();
    uint64_t be(int bytes);
    size_t size_of(int bytes);
    void need(size_t n);
    void check_count(size_t n);
    [[noreturn]] void fail(const std::string& why) const;

    const uint8_t* p_;
    const uint8_t* end_;
    DecodeOptions opts_;
    const uint8_t* start_ = p_;
};

// Whole-buffer helpers.
std::string encode(const Value& v, Version version = Version::v5());
// Decodes exactly one value that must span the whole buffer.
Value decode(const uint8_t* data, size_t size, const DecodeOptions& opts = {});
inline Value decode(std::string_view bytes, const DecodeOptions& opts = {}) {
    return decode(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), opts);
}

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool valid_utf8(std::string_view s);

}  // namespace quiver::packstream
