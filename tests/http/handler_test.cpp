// The HTTP API handler without sockets: requests in, Neo4j-shaped responses out.
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "basic_auth.h"
#include "http_handler.h"
#include "transaction_registry.h"
#include "quiver/database.h"

namespace quiver::http {
namespace {

using Json = nlohmann::json;

class HandlerTest : public ::testing::Test {
protected:
    void SetUp() override { make_handler({}); }

    void make_handler(HandlerOptions options) {
        handler.reset();
        options.transaction_idle_timeout = std::chrono::seconds(10);
        options.clock = [this] { return now; };
        handler = std::make_unique<HttpHandler>(*db, std::move(options));
    }

    HttpResponse send(const std::string& method, const std::string& target,
                      const std::string& body = "", HeaderList headers = {}) {
        HttpRequest r{method, target, std::move(headers), body};
        r.headers.emplace_back("Host", "example.org:7474");
        return handler->handle(r);
    }
    static Json json(const HttpResponse& r) { return Json::parse(r.body); }
    static std::string one(const std::string& statement, const std::string& extra = "") {
        return R"({"statements":[{"statement":)" + Json(statement).dump() + extra + "}]}";
    }
    int64_t count(const std::string& label) {
        auto r = json(send("POST", "/db/neo4j/tx/commit",
                           one("MATCH (n:" + label + ") RETURN count(n) AS c")));
        return r["results"][0]["data"][0]["row"][0].get<int64_t>();
    }

