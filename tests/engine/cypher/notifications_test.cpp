// Notifications in QuerySummary (Neo4j's ResultSummary.notifications): codes, titles,
// severities and categories as Neo4j 5 reports them, for EXPLAIN and for executed statements.
#include <gtest/gtest.h>

#include <string>

#include "quiver/database.h"

namespace quiver {
namespace {

QuerySummary summary_of(Database& db, const std::string& q) {
    auto r = db.run(q);
    std::vector<Value> row;
    while (r->next(row)) {
    }
    return r->summary();
}

const Notification* find(const QuerySummary& s, const std::string& code) {
    for (const auto& n : s.notifications)
        if (n.code == code) return &n;
    return nullptr;
}

TEST(Notifications, CartesianProductBetweenDisconnectedPatterns) {
    auto db = Database::open_memory();
    summary_of(*db, "CREATE (:A)-[:R]->(:B)");
    auto s = summary_of(*db, "EXPLAIN MATCH (n:A), (m:B) RETURN n, m");
    const Notification* n = find(s, "Neo.ClientNotification.Statement.CartesianProduct");
    ASSERT_NE(n, nullptr);
    EXPECT_EQ(n->title, "This query builds a cartesian product between disconnected patterns.");
    EXPECT_EQ(n->severity, "INFORMATION");
    EXPECT_EQ(n->category, "PERFORMANCE");
    EXPECT_NE(n->description.find("by using OPTIONAL MATCH (identifier is: (m))"), std::string::npos)
        << n->description;
    EXPECT_EQ(n->line, 1);
    // two MATCH clauses in a row are one graph too; executing reports the same
    s = summary_of(*db, "MATCH (n:A) MATCH (m:B) RETURN count(*) AS c");
    EXPECT_NE(find(s, "Neo.ClientNotification.Statement.CartesianProduct"), nullptr);
}

TEST(Notifications, NoneForConnectedPatterns) {
    auto db = Database::open_memory();
    summary_of(*db, "CREATE (:A)-[:R]->(:B)");
    for (const char* q : {"EXPLAIN MATCH (n:A)-[:R]->(m:B) RETURN n, m",
                          "EXPLAIN MATCH (n:A), (n)-[:R]->(m) RETURN m",
                          "EXPLAIN MATCH (n:A) WITH n MATCH (n)-[:R]->(m:B) RETURN m",
                          "EXPLAIN UNWIND [1, 2] AS x MATCH (n:A) RETURN n, x"}) {
        auto s = summary_of(*db, q);
        EXPECT_TRUE(s.notifications.empty()) << q << ": " << s.notifications.front().code;
    }
}

TEST(Notifications, UnknownLabelAndRelationshipType) {
    auto db = Database::open_memory();
    summary_of(*db, "CREATE (:A)-[:R]->(:B)");
    auto s = summary_of(*db, "MATCH (n:Nope)-[:NOPE]->(m:A) RETURN n");
    const Notification* l = find(s, "Neo.ClientNotification.Statement.UnknownLabelWarning");
    ASSERT_NE(l, nullptr);
    EXPECT_EQ(l->title, "The provided label is not in the database.");
    EXPECT_EQ(l->severity, "WARNING");
    EXPECT_EQ(l->category, "UNRECOGNIZED");
    EXPECT_NE(l->description.find("(the missing label name is: Nope)"), std::string::npos);
    const Notification* t =
        find(s, "Neo.ClientNotification.Statement.UnknownRelationshipTypeWarning");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->title, "The provided relationship type is not in the database.");
    EXPECT_NE(t->description.find("(the missing relationship type is: NOPE)"), std::string::npos);
    EXPECT_EQ(s.notifications.size(), 2u);
    // known tokens, and CREATE (which makes them), give none
    EXPECT_TRUE(summary_of(*db, "MATCH (n:A)-[:R]->(m:B) RETURN n").notifications.empty());
    EXPECT_TRUE(summary_of(*db, "CREATE (:New)-[:NEW]->(:New)").notifications.empty());
}

TEST(Notifications, UnboundedShortestPath) {
    auto db = Database::open_memory();
    summary_of(*db, "CREATE (:A)-[:R]->(:B)");
    auto s = summary_of(*db, "EXPLAIN MATCH (a:A), (b:B) MATCH p = shortestPath((a)-[*]->(b)) RETURN p");
    const Notification* n =
        find(s, "Neo.ClientNotification.Statement.UnboundedVariableLengthPattern");
    ASSERT_NE(n, nullptr);
    EXPECT_EQ(n->severity, "INFORMATION");
    EXPECT_EQ(n->description,
              "Using shortest path with an unbounded pattern will likely result in long execution "
              "times. It is recommended to use an upper limit to the number of node hops in your "
              "pattern.");
    s = summary_of(*db, "EXPLAIN MATCH (a:A), (b:B) MATCH p = shortestPath((a)-[*..5]->(b)) RETURN p");
    EXPECT_EQ(find(s, "Neo.ClientNotification.Statement.UnboundedVariableLengthPattern"), nullptr);
}

TEST(Notifications, DeprecatedSyntax) {
    auto db = Database::open_memory();
    summary_of(*db, "CREATE (:A {x: 1})-[:R {y: 2}]->(:B)");
    const std::string code = "Neo.ClientNotification.Statement.FeatureDeprecationWarning";
    auto s = summary_of(*db, "EXPLAIN MATCH (a:A), (b:B) MATCH p = shortestPath((a)-[:R]->(b)) RETURN p");
    const Notification* n = find(s, code);
    ASSERT_NE(n, nullptr);
    EXPECT_EQ(n->title, "This feature is deprecated and will be removed in future versions.");
    EXPECT_EQ(n->severity, "WARNING");
    EXPECT_EQ(n->category, "DEPRECATION");
    EXPECT_NE(n->description.find("Please use a path with a length of 1 [r*1..1] instead"),
              std::string::npos);
    s = summary_of(*db, "MATCH (a:A)-[r:R]->(b:B) SET b = r RETURN b.y AS y");
    n = find(s, code);
    ASSERT_NE(n, nullptr);
    EXPECT_EQ(n->description,
              "The use of nodes or relationships for setting properties is deprecated and will be "
              "removed in a future version. Please use properties() instead.");
    EXPECT_EQ(find(summary_of(*db, "MATCH (a:A)-[r:R]->(b:B) SET b = properties(r)"), code),
              nullptr);
    EXPECT_EQ(find(summary_of(*db, "MATCH (a:A), (b:B) MATCH p = shortestPath((a)-[:R*]->(b)) RETURN p"),
                   code),
              nullptr);
}

}  // namespace
}  // namespace quiver
