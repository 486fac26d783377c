// shortestPath through the public API: the EXPLAIN plan names the ShortestPath operator and it
// runs after both end nodes are bound; a large grid is searched without enumerating trails.
#include <gtest/gtest.h>

#include "quiver/database.h"

namespace quiver {
namespace {

std::string shape(const PlanDescription& p) {
    std::string s = p.operator_type;
    if (p.children.empty()) return s;
    s += "(";
    for (size_t i = 0; i < p.children.size(); ++i) s += (i ? ", " : "") + shape(*p.children[i]);
    return s + ")";
}

TEST(ShortestPath, ExplainShowsTheOperatorAboveBothEndNodes) {
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

TEST(ShortestPath, GridShortestAndCountOfAllShortest) {
    // A 12 x 12 grid with edges right and down: from corner to corner every shortest path has
    // 22 relationships and there are C(22, 11) = 705432 of them; the plain trail count is far
    // beyond what an exhaustive search could enumerate, so this only passes with BFS.
    auto db = Database::open_memory();
    db->run("UNWIND range(0, 11) AS x UNWIND range(0, 11) AS y CREATE (:G {x: x, y: y})")->summary();
    db->run("MATCH (a:G), (b:G) WHERE (b.x = a.x + 1 AND b.y = a.y) OR (b.x = a.x AND b.y = a.y + 1) "
            "CREATE (a)-[:E]->(b)")
        ->summary();
    auto r = db->run(
        "MATCH (a:G {x: 0, y: 0}), (b:G {x: 11, y: 11}) "
        "MATCH p = shortestPath((a)-[:E*]-(b)) RETURN length(p) AS l");
    std::vector<Value> row;
    ASSERT_TRUE(r->next(row));
    EXPECT_EQ(row.at(0).as_int(), 22);
    EXPECT_FALSE(r->next(row));
    // A smaller corner for allShortestPaths: C(8, 4) = 70 paths of length 8.
    auto all = db->run(
        "MATCH (a:G {x: 0, y: 0}), (b:G {x: 4, y: 4}) "
        "MATCH p = allShortestPaths((a)-[:E*]->(b)) RETURN count(p) AS c, min(length(p)) AS l");
    ASSERT_TRUE(all->next(row));
    EXPECT_EQ(row.at(0).as_int(), 70);
    EXPECT_EQ(row.at(1).as_int(), 8);
}

}  // namespace
}  // namespace quiver
