// The plan cache: hits with new parameter values, invalidation by schema changes, replanning
// after large count changes, write plans in new transactions, LRU bound, concurrent use,
// db.clearQueryCaches().
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "base/error.h"
#include "main/database_impl.h"
#include "quiver/database.h"
#include "engine/runtime/runtime_test_util.h"

namespace quiver {
namespace {

using runtime_test::rows;
using runtime_test::single_int;

main::PlanCache& cache_of(Database& db) { return static_cast<main::DatabaseImpl&>(db).plan_cache(); }

// The leaf operator of the EXPLAIN plan and the root's estimate.
std::string leaf_operator(Database& db, const std::string& q) {
    auto s = db.run("EXPLAIN " + q)->summary();
    const PlanDescription* p = s.plan.get();
    while (p && !p->children.empty()) p = p->children[0].get();
    return p ? p->operator_type : "";
}

double leaf_estimate(Database& db, const std::string& q) {
    auto s = db.run("EXPLAIN " + q)->summary();
    const PlanDescription* p = s.plan.get();
    while (p && !p->children.empty()) p = p->children[0].get();
    if (!p) return -1;
    for (const auto& [k, v] : p->arguments)
        if (k == "EstimatedRows") return v.is_float() ? v.as_float() : double(v.as_int());
    return -1;
}

TEST(PlanCache, SameTextNewParameterValuesHitAndAnswerCorrectly) {
    auto db = Database::open_memory();
    db->run("UNWIND range(1, 20) AS i CREATE (:P {x: i, s: toString(i)})")->summary();
    const std::string q = "MATCH (n:P) WHERE n.x >= $lo RETURN count(n) AS c";
    auto before = cache_of(*db).counters();
    for (int64_t lo = 1; lo <= 20; ++lo)
        EXPECT_EQ(single_int(*db, q, {{"lo", Value::integer(lo)}}), 21 - lo);
    // another parameter type through the same plan: compares as Cypher does
    EXPECT_EQ(single_int(*db, q, {{"lo", Value::string("1")}}), 0);
    EXPECT_EQ(single_int(*db, q, {{"lo", Value::float64(19.5)}}), 1);
    auto after = cache_of(*db).counters();
    EXPECT_EQ(after.misses - before.misses, 1u);
    EXPECT_EQ(after.hits - before.hits, 21u);
}

TEST(PlanCache, HitStillRequiresEveryParameter) {
    auto db = Database::open_memory();
    const std::string q = "RETURN $a + 1 AS x";
    EXPECT_EQ(single_int(*db, q, {{"a", Value::integer(1)}}), 2);
    try {
        db->run(q);
        FAIL() << "missing parameter accepted";
    } catch (const QuiverError& e) {
        EXPECT_EQ(e.code(), "Neo.ClientError.Statement.ParameterMissing");
    }
    EXPECT_EQ(single_int(*db, q, {{"a", Value::integer(41)}}), 42);
}

TEST(PlanCache, CreateIndexInvalidatesCachedPlans) {
    auto db = Database::open_memory();
    db->run("UNWIND range(1, 50) AS i CREATE (:P {id: i})")->summary();
    const std::string q = "MATCH (p:P {id: $id}) RETURN count(p)";
    EXPECT_EQ(single_int(*db, q, {{"id", Value::integer(7)}}), 1);
    EXPECT_EQ(leaf_operator(*db, q), "NodeByLabelScan");
    EXPECT_EQ(leaf_operator(*db, q), "NodeByLabelScan");  // from the cache
    EXPECT_GE(cache_of(*db).size(), 2u);
    db->run("CREATE INDEX p_id FOR (p:P) ON (p.id)")->summary();
    EXPECT_EQ(cache_of(*db).size(), 0u);
    EXPECT_EQ(leaf_operator(*db, q), "NodeIndexSeek");
    auto s = db->run("PROFILE " + q, {{"id", Value::integer(7)}});
    std::vector<Value> row;
    ASSERT_TRUE(s->next(row));
    EXPECT_EQ(row[0].as_int(), 1);
    EXPECT_EQ(single_int(*db, q, {{"id", Value::integer(7)}}), 1);
    db->run("DROP INDEX p_id")->summary();
    EXPECT_EQ(leaf_operator(*db, q), "NodeByLabelScan");
    EXPECT_EQ(single_int(*db, q, {{"id", Value::integer(8)}}), 1);
}

TEST(PlanCache, PlansOfARolledBackSchemaChangeAreNotKept) {
    auto db = Database::open_memory();
    db->run("UNWIND range(1, 50) AS i CREATE (:P {id: i})")->summary();
    const std::string q = "MATCH (p:P {id: $id}) RETURN count(p)";
    EXPECT_EQ(leaf_operator(*db, q), "NodeByLabelScan");  // cached before the transaction
    {
        auto tx = db->begin(AccessMode::Write);
        tx->run("CREATE INDEX p_id FOR (p:P) ON (p.id)")->summary();
        // the transaction sees its own index: the cached plan is not used there
        auto s = tx->run("EXPLAIN " + q)->summary();
        const PlanDescription* p = s.plan.get();
        while (p && !p->children.empty()) p = p->children[0].get();
        ASSERT_NE(p, nullptr);
        EXPECT_EQ(p->operator_type, "NodeIndexSeek");
        std::vector<Value> row;
        auto r2 = tx->run(q, {{"id", Value::integer(3)}});
        ASSERT_TRUE(r2->next(row));
        EXPECT_EQ(row[0].as_int(), 1);
        tx->rollback();
    }
    // the index is gone: the seek planned inside the transaction must not be reused
    EXPECT_EQ(leaf_operator(*db, q), "NodeByLabelScan");
    EXPECT_EQ(single_int(*db, q, {{"id", Value::integer(3)}}), 1);
    {
        auto tx = db->begin(AccessMode::Write);
        tx->run("CREATE INDEX p_id FOR (p:P) ON (p.id)")->summary();
        tx->commit();
    }
    EXPECT_EQ(leaf_operator(*db, q), "NodeIndexSeek");
}

TEST(PlanCache, LargeCountChangesReplan) {
    auto db = Database::open_memory();
    db->run("UNWIND range(1, 10) AS i CREATE (:A {i: i})")->summary();
    const std::string q = "MATCH (n:A) RETURN n";
    EXPECT_DOUBLE_EQ(leaf_estimate(*db, q), 10);
    // a small change keeps the cached plan (its estimate is from planning time)
    db->run("UNWIND range(1, 5) AS i CREATE (:A {i: i})")->summary();
    auto before = cache_of(*db).counters();
    EXPECT_DOUBLE_EQ(leaf_estimate(*db, q), 10);
    EXPECT_EQ(cache_of(*db).counters().hits, before.hits + 1);
    // a large one replans
    db->run("UNWIND range(1, 1000) AS i CREATE (:A {i: i})")->summary();
    EXPECT_DOUBLE_EQ(leaf_estimate(*db, q), 1015);
    auto after = cache_of(*db).counters();
    EXPECT_EQ(after.replans, before.replans + 1);
    EXPECT_EQ(single_int(*db, "MATCH (n:A) RETURN count(n)"), 1015);
    // and the new plan is cached again
    EXPECT_DOUBLE_EQ(leaf_estimate(*db, q), 1015);
    EXPECT_EQ(cache_of(*db).counters().hits, after.hits + 1);
}

TEST(PlanCache, CachedWritePlansRunInNewTransactions) {
    auto db = Database::open_memory();
    const std::string create = "CREATE (:W {i: $i})";
    const std::string merge = "MERGE (w:W {i: $i}) ON MATCH SET w.seen = coalesce(w.seen, 0) + 1";
    for (int64_t i = 0; i < 5; ++i) db->run(create, {{"i", Value::integer(i)}})->summary();
    for (int64_t i = 0; i < 3; ++i) {
        auto tx = db->begin(AccessMode::Write);
        tx->run(create, {{"i", Value::integer(10 + i)}})->summary();
        tx->run(merge, {{"i", Value::integer(i)}})->summary();
        tx->commit();
    }
    {
        auto tx = db->begin(AccessMode::Write);
        tx->run(create, {{"i", Value::integer(99)}})->summary();
        tx->rollback();
    }
    EXPECT_EQ(single_int(*db, "MATCH (w:W) RETURN count(w)"), 8);
    EXPECT_EQ(single_int(*db, "MATCH (w:W) WHERE w.seen = 1 RETURN count(w)"), 3);
    EXPECT_EQ(single_int(*db, "MATCH (w:W {i: 99}) RETURN count(w)"), 0);
    // a read transaction refuses the cached write plan
    auto tx = db->begin(AccessMode::Read);
    try {
        tx->run(create, {{"i", Value::integer(1)}});
        FAIL() << "write in a read transaction";
    } catch (const QuiverError& e) {
        EXPECT_EQ(e.code(), "Neo.ClientError.Statement.AccessMode");
    }
    EXPECT_GT(cache_of(*db).counters().hits, 0u);
}

TEST(PlanCache, BoundedLeastRecentlyUsed) {
    DatabaseOptions o;
    o.query_cache_size = 2;
    auto db = Database::open_memory(o);
    single_int(*db, "RETURN 1");
    single_int(*db, "RETURN 2");
    single_int(*db, "RETURN 1");  // now the most recent
    single_int(*db, "RETURN 3");  // evicts RETURN 2
    auto c = cache_of(*db).counters();
    EXPECT_EQ(cache_of(*db).size(), 2u);
    EXPECT_EQ(c.evictions, 1u);
    single_int(*db, "RETURN 1");
    EXPECT_EQ(cache_of(*db).counters().hits, c.hits + 1);
    single_int(*db, "RETURN 2");
    EXPECT_EQ(cache_of(*db).counters().misses, c.misses + 1);

    o.query_cache_size = 0;
    auto off = Database::open_memory(o);
    EXPECT_EQ(single_int(*off, "RETURN 5"), 5);
    EXPECT_EQ(single_int(*off, "RETURN 5"), 5);
    EXPECT_EQ(cache_of(*off).size(), 0u);
    EXPECT_EQ(cache_of(*off).counters().hits, 0u);
}

TEST(PlanCache, ClearQueryCachesProcedure) {
    auto db = Database::open_memory();
    single_int(*db, "RETURN 1");
    single_int(*db, "RETURN 2");
    auto out = rows(*db, "CALL db.clearQueryCaches()");
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0][0].as_string(), "Query caches successfully cleared of 2 queries.");
    out = rows(*db, "CALL db.clearQueryCaches()");
    EXPECT_EQ(out[0][0].as_string(), "Query cache already empty.");
    EXPECT_EQ(cache_of(*db).size(), 0u);
    EXPECT_EQ(single_int(*db, "RETURN 1"), 1);
}

