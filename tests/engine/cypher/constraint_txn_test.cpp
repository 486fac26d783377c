// Constraints through explicit transactions: a violation fails the statement and rolls the
// whole transaction back, schema changes included; constraints survive reopening a file.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "base/error.h"
#include "quiver/database.h"

namespace quiver {
namespace {

int64_t count_of(Database& db, const std::string& q) {
    auto r = db.run(q);
    std::vector<Value> row;
    EXPECT_TRUE(r->next(row));
    return row.empty() ? -1 : row[0].as_int();
}

TEST(ConstraintTxn, ViolationRollsBackTheTransaction) {
    auto db = Database::open_memory();
    db->run("CREATE (:U {k: 1})")->summary();
    {
        auto tx = db->begin();
        tx->run("CREATE CONSTRAINT u_k FOR (u:U) REQUIRE u.k IS UNIQUE")->summary();
        tx->run("CREATE (:U {k: 2})")->summary();
        try {
            tx->run("CREATE (:U {k: 1})")->summary();
            ADD_FAILURE() << "expected a constraint violation";
        } catch (const QuiverError& e) {
            EXPECT_EQ(e.code(), "Neo.ClientError.Schema.ConstraintValidationFailed");
        }
        EXPECT_FALSE(tx->is_open());
    }
    EXPECT_EQ(count_of(*db, "SHOW CONSTRAINTS YIELD name RETURN count(*) AS c"), 0);
    EXPECT_EQ(count_of(*db, "MATCH (u:U) RETURN count(u) AS c"), 1);
    // without the constraint the duplicate is allowed
    db->run("CREATE (:U {k: 1})")->summary();
    EXPECT_EQ(count_of(*db, "MATCH (u:U {k: 1}) RETURN count(u) AS c"), 2);
}

TEST(ConstraintTxn, SurvivesReopen) {
    auto path = std::filesystem::temp_directory_path() / "quiver_constraint_txn_test.qdb";
    std::filesystem::remove(path);
    {
        auto db = Database::open_file(path.string());
        db->run("CREATE CONSTRAINT k FOR ()-[r:R]-() REQUIRE (r.a, r.b) IS RELATIONSHIP KEY")->summary();
        db->run("CREATE ()-[:R {a: 1, b: 2}]->()")->summary();
    }
    {
        auto db = Database::open_file(path.string());
        EXPECT_EQ(count_of(*db, "SHOW RELATIONSHIP KEY CONSTRAINTS YIELD name RETURN count(*) AS c"), 1);
        EXPECT_THROW(db->run("CREATE ()-[:R {a: 1.0, b: 2}]->()"), QuiverError);
        EXPECT_THROW(db->run("CREATE ()-[:R {a: 1}]->()"), QuiverError);
        EXPECT_EQ(count_of(*db, "MATCH ()-[r:R]->() RETURN count(r) AS c"), 1);
        EXPECT_TRUE(db->check().ok);
    }
    std::filesystem::remove(path);
}

TEST(ConstraintTxn, EachInTransactionsBatchIsValidatedBeforeItCommits) {
    auto db = Database::open_memory();
    db->run("CREATE CONSTRAINT u_k FOR (u:U) REQUIRE u.k IS UNIQUE")->summary();
    // the second batch violates the constraint: the first stays committed, the statement fails
    try {
        db->run("UNWIND [1, 2, 1] AS k CALL { WITH k CREATE (:U {k: k}) } IN TRANSACTIONS OF 2 ROWS")
            ->summary();
        ADD_FAILURE() << "expected a constraint violation";
    } catch (const QuiverError& e) {
        EXPECT_EQ(e.code(), "Neo.ClientError.Schema.ConstraintValidationFailed");
    }
    EXPECT_EQ(count_of(*db, "MATCH (u:U) RETURN count(u) AS c"), 2);
    // ON ERROR CONTINUE: the failing batch is rolled back alone and reported
    auto r = db->run(
        "UNWIND [3, 1, 4] AS k CALL { WITH k CREATE (:U {k: k}) } IN TRANSACTIONS OF 1 ROW "
        "ON ERROR CONTINUE REPORT STATUS AS s RETURN k, s.committed AS ok");
    std::vector<Value> row;
    std::vector<bool> ok;
    while (r->next(row)) ok.push_back(row[1].as_bool());
    EXPECT_EQ(ok, (std::vector<bool>{true, false, true}));
    EXPECT_EQ(count_of(*db, "MATCH (u:U) RETURN count(u) AS c"), 4);
}

}  // namespace
}  // namespace quiver