    std::unique_ptr<Database> db = Database::open_memory();
    Clock::time_point now = Clock::now();
    std::unique_ptr<HttpHandler> handler;
};

TEST_F(HandlerTest, DiscoveryDocument) {
    auto r = send("GET", "/");
    EXPECT_EQ(r.status, 200);
    auto j = json(r);
    EXPECT_EQ(j["bolt_direct"], "bolt://example.org:7687");
    EXPECT_EQ(j["bolt_routing"], "neo4j://example.org:7687");
    EXPECT_EQ(j["transaction"], "http://example.org:7474/db/{databaseName}/tx");
    EXPECT_EQ(j["neo4j_edition"], "community");
    EXPECT_TRUE(j["neo4j_version"].is_string());
}

TEST_F(HandlerTest, OneRequestCommitReturnsRowsAndMeta) {
    auto r = send("POST", "/db/neo4j/tx/commit",
                  one("CREATE (n:P $props) RETURN n, id(n) AS i",
                      R"(,"parameters":{"props":{"name":"My Node","age":3}})"));
    ASSERT_EQ(r.status, 200);
    auto j = json(r);
    EXPECT_EQ(j["errors"], Json::array());
    auto& res = j["results"][0];
    EXPECT_EQ(res["columns"], Json::array({"n", "i"}));
    EXPECT_EQ(res["data"][0]["row"][0], Json({{"name", "My Node"}, {"age", 3}}));
    EXPECT_EQ(res["data"][0]["meta"][0]["type"], "node");
    EXPECT_EQ(res["data"][0]["meta"][0]["id"], res["data"][0]["row"][1]);
    EXPECT_EQ(res["data"][0]["meta"][1], nullptr);
    EXPECT_TRUE(j.contains("lastBookmarks"));
    EXPECT_EQ(count("P"), 1);
}

TEST_F(HandlerTest, NotificationsBesideTheResults) {
    auto r = send("POST", "/db/neo4j/tx/commit",
                  R"({"statements":[{"statement":"RETURN 1 AS one"},)"
                  R"({"statement":"MATCH (a:Nope), (b) RETURN a, b"}]})");
    ASSERT_EQ(r.status, 200);
    auto j = json(r);
    EXPECT_EQ(j["errors"], Json::array());
    ASSERT_EQ(j["results"].size(), 2u);
    EXPECT_FALSE(j["results"][1].contains("notifications"));
    ASSERT_TRUE(j.contains("notifications"));
    std::vector<std::string> codes;
    for (const auto& n : j["notifications"]) codes.push_back(n["code"].get<std::string>());
    std::sort(codes.begin(), codes.end());
    EXPECT_EQ(codes, (std::vector<std::string>{"Neo.ClientNotification.Statement.CartesianProduct",
                                               "Neo.ClientNotification.Statement.UnknownLabelWarning"}));
    EXPECT_EQ(j["notifications"][0]["position"]["line"], 1);
    // none: no key, as Neo4j
    EXPECT_FALSE(json(send("POST", "/db/neo4j/tx/commit", one("RETURN 1 AS x"))).contains("notifications"));
}

TEST_F(HandlerTest, BeginRunCommit) {
    auto r = send("POST", "/db/neo4j/tx", one("CREATE (n:T) RETURN n"));
    ASSERT_EQ(r.status, 201);
    EXPECT_EQ(r.header("Location"), "http://example.org:7474/db/neo4j/tx/1");
    auto j = json(r);
    EXPECT_EQ(j["commit"], "http://example.org:7474/db/neo4j/tx/1/commit");
    EXPECT_TRUE(j["transaction"]["expires"].get<std::string>().ends_with(" GMT"));
    EXPECT_EQ(j["results"][0]["data"][0]["row"][0], Json::object());
    r = send("POST", "/db/neo4j/tx/1", one("CREATE (n:T)"));
    EXPECT_EQ(r.status, 200);
    EXPECT_TRUE(json(r).contains("transaction"));
    r = send("POST", "/db/neo4j/tx/1/commit", "");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(json(r)["errors"], Json::array());
    EXPECT_EQ(handler->open_transactions(), 0u);
    EXPECT_EQ(count("T"), 2);
    r = send("POST", "/db/neo4j/tx/1", "");
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(json(r)["errors"][0]["code"], "Neo.ClientError.Transaction.TransactionNotFound");
}

TEST_F(HandlerTest, RollbackDiscardsWork) {
    send("POST", "/db/data/transaction", one("CREATE (:R)"));
    auto r = send("DELETE", "/db/data/transaction/1");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(json(r), Json({{"results", Json::array()}, {"errors", Json::array()}}));
    EXPECT_EQ(count("R"), 0);
    EXPECT_EQ(send("DELETE", "/db/data/transaction/1").status, 404);
}

TEST_F(HandlerTest, ExpiredTransactionIsRolledBack) {
    auto r = send("POST", "/db/neo4j/tx", one("CREATE (:E)"));
    ASSERT_EQ(r.status, 201);
    now += std::chrono::seconds(5);
    EXPECT_EQ(send("POST", "/db/neo4j/tx/1", "").status, 200);  // keep-alive restarts the clock
    now += std::chrono::seconds(9);
    EXPECT_EQ(handler->reap_expired_transactions(), 0u);
    now += std::chrono::seconds(2);
    EXPECT_EQ(handler->reap_expired_transactions(), 1u);
    r = send("POST", "/db/neo4j/tx/1/commit", "");
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(count("E"), 0);
}

TEST_F(HandlerTest, FailedStatementRollsBackTheWholeRequest) {
    auto r = send("POST", "/db/neo4j/tx/commit",
                  R"J({"statements":[{"statement":"CREATE (:Person {name: 'a'})"},
                      {"statement":"UNWIND [1, 0] AS i CREATE (:Number {val: 1/i})"},
                      {"statement":"CREATE (:Never)"}]})J");
    auto j = json(r);
    EXPECT_EQ(j["errors"][0]["code"], "Neo.ClientError.Statement.ArithmeticError");
    EXPECT_EQ(j["results"].size(), 1u);
    EXPECT_EQ(count("Person"), 0);
    EXPECT_EQ(count("Number"), 0);
    EXPECT_EQ(count("Never"), 0);
}

TEST_F(HandlerTest, SyntaxErrorClosesOpenTransaction) {
    auto r = send("POST", "/db/neo4j/tx", one("This is not a valid Cypher Statement."));
    auto j = json(r);
    EXPECT_EQ(j["errors"][0]["code"], "Neo.ClientError.Statement.SyntaxError");
    EXPECT_TRUE(j.contains("commit"));
    EXPECT_FALSE(j.contains("transaction"));
    EXPECT_EQ(send("POST", "/db/neo4j/tx/1", "").status, 404);
}

