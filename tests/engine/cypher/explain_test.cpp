// EXPLAIN and PROFILE through the public API: the plan in QuerySummary, Neo4j operator names,
// estimated rows from the store's counts, actual rows for PROFILE.
#include <gtest/gtest.h>

#include <functional>

#include "quiver/database.h"
#include "result_helpers.h"

namespace quiver {
namespace {
using test_support::all_rows;
using test_support::shape;

const Value* argument(const PlanDescription& p, const std::string& key) {
    for (const auto& [k, v] : p.arguments)
        if (k == key) return &v;
    return nullptr;
}

TEST(Explain, ReturnsNoRowsAndThePlan) {
    auto db = Database::open_memory();
    db->run("CREATE (:A {x: 1}), (:A {x: 2}), (:B)")->summary();
    auto r = db->run("EXPLAIN MATCH (n:A) WHERE n.x > 1 RETURN n.x AS x");
    EXPECT_EQ(r->columns(), (std::vector<std::string>{"x"}));
    EXPECT_TRUE(all_rows(*r).empty());
    auto s = r->summary();
    EXPECT_EQ(s.query_type, "r");
    EXPECT_FALSE(s.profiled);
    ASSERT_TRUE(s.plan);
    EXPECT_EQ(s.plan->operator_type, "ProduceResults");
    EXPECT_EQ(s.plan->identifiers, (std::vector<std::string>{"x"}));
    std::string sh = shape(*s.plan);
    EXPECT_NE(sh.find("NodeByLabelScan"), std::string::npos) << sh;
    EXPECT_EQ(sh.find("Argument"), std::string::npos) << sh;
    // The leaf scan estimates the label's node count.
    const PlanDescription* leaf = s.plan.get();
    while (!leaf->children.empty()) leaf = leaf->children[0].get();
    EXPECT_EQ(leaf->operator_type, "NodeByLabelScan");
    const Value* est = argument(*leaf, "EstimatedRows");
    ASSERT_NE(est, nullptr);
    EXPECT_DOUBLE_EQ(est->as_float(), 2.0);
    EXPECT_EQ(leaf->identifiers, (std::vector<std::string>{"n"}));
}

TEST(Explain, DoesNotRunUpdates) {
    auto db = Database::open_memory();
    auto r = db->run("EXPLAIN CREATE (:A)");
    EXPECT_TRUE(all_rows(*r).empty());
    auto s = r->summary();
    EXPECT_EQ(s.query_type, "w");
    EXPECT_FALSE(s.stats.contains_updates());
    ASSERT_TRUE(s.plan);
    EXPECT_NE(shape(*s.plan).find("Create"), std::string::npos) << shape(*s.plan);
    auto c = db->run("MATCH (n) RETURN count(n) AS c");
    auto rows = all_rows(*c);
    EXPECT_EQ(rows.at(0).at(0).as_int(), 0);
}

TEST(Explain, OperatorNames) {
    auto db = Database::open_memory();
    auto plan_of = [&](const std::string& q) {
        auto r = db->run("EXPLAIN " + q);
        auto s = r->summary();
        return s.plan ? shape(*s.plan) : std::string();
    };
    EXPECT_EQ(plan_of("MATCH (n) RETURN n"), "ProduceResults(AllNodesScan)");
    EXPECT_NE(plan_of("MATCH (a)-[r:T]->(b) RETURN b").find("Expand(All)"), std::string::npos);
    EXPECT_NE(plan_of("MATCH (n) RETURN n.x AS x, count(*) AS c").find("EagerAggregation"),
              std::string::npos);
    EXPECT_NE(plan_of("MATCH (n) RETURN n ORDER BY n.x").find("Sort"), std::string::npos);
    EXPECT_NE(plan_of("MATCH (n) RETURN n LIMIT 3").find("Limit"), std::string::npos);
    EXPECT_NE(plan_of("MATCH (n) DETACH DELETE n").find("DetachDelete"), std::string::npos);
}

TEST(Explain, AnAggregationNamesItsColumnsWithoutAProjection) {
    // As in Neo4j, RETURN count(x) plans ProduceResults over EagerAggregation: the aggregate is
    // written under the column's variable. Where the aggregate's value is read again (ORDER BY
    // the same call, twice in RETURN, inside an expression), a Projection still computes the
    // items; every form answers the same.
    auto db = Database::open_memory();
    db->run("UNWIND range(1, 9) AS i CREATE (:N {g: i % 3, v: i})");
    auto plan_of = [&](const std::string& q) {
        auto s = db->run("EXPLAIN " + q)->summary();
        return s.plan ? shape(*s.plan) : std::string();
    };
    EXPECT_EQ(plan_of("MATCH (n:N) RETURN count(n)"), "ProduceResults(EagerAggregation(NodeByLabelScan))");
    EXPECT_EQ(plan_of("MATCH (n:N) RETURN n.g AS g, sum(n.v) AS s"),
              "ProduceResults(EagerAggregation(NodeByLabelScan))");
    auto all = [&](const std::string& q) {
        std::vector<std::vector<int64_t>> out;
        auto r = db->run(q);
        std::vector<Value> row;
        while (r->next(row)) {
            out.emplace_back();
            for (const auto& v : row) out.back().push_back(v.as_int());
        }
        return out;
    };
    using Rows = std::vector<std::vector<int64_t>>;
    EXPECT_EQ(all("MATCH (n:N) RETURN count(n)"), (Rows{{9}}));
    EXPECT_EQ(all("MATCH (n:N) RETURN count(n) AS a, count(n) AS b"), (Rows{{9, 9}}));
    EXPECT_EQ(all("MATCH (n:N) RETURN count(n) AS a, count(n) + 1 AS b"), (Rows{{9, 10}}));
    EXPECT_EQ(all("MATCH (n:N) RETURN n.g AS g, sum(n.v) AS s ORDER BY sum(n.v) DESC"),
              (Rows{{0, 18}, {2, 15}, {1, 12}}));
    EXPECT_EQ(all("MATCH (n:N) RETURN n.g AS g, sum(n.v) AS s ORDER BY g"), (Rows{{0, 18}, {1, 12}, {2, 15}}));
    EXPECT_EQ(all("MATCH (n:N) WITH n.g AS g, count(*) AS c WHERE g > 0 RETURN g, c ORDER BY g"),
              (Rows{{1, 3}, {2, 3}}));
    EXPECT_EQ(all("MATCH (n:N) WITH n.g AS g, collect(n.v) AS vs UNWIND vs AS v RETURN g, v ORDER BY v LIMIT 3"),
              (Rows{{1, 1}, {2, 2}, {0, 3}}));
    EXPECT_EQ(all("MATCH (n:N) WITH count(*) AS c MATCH (m:N) WHERE m.v = c RETURN m.v"), (Rows{{9}}));
}

TEST(Explain, ShortestPathAboveBothEndNodes) {
    auto db = Database::open_memory();
    db->run("CREATE (:P {n: 1})-[:R]->(:P {n: 2})")->summary();
    auto r = db->run(
        "EXPLAIN MATCH p = shortestPath((a:P {n: 1})-[:R*]->(b:P {n: 2})) RETURN p");
    auto s = r->summary();
    ASSERT_TRUE(s.plan);
    std::string sh = shape(*s.plan);
    auto at = sh.find("ShortestPath(");
    ASSERT_NE(at, std::string::npos) << sh;
    // Both scans are below the ShortestPath operator.
    std::string below = sh.substr(at);
    EXPECT_NE(below.find("NodeByLabelScan"), std::string::npos) << sh;
    EXPECT_NE(below.find("NodeByLabelScan", below.find("NodeByLabelScan") + 1), std::string::npos)
        << sh;
}

TEST(Explain, QuantifiedPathPatternIsRepeatTrail) {
    auto db = Database::open_memory();
    auto r = db->run("EXPLAIN MATCH (x:P) ((a)-[r:R]->(b) WHERE r.w > 0){1,3} (y) RETURN y");
    auto s = r->summary();
    ASSERT_TRUE(s.plan);
    EXPECT_NE(shape(*s.plan).find("Repeat(Trail)"), std::string::npos) << shape(*s.plan);
    auto v = db->run("EXPLAIN MATCH (x:P)-[:R]->{1,3}(y) RETURN y")->summary();
    ASSERT_TRUE(v.plan);
    EXPECT_NE(shape(*v.plan).find("VarLengthExpand(All)"), std::string::npos) << shape(*v.plan);
}

TEST(Explain, NoPlanWithoutPrefix) {
    auto db = Database::open_memory();
    auto r = db->run("RETURN 1 AS x");
    EXPECT_EQ(all_rows(*r).size(), 1u);
    EXPECT_FALSE(r->summary().plan);
}

TEST(Profile, RunsTheQueryAndReturnsRowsAndPlan) {
    auto db = Database::open_memory();
    auto r = db->run("PROFILE UNWIND [1, 2, 3] AS i CREATE (:A {i: i}) RETURN i");
    EXPECT_EQ(all_rows(*r).size(), 3u);
    auto s = r->summary();
    EXPECT_TRUE(s.profiled);
    EXPECT_EQ(s.query_type, "rw");
    EXPECT_EQ(s.stats.nodes_created, 3);
    ASSERT_TRUE(s.plan);
    EXPECT_EQ(s.plan->operator_type, "ProduceResults");
    const Value* rows = argument(*s.plan, "Rows");
    ASSERT_NE(rows, nullptr);
    EXPECT_EQ(rows->as_int(), 3);
}

TEST(Profile, CountsRowsPerOperator) {
    auto db = Database::open_memory();
    db->run("UNWIND range(1, 10) AS i CREATE (:A {i: i})")->summary();
    auto r = db->run("PROFILE MATCH (n:A) WHERE n.i > 7 RETURN n.i AS i");
    EXPECT_EQ(all_rows(*r).size(), 3u);
    auto s = r->summary();
    ASSERT_TRUE(s.plan);
    const PlanDescription* leaf = s.plan.get();
    while (!leaf->children.empty()) leaf = leaf->children[0].get();
    const Value* rows = argument(*leaf, "Rows");
    ASSERT_NE(rows, nullptr);
    // The filter may be pushed into the scan; either way the scan yields at most 10 rows.
    EXPECT_LE(rows->as_int(), 10);
    EXPECT_GE(rows->as_int(), 3);
}

}  // namespace
}  // namespace quiver

