// The per-transaction memory limit: what blocking operators and writes hold is tracked; going
// past the limit fails with Neo4j's MemoryPoolOutOfMemoryError, rolls back, and the database
// stays usable.
#include "runtime_test_util.h"

namespace quiver {
namespace {

using namespace runtime_test;

constexpr const char* kMemory = "Neo.TransientError.General.MemoryPoolOutOfMemoryError";

TransactionConfig limit(uint64_t bytes) {
    TransactionConfig c;
    c.memory_max_bytes = bytes;
    return c;
}

int64_t count_nodes(Database& db) {
    auto r = db.run("MATCH (n) RETURN count(n) AS c");
    std::vector<Value> row;
    EXPECT_TRUE(r->next(row));
    return row[0].as_int();
}

TEST(MemoryLimit, CollectOverManyRowsFailsWithNeo4jError) {
    auto db = Database::open_memory();
    try {
        drain(*db->run("UNWIND range(1, 200000) AS i RETURN collect(i) AS xs", {},
                       limit(1 << 20)));
        FAIL() << "collect() stayed under 1 MiB";
    } catch (const QuiverError& e) {
        EXPECT_EQ(e.code(), kMemory);
        EXPECT_NE(e.message().find("would use more than the limit 1.0 MiB"), std::string::npos)
            << e.message();
    }
    // The database is still usable, and a larger limit lets the same query through.
    auto r = db->run("UNWIND range(1, 200000) AS i RETURN size(collect(i)) AS n", {},
                     limit(256ull << 20));
    std::vector<Value> row;
    ASSERT_TRUE(r->next(row));
    EXPECT_EQ(row[0].as_int(), 200000);
    EXPECT_GT(r->summary().peak_memory_bytes, uint64_t(1) << 20);
}

TEST(MemoryLimit, TheDatabaseOptionIsTheDefault) {
    DatabaseOptions o;
    o.transaction_memory_max_bytes = 1 << 20;
    auto db = Database::open_memory(o);
    EXPECT_EQ(error_code([&] { drain(*db->run("UNWIND range(1, 200000) AS i RETURN i ORDER BY -i")); }),
              kMemory);
    EXPECT_EQ(error_code([&] { drain(*db->run("UNWIND range(1, 200000) AS i RETURN DISTINCT i")); }),
              kMemory);
    EXPECT_EQ(error_code([&] {
                  drain(*db->run("UNWIND range(1, 200000) AS i RETURN i % 7 AS k, "
                                 "percentileDisc(i, 0.5) AS p"));
              }),
              kMemory);
    // Streaming queries hold nothing: no limit is reached.
    EXPECT_EQ(drain(*db->run("UNWIND range(1, 200000) AS i RETURN i")), 200000u);
}

TEST(MemoryLimit, AFailedWriteRollsBack) {
    auto db = Database::open_memory();
    db->run("CREATE (:Keep)")->summary();
    EXPECT_EQ(error_code([&] {
                  db->run("CREATE (:Gone) WITH 1 AS one UNWIND range(1, 200000) AS i "
                          "RETURN collect(i) AS xs",
                          {}, limit(1 << 20));
              }),
              kMemory);
    EXPECT_EQ(count_nodes(*db), 1);
}

TEST(MemoryLimit, TheWriteTransactionsOwnStateCounts) {
    auto db = Database::open_memory();
    auto tx = db->begin(AccessMode::Write, limit(1 << 20));
    // Each statement is small; together they exceed what the transaction may hold.
    std::string code;
    for (int i = 0; i < 100 && code.empty(); ++i)
        code = error_code([&] {
            tx->run("UNWIND range(1, 1000) AS i CREATE (:N {s: 'some text to keep', i: i})");
        });
    EXPECT_EQ(code, kMemory);
    EXPECT_FALSE(tx->is_open());  // the failure rolled the transaction back
    EXPECT_EQ(count_nodes(*db), 0);
    db->run("CREATE (:After)")->summary();
    EXPECT_EQ(count_nodes(*db), 1);
}

}  // namespace
}  // namespace quiver