TEST_F(HandlerTest, InvalidFormat) {
    for (std::string body : {"{", "{}", "[]", R"({"x":1,"statements":[]})",
                             R"({"statements":[{"parameters":{}}]})",
                             R"({"statements":[{"statement":"RETURN 1","resultDataContents":["bogus"]}]})"}) {
        auto j = json(send("POST", "/db/neo4j/tx/commit", body));
        EXPECT_EQ(j["errors"][0]["code"], "Neo.ClientError.Request.InvalidFormat") << body;
    }
    auto j = json(send("POST", "/db/neo4j/tx/commit", R"({"statements":[{"parameters":{}}]})"));
    EXPECT_EQ(j["errors"][0]["message"], "No statement provided.");
    j = json(send("POST", "/db/neo4j/tx/commit", ""));
    EXPECT_EQ(j, Json({{"results", Json::array()}, {"errors", Json::array()}}));
}

TEST_F(HandlerTest, GraphRestAndStats) {
    auto body = R"({"statements":[{"statement":"CREATE (b:Bike {weight: 10}) CREATE (w:Wheel {spokes: 3}) CREATE p = (b)-[:HAS {position: 1}]->(w) RETURN b, p","resultDataContents":["row","GRAPH","rest"],"includeStats":true}]})";
    auto j = json(send("POST", "/db/data/transaction/commit", body));
    ASSERT_EQ(j["errors"], Json::array());
    auto& rec = j["results"][0]["data"][0];
    EXPECT_EQ(rec["row"][1], Json::array({{{"weight", 10}}, {{"position", 1}}, {{"spokes", 3}}}));
    EXPECT_EQ(rec["meta"][1].size(), 3u);
    EXPECT_EQ(rec["graph"]["nodes"].size(), 2u);
    ASSERT_EQ(rec["graph"]["relationships"].size(), 1u);
    auto& rel = rec["graph"]["relationships"][0];
    EXPECT_EQ(rel["type"], "HAS");
    EXPECT_TRUE(rel["startNode"].is_string());
    EXPECT_EQ(rel["properties"]["position"], 1);
    EXPECT_EQ(rec["rest"][0]["data"]["weight"], 10);
    EXPECT_TRUE(rec["rest"][0]["self"].get<std::string>().starts_with("http://example.org:7474/db/data/node/"));
    EXPECT_EQ(rec["rest"][1]["length"], 1);
    auto& stats = j["results"][0]["stats"];
    EXPECT_EQ(stats["nodes_created"], 2);
    EXPECT_EQ(stats["relationships_created"], 1);
    EXPECT_EQ(stats["contains_updates"], true);
    EXPECT_FALSE(stats.contains("system_updates"));  // the 3.5 path has the 12 3.5 keys
}

TEST_F(HandlerTest, TemporalAndPointValues) {
    auto j = json(send("POST", "/db/neo4j/tx/commit",
                       one("RETURN date('2024-03-01') AS d, point({x: 1, y: 2}) AS p")));
    auto& rec = j["results"][0]["data"][0];
    EXPECT_EQ(rec["row"][0], "2024-03-01");
    EXPECT_EQ(rec["meta"][0]["type"], "date");
    EXPECT_EQ(rec["row"][1]["type"], "Point");
    EXPECT_EQ(rec["row"][1]["coordinates"], Json::array({1.0, 2.0}));
    EXPECT_EQ(rec["row"][1]["crs"]["name"], "cartesian");
}

TEST_F(HandlerTest, MalformedBookmarksHeader) {
    auto j = json(send("POST", "/db/neo4j/tx/commit", one("CREATE (:B)"), {{"Bookmarks", "nope"}}));
    EXPECT_EQ(j["errors"][0]["code"], "Neo.ClientError.Transaction.InvalidBookmark");
    EXPECT_EQ(count("B"), 0);
    j = json(send("POST", "/db/neo4j/tx/commit", one("CREATE (:B)"), {{"Bookmarks", R"(["FB:x"])"}}));
    EXPECT_EQ(j["errors"], Json::array());
    EXPECT_EQ(count("B"), 1);
}

