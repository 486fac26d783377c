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

// Rows and db hits of the first `type` operator of the profiled `query` on a graph of `nodes`.
struct OperatorCounters {
    int64_t rows = -1, db_hits = -1;
};
OperatorCounters profile_operator(int nodes, const std::string& query, const std::string& type) {
    auto db = graph_of(nodes);
    auto s = profile(*db, query);
    const PlanDescription* op = find_operator(*s.plan, type);
    EXPECT_NE(op, nullptr) << type;
    if (!op) return {};
    return {int_argument(*op, "Rows"), int_argument(*op, "DbHits")};
}

TEST(Profile, DbHitsGrowWithTheNodesScanned) {
    const char* q = "MATCH (n) RETURN count(n) AS c";
    auto small = profile_operator(10, q, "AllNodesScan");
    auto large = profile_operator(200, q, "AllNodesScan");
    EXPECT_GE(small.db_hits, 10);
    EXPECT_GE(large.db_hits, 200);  // one record read per node at least
    EXPECT_GT(large.db_hits, small.db_hits);
    EXPECT_EQ(large.rows, 200);
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
    const char* q = "MATCH (a:A)-[:R]->(b) RETURN count(*) AS c";
    auto small = profile_operator(20, q, "Expand(All)");
    auto large = profile_operator(400, q, "Expand(All)");
    EXPECT_EQ(large.rows, 200);
    EXPECT_GE(large.db_hits, 200);  // one per relationship at least
    EXPECT_GT(large.db_hits, small.db_hits);
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
