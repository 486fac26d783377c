// shortestPath through the public API on a grid too large for an exhaustive trail search.
#include <gtest/gtest.h>

#include "quiver/database.h"

namespace quiver {
namespace {

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