TEST_F(HandlerTest, RoutingErrors) {
    EXPECT_EQ(send("GET", "/nope").status, 404);
    auto r = send("GET", "/db/neo4j/tx/commit");
    EXPECT_EQ(r.status, 405);
    EXPECT_EQ(r.header("Allow"), "POST");
    r = send("POST", "/db/other/tx/commit", one("RETURN 1"));
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(json(r)["errors"][0]["code"], "Neo.ClientError.Database.DatabaseNotFound");
    EXPECT_EQ(send("POST", "/db/neo4j/tx/abc", "").status, 404);
}

TEST_F(HandlerTest, BasicAuth) {
    HandlerOptions options;
    options.authenticator = [](const std::string& u, const std::string& p) {
        return u == "neo4j" && p == "secret";
    };
    make_handler(options);
    EXPECT_EQ(send("GET", "/").status, 200);  // discovery needs no credentials
    auto r = send("POST", "/db/neo4j/tx/commit", one("RETURN 1"));
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(json(r)["errors"][0]["code"], "Neo.ClientError.Security.Unauthorized");
    EXPECT_EQ(r.header("WWW-Authenticate"), "Basic realm=\"Neo4j\"");
    r = send("POST", "/db/neo4j/tx/commit", one("RETURN 1"),
             {{"Authorization", "Basic " + base64_encode("neo4j:wrong")}});
    EXPECT_EQ(r.status, 401);
    r = send("POST", "/db/neo4j/tx/commit", one("RETURN 1"), {{"authorization", "Basic !!!"}});
    EXPECT_EQ(json(r)["errors"][0]["code"], "Neo.ClientError.Request.InvalidFormat");
    r = send("POST", "/db/neo4j/tx/commit", one("RETURN 1"),
             {{"Authorization", "Basic " + base64_encode("neo4j:secret")}});
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(json(r)["results"][0]["data"][0]["row"][0], 1);

    HeaderList good = {{"Authorization", "Basic " + base64_encode("neo4j:secret")}};
    ASSERT_EQ(send("POST", "/db/neo4j/tx", one("CREATE (:A)"), good).status, 201);
    EXPECT_EQ(send("POST", "/db/neo4j/tx/1", "").status, 401);  // rolls the transaction back
    r = send("POST", "/db/neo4j/tx/1/commit", "", good);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(json(r)["errors"][0]["code"], "Neo.ClientError.Transaction.TransactionNotFound");
    r = send("POST", "/db/neo4j/tx/commit", one("MATCH (a:A) RETURN count(a)"), good);
    EXPECT_EQ(json(r)["results"][0]["data"][0]["row"][0], 0);
}

TEST(Base64, RoundTripsAndRejectsGarbage) {
    for (std::string s : {"", "a", "ab", "abc", "neo4j:secret"})
        EXPECT_EQ(base64_decode(base64_encode(s)), s);
    EXPECT_FALSE(base64_decode("abc"));
    EXPECT_FALSE(base64_decode("a=bc"));
    EXPECT_FALSE(parse_basic_auth("Bearer abc"));
    EXPECT_FALSE(parse_basic_auth("Basic " + base64_encode("nocolon")));
}

}  // namespace
}  // namespace quiver::http

namespace quiver::http {
namespace {

TEST(TransactionRegistry, ATransactionInUseIsBusyAndIdOrderIsStable) {
    auto db = Database::open_memory();
    auto now = Clock::now();
    TransactionRegistry registry(std::chrono::seconds(1), [&] { return now; });
    int64_t id = registry.add(db->begin(AccessMode::Read));
    EXPECT_EQ(id, 1);
    EXPECT_EQ(registry.acquire(id).status, TransactionRegistry::Status::Busy);  // add() checks out
    registry.release(id);
    auto lease = registry.acquire(id);
    ASSERT_EQ(lease.status, TransactionRegistry::Status::Ok);
    now += std::chrono::seconds(5);
    EXPECT_EQ(registry.reap_expired(), 0u);  // in use: never reaped under a request
    registry.release(id);
    EXPECT_EQ(registry.close_idle(), 1u);
    EXPECT_EQ(registry.acquire(id).status, TransactionRegistry::Status::NotFound);
    EXPECT_EQ(registry.add(db->begin(AccessMode::Read)), 2);
}

}  // namespace
}  // namespace quiver::http
