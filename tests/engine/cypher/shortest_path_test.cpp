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

TEST(ShortestPath, SearchesThatReachThousandsOfNodes) {
    // Each side's visited-node table starts at 1024 slots and doubles at half load: a chain of
    // 3000 nodes and a 2 x 800 ladder make both sides grow it several times.
    auto db = Database::open_memory();
    db->run("CREATE INDEX FOR (c:C) ON (c.i)")->summary();
    db->run("CREATE INDEX FOR (l:L) ON (l.x)")->summary();
    db->run("UNWIND range(0, 2999) AS i CREATE (:C {i: i})")->summary();
    db->run("MATCH (a:C) MATCH (b:C {i: a.i + 1}) CREATE (a)-[:NEXT]->(b)")->summary();
    std::vector<Value> row;
    auto chain = db->run("MATCH (a:C {i: 0}), (b:C {i: 2999}) "
                         "MATCH p = shortestPath((a)-[:NEXT*]-(b)) "
                         "RETURN length(p) AS l, [n IN nodes(p) | n.i][1500] AS mid");
    ASSERT_TRUE(chain->next(row));
    EXPECT_EQ(row.at(0).as_int(), 2999);
    EXPECT_EQ(row.at(1).as_int(), 1500);
    // Ladder: rails (0, x)-(0, x+1) and (1, x)-(1, x+1), rungs (0, x)-(1, x). From (0, 0) to
    // (1, 799) every shortest path has 800 relationships and crosses exactly one of the 800 rungs.
    db->run("UNWIND range(0, 1) AS r UNWIND range(0, 799) AS x CREATE (:L {r: r, x: x})")->summary();
    db->run("MATCH (a:L), (b:L {r: a.r, x: a.x + 1}) CREATE (a)-[:S]->(b)")->summary();
    db->run("MATCH (a:L {r: 0}), (b:L {r: 1, x: a.x}) CREATE (a)-[:S]->(b)")->summary();
    auto all = db->run("MATCH (a:L {r: 0, x: 0}), (b:L {r: 1, x: 799}) "
                       "MATCH p = allShortestPaths((a)-[:S*]-(b)) RETURN count(p) AS c, max(length(p)) AS l");
    ASSERT_TRUE(all->next(row));
    EXPECT_EQ(row.at(0).as_int(), 800);
    EXPECT_EQ(row.at(1).as_int(), 800);
}

}  // namespace
}  // namespace quiver
