// SHOW TRANSACTIONS / TERMINATE TRANSACTIONS over two transactions of one Database: an idle
// explicit transaction and a query running on another thread are listed with Neo4j's ids and
// columns, and terminating them makes their work fail with Neo.ClientError.Transaction.Terminated.
#include <chrono>
#include <thread>

#include "runtime_test_util.h"

namespace quiver {
namespace {

using namespace runtime_test;

// The id of the one other transaction whose current query satisfies `where` ("" when none).
std::string find_transaction(Database& db, const std::string& where) {
    auto found = rows(db, "SHOW TRANSACTIONS YIELD transactionId, currentQuery WHERE " + where +
                              " RETURN transactionId");
    return found.size() == 1 ? found[0][0].as_string() : "";
}

TEST(ShowTransactions, ListsItselfWithNeo4jColumns) {
    auto db = Database::open_memory();
    auto r = db->run("SHOW TRANSACTIONS");
    std::vector<std::string> expected = {"database",     "transactionId", "currentQueryId",
                                         "connectionId", "clientAddress", "username",
                                         "currentQuery", "startTime",     "status",
                                         "elapsedTime"};
    EXPECT_EQ(r->columns(), expected);
    std::vector<Value> row;
    ASSERT_TRUE(r->next(row));
    EXPECT_EQ(row[0].as_string(), "neo4j");
    EXPECT_EQ(row[1].as_string().rfind("neo4j-transaction-", 0), 0u);
    EXPECT_EQ(row[2].as_string().rfind("query-", 0), 0u);
    EXPECT_EQ(row[6].as_string(), "SHOW TRANSACTIONS");
    EXPECT_EQ(row[8].as_string(), "Running");
    EXPECT_EQ(row[9].kind(), ValueKind::Duration);
    EXPECT_FALSE(r->next(row));
}

TEST(ShowTransactions, StartTimeIsTheWallClockOfTheTransactionStart) {
    auto db = Database::open_memory();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // later than the open
    auto before = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
    auto tx = db->begin(AccessMode::Read);
    // startTime is a string, as in Neo4j 5 (ISO-8601, UTC)
    auto found = rows(*db, "SHOW TRANSACTIONS YIELD currentQuery, startTime "
                           "WHERE currentQuery = '' RETURN datetime(startTime).epochMillis AS ms");
    auto after = std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count();
    ASSERT_EQ(found.size(), 1u);
    int64_t ms = found[0][0].as_int();
    EXPECT_GE(ms, before - 5);  // the wall clock is read once, at the open: allow rounding
    EXPECT_LE(ms, after + 5);
}

TEST(ShowTransactions, AnIdleExplicitTransactionIsListedAndTerminated) {
    auto db = Database::open_memory();
    TransactionConfig config;
    config.metadata = {{"app", Value::string("tests")}};
    auto tx = db->begin(AccessMode::Write, config);
    tx->run("CREATE (:Pending)");
    // idle: no current query
    std::string id = find_transaction(*db, "currentQuery = '' AND currentQueryId = ''");
    ASSERT_FALSE(id.empty());
    auto meta = rows(*db, "SHOW TRANSACTIONS '" + id + "' YIELD metaData, status");
    ASSERT_EQ(meta.size(), 1u);
    EXPECT_EQ(meta[0][1].as_string(), "Running");
    ASSERT_TRUE(meta[0][0].is_map());
    EXPECT_EQ(meta[0][0].as_map().size(), 1u);

    auto out = rows(*db, "TERMINATE TRANSACTIONS '" + id + "', 'neo4j-transaction-999999'");
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0][0].as_string(), id);
    EXPECT_EQ(out[0][2].as_string(), "Transaction terminated.");
    EXPECT_EQ(out[1][2].as_string(), "Transaction not found.");

    EXPECT_EQ(error_code([&] { tx->run("RETURN 1"); }), kTerminated);
    EXPECT_FALSE(tx->is_open());
    EXPECT_EQ(drain(*db->run("MATCH (n:Pending) RETURN n")), 0u);  // rolled back
    // closed transactions are no longer listed
    EXPECT_EQ(rows(*db, "SHOW TRANSACTIONS '" + id + "'").size(), 0u);
    EXPECT_EQ(rows(*db, "SHOW TRANSACTIONS").size(), 1u);
}

TEST(ShowTransactions, ARunningQueryIsTerminatedFromAnotherThread) {
    auto db = Database::open_memory();
    db->run("UNWIND range(1, 1000) AS i CREATE (:N {i: i})")->summary();
    std::string code;
    std::thread worker([&] {
        code = error_code([&] { drain(*db->run("MATCH (a), (b), (c) RETURN count(*) AS n")); });
    });
    std::string id;
    for (int tries = 0; tries < 10000 && id.empty(); ++tries) {  // wait until it has started
        id = find_transaction(*db, "currentQuery STARTS WITH 'MATCH (a), (b)'");
        if (id.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ASSERT_FALSE(id.empty());
    auto out = rows(*db, "TERMINATE TRANSACTION '" + id + "' YIELD message RETURN message");
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0][0].as_string(), "Transaction terminated.");
    worker.join();
    EXPECT_EQ(code, kTerminated);
    EXPECT_EQ(drain(*db->run("MATCH (n) RETURN n.i")), 1000u);  // still usable
}

