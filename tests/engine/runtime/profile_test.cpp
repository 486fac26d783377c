// PROFILE's per-operator counters: db hits follow the work done, rows, page cache, time.
#include "runtime_test_util.h"

namespace quiver {
namespace {

using namespace runtime_test;

QuerySummary profile(Database& db, const std::string& query) {
    auto r = db.run("PROFILE " + query);
    drain(*r);
    auto s = r->summary();
    EXPECT_TRUE(s.profiled);
    EXPECT_TRUE(s.plan);
    return s;
}

std::unique_ptr<Database> graph_of(int nodes) {
    auto db = Database::open_memory();
    db->run("UNWIND range(1, $n) AS i CREATE (:A {x: i})-[:R]->(:B {x: i})",
            {{"n", Value::integer(nodes / 2)}})
        ->summary();
    return db;
}

TEST(Profile, EveryOperatorCarriesNeo4jProfileFields) {
    auto db = graph_of(20);
    auto s = profile(*db, "MATCH (a:A)-[:R]->(b) RETURN a.x AS x ORDER BY x");
    std::vector<const PlanDescription*> todo = {s.plan.get()};
    while (!todo.empty()) {
        const PlanDescription* p = todo.back();
        todo.pop_back();
        for (const char* key : {"Rows", "DbHits", "PageCacheHits", "PageCacheMisses", "Time"}) {
            const Value* v = argument(*p, key);
            ASSERT_NE(v, nullptr) << p->operator_type << " lacks " << key;
            EXPECT_TRUE(v->is_int());
            EXPECT_GE(v->as_int(), 0);
        }
        ASSERT_NE(argument(*p, "EstimatedRows"), nullptr);
        for (const auto& c : p->children) todo.push_back(c.get());
    }
    ASSERT_NE(argument(*s.plan, "GlobalMemory"), nullptr);
    EXPECT_GT(argument(*s.plan, "GlobalMemory")->as_int(), 0);  // the sort held rows
}

TEST(Profile, DbHitsGrowWithTheNodesScanned) {
    auto small = graph_of(10);
    auto large = graph_of(200);
    auto s1 = profile(*small, "MATCH (n) RETURN count(n) AS c");
    auto s2 = profile(*large, "MATCH (n) RETURN count(n) AS c");
    const PlanDescription* scan1 = find_operator(*s1.plan, "AllNodesScan");
    const PlanDescription* scan2 = find_operator(*s2.plan, "AllNodesScan");
    ASSERT_TRUE(scan1 && scan2);
    EXPECT_GE(int_argument(*scan1, "DbHits"), 10);
    EXPECT_GE(int_argument(*scan2, "DbHits"), 200);
    EXPECT_GT(int_argument(*scan2, "DbHits"), int_argument(*scan1, "DbHits"));
    EXPECT_EQ(int_argument(*scan2, "Rows"), 200);
}

TEST(Profile, APropertyFilterCostsPropertyReads) {
    auto db = graph_of(200);  // 100 :A nodes
    auto plain = profile(*db, "MATCH (n:A) RETURN count(*) AS c");
    auto filtered = profile(*db, "MATCH (n:A) WHERE n.x > 90 RETURN count(*) AS c");
    // One property read per :A node at least, wherever the predicate was placed.
    EXPECT_GE(plan_total(*filtered.plan, "DbHits") - plan_total(*plain.plan, "DbHits"), 100);
    EXPECT_GE(filtered.db_hits, plain.db_hits + 100);
}

TEST(Profile, ExpandCountsAdjacencyReadsPerRelationship) {
    auto small = graph_of(20);
    auto large = graph_of(400);
    auto s1 = profile(*small, "MATCH (a:A)-[:R]->(b) RETURN count(*) AS c");
    auto s2 = profile(*large, "MATCH (a:A)-[:R]->(b) RETURN count(*) AS c");
    const PlanDescription* e1 = find_operator(*s1.plan, "Expand(All)");
    const PlanDescription* e2 = find_operator(*s2.plan, "Expand(All)");
    ASSERT_TRUE(e1 && e2);
    EXPECT_EQ(int_argument(*e2, "Rows"), 200);
    EXPECT_GE(int_argument(*e2, "DbHits"), 200);  // one per relationship at least
    EXPECT_GT(int_argument(*e2, "DbHits"), int_argument(*e1, "DbHits"));
}

TEST(Profile, OperatorHitsAddUpToTheStatementTotal) {
    auto db = graph_of(100);
    auto s = profile(*db, "MATCH (a:A)-[:R]->(b) WHERE b.x > 10 RETURN a.x AS x, b.x AS y");
    // Each operator reports its own share: the shares add up to what the statement did.
    EXPECT_EQ(uint64_t(plan_total(*s.plan, "DbHits")), s.db_hits);
    EXPECT_GT(s.db_hits, 0u);
    EXPECT_EQ(int_argument(*s.plan, "Rows"), 40);
}

TEST(Profile, PlainQueriesReportDbHitsButNoPlan) {
    auto db = graph_of(10);
    auto r = db->run("MATCH (n) RETURN n.x AS x");
    drain(*r);
    auto s = r->summary();
    EXPECT_FALSE(s.plan);
    EXPECT_GE(s.db_hits, 20u);  // 10 node reads + 10 property reads
}

}  // namespace
}  // namespace quiver
