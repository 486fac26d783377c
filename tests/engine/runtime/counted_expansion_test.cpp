// An ungrouped count(*) / count(v) directly over an expansion counts adjacency entries instead
// of making rows (PhysicalExpand/PhysicalVarExpand::count_rows). PROFILE wraps every operator,
// which turns that off, so each query here runs both ways and the two answers must agree —
// on a random multigraph with self-loops, parallel relationships and two types.
#include <random>

#include "runtime_test_util.h"

namespace quiver {
namespace {

using namespace runtime_test;

int64_t single_int(Database& db, const std::string& q) {
    auto r = db.run(q);
    std::vector<Value> row;
    EXPECT_TRUE(r->next(row)) << q;
    EXPECT_TRUE(!row.empty() && row[0].is_int()) << q;
    return row.empty() || !row[0].is_int() ? -1 : row[0].as_int();
}

std::unique_ptr<Database> random_multigraph() {
    auto db = Database::open_memory();
    db->run("UNWIND range(0, 59) AS i CREATE (:P {id: i})")->summary();
    std::mt19937 rng(7);
    ValueList pairs;
    for (int k = 0; k < 240; ++k) {
        int a = int(rng() % 60), b = int(rng() % 60);  // self-loops and repeats included
        pairs.push_back(Value::list({Value::integer(a), Value::integer(b),
                                     Value::string(rng() % 3 == 0 ? "LIKES" : "KNOWS")}));
    }
    db->run("UNWIND $pairs AS t MATCH (a:P {id: t[0]}), (b:P {id: t[1]}) "
            "FOREACH (_ IN CASE WHEN t[2] = 'KNOWS' THEN [1] ELSE [] END | CREATE (a)-[:KNOWS {w: t[0]}]->(b)) "
            "FOREACH (_ IN CASE WHEN t[2] = 'LIKES' THEN [1] ELSE [] END | CREATE (a)-[:LIKES]->(b))",
            {{"pairs", Value::list(std::move(pairs))}})
        ->summary();
    return db;
}

TEST(CountedExpansion, AgreesWithTheRowsItCounts) {
    auto db = random_multigraph();
    const char* queries[] = {
        "MATCH (p:P)-[:KNOWS]->(f) RETURN count(f)",
        "MATCH (p:P)-[r:KNOWS]-(f) RETURN count(r)",
        "MATCH (p:P)-[:KNOWS]->()-[:KNOWS]->(f) RETURN count(f)",
        "MATCH (p:P)-[:KNOWS|LIKES]-(q)-[:KNOWS]-(p) RETURN count(*)",  // into, uniqueness
        "MATCH (p:P)-[:KNOWS]->(q)-[:LIKES]->(p) RETURN count(q)",
        "MATCH (p:P)-[:KNOWS*1..3]->(f) RETURN count(f)",
        "MATCH (p:P)-[:KNOWS*0..2]-(f) RETURN count(*)",
        "MATCH (p:P)-[r:KNOWS*2..2]-(f) RETURN count(r)",
        "MATCH (p:P)-[:KNOWS*..2 {w: 3}]-(f) RETURN count(*)",
        "MATCH (p:P)-[:KNOWS]->(q)-[:KNOWS*1..2]-(f) RETURN count(f)",
        "MATCH (p:P)-[k:KNOWS]->(q) WHERE k.w > 20 RETURN count(q)",  // predicate on the expansion
        "MATCH (p:P {id: 3})-[:KNOWS*3..4]->(f) RETURN count(f)",
        "MATCH (p:P)-[:NOPE]->(q) RETURN count(q)",
    };
    for (const char* q : queries) {
        int64_t counted = single_int(*db, q);
        int64_t made = single_int(*db, std::string("PROFILE ") + q);
        EXPECT_EQ(counted, made) << q;
        EXPECT_GT(made, -1) << q;
    }
    // And against a count made without any expansion operator below the aggregation.
    EXPECT_EQ(single_int(*db, "MATCH (p:P)-[:KNOWS]->(f) RETURN count(f)"),
              single_int(*db, "MATCH ()-[r:KNOWS]->() WITH r RETURN count(r)"));
    EXPECT_EQ(single_int(*db, "MATCH (p:P)-[:KNOWS]->(f) RETURN count(f)"),
              single_int(*db, "MATCH (p:P) RETURN sum(COUNT { (p)-[:KNOWS]->() })"));
}

TEST(CountedExpansion, HandCountedGraph) {
    auto db = Database::open_memory();
    // a->b, a->c, b->c, c->a, d->d
    db->run("CREATE (a:N {n: 'a'}), (b:N {n: 'b'}), (c:N {n: 'c'}), (d:N {n: 'd'}), "
            "(a)-[:R]->(b), (a)-[:R]->(c), (b)-[:R]->(c), (c)-[:R]->(a), (d)-[:R]->(d)")
        ->summary();
    EXPECT_EQ(single_int(*db, "MATCH (:N {n: 'a'})-[:R]->(f) RETURN count(f)"), 2);
    // a->b->c, a->c->a
    EXPECT_EQ(single_int(*db, "MATCH (:N {n: 'a'})-[:R]->()-[:R]->(f) RETURN count(f)"), 2);
    // d->d then d->d again would reuse the relationship: no two-hop trail from d
    EXPECT_EQ(single_int(*db, "MATCH (:N {n: 'd'})-[:R]->()-[:R]->(f) RETURN count(f)"), 0);
    // outgoing trails of 1..3 from a: a->b, a->c, a->b->c, a->c->a, a->b->c->a, a->c->a->b
    EXPECT_EQ(single_int(*db, "MATCH (:N {n: 'a'})-[:R*1..3]->(f) RETURN count(f)"), 6);
    EXPECT_EQ(single_int(*db, "MATCH (:N {n: 'a'})-[:R*0..1]->(f) RETURN count(*)"), 3);
    EXPECT_EQ(single_int(*db, "MATCH (:N {n: 'd'})-[:R*]->(f) RETURN count(f)"), 1);
}

TEST(CountedExpansion, ACountedVarLengthExpansionIsCancelled) {
    auto db = Database::open_memory();
    db->run("UNWIND range(1, 12) AS i CREATE (:K {i: i})")->summary();
    db->run("MATCH (a:K), (b:K) WHERE a <> b CREATE (a)-[:E]->(b)")->summary();
    EXPECT_EQ(run_and_cancel(*db, "MATCH (a:K {i: 1})-[*]->(b) RETURN count(b)"), kTerminated);
}

}  // namespace
}  // namespace quiver
