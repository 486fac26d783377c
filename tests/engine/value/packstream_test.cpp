// PackStream v1 codec: golden vectors from bolt.md §4.3, the Bolt structures of §5, minimal
// integer encodings, and malformed input (every rejection is Neo.ClientError.Request.Invalid).
#include "value/packstream.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "base/error.h"

namespace quiver::packstream {
namespace {

std::string hex(const std::string& bytes) {
    static const char* digits = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : bytes) {
        if (!out.empty()) out.push_back(' ');
        out.push_back(digits[c >> 4]);
        out.push_back(digits[c & 15]);
    }
    return out;
}

std::string unhex(const std::string& text) {
    std::string out;
    int nibble = -1;
    for (char c : text) {
        int v = (c >= '0' && c <= '9') ? c - '0' : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
        if (v < 0) continue;
        if (nibble < 0) {
            nibble = v;
        } else {
            out.push_back(char(nibble * 16 + v));
            nibble = -1;
        }
    }
    return out;
}

Value str(const char* s) { return Value::string(s); }

void expect_invalid(const std::string& bytes, const DecodeOptions& opts = {}) {
    try {
        decode(bytes, opts);
        ADD_FAILURE() << "decoded malformed input " << hex(bytes);
    } catch (const QuiverError& e) {
        EXPECT_EQ(e.code(), "Neo.ClientError.Request.Invalid") << hex(bytes);
    }
}

// ---- golden vectors (bolt.md §4.3) ---------------------------------------------------------

TEST(PackStreamGolden, Scalars) {
    EXPECT_EQ(hex(encode(Value::float64(1.23))), "C1 3F F3 AE 14 7A E1 47 AE");
    EXPECT_EQ(hex(encode(Value::integer(std::numeric_limits<int64_t>::min()))),
              "CB 80 00 00 00 00 00 00 00");
    EXPECT_EQ(hex(encode(Value::integer(std::numeric_limits<int64_t>::max()))),
              "CB 7F FF FF FF FF FF FF FF");
    EXPECT_EQ(hex(encode(Value::null())), "C0");
    EXPECT_EQ(hex(encode(Value::boolean(false))), "C2");
    EXPECT_EQ(hex(encode(Value::boolean(true))), "C3");
}

TEST(PackStreamGolden, Strings) {
    EXPECT_EQ(hex(encode(str(""))), "80");
    EXPECT_EQ(hex(encode(str("A"))), "81 41");
    std::string alphabet;
    for (char c = 'A'; c <= 'Z'; ++c) alphabet.push_back(c);
    EXPECT_EQ(hex(encode(Value::string(alphabet))),
              "D0 1A 41 42 43 44 45 46 47 48 49 4A 4B 4C 4D 4E 4F 50 51 52 53 54 55 56 57 58 59 5A");
    EXPECT_EQ(hex(encode(str("Größenmaßstäbe"))),
              "D0 12 47 72 C3 B6 C3 9F 65 6E 6D 61 C3 9F 73 74 C3 A4 62 65");
}

TEST(PackStreamGolden, Lists) {
    EXPECT_EQ(hex(encode(Value::list({}))), "90");
    EXPECT_EQ(hex(encode(Value::list({Value::integer(1), Value::integer(2), Value::integer(3)}))),
              "93 01 02 03");
    EXPECT_EQ(hex(encode(Value::list({Value::integer(1), Value::float64(2.0), str("three")}))),
              "93 01 C1 40 00 00 00 00 00 00 00 85 74 68 72 65 65");
    ValueList forty;
    std::string want = "D4 28";
    for (int i = 1; i <= 40; ++i) {
        forty.push_back(Value::integer(i));
        want += " " + hex(std::string(1, char(i)));
    }
    EXPECT_EQ(hex(encode(Value::list(forty))), want);
}

TEST(PackStreamGolden, Maps) {
    EXPECT_EQ(hex(encode(Value::map({}))), "A0");
    EXPECT_EQ(hex(encode(Value::map({{"one", str("eins")}}))), "A1 83 6F 6E 65 84 65 69 6E 73");
    ValueMap m;
    for (char c = 'A'; c <= 'Z'; ++c) m.emplace_back(std::string(1, c), Value::integer(c - 'A' + 1));
    std::string bytes = encode(Value::map(m));
    EXPECT_EQ(hex(bytes.substr(0, 2)), "D8 1A");
    EXPECT_EQ(hex(bytes.substr(2, 3)), "81 41 01");
    Value back = decode(bytes);
    ASSERT_TRUE(back.is_map());
    EXPECT_EQ(back.as_map().size(), 26u);
    EXPECT_EQ(back.map_get("Z")->as_int(), 26);
}

TEST(PackStreamGolden, Bytes) {
    EXPECT_EQ(hex(encode(Value::bytes(""))), "CC 00");
    EXPECT_EQ(hex(encode(Value::bytes(std::string("\x01\x02\x03", 3)))), "CC 03 01 02 03");
}

// ---- integers ------------------------------------------------------------------------------

TEST(PackStreamInt, MinimalEncodingAtEveryBoundary) {
    struct Case {
        int64_t v;
        const char* bytes;
    } cases[] = {
        {0, "00"},           {127, "7F"},         {-1, "FF"},
        {-16, "F0"},         {-17, "C8 EF"},      {-128, "C8 80"},
        {128, "C9 00 80"},   {-129, "C9 FF 7F"},  {32767, "C9 7F FF"},
        {-32768, "C9 80 00"}, {32768, "CA 00 00 80 00"}, {-32769, "CA FF FF 7F FF"},
        {2147483647, "CA 7F FF FF FF"}, {-2147483648LL, "CA 80 00 00 00"},
        {2147483648LL, "CB 00 00 00 00 80 00 00 00"},
        {-2147483649LL, "CB FF FF FF FF 7F FF FF FF"},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(hex(encode(Value::integer(c.v))), c.bytes) << c.v;
        EXPECT_EQ(decode(unhex(c.bytes)).as_int(), c.v) << c.v;
    }
}

TEST(PackStreamInt, AcceptsNonMinimalForms) {
    for (const char* b : {"2A", "C8 2A", "C9 00 2A", "CA 00 00 00 2A", "CB 00 00 00 00 00 00 00 2A"}) {
        Value v = decode(unhex(b));
        ASSERT_TRUE(v.is_int()) << b;
        EXPECT_EQ(v.as_int(), 42) << b;
    }
}

// ---- round trips ---------------------------------------------------------------------------

TEST(PackStreamRoundTrip, FloatsBitExact) {
    for (double d : {0.0, -0.0, 1.5, -1e308, std::numeric_limits<double>::infinity(),
                     -std::numeric_limits<double>::infinity(),
                     std::numeric_limits<double>::quiet_NaN(),
                     std::numeric_limits<double>::denorm_min()}) {
        Value back = decode(encode(Value::float64(d)));
        ASSERT_TRUE(back.is_float());
        double r = back.as_float();
        EXPECT_EQ(std::memcmp(&r, &d, 8), 0) << d;
    }
}

TEST(PackStreamRoundTrip, SizeClasses) {
    for (size_t n : {0u, 15u, 16u, 255u, 256u, 65535u, 65536u}) {
        std::string s(n, 'x');
        std::string enc = encode(Value::string(s));
        EXPECT_EQ(decode(enc).as_string(), s);
        std::string raw(n, '\xFF');
        EXPECT_EQ(decode(encode(Value::bytes(raw))).as_bytes(), raw);
        ValueList items(n, Value::null());
        EXPECT_EQ(decode(encode(Value::list(items))).as_list().size(), n);
    }
    EXPECT_EQ(hex(encode(Value::string(std::string(16, 'a'))).substr(0, 2)), "D0 10");
    EXPECT_EQ(hex(encode(Value::string(std::string(256, 'a'))).substr(0, 3)), "D1 01 00");
    EXPECT_EQ(hex(encode(Value::string(std::string(65536, 'a'))).substr(0, 5)), "D2 00 01 00 00");
    EXPECT_EQ(hex(encode(Value::list(ValueList(16))).substr(0, 2)), "D4 10");
    EXPECT_EQ(hex(encode(Value::bytes(std::string(256, 'a'))).substr(0, 3)), "CD 01 00");
}

TEST(PackStreamRoundTrip, NestedCollections) {
    Value v = Value::map({{"a", Value::list({Value::integer(1), Value::map({{"b", Value::null()}})})},
                          {"c", Value::boolean(true)}});
    Value back = decode(encode(v));
    EXPECT_EQ(encode(back), encode(v));
}

TEST(PackStreamDecode, DuplicateMapKeysKeepLastValue) {
    // {"a": 1, "b": 2, "a": 3}
    Value v = decode(unhex("A3 81 61 01 81 62 02 81 61 03"));
    ASSERT_EQ(v.as_map().size(), 2u);
    EXPECT_EQ(v.as_map()[0].first, "a");
    EXPECT_EQ(v.as_map()[0].second.as_int(), 3);
    // The same for a large map (hash path).
    std::string big = "D8 12";
    for (int i = 0; i < 17; ++i) big += " 81 " + hex(std::string(1, char('a' + i))) + " 01";
    big += " 81 61 05";
    Value w = decode(unhex(big));
    EXPECT_EQ(w.as_map().size(), 17u);
    EXPECT_EQ(w.map_get("a")->as_int(), 5);
}

TEST(PackStreamDecode, LegacyStructMarkersAccepted) {
    // DC 01 44 <days>: a Date through the legacy STRUCT_8 marker.
    Value v = decode(unhex("DC 01 44 05"));
    ASSERT_EQ(v.kind(), ValueKind::Date);
    EXPECT_EQ(v.as_date(), 5);
}

// ---- structures ----------------------------------------------------------------------------

Value make_node(int64_t id, std::vector<std::string> labels, ValueMap props) {
    auto* n = new NodeObj();
    n->id = id;
    n->element_id = "4:db:" + std::to_string(id);
    n->labels = std::move(labels);
    n->properties = std::move(props);
    return Value::node(n);
}

Value make_rel(int64_t id, int64_t start, int64_t end, std::string type) {
    auto* r = new RelObj();
    r->id = id;
    r->start = start;
    r->end = end;
    r->element_id = "5:db:" + std::to_string(id);
    r->start_element_id = "4:db:" + std::to_string(start);
    r->end_element_id = "4:db:" + std::to_string(end);
    r->type = std::move(type);
    return Value::relationship(r);
}

TEST(PackStreamStruct, Node5x) {
    Value n = make_node(7, {"Person"}, {{"name", str("Ann")}});
    std::string bytes = encode(n);
    EXPECT_EQ(hex(bytes),
              "B4 4E 07 91 86 50 65 72 73 6F 6E A1 84 6E 61 6D 65 83 41 6E 6E 86 34 3A 64 62 3A 37");
    Value back = decode(bytes);
    ASSERT_TRUE(back.is_node());
    EXPECT_EQ(back.as_node().id, 7);
    EXPECT_EQ(back.as_node().element_id, "4:db:7");
    EXPECT_EQ(back.as_node().labels, std::vector<std::string>{"Person"});
    EXPECT_EQ(back.as_node().properties[0].second.as_string(), "Ann");
}

TEST(PackStreamStruct, NodeAndRelationshipFieldCountsPerVersion) {
    Value n = make_node(1, {}, {});
    Value r = make_rel(2, 1, 3, "KNOWS");
    EXPECT_EQ(hex(encode(n, Version::v44(true)).substr(0, 2)), "B3 4E");
    EXPECT_EQ(hex(encode(r, Version::v44(true)).substr(0, 2)), "B5 52");
    EXPECT_EQ(hex(encode(r).substr(0, 2)), "B8 52");
    // A 5.x relationship is rejected by a 4.4 decoder and vice versa.
    DecodeOptions v44;
    v44.version = Version::v44(true);
    expect_invalid(encode(r), v44);
    expect_invalid(encode(r, Version::v44(true)));
    Value back = decode(encode(r, Version::v44(true)), v44);
    EXPECT_EQ(back.as_rel().start, 1);
    EXPECT_EQ(back.as_rel().end, 3);
}

TEST(PackStreamStruct, Relationship5x) {
    Value r = make_rel(1000, 42, 69, "T");
    Value back = decode(encode(r));
    const RelObj& b = back.as_rel();
    EXPECT_EQ(b.id, 1000);
    EXPECT_EQ(b.start, 42);
    EXPECT_EQ(b.end, 69);
    EXPECT_EQ(b.type, "T");
    EXPECT_EQ(b.element_id, "5:db:1000");
    EXPECT_EQ(b.start_element_id, "4:db:42");
    EXPECT_EQ(b.end_element_id, "4:db:69");
}

TEST(PackStreamStruct, PathIndicesFollowTheSpecExample) {
    // (42)-[1000]->(69)<-[1000]-(42)<-[1001]-(1): relationships repeat, nodes repeat.
    Value n42 = make_node(42, {}, {}), n69 = make_node(69, {}, {}), n1 = make_node(1, {}, {});
    Value r1000 = make_rel(1000, 42, 69, "T"), r1001 = make_rel(1001, 1, 42, "T");
    auto* p = new PathObj();
    p->nodes = {n42, n69, n42, n1};
    p->rels = {r1000, r1000, r1001};
    Value path = Value::path(p);
    std::string bytes = encode(path);
    // Three distinct nodes, two distinct relationships, then the indices at the very end.
    Decoder d(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    auto [fields, t] = d.struct_header();
    EXPECT_EQ(fields, 3u);
    EXPECT_EQ(t, 'P');
    EXPECT_EQ(d.value().as_list().size(), 3u);
    EXPECT_EQ(d.list_header(), 2u);
    EXPECT_EQ(hex(bytes.substr(bytes.size() - 7)), "96 01 01 FF 00 FE 02");  // [1,1,-1,0,-2,2]

    Value back = decode(bytes);
    const PathObj& bp = back.as_path();
    ASSERT_EQ(bp.nodes.size(), 4u);
    ASSERT_EQ(bp.rels.size(), 3u);
    EXPECT_EQ(bp.nodes[3].as_node().id, 1);
    EXPECT_EQ(bp.rels[1].as_rel().start, 42);
    EXPECT_EQ(bp.rels[1].as_rel().end, 69);
    EXPECT_EQ(bp.rels[2].as_rel().start, 1);
    EXPECT_EQ(bp.rels[2].as_rel().end, 42);
    EXPECT_EQ(bp.rels[2].as_rel().start_element_id, "4:db:1");
    EXPECT_EQ(encode(back), bytes);
}

TEST(PackStreamStruct, PathUnboundRelationshipShape) {
    auto* p = new PathObj();
    p->nodes = {make_node(1, {}, {}), make_node(2, {}, {})};
    p->rels = {make_rel(3, 1, 2, "R")};
    std::string bytes = encode(Value::path(p));
    // B3 50 | 92 <node1> <node2> | 91 B4 72 03 81 52 A0 <eid> | 92 01 01
    auto pos = bytes.find("\xB4\x72", 0);
    ASSERT_NE(pos, std::string::npos);
    EXPECT_EQ(hex(bytes.substr(pos, 6)), "B4 72 03 81 52 A0");
    EXPECT_EQ(hex(bytes.substr(bytes.size() - 3)), "92 01 01");
}

TEST(PackStreamStruct, Temporal) {
    EXPECT_EQ(hex(encode(Value::date(19000))), "B1 44 C9 4A 38");
    EXPECT_EQ(hex(encode(Value::local_time(1))), "B1 74 01");
    EXPECT_EQ(hex(encode(Value::time(TimeValue{2, 3600}))), "B2 54 02 C9 0E 10");
    EXPECT_EQ(hex(encode(Value::local_datetime(LocalDateTimeValue{4, 5}))), "B2 64 04 05");
    // bolt.md §5.2: 1970-01-01T02:15:00.000000042+01:00
    DateTimeValue dt{4500, 42, 3600, ""};
    EXPECT_EQ(hex(encode(Value::datetime(dt))), "B3 49 C9 11 94 2A C9 0E 10");
    EXPECT_EQ(hex(encode(Value::datetime(dt), Version::v44(false))), "B3 46 C9 1F A4 2A C9 0E 10");
    DateTimeValue dz{4500, 42, 3600, "Europe/Paris"};
    std::string zoned = encode(Value::datetime(dz));
    EXPECT_EQ(hex(zoned.substr(0, 6)), "B3 69 C9 11 94 2A");
    EXPECT_EQ(hex(encode(Value::duration(DurationValue{14, 3, 61, 5}))), "B4 45 0E 03 3D 05");

    for (const Value& v : {Value::date(-5), Value::local_time(86399999999999LL),
                           Value::time(TimeValue{7, -18000}),
                           Value::local_datetime(LocalDateTimeValue{-100, 999999999}),
                           Value::datetime(dt), Value::duration(DurationValue{-1, -2, -3, 4})})
        EXPECT_EQ(encode(decode(encode(v))), encode(v));
}

TEST(PackStreamStruct, DateTimeZoneIdUsesResolver) {
    DateTimeValue dz{4500, 42, 3600, "Europe/Paris"};
    DecodeOptions opts;
    opts.zone_offset = [](std::string_view zone, int64_t) -> std::optional<int32_t> {
        if (zone == "Europe/Paris") return 3600;
        return std::nullopt;
    };
    Value back = decode(encode(Value::datetime(dz)), opts);
    EXPECT_EQ(back.as_datetime().seconds, 4500);
    EXPECT_EQ(back.as_datetime().offset_seconds, 3600);
    EXPECT_EQ(back.as_datetime().zone, "Europe/Paris");
    DateTimeValue bad{0, 0, 0, "Mars/Olympus"};
    expect_invalid(encode(Value::datetime(bad)), opts);
    // Legacy 4.4 zone-id form carries local seconds.
    opts.version = Version::v44(false);
    Value legacy = decode(encode(Value::datetime(dz), Version::v44(false)), opts);
    EXPECT_EQ(legacy.as_datetime().seconds, 4500);
}

TEST(PackStreamStruct, DateTimeZoneIdDefaultsToBuiltInZones) {
    // 2015-07-21T19:40:32Z in Stockholm is summer time (+02:00)
    DateTimeValue dz{1437507632, 0, 0, "Europe/Stockholm"};
    Value back = decode(encode(Value::datetime(dz)));
    EXPECT_EQ(back.as_datetime().offset_seconds, 7200);
    EXPECT_EQ(back.as_datetime().zone, "Europe/Stockholm");
    DateTimeValue bad{0, 0, 0, "Mars/Olympus"};
    expect_invalid(encode(Value::datetime(bad)));
}

TEST(PackStreamStruct, DurationNanosNormalised) {
    // seconds 1, nanos -1 -> seconds 0, nanos 999999999
    Value d = decode(unhex("B4 45 00 00 01 FF"));
    EXPECT_EQ(d.as_duration().seconds, 0);
    EXPECT_EQ(d.as_duration().nanos, 999999999);
}

TEST(PackStreamStruct, Points) {
    Value p2 = Value::point(PointValue{7203, 1.0, 2.0, 0});
    EXPECT_EQ(hex(encode(p2)),
              "B3 58 C9 1C 23 C1 3F F0 00 00 00 00 00 00 C1 40 00 00 00 00 00 00 00");
    Value p3 = Value::point(PointValue{4979, 1.0, 2.0, 3.0});
    EXPECT_EQ(hex(encode(p3).substr(0, 2)), "B4 59");
    Value back = decode(encode(p3));
    EXPECT_EQ(back.as_point().srid, 4979);
    EXPECT_EQ(back.as_point().z, 3.0);
    expect_invalid(unhex("B3 58 C9 12 F4 01 01"));  // srid 4852 unknown
    expect_invalid(unhex("B3 58 C9 13 73 01 01"));  // 3D srid in a 2D point
}

// ---- malformed input -----------------------------------------------------------------------

TEST(PackStreamMalformed, Rejected) {
    expect_invalid("");
    expect_invalid(unhex("C1 00 00"));           // truncated float
    expect_invalid(unhex("CB 00 00 00"));        // truncated int
    expect_invalid(unhex("85 41 42"));           // string shorter than its size
    expect_invalid(unhex("D2 7F FF FF FF 41"));  // absurd size
    expect_invalid(unhex("D2 FF FF FF FF"));     // > 2^31-1
    expect_invalid(unhex("93 01 02"));           // list missing an item
    expect_invalid(unhex("A1 01 02"));           // non-string key
    expect_invalid(unhex("A1 81 61"));           // key without value
    expect_invalid(unhex("C4"));                 // reserved
    expect_invalid(unhex("E0"));                 // UUID (provisional 6.1) is not accepted
    expect_invalid(unhex("82 C3 28"));           // invalid UTF-8
    expect_invalid(unhex("83 ED A0 80"));        // UTF-16 surrogate
    expect_invalid(unhex("82 C0 80"));           // overlong NUL
    expect_invalid(unhex("01 02"));              // trailing bytes
    expect_invalid(unhex("B1 7A 01"));           // unknown structure tag
    expect_invalid(unhex("B2 44 01 02"));        // Date with two fields
    expect_invalid(unhex("B1 74 FF"));           // negative time of day
    expect_invalid(unhex("B2 64 00 CA 3B 9A CA 00"));  // nanos = 1e9
    expect_invalid(unhex("B2 54 00 CA 00 01 00 00"));  // offset 65536 s
    expect_invalid(unhex("B4 72 01 81 52 A0 80"));     // standalone UnboundRelationship
    expect_invalid(unhex("B3 50 90 90 90"));           // path without nodes
    expect_invalid(unhex("B4 45 00 00 CB 7F FF FF FF FF FF FF FF CA 7F FF FF FF"));  // overflow
}

TEST(PackStreamMalformed, PathIndicesChecked) {
    auto* p = new PathObj();
    p->nodes = {make_node(1, {}, {}), make_node(2, {}, {})};
    p->rels = {make_rel(3, 1, 2, "R")};
    std::string bytes = encode(Value::path(p));
    ASSERT_EQ(hex(bytes.substr(bytes.size() - 3)), "92 01 01");
    for (const char* tail : {"92 00 01", "92 02 01", "92 FE 01", "92 01 02", "92 01 FF", "91 01"}) {
        std::string bad = bytes.substr(0, bytes.size() - 3) + unhex(tail);
        expect_invalid(bad);
    }
}

TEST(PackStreamMalformed, DepthLimited) {
    std::string deep(100000, '\x91');
    deep.push_back('\x01');
    expect_invalid(deep);
    std::string ok(200, '\x91');
    ok.push_back('\x01');
    EXPECT_NO_THROW(decode(ok));
}

TEST(PackStreamMalformed, EntitiesRejectedInParameters) {
    DecodeOptions params;
    params.allow_entities = false;
    std::string node = encode(make_node(1, {}, {}));
    expect_invalid("\xA1\x81x" + node, params);
    EXPECT_NO_THROW(decode(node));
}

TEST(PackStreamMalformed, EveryTruncationOfAValidEncodingFails) {
    auto* p = new PathObj();
    p->nodes = {make_node(1, {"L"}, {{"k", Value::float64(1.5)}}), make_node(2, {}, {})};
    p->rels = {make_rel(3, 2, 1, "R")};
    Value v = Value::list({Value::path(p), Value::datetime(DateTimeValue{1, 2, 3, ""}),
                           Value::bytes("xyz"), Value::point(PointValue{9157, 1, 2, 3})});
    std::string bytes = encode(v);
    for (size_t n = 0; n < bytes.size(); ++n) expect_invalid(bytes.substr(0, n));
    EXPECT_EQ(encode(decode(bytes)), bytes);
}

TEST(PackStreamMalformed, RandomBytesNeverCrash) {
    uint64_t state = 0x9E3779B97F4A7C15ull;
    auto next = [&]() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    for (int round = 0; round < 20000; ++round) {
        std::string bytes(size_t(next() % 24), '\0');
        for (auto& c : bytes) c = char(next());
        try {
            decode(bytes);
        } catch (const QuiverError& e) {
            EXPECT_EQ(e.code(), "Neo.ClientError.Request.Invalid");
        }
    }
}

TEST(PackStreamMalformed, MutatedValidEncodingsNeverCrash) {
    auto* p = new PathObj();
    p->nodes = {make_node(1, {"L"}, {{"k", Value::float64(1.5)}}), make_node(2, {}, {}),
                make_node(1, {"L"}, {})};
    p->rels = {make_rel(3, 2, 1, "R"), make_rel(4, 2, 1, "S")};
    std::string base = encode(Value::list(
        {Value::path(p), Value::datetime(DateTimeValue{1, 2, 3, "UTC"}),
         Value::duration(DurationValue{1, 2, 3, 4}), Value::map({{"a", Value::bytes("xyz")}}),
         Value::point(PointValue{9157, 1, 2, 3}), Value::time(TimeValue{5, 6})}));
    uint64_t state = 0x2545F4914F6CDD1Dull;
    auto next = [&]() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    for (int round = 0; round < 20000; ++round) {
        std::string bytes = base;
        for (int k = 0, n = int(next() % 3) + 1; k < n; ++k)
            bytes[size_t(next() % bytes.size())] = char(next());
        try {
            encode(decode(bytes));
        } catch (const QuiverError& e) {
            EXPECT_EQ(e.code(), "Neo.ClientError.Request.Invalid");
        }
    }
}

}  // namespace
}  // namespace quiver::packstream
