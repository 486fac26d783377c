// Relationship index seeks: chosen by the planner for `()-[r:T {k: v}]-()` when a relationship
// range index covers (T, k), visible in EXPLAIN with Neo4j's operator names, and returning the
// same rows as the plan without the index.
#include <gtest/gtest.h>

#include <algorithm>

#include "quiver/database.h"
#include "result_helpers.h"
#include "value/value_ops.h"

namespace quiver {
namespace {
using test_support::all_rows;
using test_support::shape;

std::vector<std::string> rows_text(Database& db, const std::string& q) {
    auto r = db.run(q);
    std::vector<std::string> out;
    std::vector<Value> row;
    while (r->next(row)) {
        std::string line;
        for (const auto& v : row) line += to_literal_string(v) + "|";
        out.push_back(line);
    }
    std::sort(out.begin(), out.end());
    return out;
}

TEST(RelIndexSeek, PlannedShownAndSameRows) {
    auto db = Database::open_memory();
    db->run("UNWIND range(1, 200) AS i CREATE (a:N {i: i})-[:R {k: i % 20, i: i}]->(b:M {i: i}), "
            "(a)-[:S {k: 1}]->(b), (b)-[:R {k: [1, 2]}]->(b)")->summary();
    const std::vector<std::string> queries = {
        "MATCH (a)-[r:R {k: 3}]->(b) RETURN a.i, r.i, b.i",
        "MATCH (a)<-[r:R]-(b) WHERE r.k = 3 RETURN a.i, r.i, b.i",
        "MATCH (a)-[r:R {k: 3}]-(b) RETURN a.i, r.i, b.i",
        "MATCH (a)-[r:R {k: [1, 2]}]-(b) RETURN a.i, r.i, b.i",
        "MATCH (a)-[r:R {k: 3.0}]->(b:M) RETURN a.i, b.i",
    };
    std::vector<std::vector<std::string>> before;
    for (const auto& q : queries) before.push_back(rows_text(*db, q));
    EXPECT_EQ(before[0].size(), 10u);
    EXPECT_EQ(before[2].size(), 20u);  // both orientations
    EXPECT_EQ(before[3].size(), 200u);  // self-loops once each
    db->run("CREATE INDEX r_k FOR ()-[r:R]-() ON (r.k)")->summary();
    for (size_t i = 0; i < queries.size(); ++i)
        EXPECT_EQ(rows_text(*db, queries[i]), before[i]) << queries[i];

    auto plan = [&](const std::string& q) {
        auto s = db->run("EXPLAIN " + q)->summary();
        return s.plan ? shape(*s.plan) : std::string("none");
    };
    EXPECT_NE(plan(queries[0]).find("DirectedRelationshipIndexSeek"), std::string::npos)
        << plan(queries[0]);
    EXPECT_NE(plan(queries[1]).find("DirectedRelationshipIndexSeek"), std::string::npos);
    EXPECT_NE(plan(queries[2]).find("UndirectedRelationshipIndexSeek"), std::string::npos);
    // no index on (S, k): no seek
    EXPECT_EQ(plan("MATCH (a)-[r:S {k: 1}]->(b) RETURN r").find("RelationshipIndexSeek"),
              std::string::npos);
    // parameters are seekable too
    auto r = db->run("MATCH ()-[r:R {k: $k}]->() RETURN count(r) AS c", {{"k", Value::integer(7)}});
    std::vector<Value> row;
    ASSERT_TRUE(r->next(row));
    EXPECT_EQ(row[0].as_int(), 10);
}

TEST(CompositeIndexSeek, SameRowsAsScan) {
    auto db = Database::open_memory();
    db->run("UNWIND range(1, 300) AS i CREATE (:P {a: i % 7, b: toString(i % 5), i: i})")->summary();
    const std::string q = "MATCH (p:P) WHERE p.a = 3 AND p.b = '2' RETURN p.i";
    auto before = rows_text(*db, q);
    EXPECT_FALSE(before.empty());
    db->run("CREATE INDEX p_ab FOR (p:P) ON (p.a, p.b)")->summary();
    EXPECT_EQ(rows_text(*db, q), before);
    EXPECT_EQ(rows_text(*db, "MATCH (p:P {b: '2', a: 3.0}) RETURN p.i"), before);
    // the planner picks the composite index when every key has an equality, not for one key
    auto plan = [&](const std::string& text) {
        auto s = db->run("EXPLAIN " + text)->summary();
        return s.plan ? shape(*s.plan) : std::string("none");
    };
    EXPECT_NE(plan(q).find("NodeIndexSeek"), std::string::npos) << plan(q);
    EXPECT_EQ(plan("MATCH (p:P) WHERE p.a = 3 RETURN p.i").find("NodeIndexSeek"), std::string::npos);
    // a value the index does not hold falls back to the label scan
    EXPECT_TRUE(rows_text(*db, "MATCH (p:P) WHERE p.a = [3] AND p.b = '2' RETURN p.i").empty());
}

}  // namespace
}  // namespace quiver
