// The Neo4j 4.x transaction procedures over the registry SHOW / TERMINATE TRANSACTIONS use:
// dbms.listTransactions and dbms.listQueries see the other transactions of the Database,
// dbms.killTransaction(s) and dbms.killQuery/killQueries terminate them (their work fails with
// Neo.ClientError.Transaction.Terminated), and transactions are listed in numeric id order.
// Also: a schema procedure run inside an explicit transaction makes later statements of that
// transaction plan with the new index.
#include <chrono>
#include <cstdlib>
#include <thread>

#include "runtime_test_util.h"

namespace quiver {
namespace {

using namespace runtime_test;

std::string find_query(Database& db, const std::string& prefix) {
    auto found = rows(db, "CALL dbms.listQueries() YIELD queryId, query WHERE query STARTS WITH '" +
                              prefix + "' RETURN queryId");
    return found.size() == 1 ? found[0][0].as_string() : "";
}

TEST(LegacyTransactionProcedures, ListAndKillAnIdleTransaction) {
    auto db = Database::open_memory();
    TransactionConfig config;
    config.metadata = {{"app", Value::string("legacy")}};
    auto tx = db->begin(AccessMode::Write, config);
    tx->run("CREATE (:Pending)");
    auto idle = rows(*db,
                     "CALL dbms.listTransactions() YIELD transactionId, currentQuery, metaData "
                     "WHERE currentQuery = '' RETURN transactionId, metaData.app");
    ASSERT_EQ(idle.size(), 1u);
    std::string id = idle[0][0].as_string();
    EXPECT_EQ(idle[0][1].as_string(), "legacy");
    // the same transaction SHOW TRANSACTIONS lists
    EXPECT_EQ(rows(*db, "SHOW TRANSACTIONS '" + id + "'").size(), 1u);

    auto out = rows(*db, "CALL dbms.killTransaction('" + id + "')");
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0][0].as_string(), id);
    EXPECT_EQ(out[0][2].as_string(), "Transaction terminated.");
    EXPECT_EQ(error_code([&] { tx->run("RETURN 1"); }), kTerminated);
    EXPECT_EQ(drain(*db->run("MATCH (n:Pending) RETURN n")), 0u);  // rolled back
    EXPECT_EQ(rows(*db, "SHOW TRANSACTIONS '" + id + "'").size(), 0u);
}

TEST(LegacyTransactionProcedures, KillQueryStopsARunningQuery) {
    auto db = Database::open_memory();
    db->run("UNWIND range(1, 1000) AS i CREATE (:N {i: i})")->summary();
    std::string code;
    std::thread worker([&] {
        code = error_code([&] { drain(*db->run("MATCH (a), (b), (c) RETURN count(*) AS n")); });
    });
    std::string id;
    for (int tries = 0; tries < 10000 && id.empty(); ++tries) {
        id = find_query(*db, "MATCH (a), (b)");
        if (id.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ASSERT_FALSE(id.empty());
    EXPECT_EQ(id.rfind("query-", 0), 0u);
    auto out = rows(*db, "CALL dbms.killQueries(['" + id + "', 'query-999999'])");
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0][0].as_string(), id);
    EXPECT_EQ(out[0][2].as_string(), "Query found");
    EXPECT_EQ(out[1][2].as_string(), "No Query found with this id");
    worker.join();
    EXPECT_EQ(code, kTerminated);
    EXPECT_EQ(drain(*db->run("MATCH (n) RETURN n.i")), 1000u);
}

TEST(LegacyTransactionProcedures, TransactionsAreListedInNumericIdOrder) {
    auto db = Database::open_memory();
    std::vector<std::unique_ptr<Transaction>> open;
    for (int i = 0; i < 12; ++i) open.push_back(db->begin(AccessMode::Read));
    for (const char* query : {"SHOW TRANSACTIONS YIELD transactionId RETURN transactionId",
                              "CALL dbms.listTransactions() YIELD transactionId"}) {
        auto ids = rows(*db, query);
        ASSERT_EQ(ids.size(), 13u) << query;
        bool crosses_ten = false;
        for (size_t i = 1; i < ids.size(); ++i) {
            auto number = [](const Value& v) {
                const std::string& s = v.as_string();
                return std::strtoll(s.c_str() + s.rfind('-') + 1, nullptr, 10);
            };
            EXPECT_LT(number(ids[i - 1][0]), number(ids[i][0])) << query;
            if (number(ids[i - 1][0]) < 10 && number(ids[i][0]) >= 10) crosses_ten = true;
        }
        EXPECT_TRUE(crosses_ten) << query;
    }
}

TEST(LegacyTransactionProcedures, SchemaProcedureInAnExplicitTransaction) {
    auto db = Database::open_memory();
    db->run("UNWIND range(1, 100) AS i CREATE (:P {x: i})")->summary();
    const std::string query = "MATCH (p:P {x: 7}) RETURN p.x";
    // cache a plan without the index first
    auto before = db->run("EXPLAIN " + query)->summary();
    ASSERT_TRUE(before.plan);
    EXPECT_EQ(find_operator(*before.plan, "NodeIndexSeek"), nullptr);
    auto tx = db->begin(AccessMode::Write);
    auto created = tx->run("CALL db.createIndex('p_x', ['P'], ['x'], 'range-1.0')");
    EXPECT_EQ(drain(*created), 1u);
    EXPECT_EQ(created->summary().stats.indexes_added, 1);
    auto inside = tx->run("EXPLAIN " + query)->summary();
    ASSERT_TRUE(inside.plan);
    EXPECT_NE(find_operator(*inside.plan, "NodeIndexSeek"), nullptr);
    tx->commit();
    auto after = db->run("EXPLAIN " + query)->summary();
    ASSERT_TRUE(after.plan);
    EXPECT_NE(find_operator(*after.plan, "NodeIndexSeek"), nullptr);
    EXPECT_EQ(rows(*db, query).size(), 1u);
}

}  // namespace
}  // namespace quiver
