// Bolt protocol engine (engine/bolt/): handshake vectors of bolt.md §18.1, chunking (§3),
// and the session state machine over an in-memory database (§8, §18.2–18.3), byte for byte
// where the spec gives exact replies.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bolt/chunking.h"
#include "bolt/connection.h"
#include "bolt/handshake.h"
#include "value/packstream.h"

namespace quiver::bolt {
namespace {

std::string unhex(const std::string& text) {
    std::string out;
    for (size_t i = 0; i + 1 < text.size();) {
        if (text[i] == ' ') {
            ++i;
            continue;
        }
        out.push_back(char(std::stoi(text.substr(i, 2), nullptr, 16)));
        i += 2;
    }
    return out;
}

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

HandshakeReply shake(const std::string& h, HandshakeConfig cfg = {}) {
    std::string b = unhex(h);
    return negotiate(reinterpret_cast<const uint8_t*>(b.data()), cfg);
}

const std::string kDriver6 = "60 60 B0 17 00 00 01 FF 00 08 08 05 00 02 04 04 00 00 00 03";
const std::string kDriver527 = "60 60 B0 17 00 07 07 05 00 02 04 04 00 00 01 04 00 00 00 03";
const std::string kDriver44 = "60 60 B0 17 00 02 04 04 00 00 01 04 00 00 00 04 00 00 00 03";

TEST(BoltHandshake, ManifestForDriver6) {
    auto r = shake(kDriver6);
    EXPECT_EQ(r.outcome, HandshakeOutcome::Manifest);
    EXPECT_EQ(hex(r.reply), "00 00 01 FF 03 00 02 08 05 00 04 04 05 00 00 04 04 00");
}

TEST(BoltHandshake, LegacyRepliesAndCaps) {
    HandshakeConfig no_manifest;
    no_manifest.manifest = false;
    EXPECT_EQ(hex(shake(kDriver6, no_manifest).reply), "00 00 08 05");
    EXPECT_EQ(hex(shake(kDriver527).reply), "00 00 07 05");
    EXPECT_EQ(hex(shake(kDriver44).reply), "00 00 04 04");
    HandshakeConfig cap54;
    cap54.max_version = {5, 4};
    EXPECT_EQ(hex(shake(kDriver6, cap54).reply), "00 00 01 FF 02 00 04 04 05 00 00 04 04 00");
    HandshakeConfig cap56;
    cap56.max_version = {5, 6};
    EXPECT_EQ(hex(shake(kDriver527, cap56).reply), "00 00 06 05");
    HandshakeConfig cap55;  // a cap at 5.5 must fall to 5.4, never 5.5
    cap55.max_version = {5, 5};
    EXPECT_EQ(hex(shake(kDriver527, cap55).reply), "00 00 04 05");
}

TEST(BoltHandshake, NoCommonVersionAndBadMagic) {
    auto only55 = shake("60 60 B0 17 00 00 05 05 00 00 00 00 00 00 00 00 00 00 00 00");
    EXPECT_EQ(only55.outcome, HandshakeOutcome::NoVersion);
    EXPECT_EQ(hex(only55.reply), "00 00 00 00");
    EXPECT_EQ(shake("60 60 B0 17 00 00 00 03 00 00 00 00 00 00 00 00 00 00 00 00").outcome,
              HandshakeOutcome::NoVersion);
    auto bad = shake("60 60 B0 18 00 00 08 05 00 00 00 00 00 00 00 00 00 00 00 00");
    EXPECT_EQ(bad.outcome, HandshakeOutcome::BadMagic);
    EXPECT_TRUE(bad.reply.empty());
    // Unknown handshake revision is skipped; a range reaching below minor 0 is clamped.
    EXPECT_EQ(hex(shake("60 60 B0 17 00 00 02 FF 00 00 08 05 00 00 00 00 00 00 00 00").reply),
              "00 00 08 05");
    EXPECT_EQ(hex(shake("60 60 B0 17 00 09 01 05 00 00 00 00 00 00 00 00 00 00 00 00").reply),
              "00 00 01 05");
}

TEST(BoltHandshake, ManifestChoice) {
    auto r = shake(kDriver6);
    BoltVersion v;
    size_t used = 0;
    auto choice = [&](const std::string& h) {
        std::string b = unhex(h);
        return parse_manifest_choice(reinterpret_cast<const uint8_t*>(b.data()), b.size(),
                                     r.offered, v, used);
    };
    EXPECT_EQ(choice("00 00 08"), ChoiceStatus::NeedMore);
    EXPECT_EQ(choice("00 00 08 05 00 B1"), ChoiceStatus::Ok);
    EXPECT_EQ(v, (BoltVersion{5, 8}));
    EXPECT_EQ(used, 5u);
    EXPECT_EQ(choice("00 00 05 05 00"), ChoiceStatus::Invalid);  // 5.5 never offered
    EXPECT_EQ(choice("00 02 08 05 00"), ChoiceStatus::Invalid);  // range byte set
    EXPECT_EQ(choice("00 00 08 05 01"), ChoiceStatus::Invalid);  // capability not offered
}

TEST(BoltHandshake, VarInt) {
    std::string out;
    put_varint(out, 1);
    put_varint(out, 127);
    put_varint(out, 1851775);
    EXPECT_EQ(hex(out), "01 7F FF 82 71");
    uint64_t v = 0;
    auto b = unhex("FF 82 71");
    EXPECT_EQ(get_varint(reinterpret_cast<const uint8_t*>(b.data()), b.size(), v), 3);
    EXPECT_EQ(v, 1851775u);
    EXPECT_EQ(get_varint(reinterpret_cast<const uint8_t*>(b.data()), 2, v), 0);
}

TEST(BoltChunking, SplitsAndNoops) {
    std::string out;
    write_message(out, std::string(16, 'a'));
    EXPECT_EQ(out.size(), 2u + 16 + 2);
    EXPECT_EQ(hex(out.substr(0, 2)), "00 10");
    std::string big(70000, 'x');
    std::string framed;
    write_message(framed, big);
    EXPECT_EQ(hex(framed.substr(0, 2)), "FF FF");
    // NOOPs around, the message split across 1-byte feeds.
    std::string stream = unhex("00 00") + framed + unhex("00 00 00 04 01 02 03 04 00 00");
    Dechunker d(1 << 20);
    std::vector<std::string> msgs;
    for (char c : stream) ASSERT_TRUE(d.feed(reinterpret_cast<const uint8_t*>(&c), 1, msgs));
    ASSERT_EQ(msgs.size(), 2u);
    EXPECT_EQ(msgs[0], big);
    EXPECT_EQ(hex(msgs[1]), "01 02 03 04");
    Dechunker small(100);
    EXPECT_FALSE(small.feed(reinterpret_cast<const uint8_t*>(framed.data()), framed.size(), msgs));
}

// ---- the session over an in-memory database ------------------------------------------------

class BoltSession : public ::testing::Test {
protected:
    std::unique_ptr<Database> db = Database::open_memory();
    ServerContext ctx;
    std::unique_ptr<Connection> conn;