TEST(PlanCache, ConcurrentReadersAndAWriterSharePlans) {
    auto db = Database::open_memory();
    db->run("UNWIND range(0, 99) AS i CREATE (:N {i: i})-[:R]->(:M {i: i})")->summary();
    const std::string read = "MATCH (n:N)-[:R]->(m) WHERE n.i = $i RETURN m.i";
    std::atomic<int> wrong{0}, errors{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            try {
                for (int k = 0; k < 200; ++k) {
                    int64_t i = (t * 37 + k) % 100;
                    auto out = rows(*db, read, {{"i", Value::integer(i)}});
                    if (out.size() != 1 || out[0][0].as_int() != i) ++wrong;
                    if (k % 50 == 0) rows(*db, "PROFILE " + read, {{"i", Value::integer(i)}});
                }
            } catch (...) {
                ++errors;
            }
        });
    threads.emplace_back([&] {
        try {
            for (int k = 0; k < 50; ++k)
                db->run("CREATE (:Other {k: $k})", {{"k", Value::integer(k)}})->summary();
        } catch (...) {
            ++errors;
        }
    });
    for (auto& th : threads) th.join();
    EXPECT_EQ(wrong.load(), 0);
    EXPECT_EQ(errors.load(), 0);
    EXPECT_EQ(single_int(*db, "MATCH (o:Other) RETURN count(o)"), 50);
    auto c = cache_of(*db).counters();
    EXPECT_GE(c.hits, 700u);
}

}  // namespace
}  // namespace quiver
