// The public API over the Cypher pipeline: auto-commit, explicit transactions, access modes,
// materialised entities at the result boundary, summaries.
#include <gtest/gtest.h>

#include "base/error.h"
#include "quiver/database.h"
#include "result_helpers.h"

namespace quiver {
namespace {
using test_support::all_rows;
using test_support::shape;

int64_t count_nodes(Database& db) {
    auto r = db.run("MATCH (n) RETURN count(n) AS c");
    auto rows = all_rows(*r);
    return rows.at(0).at(0).as_int();
}

TEST(DatabaseApi, MaterialisesNodesAndRelationships) {
    auto db = Database::open_memory();
    auto r = db->run("CREATE (a:A:B {x: 1})-[r:T {w: 2.5}]->(b:C) RETURN a, r, b");
    EXPECT_EQ(r->columns(), (std::vector<std::string>{"a", "r", "b"}));
    auto rows = all_rows(*r);
    ASSERT_EQ(rows.size(), 1u);
    const Value& a = rows[0][0];
    const Value& rel = rows[0][1];
    const Value& b = rows[0][2];
    ASSERT_TRUE(a.is_node());
    EXPECT_FALSE(a.is_entity_ref());
    EXPECT_EQ(a.as_node().labels, (std::vector<std::string>{"A", "B"}));
    ASSERT_EQ(a.as_node().properties.size(), 1u);
    EXPECT_EQ(a.as_node().properties[0].first, "x");
    EXPECT_EQ(a.as_node().element_id, "4:" + db->uuid() + ":" + std::to_string(a.as_node().id));
    ASSERT_TRUE(rel.is_rel());
    EXPECT_EQ(rel.as_rel().type, "T");
    EXPECT_EQ(rel.as_rel().start, a.as_node().id);
    EXPECT_EQ(rel.as_rel().end, b.as_node().id);
    EXPECT_EQ(rel.as_rel().start_element_id, a.as_node().element_id);
    EXPECT_EQ(rel.as_rel().element_id.rfind("5:", 0), 0u);
    auto s = r->summary();
    EXPECT_EQ(s.query_type, "rw");
    EXPECT_EQ(s.stats.nodes_created, 2);
    EXPECT_EQ(s.stats.relationships_created, 1);
    EXPECT_EQ(s.stats.labels_added, 3);
    EXPECT_EQ(s.stats.properties_set, 2);
    EXPECT_TRUE(s.stats.contains_updates());
}

TEST(DatabaseApi, EntitiesInsideListsAndMapsAreMaterialised) {
    auto db = Database::open_memory();
    db->run("CREATE (:N {i: 1}), (:N {i: 2})");
    auto r = db->run("MATCH (n:N) WITH n ORDER BY n.i RETURN collect(n) AS l, {first: min(n.i)} AS m");
    auto rows = all_rows(*r);
    ASSERT_EQ(rows.size(), 1u);
    const auto& l = rows[0][0].as_list();
    ASSERT_EQ(l.size(), 2u);
    EXPECT_FALSE(l[0].is_entity_ref());
    EXPECT_EQ(l[1].as_node().labels[0], "N");
    EXPECT_EQ(r->summary().query_type, "r");
}

TEST(DatabaseApi, QueryTypes) {
    auto db = Database::open_memory();
    EXPECT_EQ(db->run("CREATE (n)")->summary().query_type, "w");
    EXPECT_EQ(db->run("MATCH (n) SET n.x = 1")->summary().query_type, "w");
    EXPECT_EQ(db->run("MATCH (n) SET n.x = 2 RETURN n.x")->summary().query_type, "rw");
    EXPECT_EQ(db->run("MATCH (n) RETURN n.x")->summary().query_type, "r");
}

TEST(DatabaseApi, ExplicitTransactionCommitAndRollback) {
    auto db = Database::open_memory();
    {
        auto tx = db->begin();
        tx->run("CREATE (:T {v: 1})");
        auto r = tx->run("MATCH (n:T) RETURN count(n) AS c");  // sees its own writes
        EXPECT_EQ(all_rows(*r).at(0).at(0).as_int(), 1);
        tx->commit();
        EXPECT_FALSE(tx->is_open());
    }
    EXPECT_EQ(count_nodes(*db), 1);
    {
        auto tx = db->begin();
        tx->run("CREATE (:T {v: 2})");
        tx->rollback();
    }
    EXPECT_EQ(count_nodes(*db), 1);
    {
        auto tx = db->begin();
        tx->run("CREATE (:T {v: 3})");
        // destroyed without commit: rolled back
    }
    EXPECT_EQ(count_nodes(*db), 1);
}

TEST(DatabaseApi, FailedStatementTerminatesTheTransaction) {
    auto db = Database::open_memory();
    auto tx = db->begin();
    tx->run("CREATE (:T)");
    EXPECT_THROW(tx->run("RETURN 1 / 0"), QuiverError);
    EXPECT_FALSE(tx->is_open());
    try {
        tx->run("RETURN 1");
        ADD_FAILURE() << "a terminated transaction must refuse statements";
    } catch (const QuiverError& e) {
        EXPECT_EQ(e.code(), "Neo.ClientError.Transaction.Terminated");
    }
    EXPECT_EQ(count_nodes(*db), 0);
}

TEST(DatabaseApi, ReadTransactionsRefuseWrites) {
    auto db = Database::open_memory();
    auto tx = db->begin(AccessMode::Read);
    try {
        tx->run("CREATE (n)");
        ADD_FAILURE() << "expected an AccessMode error";
    } catch (const QuiverError& e) {
        EXPECT_EQ(e.code(), "Neo.ClientError.Statement.AccessMode");
    }
}

TEST(DatabaseApi, ErrorsCarryPhaseAndPosition) {
    auto db = Database::open_memory();
    try {
        db->run("MATCH (n)\nRETURN m");
        ADD_FAILURE();
    } catch (const QuiverError& e) {
        EXPECT_EQ(e.code(), "Neo.ClientError.Statement.SyntaxError");
        EXPECT_EQ(e.tck_detail(), "UndefinedVariable");
        EXPECT_EQ(e.phase(), ErrorPhase::CompileTime);
        EXPECT_EQ(e.position().line, 2u);
        EXPECT_EQ(e.position().column, 8u);
    }
    try {
        db->run("UNWIND [0] AS x RETURN 1 / x");
        ADD_FAILURE();
    } catch (const QuiverError& e) {
        EXPECT_EQ(e.code(), "Neo.ClientError.Statement.ArithmeticError");
        EXPECT_EQ(e.phase(), ErrorPhase::Runtime);
        EXPECT_EQ(e.message(), "/ by zero");
    }
}

TEST(DatabaseApi, ParametersOfEveryKind) {
    auto db = Database::open_memory();
    ValueMap params = {{"i", Value::integer(7)},
                       {"s", Value::string("x")},
                       {"l", Value::list({Value::integer(1), Value::float64(2.5)})},
                       {"m", Value::map({{"k", Value::boolean(true)}})}};
    auto r = db->run("RETURN $i + 1 AS a, $s + 'y' AS b, size($l) AS c, $m.k AS d", params);
    auto rows = all_rows(*r);
    EXPECT_EQ(rows[0][0].as_int(), 8);
    EXPECT_EQ(rows[0][1].as_string(), "xy");
    EXPECT_EQ(rows[0][2].as_int(), 2);
    EXPECT_TRUE(rows[0][3].as_bool());
}

}  // namespace
}  // namespace quiver
