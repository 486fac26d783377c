// CALL { } IN TRANSACTIONS through the public API on a real file: batches commit separately
// (durable across closing and reopening the file), a failed batch under ON ERROR FAIL keeps
// the batches committed before it, explicit transactions refuse the clause; and the EXPLAIN
// operator names of CALL { } and FOREACH.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <functional>

#include "base/error.h"
#include "quiver/database.h"
#include "result_helpers.h"

namespace quiver {
namespace {
using test_support::all_rows;
using test_support::shape;

namespace fs = std::filesystem;

class TempFile {
public:
    explicit TempFile(const std::string& name)
        : dir_(fs::temp_directory_path() / ("quiver-subq-" + std::to_string(getpid()) + "-" + name)) {
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    ~TempFile() { fs::remove_all(dir_); }
    std::string path() const { return (dir_ / "db.quiver").string(); }

private:
    fs::path dir_;
};

int64_t count(Database& db, const std::string& query) {
    auto r = db.run(query);
    std::vector<Value> row;
    EXPECT_TRUE(r->next(row));
    return row.at(0).as_int();
}

std::string error_code(const std::function<void()>& f) {
    try {
        f();
    } catch (const QuiverError& e) {
        return e.code();
    }
    return "";
}

TEST(SubqueryTransactions, FailedBatchKeepsEarlierCommitsOnReopen) {
    TempFile f("fail");
    {
        auto db = Database::open_file(f.path());
        // Batches {1,2,3} and {4,5,6} commit; the batch of i = 7 divides by zero.
        std::string code = error_code([&] {
            db->run("UNWIND range(1, 10) AS i CALL (i) { CREATE (:T {v: 10 / (i - 7)}) } "
                    "IN TRANSACTIONS OF 3 ROWS")
                ->summary();
        });
        EXPECT_EQ(code, "Neo.ClientError.Statement.ArithmeticError");
        EXPECT_EQ(count(*db, "MATCH (t:T) RETURN count(t)"), 6);
    }
    auto db = Database::open_file(f.path());
    EXPECT_EQ(count(*db, "MATCH (t:T) RETURN count(t)"), 6);
    EXPECT_EQ(count(*db, "MATCH (t:T) RETURN min(t.v)"), -10);
    EXPECT_TRUE(db->check().ok);
}

TEST(SubqueryTransactions, ContinueCommitsTheGoodBatchesOnReopen) {
    TempFile f("continue");
    {
        auto db = Database::open_file(f.path());
        auto r = db->run(
            "UNWIND [1, 2, 0, 4, 5] AS i CALL (i) { CREATE (:T {v: 20 / i}) } "
            "IN TRANSACTIONS OF 2 ROWS ON ERROR CONTINUE REPORT STATUS AS s "
            "RETURN s.committed AS ok");
        std::vector<Value> row;
        std::vector<bool> oks;
        while (r->next(row)) oks.push_back(row.at(0).as_bool());
        EXPECT_EQ(oks, (std::vector<bool>{true, true, false, false, true}));
        EXPECT_EQ(r->summary().stats.nodes_created, 3);
    }
    auto db = Database::open_file(f.path());
    EXPECT_EQ(count(*db, "MATCH (t:T) RETURN count(t)"), 3);
    EXPECT_EQ(count(*db, "MATCH (t:T) RETURN sum(t.v)"), 20 + 10 + 4);
}

TEST(SubqueryTransactions, SuccessfulRunIsDurable) {
    TempFile f("ok");
    {
        auto db = Database::open_file(f.path());
        auto s = db->run("UNWIND range(1, 2500) AS i CALL (i) { CREATE (:T {v: i}) } "
                         "IN TRANSACTIONS")
                     ->summary();
        EXPECT_EQ(s.stats.nodes_created, 2500);
    }
    auto db = Database::open_file(f.path());
    EXPECT_EQ(count(*db, "MATCH (t:T) RETURN count(t)"), 2500);
    EXPECT_TRUE(db->check().ok);
}

TEST(SubqueryTransactions, RefusedInExplicitTransaction) {
    auto db = Database::open_memory();
    auto tx = db->begin(AccessMode::Write);
    std::string code = error_code([&] {
        tx->run("UNWIND [1, 2] AS i CALL (i) { CREATE (:T) } IN TRANSACTIONS")->summary();
    });
    EXPECT_EQ(code, "Neo.DatabaseError.Transaction.TransactionStartFailed");
    EXPECT_EQ(count(*db, "MATCH (t:T) RETURN count(t)"), 0);
}

std::string explain(Database& db, const std::string& q) {
    auto s = db.run("EXPLAIN " + q)->summary();
    return s.plan ? shape(*s.plan) : "";
}

TEST(SubqueryExplain, OperatorNames) {
    auto db = Database::open_memory();
    EXPECT_EQ(explain(*db, "UNWIND [1] AS x CALL (x) { RETURN x + 1 AS y } RETURN y"),
              "ProduceResults(Apply(Unwind, Projection))");
    EXPECT_EQ(explain(*db, "UNWIND [1] AS x CALL (x) { CREATE (:A {v: x}) }"),
              "SubqueryForeach(Unwind, Create)");
    EXPECT_EQ(explain(*db, "UNWIND [1] AS x CALL (x) { CREATE (:A {v: x}) } IN TRANSACTIONS"),
              "TransactionForeach(Unwind, Create)");
    EXPECT_EQ(explain(*db, "UNWIND [1] AS x CALL (x) { RETURN x AS y } IN TRANSACTIONS RETURN y"),
              "ProduceResults(TransactionApply(Unwind, Projection))");
    EXPECT_EQ(explain(*db, "FOREACH (x IN [1] | CREATE (:A {v: x}))"), "Foreach(Create)");
}

}  // namespace
}  // namespace quiver