TEST(ShowTransactions, AnExplicitTransactionsRunningStatementIsTerminated) {
    auto db = Database::open_memory();
    db->run("UNWIND range(1, 1000) AS i CREATE (:N {i: i})")->summary();
    auto tx = db->begin(AccessMode::Write);
    tx->run("CREATE (:Extra)");
    std::string code;
    std::thread worker([&] {
        code = error_code([&] { tx->run("MATCH (a), (b), (c) RETURN count(*) AS n"); });
    });
    std::string id;
    for (int tries = 0; tries < 10000 && id.empty(); ++tries) {
        id = find_transaction(*db, "currentQuery STARTS WITH 'MATCH (a), (b)'");
        if (id.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ASSERT_FALSE(id.empty());
    // the ids as a list parameter
    auto r = db->run("TERMINATE TRANSACTIONS $ids",
                     {{"ids", Value::list({Value::string(id)})}});
    EXPECT_EQ(drain(*r), 1u);
    worker.join();
    EXPECT_EQ(code, kTerminated);
    EXPECT_FALSE(tx->is_open());
    EXPECT_EQ(drain(*db->run("MATCH (n:Extra) RETURN n")), 0u);
}

TEST(ShowTransactions, AnEndedTransactionsRegistrationCarriesNothingOver) {
    // Ended registrations are kept for the next transactions: a terminated one, its username
    // and metadata must not reach them, and a result still holding the old cancellation must
    // not share it with a new transaction.
    auto db = Database::open_memory();
    for (int round = 0; round < 12; ++round) {  // more than the kept registrations
        TransactionConfig config;
        config.username = "round" + std::to_string(round);
        config.metadata = {{"round", Value::integer(round)}};
        auto tx = db->begin(AccessMode::Write, config);
        std::string id = find_transaction(*db, "currentQuery = '' AND username = '" + config.username + "'");
        ASSERT_FALSE(id.empty()) << round;
        EXPECT_EQ(drain(*db->run("TERMINATE TRANSACTION '" + id + "'")), 1u);
        EXPECT_EQ(error_code([&] { tx->run("RETURN 1"); }), kTerminated);
    }
    // Fresh transactions run, and list no username or metadata of the terminated ones.
    for (int i = 0; i < 20; ++i) {
        auto me = rows(*db, "SHOW TRANSACTIONS YIELD currentQuery, username, metaData, status "
                            "WHERE currentQuery STARTS WITH 'SHOW' RETURN username, size(keys(metaData)), status");
        ASSERT_EQ(me.size(), 1u) << i;
        EXPECT_EQ(me[0][0].as_string(), "") << i;
        EXPECT_EQ(me[0][1].as_int(), 0) << i;
        EXPECT_EQ(me[0][2].as_string(), "Running") << i;
        auto tx = db->begin(AccessMode::Read);
        EXPECT_EQ(drain(*tx->run("UNWIND range(1, 3) AS x RETURN x")), 3u) << i;
        tx->commit();
    }
    // A streaming result that outlives its registration keeps its own cancellation: terminating
    // a later transaction leaves it alone.
    db->run("UNWIND range(1, 5000) AS i CREATE (:N {i: i})")->summary();
    auto open_result = db->run("MATCH (n:N) RETURN n.i");  // more rows than one batch
    std::vector<Value> row;
    ASSERT_TRUE(open_result->next(row));
    auto tx = db->begin(AccessMode::Read);
    std::string id = find_transaction(*db, "currentQuery = ''");
    ASSERT_FALSE(id.empty());
    EXPECT_EQ(drain(*db->run("TERMINATE TRANSACTION '" + id + "'")), 1u);
    EXPECT_EQ(error_code([&] { tx->run("RETURN 1"); }), kTerminated);
    size_t more = 1;
    while (open_result->next(row)) ++more;
    EXPECT_EQ(more, 5000u);
}

TEST(ShowTransactions, AStreamingResultKeepsItsStatementText) {
    // The registry refers to the caller's text while run() runs and copies it only when the
    // result outlives the call: the caller's string may be gone by the time SHOW TRANSACTIONS
    // reads it.
    auto db = Database::open_memory();
    db->run("UNWIND range(1, 3000) AS i CREATE (:N {i: i})")->summary();
    std::unique_ptr<Result> open_result;
    {
        auto text = std::make_unique<std::string>("MATCH (n:N) RETURN n.i AS kept_text");
        open_result = db->run(*text);  // more rows than one batch: it outlives run()
        std::fill(text->begin(), text->end(), '#');
    }
    std::vector<Value> row;
    ASSERT_TRUE(open_result->next(row));
    auto listed = rows(*db, "SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery ENDS WITH "
                            "'kept_text' RETURN currentQuery");
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0][0].as_string(), "MATCH (n:N) RETURN n.i AS kept_text");
    // Statements that end within run() leave nothing listed.
    for (int i = 0; i < 10; ++i) {
        std::string text = "RETURN " + std::to_string(i) + " AS short_lived";
        EXPECT_EQ(drain(*db->run(text)), 1u);
    }
    EXPECT_TRUE(rows(*db, "SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery STARTS WITH "
                          "'RETURN' RETURN currentQuery").empty());
    size_t more = 1;
    while (open_result->next(row)) ++more;
    EXPECT_EQ(more, 3000u);
}

}  // namespace
}  // namespace quiver