namespace quiver {
namespace {

TEST(Explain, MissingParametersAreNotAnError) {
    auto db = Database::open_memory();
    auto r = db->run("EXPLAIN MATCH (n) WHERE n.x = $x RETURN n");
    EXPECT_TRUE(all_rows(*r).empty());
    EXPECT_TRUE(r->summary().plan);
}

}  // namespace
}  // namespace quiver

namespace quiver {
namespace {

const PlanDescription* leaf_of(const PlanDescription& p) {
    const PlanDescription* l = &p;
    while (!l->children.empty()) l = l->children[0].get();
    return l;
}

// Seeks are chosen at plan time from the index entry counts, with their estimate in EXPLAIN;
// the profiled seek touches only the matching rows.
TEST(Explain, SeeksAreChosenAtPlanTimeWithEstimates) {
    auto db = Database::open_memory();
    db->run("UNWIND range(1, 200) AS i CREATE (:P {id: i, name: 'n' + toString(i)})")->summary();
    auto leaf = [&](const std::string& q) {
        auto s = db->run("EXPLAIN " + q)->summary();
        const PlanDescription* l = leaf_of(*s.plan);
        const Value* est = argument(*l, "EstimatedRows");
        return std::make_pair(l->operator_type, est ? est->as_float() : -1.0);
    };
    auto [scan, scan_est] = leaf("MATCH (n:P) WHERE n.id = 5 RETURN n");
    EXPECT_EQ(scan, "NodeByLabelScan");
    db->run("CREATE INDEX p_id FOR (n:P) ON (n.id)")->summary();
    auto [seek, seek_est] = leaf("MATCH (n:P) WHERE n.id = 5 RETURN n");
    EXPECT_EQ(seek, "NodeIndexSeek");
    EXPECT_LT(seek_est, scan_est);
    auto [range, range_est] = leaf("MATCH (n:P) WHERE n.id > 5 AND n.id <= 10 RETURN n");
    EXPECT_EQ(range, "NodeIndexSeekByRange");
    EXPECT_LT(range_est, scan_est);
    EXPECT_EQ(leaf("MATCH (n:P) WHERE n.id IN [1, 2] RETURN n").first, "NodeIndexSeek");
    EXPECT_EQ(leaf("MATCH (n:P) WHERE id(n) = 3 RETURN n").first, "NodeByIdSeek");
    // no index on name: a scan; a text index then serves CONTAINS
    EXPECT_EQ(leaf("MATCH (n:P) WHERE n.name CONTAINS '7' RETURN n").first, "NodeByLabelScan");
    db->run("CREATE TEXT INDEX p_name FOR (n:P) ON (n.name)")->summary();
    EXPECT_EQ(leaf("MATCH (n:P) WHERE n.name CONTAINS '7' RETURN n").first, "NodeIndexContainsScan");
    // PROFILE: the seek produced exactly the matching row
    auto p = db->run("PROFILE MATCH (n:P) WHERE n.id = 5 RETURN n.name AS name");
    auto rows = all_rows(*p);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0].as_string(), "n5");
    auto s = p->summary();
    const Value* actual = argument(*leaf_of(*s.plan), "Rows");
    ASSERT_NE(actual, nullptr);
    EXPECT_EQ(actual->as_int(), 1);
    // a dropped index: the plan falls back to the label scan
    db->run("DROP INDEX p_id")->summary();
    EXPECT_EQ(leaf("MATCH (n:P) WHERE n.id = 5 RETURN n").first, "NodeByLabelScan");
}

}  // namespace
}  // namespace quiver
