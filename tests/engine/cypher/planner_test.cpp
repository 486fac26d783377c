// Planner and optimizer tests: start-node choice by label counts, expansion from bound nodes,
// Eager placement, and each optimizer pass switched on and off. No store is involved: the
// statistics come from a stub.
#include <gtest/gtest.h>

#include <map>

#include "binder/binder.h"
#include "optimizer/optimizer.h"
#include "parser/parser.h"
#include "planner/planner.h"

namespace quiver {
namespace {

class StubStatistics final : public planner::PlannerStatistics {
public:
    std::map<std::string, double> labels, types;
    double nodes = 1000, rels = 5000;
    double node_count() const override { return nodes; }
    double label_count(const std::string& l) const override {
        auto it = labels.find(l);
        return it == labels.end() ? 0 : it->second;
    }
    double rel_count() const override { return rels; }
    double rel_type_count(const std::string& t) const override {
        auto it = types.find(t);
        return it == types.end() ? 0 : it->second;
    }
};

std::string plan_text(const std::string& query, const StubStatistics& stats,
                      const optimizer::OptimizerOptions& opts = {}) {
    auto parsed = parser::parse_statement(query);
    auto bound = binder::bind_statement(parsed);
    auto plan = planner::plan_statement(std::move(bound), stats);
    optimizer::optimize(plan, opts);
    return planner::explain(*plan.root);
}

StubStatistics stats_with(std::map<std::string, double> labels) {
    StubStatistics s;
    s.labels = std::move(labels);
    s.types = {{"R", 100}, {"KNOWS", 4000}};
    return s;
}

TEST(Planner, StartsFromTheSmallestLabel) {
    auto s = stats_with({{"Big", 900}, {"Small", 3}});
    auto text = plan_text("MATCH (a:Big)-[:R]->(b:Small) RETURN a", s);
    EXPECT_NE(text.find("NodeByLabelScan(v2:Small)"), std::string::npos) << text;
    EXPECT_NE(text.find("Expand(v2)<-[v1:R]-(v0)"), std::string::npos) << text;
    // The other label is checked after the expansion.
    EXPECT_NE(text.find("v0:Big"), std::string::npos) << text;

    auto flipped = stats_with({{"Big", 3}, {"Small", 900}});
    text = plan_text("MATCH (a:Big)-[:R]->(b:Small) RETURN a", flipped);
    EXPECT_NE(text.find("NodeByLabelScan(v0:Big)"), std::string::npos) << text;
    EXPECT_NE(text.find("Expand(v0)-[v1:R]->(v2)"), std::string::npos) << text;
}

TEST(Planner, PicksTheRarestOfSeveralLabels) {
    auto s = stats_with({{"A", 500}, {"B", 20}});
    auto text = plan_text("MATCH (n:A:B) RETURN n", s);
    EXPECT_NE(text.find("NodeByLabelScan(v0:B) WHERE v0:A"), std::string::npos) << text;
}

TEST(Planner, ExpandsFromNodesBoundEarlier) {
    auto s = stats_with({{"Person", 900}, {"Tiny", 1}});
    auto text = plan_text("MATCH (a:Person {name: 'x'}) WITH a MATCH (t:Tiny)-[:KNOWS]-(a) RETURN t", s);
    // After WITH, the MATCH starts from the bound `a`, not from the rarer label.
    EXPECT_NE(text.find("NodeByLabelScan(v0:Person)"), std::string::npos) << text;
    EXPECT_EQ(text.find(":Tiny)"), std::string::npos) << text;
    EXPECT_NE(text.find(":Tiny"), std::string::npos) << text;
}

TEST(Planner, JoinsConsecutiveMatchClausesFromTheMostSelectiveNode) {
    auto s = stats_with({{"Person", 900}, {"Tiny", 1}});
    auto text = plan_text("MATCH (a:Person {name: 'x'}) MATCH (t:Tiny)-[:KNOWS]-(a) RETURN t", s);
    // One join problem: start at the single :Tiny node, expand to `a`, then check :Person.
    EXPECT_NE(text.find("NodeByLabelScan(v1:Tiny)"), std::string::npos) << text;
    EXPECT_NE(text.find("Expand(v1)-[v2:KNOWS]-(v0) WHERE"), std::string::npos) << text;
    EXPECT_NE(text.find("v0:Person"), std::string::npos) << text;
    // Disconnected patterns: expansions along connections come before the cartesian product.
    text = plan_text("MATCH (p:Person) MATCH (t:Tiny)-[:KNOWS]->(x) RETURN p, x", s);
    auto tiny = text.find("NodeByLabelScan(v1:Tiny)"), expand = text.find("Expand(v1)"),
         person = text.find("NodeByLabelScan(v0:Person)");
    ASSERT_NE(tiny, std::string::npos) << text;
    ASSERT_NE(expand, std::string::npos) << text;
    ASSERT_NE(person, std::string::npos) << text;
    // explain() prints the root first: the Person scan is applied on top of the expansion
    EXPECT_LT(person, expand) << text;
    EXPECT_LT(expand, tiny) << text;
}

TEST(Planner, ClosesCyclesWithExpandInto) {
    auto s = stats_with({{"A", 10}});
    auto text = plan_text("MATCH (a:A)-[:R]->(b)-[:R]->(c)-[:R]->(a) RETURN a", s);
    EXPECT_NE(text.find("ExpandInto"), std::string::npos) << text;
}

TEST(Planner, EagerSeparatesConflictingReadsAndWrites) {
    auto s = stats_with({{"A", 10}});
    EXPECT_NE(plan_text("MATCH (n) CREATE (m)", s).find("Eager"), std::string::npos);
    EXPECT_NE(plan_text("MATCH (n:A) CREATE (:A)", s).find("Eager"), std::string::npos);
    EXPECT_EQ(plan_text("MATCH (n:A) CREATE (:B)", s).find("Eager"), std::string::npos);
    EXPECT_EQ(plan_text("MATCH (a), (b) CREATE (a)-[:R]->(b)", s).find("Eager"), std::string::npos);
    EXPECT_NE(plan_text("MATCH (a)-[:R]->(b) CREATE (a)-[:R]->(b)", s).find("Eager"),
              std::string::npos);
    EXPECT_NE(plan_text("MATCH (n) DELETE n", s).find("Eager"), std::string::npos);
    EXPECT_NE(plan_text("CREATE (a) WITH a MATCH (b) RETURN b", s).find("Eager"), std::string::npos);
    EXPECT_EQ(plan_text("CREATE (a) RETURN a", s).find("Eager"), std::string::npos);
}

TEST(Optimizer, PredicatePushdownCanBeSwitchedOff) {
    auto s = stats_with({{"A", 10}});
    const char* q = "MATCH (n:A) WHERE n.x > 1 RETURN n";
    auto on = plan_text(q, s);
    EXPECT_NE(on.find("NodeByLabelScan(v0:A) WHERE (v0.x > 1)"), std::string::npos) << on;
    EXPECT_EQ(on.find("Filter"), std::string::npos) << on;
    optimizer::OptimizerOptions off;
    off.disabled.insert("predicate_pushdown");
    auto text = plan_text(q, s, off);
    EXPECT_NE(text.find("Filter((v0.x > 1))"), std::string::npos) << text;
}

TEST(Optimizer, ConstantFolding) {
    auto s = stats_with({});
    auto on = plan_text("RETURN 1 + 2 * 3 AS x", s);
    EXPECT_NE(on.find("= 7"), std::string::npos) << on;
    optimizer::OptimizerOptions off;
    off.disabled.insert("constant_folding");
    auto text = plan_text("RETURN 1 + 2 * 3 AS x", s, off);
    EXPECT_NE(text.find("(1 + (2 * 3))"), std::string::npos) << text;
    // Errors are not raised at plan time: 1 / 0 stays for the executor.
    EXPECT_NE(plan_text("RETURN 1 / 0 AS x", s).find("(1 / 0)"), std::string::npos);
}

TEST(Optimizer, SortWithLimitBecomesTop) {
    auto s = stats_with({});
    auto text = plan_text("UNWIND [3, 1] AS x RETURN x ORDER BY x SKIP 1 LIMIT 1", s);
    EXPECT_NE(text.find("Top("), std::string::npos) << text;
    EXPECT_EQ(text.find("Sort("), std::string::npos) << text;
    optimizer::OptimizerOptions off;
    off.disabled.insert("sort_limit_to_top");
    text = plan_text("UNWIND [3, 1] AS x RETURN x ORDER BY x SKIP 1 LIMIT 1", s, off);
    EXPECT_NE(text.find("Sort("), std::string::npos) << text;
}

TEST(Optimizer, PassNamesAreListed) {
    const auto& names = optimizer::pass_names();
    EXPECT_EQ(names.size(), 3u);
    EXPECT_EQ(names[0], "constant_folding");
}

}  // namespace
}  // namespace quiver
