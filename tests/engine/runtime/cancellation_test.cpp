// Timeouts and cancellation: a running statement stops with Neo4j's status codes, its
// transaction rolls back, and the database stays usable.
#include <chrono>
#include <thread>

#include "runtime_test_util.h"

namespace quiver {
namespace {

using namespace runtime_test;

constexpr const char* kTimedOut =
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration";

// 1000 nodes: a three-way cross product has 10^9 rows, far more than any test waits for.
std::unique_ptr<Database> thousand_nodes() {
    auto db = Database::open_memory();
    db->run("UNWIND range(1, 1000) AS i CREATE (:N {i: i})")->summary();
    return db;
}

TEST(Cancellation, AHugeCrossProductIsCancelledFromAnotherThread) {
    auto db = thousand_nodes();
    EXPECT_EQ(run_and_cancel(*db, "MATCH (a), (b), (c) RETURN count(*) AS n"), kTerminated);
    EXPECT_EQ(drain(*db->run("MATCH (n) RETURN n.i")), 1000u);  // still usable
}

TEST(Cancellation, SortAndStreamingRowsAreCancelled) {
    auto db = thousand_nodes();
    EXPECT_EQ(run_and_cancel(*db, "MATCH (a), (b), (c) RETURN a.i AS x ORDER BY x"), kTerminated);
    EXPECT_EQ(run_and_cancel(*db, "MATCH (a), (b), (c) WHERE a.i + b.i + c.i < 0 RETURN a.i"), kTerminated);
}

TEST(Cancellation, VarLengthExpansionIsCancelled) {
    auto db = Database::open_memory();
    // A complete digraph on 12 nodes: its trails are astronomically many.
    db->run("UNWIND range(1, 12) AS i CREATE (:K {i: i})")->summary();
    db->run("MATCH (a:K), (b:K) WHERE a <> b CREATE (a)-[:E]->(b)")->summary();
    EXPECT_EQ(run_and_cancel(*db, "MATCH p = (a:K {i: 1})-[*]->(b) RETURN count(p) AS n"),
              kTerminated);
}

TEST(Cancellation, TerminatingAWriteTransactionRollsItBack) {
    auto db = thousand_nodes();
    auto tx = db->begin(AccessMode::Write);
    tx->run("CREATE (:Extra)");
    std::string code;
    std::thread worker([&] {
        code = error_code([&] { tx->run("MATCH (a), (b), (c) RETURN count(*) AS n"); });
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    tx->terminate();
    worker.join();
    EXPECT_EQ(code, kTerminated);
    EXPECT_FALSE(tx->is_open());
    EXPECT_EQ(drain(*db->run("MATCH (n:Extra) RETURN n")), 0u);
    db->run("CREATE (:After)")->summary();  // the write lock was released
    EXPECT_EQ(drain(*db->run("MATCH (n:After) RETURN n")), 1u);
}

TEST(Cancellation, ATerminatedTransactionRefusesFurtherStatements) {
    auto db = thousand_nodes();
    auto tx = db->begin(AccessMode::Write);
    tx->terminate();
    EXPECT_EQ(error_code([&] { tx->run("RETURN 1"); }), kTerminated);
    EXPECT_FALSE(tx->is_open());
}

TEST(Timeout, AStatementPastItsTimeoutFails) {
    auto db = thousand_nodes();
    TransactionConfig config;
    config.timeout_ms = 20;
    EXPECT_EQ(error_code([&] {
                  drain(*db->run("MATCH (a), (b), (c) RETURN count(*) AS n", {}, config));
              }),
              kTimedOut);
    EXPECT_EQ(drain(*db->run("MATCH (n) RETURN n")), 1000u);
}

TEST(Timeout, TheDatabaseOptionAppliesToExplicitTransactions) {
    DatabaseOptions o;
    o.transaction_timeout_ms = 1000;  // the setup below needs far less
    auto db = Database::open_memory(o);
    db->run("UNWIND range(1, 1000) AS i CREATE (:N {i: i})")->summary();
    auto tx = db->begin(AccessMode::Write);
    tx->run("CREATE (:Extra)");
    EXPECT_EQ(error_code([&] { tx->run("MATCH (a), (b), (c) RETURN count(*) AS n"); }), kTimedOut);
    EXPECT_FALSE(tx->is_open());
    EXPECT_EQ(drain(*db->run("MATCH (n:Extra) RETURN n")), 0u);
}

}  // namespace
}  // namespace quiver
