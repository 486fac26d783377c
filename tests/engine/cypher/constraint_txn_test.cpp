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

}  // namespace
}  // namespace quiver