    void SetUp() override {
        ctx.db = db.get();
        conn = std::make_unique<Connection>(ctx);
    }
    Output send(const std::string& h) {
        std::string b = unhex(h);
        return conn->feed(reinterpret_cast<const uint8_t*>(b.data()), b.size());
    }
    // Splits a reply into messages and decodes each as a structure: tag + fields.
    static std::vector<std::pair<uint8_t, ValueList>> messages(const std::string& bytes,
                                                               packstream::Version v = {}) {
        Dechunker d(1 << 24);
        std::vector<std::string> raw;
        d.feed(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), raw);
        std::vector<std::pair<uint8_t, ValueList>> out;
        for (const auto& m : raw) {
            packstream::DecodeOptions o;
            o.version = v;
            packstream::Decoder dec(reinterpret_cast<const uint8_t*>(m.data()), m.size(), o);
            auto [n, tag] = dec.struct_header();
            ValueList fields;
            for (size_t i = 0; i < n; ++i) fields.push_back(dec.value());
            out.push_back({tag, fields});
        }
        return out;
    }
    static const Value* get(const Value& map, const std::string& key) {
        for (const auto& [k, v] : map.as_map())
            if (k == key) return &v;
        return nullptr;
    }
};

const std::string kHello51 =
    "00 1E B1 01 A1 8A 75 73 65 72 5F 61 67 65 6E 74 8F 63 6F 6E 66 6F 72 6D 61 6E 63 65 2F 31 "
    "2E 30 00 00";
const std::string kHello44 =
    "00 2A B1 01 A2 8A 75 73 65 72 5F 61 67 65 6E 74 8F 63 6F 6E 66 6F 72 6D 61 6E 63 65 2F 31 "
    "2E 30 86 73 63 68 65 6D 65 84 6E 6F 6E 65 00 00";
const std::string kLogon =
    "00 2F B1 6A A3 86 73 63 68 65 6D 65 85 62 61 73 69 63 89 70 72 69 6E 63 69 70 61 6C 85 6E "
    "65 6F 34 6A 8B 63 72 65 64 65 6E 74 69 61 6C 73 82 70 77 00 00";
const std::string kRun1 = "00 12 B3 10 8D 52 45 54 55 52 4E 20 31 20 41 53 20 6E A0 A0 00 00";
const std::string kRunFail = "00 09 B3 10 84 46 41 49 4C A0 A0 00 00";
const std::string kPullAll = "00 06 B1 3F A1 81 6E FF 00 00";
const std::string kReset = "00 02 B0 0F 00 00";
const std::string kSuccessEmpty = "00 03 B1 70 A0 00 00";
const std::string kIgnored = "00 02 B0 7E 00 00";

TEST_F(BoltSession, ManifestHelloLogonPipelined) {
    auto out = send(kDriver6 + " 00 00 08 05 00 " + kHello51 + kLogon);
    std::string manifest = unhex("00 00 01 FF 03 00 02 08 05 00 04 04 05 00 00 04 04 00");
    ASSERT_EQ(out.bytes.substr(0, manifest.size()), manifest);
    auto msgs = messages(out.bytes.substr(manifest.size()));
    ASSERT_EQ(msgs.size(), 2u);
    EXPECT_EQ(msgs[0].first, 0x70);
    EXPECT_EQ(get(msgs[0].second[0], "server")->as_string().rfind("Neo4j/", 0), 0u);
    EXPECT_EQ(get(msgs[0].second[0], "protocol_version")->as_string(), "5.8");
    EXPECT_TRUE(get(msgs[0].second[0], "connection_id"));
    EXPECT_EQ(hex(out.bytes.substr(out.bytes.size() - 7)), kSuccessEmpty);
    EXPECT_FALSE(out.close);
}

TEST_F(BoltSession, LegacyHandshakeHasNoProtocolVersion) {
    send(kDriver527);
    auto out = send(kHello51 + kLogon);
    auto msgs = messages(out.bytes);
    ASSERT_EQ(msgs.size(), 2u);
    EXPECT_EQ(get(msgs[0].second[0], "protocol_version"), nullptr);
}

TEST_F(BoltSession, RunPullFailureIgnoredReset) {
    send(kDriver6 + " 00 00 08 05 00 " + kHello51 + kLogon);
    auto ok = send(kRun1 + kPullAll);
    auto msgs = messages(ok.bytes);
    ASSERT_EQ(msgs.size(), 3u);
    EXPECT_EQ(msgs[0].first, 0x70);
    EXPECT_EQ(hex(unhex("00 04 B1 71 91 01 00 00")), "00 04 B1 71 91 01 00 00");
    EXPECT_NE(ok.bytes.find(unhex("00 04 B1 71 91 01 00 00")), std::string::npos);
    EXPECT_EQ(get(msgs[2].second[0], "type")->as_string(), "r");
    EXPECT_EQ(get(msgs[2].second[0], "db")->as_string(), "neo4j");
    EXPECT_TRUE(get(msgs[2].second[0], "bookmark"));
    EXPECT_TRUE(get(msgs[2].second[0], "statuses"));

    auto bad = send(kRunFail + kPullAll);
    auto fm = messages(bad.bytes);
    ASSERT_EQ(fm.size(), 2u);
    EXPECT_EQ(fm[0].first, 0x7F);
    EXPECT_EQ(get(fm[0].second[0], "neo4j_code")->as_string(),
              "Neo.ClientError.Statement.SyntaxError");
    EXPECT_EQ(get(fm[0].second[0], "gql_status")->as_string(), "42001");
    EXPECT_EQ(hex(bad.bytes.substr(bad.bytes.size() - 6)), kIgnored);
    EXPECT_EQ(hex(send(kReset).bytes), kSuccessEmpty);
    EXPECT_EQ(messages(send(kRun1 + kPullAll).bytes).size(), 3u);
}

TEST_F(BoltSession, FailureUsesCodeBefore57) {
    HandshakeConfig cap;
    cap.max_version = {5, 6};
    ctx.handshake = cap;
    send(kDriver6 + " 00 00 06 05 00 " + kHello51 + kLogon);
    auto fm = messages(send(kRunFail + kPullAll).bytes);
    EXPECT_EQ(get(fm[0].second[0], "code")->as_string(), "Neo.ClientError.Statement.SyntaxError");
    EXPECT_EQ(get(fm[0].second[0], "gql_status"), nullptr);
}

TEST_F(BoltSession, ExplicitTransactionWithQids) {
    send(kDriver6 + " 00 00 08 05 00 " + kHello51 + kLogon);
    std::string out;
    auto run = [&](const std::string& q) {
        std::string body;
        packstream::Encoder e(body);
        e.struct_header(3, 0x10);
        e.string(q);
        e.map_header(0);
        e.map_header(0);
        std::string framed;
        write_message(framed, body);
        return hex(framed);
    };
    auto pull = [&](int64_t n, int64_t qid) {
        std::string body;
        packstream::Encoder e(body);
        e.struct_header(1, 0x3F);
        e.map({{"n", Value::integer(n)}, {"qid", Value::integer(qid)}});
        std::string framed;
        write_message(framed, body);
        return hex(framed);
    };
    auto r = messages(send("00 03 B1 11 A0 00 00 " + run("UNWIND range(1,5) AS x RETURN x") +
                           run("UNWIND range(6,7) AS x RETURN x") + pull(-1, 1) + pull(2, 0) +
                           pull(-1, 0) + "00 02 B0 12 00 00")
                          .bytes);
    // BEGIN, RUN, RUN, 2 records + summary, 2 records + has_more, 3 records + summary, COMMIT
    ASSERT_EQ(r.size(), 1u + 2 + 3 + 3 + 4 + 1);
    EXPECT_TRUE(get(r[0].second[0], "db"));  // 5.8: BEGIN SUCCESS names the home database
    EXPECT_EQ(get(r[1].second[0], "qid")->as_int(), 0);
    EXPECT_EQ(get(r[2].second[0], "qid")->as_int(), 1);
    EXPECT_EQ(r[3].second[0].as_list()[0].as_int(), 6);
    EXPECT_EQ(get(r[5].second[0], "bookmark"), nullptr);
    EXPECT_TRUE(get(r[8].second[0], "has_more")->as_bool());
    EXPECT_TRUE(get(r.back().second[0], "bookmark"));
}

// tx_timeout: an idle transaction past its deadline is rolled back between requests (the
// transport calls expire_transaction), freeing the writer; its next request fails with
// TransactionTimedOutClientConfiguration and RESET makes the connection usable again.
TEST_F(BoltSession, IdleTransactionExpiresAfterTxTimeout) {
    send(kDriver6 + " 00 00 08 05 00 " + kHello51 + kLogon);
    auto framed = [](auto build) {
        std::string body;
        packstream::Encoder e(body);
        build(e);
        std::string out;
        write_message(out, body);
        return hex(out);
    };
    std::string begin = framed([](packstream::Encoder& e) {
        e.struct_header(1, 0x11);
        e.map({{"tx_timeout", Value::integer(60000)},
               {"tx_metadata", Value::map({{"app", Value::string("test")}})}});
    });
    std::string create = framed([](packstream::Encoder& e) {
        e.struct_header(3, 0x10);
        e.string("CREATE (:Expired)");
        e.map_header(0);
        e.map_header(0);
    });
    auto r = messages(send(begin + create + kPullAll).bytes);
    ASSERT_EQ(r.size(), 3u);
    EXPECT_EQ(r[2].first, 0x70);
    auto deadline = conn->transaction_deadline();
    ASSERT_NE(deadline, std::chrono::steady_clock::time_point::max());
    conn->expire_transaction(deadline - std::chrono::milliseconds(1));  // not yet
    EXPECT_EQ(conn->transaction_deadline(), deadline);
    conn->expire_transaction(deadline);
    EXPECT_EQ(conn->transaction_deadline(), std::chrono::steady_clock::time_point::max());
    // The writer is free: another write transaction begins at once and sees no :Expired node.
    auto other = db->begin(AccessMode::Write);
    auto count = other->run("MATCH (n:Expired) RETURN count(n) AS c");
    std::vector<Value> row;
    ASSERT_TRUE(count->next(row));
    EXPECT_EQ(row[0].as_int(), 0);
    other->rollback();

    auto commit = messages(send("00 02 B0 12 00 00").bytes);
    ASSERT_EQ(commit.size(), 1u);
    EXPECT_EQ(commit[0].first, 0x7F);
    EXPECT_EQ(get(commit[0].second[0], "neo4j_code")->as_string(),
              "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration");
    EXPECT_EQ(hex(send(kReset).bytes), kSuccessEmpty);
    EXPECT_EQ(messages(send(kRun1 + kPullAll).bytes).size(), 3u);

    std::string bad = framed([](packstream::Encoder& e) {
        e.struct_header(1, 0x11);
        e.map({{"tx_timeout", Value::string("soon")}});
    });
    auto refused = messages(send(bad).bytes);
    ASSERT_EQ(refused.size(), 1u);
    EXPECT_EQ(get(refused[0].second[0], "neo4j_code")->as_string(),
              "Neo.ClientError.Request.Invalid");
}

TEST_F(BoltSession, ProtocolErrorsClose) {
    send(kDriver6 + " 00 00 08 05 00 " + kHello51 + kLogon);
    auto out = send(kRun1 + kRun1);  // RUN while STREAMING
    auto m = messages(out.bytes);
    ASSERT_EQ(m.size(), 2u);
    EXPECT_EQ(get(m[1].second[0], "neo4j_code")->as_string(), "Neo.ClientError.Request.Invalid");
    EXPECT_TRUE(out.close);
}

TEST_F(BoltSession, UnknownMessageAndMalformedClose) {
    send(kDriver6 + " 00 00 08 05 00 " + kHello51 + kLogon);
    auto out = send("00 02 B0 55 00 00");
    EXPECT_TRUE(out.close);
    EXPECT_EQ(messages(out.bytes)[0].first, 0x7F);
}

TEST_F(BoltSession, MalformedPackstreamCloses) {
    send(kDriver6 + " 00 00 08 05 00 " + kHello51 + kLogon);
    auto out = send("00 05 B3 10 C4 A0 A0 00 00");
    EXPECT_TRUE(out.close);
    EXPECT_EQ(messages(out.bytes)[0].first, 0x7F);
}

TEST_F(BoltSession, Bolt44NodeAndLegacyDateTime) {
    send(kDriver44);
    send(kHello44);
    db->run("CREATE (:L {k: 1})");
    auto q = [&](const std::string& text) {
        std::string body;
        packstream::Encoder e(body);
        e.struct_header(3, 0x10);
        e.string(text);
        e.map_header(0);
        e.map_header(0);
        std::string framed;
        write_message(framed, body);
        return send(hex(framed) + " " + kPullAll).bytes;
    };
    EXPECT_NE(q("MATCH (n) RETURN n LIMIT 1").find(unhex("B3 4E")), std::string::npos);
    EXPECT_NE(q("RETURN datetime('1970-01-01T02:15:00.000000042+01:00')")
                  .find(unhex("B3 46 C9 1F A4 2A C9 0E 10")),
              std::string::npos);
    // LOGON does not exist in 4.4.
    EXPECT_TRUE(send(kLogon).close);
}

TEST_F(BoltSession, Bolt44UtcPatchAndRoute) {
    send(kDriver44);
    std::string body;
    packstream::Encoder e(body, packstream::Version::v44(false));
    e.struct_header(1, 0x01);
    e.map({{"user_agent", Value::string("t")},
           {"patch_bolt", Value::list({Value::string("utc")})}});
    std::string framed;
    write_message(framed, body);
    auto hello = messages(send(hex(framed)).bytes);
    EXPECT_EQ(get(hello[0].second[0], "patch_bolt")->as_list()[0].as_string(), "utc");
    std::string run_body;
    packstream::Encoder r(run_body, packstream::Version::v44(true));
    r.struct_header(3, 0x10);
    r.string("RETURN datetime('1970-01-01T02:15:00.000000042+01:00')");
    r.map_header(0);
    r.map_header(0);
    std::string run_framed;
    write_message(run_framed, run_body);
    EXPECT_NE(send(hex(run_framed) + " " + kPullAll).bytes.find(unhex("B3 49 C9 11 94 2A C9 0E 10")),
              std::string::npos);
    auto route = messages(send("00 1C B3 66 A1 87 61 64 64 72 65 73 73 8E 31 32 37 2E 30 2E 30 "
                               "2E 31 3A 37 36 38 37 90 A0 00 00")
                              .bytes);
    const Value* rt = get(route[0].second[0], "rt");
    ASSERT_TRUE(rt);
    EXPECT_EQ(get(*rt, "db")->as_string(), "neo4j");
    EXPECT_EQ(get(*rt, "servers")->as_list().size(), 3u);
    EXPECT_EQ(get(get(*rt, "servers")->as_list()[0], "addresses")->as_list()[0].as_string(),
              "127.0.0.1:7687");
}

TEST_F(BoltSession, UnknownDatabaseAndBadBookmark) {
    send(kDriver6 + " 00 00 08 05 00 " + kHello51 + kLogon);
    auto run_extra = [&](ValueMap extra) {
        std::string body;
        packstream::Encoder e(body);
        e.struct_header(3, 0x10);
        e.string("RETURN 1");
        e.map_header(0);
        e.map(extra);
        std::string framed;
        write_message(framed, body);
        auto m = messages(send(hex(framed) + " " + kPullAll).bytes);
        EXPECT_EQ(hex(send(kReset).bytes), kSuccessEmpty);
        if (m.empty() || m[0].second.empty()) return std::string("no FAILURE");
        return get(m[0].second[0], "neo4j_code")->as_string();
    };
    EXPECT_EQ(run_extra({{"db", Value::string("nope")}}), "Neo.ClientError.Database.DatabaseNotFound");
    EXPECT_EQ(run_extra({{"bookmarks", Value::list({Value::string("bm:x")})}}),
              "Neo.ClientError.Transaction.InvalidBookmark");
}

// A RESET jumps the queue (bolt.md §8.3): requests received before it in the same read are not
// run but answered IGNORED, then the RESET succeeds and the session is usable.
TEST_F(BoltSession, ResetSkipsRequestsQueuedBeforeIt) {
    send(kDriver6 + " 00 00 08 05 00 " + kHello51 + kLogon);
    auto m = messages(send(kRun1 + kPullAll + kRun1 + kPullAll + kReset).bytes);
    ASSERT_EQ(m.size(), 5u);
    for (size_t i = 0; i < 4; ++i) EXPECT_EQ(m[i].first, 0x7E) << i;  // IGNORED, no RECORD
    EXPECT_EQ(m[4].first, 0x70);
    EXPECT_EQ(messages(send(kRun1 + kPullAll).bytes).size(), 3u);
}

}  // namespace
}  // namespace quiver::bolt
