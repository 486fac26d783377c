// Run-state reuse: a cached plan's next run takes the previous run's reset operator states and
// execution context (RunKit, ParkedRun, PhysicalOperator::reset_tree). Proves the reused states answer exactly like new
// ones (expansions over sparse and dense nodes, seeks, label scans, grouped and counting
// aggregations, string group keys), that a run which fails or is abandoned leaves nothing
// behind, that a memory limit is counted per run, and that concurrent runs of one plan on
// several threads stay correct.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <atomic>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "base/error.h"
#include "quiver/database.h"
#include "engine/runtime/runtime_test_util.h"

namespace quiver {
namespace {

using runtime_test::rows;
using runtime_test::single_int;

// 60 :Person nodes in 3 cities; person i KNOWS i+1 .. i+(i % 5); person 0 is dense (300 KNOWS).
std::unique_ptr<Database> graph() {
    auto db = Database::open_memory();
    db->run("UNWIND range(0, 59) AS i CREATE (:Person {id: i, city: ['Oslo', 'Lima', 'Pune'][i % 3]})");
    db->run("MATCH (a:Person), (b:Person) WHERE b.id > a.id AND b.id <= a.id + a.id % 5 CREATE (a)-[:KNOWS]->(b)");
    db->run("MATCH (a:Person {id: 0}) UNWIND range(1, 300) AS k CREATE (a)-[:KNOWS]->(:Person {id: 1000 + k, city: 'Oslo'})");
    return db;
}

int64_t expected_out(int64_t i) {
    if (i == 0) return 300;
    return std::min<int64_t>(i % 5, 59 - i);
}

}  // namespace

TEST(RunStateReuse, RepeatedRunsAnswerLikeFreshOnes) {
    auto db = graph();
    const std::string one_hop = "MATCH (p:Person)-[:KNOWS]->(f) WHERE p.id = $id RETURN count(f)";
    const std::string by_id = "MATCH (p:Person)-[:KNOWS]->(f) WHERE id(p) = $id RETURN count(f)";
    std::map<int64_t, int64_t> node_of;  // person id -> node id
    for (const auto& r : rows(*db, "MATCH (p:Person) WHERE p.id < 60 RETURN p.id, id(p)"))
        node_of[r[0].as_int()] = r[1].as_int();
    for (int round = 0; round < 3; ++round) {
        for (int64_t i = 0; i < 60; ++i) {
            ASSERT_EQ(single_int(*db, one_hop, {{"id", Value::integer(i)}}), expected_out(i)) << i;
            ASSERT_EQ(single_int(*db, by_id, {{"id", Value::integer(node_of[i])}}), expected_out(i)) << i;
        }
        // a start that does not exist, then one that does: nothing carried over
        ASSERT_EQ(single_int(*db, by_id, {{"id", Value::integer(999999)}}), 0);
        ASSERT_EQ(single_int(*db, by_id, {{"id", Value::integer(node_of[3])}}), 3);
        // grouped aggregation by a string key, with a changing filter
        for (int64_t min : {0, 30, 58, 60}) {
            auto out = rows(*db, "MATCH (p:Person) WHERE p.id >= $min AND p.id < 60 RETURN p.city AS c, count(*) AS n ORDER BY c",
                            {{"min", Value::integer(min)}});
            std::map<std::string, int64_t> want;
            for (int64_t i = min; i < 60; ++i) want[std::vector<std::string>{"Oslo", "Lima", "Pune"}[size_t(i % 3)]]++;
            ASSERT_EQ(out.size(), want.size()) << min;
            for (const auto& r : out) EXPECT_EQ(r[1].as_int(), want[r[0].as_string()]) << min;
        }
        // a label scan expanded and counted
        ASSERT_EQ(single_int(*db, "MATCH (:Person)-[r:KNOWS]->() RETURN count(r)"),
                  [] { int64_t n = 0; for (int64_t i = 0; i < 60; ++i) n += expected_out(i); return n; }());
    }
}

TEST(RunStateReuse, RunsCutShortByLimitAndSkip) {
    // LIMIT stops its input mid-scan and mid-expansion: the next run must start from scratch.
    auto db = graph();
    std::vector<int64_t> all;
    for (const auto& r : rows(*db, "MATCH (p:Person)-[:KNOWS]->(f) WHERE p.id >= 1 AND p.id < 60 RETURN p.id, f.id"))
        all.push_back(r[0].as_int() * 10000 + r[1].as_int());
    ASSERT_GT(all.size(), 50u);
    const std::string q =
        "MATCH (p:Person)-[:KNOWS]->(f) WHERE p.id >= 1 AND p.id < 60 RETURN p.id, f.id SKIP $s LIMIT $n";
    for (int round = 0; round < 2; ++round) {
        for (int64_t n : {1, 2, 7, 0, 3, 40, 1000}) {
            for (int64_t skip : {0, 1, 5}) {
                auto out = rows(*db, q, {{"s", Value::integer(skip)}, {"n", Value::integer(n)}});
                size_t want = size_t(std::clamp<int64_t>(int64_t(all.size()) - skip, 0, n));
                ASSERT_EQ(out.size(), want) << "skip " << skip << " limit " << n;
                for (size_t k = 0; k < out.size(); ++k)
                    ASSERT_EQ(out[k][0].as_int() * 10000 + out[k][1].as_int(), all[size_t(skip) + k])
                        << "skip " << skip << " limit " << n << " row " << k;
            }
        }
        // a dense start cut short, then counted in full
        ASSERT_EQ(rows(*db, "MATCH (p:Person {id: 0})-[:KNOWS]->(f) RETURN f.id LIMIT $n", {{"n", Value::integer(5)}}).size(), 5u);
        ASSERT_EQ(rows(*db, "MATCH (p:Person {id: 0})-[:KNOWS]->(f) RETURN f.id LIMIT $n", {{"n", Value::integer(500)}}).size(), 300u);
    }
}

TEST(RunStateReuse, SortsUnwindsAndDistinctsStartAfresh) {
    auto db = graph();
    for (int round = 0; round < 3; ++round) {
        for (int64_t n : {1, 4, 0, 10}) {
            auto out = rows(*db, "MATCH (p:Person) WHERE p.id < 60 RETURN p.id ORDER BY p.id DESC SKIP $s LIMIT $n",
                            {{"s", Value::integer(2)}, {"n", Value::integer(n)}});
            ASSERT_EQ(out.size(), size_t(n));
            for (size_t k = 0; k < out.size(); ++k) ASSERT_EQ(out[k][0].as_int(), 57 - int64_t(k));
        }
        for (int64_t len : {3, 0, 7, 1}) {
            ValueList list;
            for (int64_t k = 0; k < len; ++k) list.push_back(Value::integer(k * 10));
            auto out = rows(*db, "UNWIND $xs AS x RETURN x", {{"xs", Value::list(list)}});
            ASSERT_EQ(out.size(), size_t(len));
            for (size_t k = 0; k < out.size(); ++k) ASSERT_EQ(out[k][0].as_int(), int64_t(k) * 10);
            // cut short mid-list: the next run starts its list from the beginning
            auto cut = rows(*db, "UNWIND $xs AS x RETURN x LIMIT 1", {{"xs", Value::list(list)}});
            ASSERT_EQ(cut.size(), len ? 1u : 0u);
            if (len) ASSERT_EQ(cut[0][0].as_int(), 0);
        }
        for (int64_t max : {10, 60, 3}) {
            auto out = rows(*db, "MATCH (p:Person) WHERE p.id < $max RETURN DISTINCT p.city",
                            {{"max", Value::integer(max)}});
            ASSERT_EQ(out.size(), size_t(std::min<int64_t>(max, 3)));
        }
    }
}

// The ids person i KNOWS, ascending (graph() above).
std::vector<int64_t> targets_of(int64_t i) {
    std::vector<int64_t> out;
    if (i == 0) {
        for (int64_t k = 1; k <= 300; ++k) out.push_back(1000 + k);
        return out;
    }
    for (int64_t j = i + 1; j <= std::min<int64_t>(i + i % 5, 59); ++j) out.push_back(j);
    return out;
}

std::vector<int64_t> ints(const Value& list) {
    std::vector<int64_t> out;
    for (const auto& v : list.as_list()) out.push_back(v.as_int());
    return out;
}

// An optional part, a CALL subquery and EXISTS / COUNT / COLLECT subqueries start over for every
// outer row within one run, in their reset state trees (PhysicalOperator::restart_child,
// SubplanStates): each row's answer must be its own, with sorts, limits and expansions cut short
// by the previous row starting afresh.
TEST(RunStateReuse, PerRowOptionalPartsAndSubqueriesStartAfresh) {
    auto db = graph();
    for (int round = 0; round < 3; ++round) {
        auto opt = rows(*db, "MATCH (p:Person) WHERE p.id < 60 OPTIONAL MATCH (p)-[:KNOWS]->(f) "
                             "WHERE f.id % 2 = 0 RETURN p.id AS i, count(f) AS c ORDER BY i");
        ASSERT_EQ(opt.size(), 60u);
        for (int64_t i = 0; i < 60; ++i) {
            auto t = targets_of(i);
            int64_t even = std::count_if(t.begin(), t.end(), [](int64_t x) { return x % 2 == 0; });
            ASSERT_EQ(opt[size_t(i)][1].as_int(), even) << "OPTIONAL MATCH, person " << i;
        }
        auto call = rows(*db, "MATCH (p:Person) WHERE p.id < 60 CALL (p) { MATCH (p)-[:KNOWS]->(f) "
                              "RETURN f.id AS fid ORDER BY fid DESC LIMIT 2 } "
                              "RETURN p.id AS i, collect(fid) AS top ORDER BY i");
        size_t at = 0;
        for (int64_t i = 0; i < 60; ++i) {
            auto t = targets_of(i);
            if (t.empty()) continue;
            std::vector<int64_t> top(t.rbegin(), t.rbegin() + std::min<long>(2, long(t.size())));
            ASSERT_LT(at, call.size());
            ASSERT_EQ(call[at][0].as_int(), i);
            std::vector<int64_t> got = ints(call[at][1]);
            std::sort(got.rbegin(), got.rend());
            ASSERT_EQ(got, top) << "CALL subquery, person " << i;
            ++at;
        }
        ASSERT_EQ(at, call.size());
        auto sub = rows(*db, "MATCH (p:Person) WHERE p.id < 60 RETURN p.id AS i, "
                             "COUNT { (p)-[:KNOWS]->() } AS c, "
                             "EXISTS { (p)-[:KNOWS]->(:Person {city: 'Oslo'}) } AS e, "
                             "COLLECT { MATCH (p)-[:KNOWS]->(f) RETURN f.id ORDER BY f.id LIMIT 2 } AS l "
                             "ORDER BY i");
        ASSERT_EQ(sub.size(), 60u);
        for (int64_t i = 0; i < 60; ++i) {
            auto t = targets_of(i);
            const auto& r = sub[size_t(i)];
            ASSERT_EQ(r[1].as_int(), int64_t(t.size())) << "COUNT, person " << i;
            bool oslo = i == 0 || std::any_of(t.begin(), t.end(), [](int64_t x) { return x % 3 == 0; });
            ASSERT_EQ(r[2].as_bool(), oslo) << "EXISTS, person " << i;
            std::vector<int64_t> first(t.begin(), t.begin() + std::min<long>(2, long(t.size())));
            ASSERT_EQ(ints(r[3]), first) << "COLLECT, person " << i;
        }
    }
}

// Variable-length expansions (also cut short mid-walk by LIMIT) and shortest paths, repeated
// in their reused states, answer exactly as a fresh plan does (the same text with trailing
// spaces is another cache entry, so it plans and makes its states anew).
TEST(RunStateReuse, VariableLengthAndShortestPathsStartAfresh) {
    auto db = graph();
    std::map<int64_t, int64_t> node_of;
    for (const auto& r : rows(*db, "MATCH (p:Person) WHERE p.id < 60 RETURN p.id, id(p)"))
        node_of[r[0].as_int()] = r[1].as_int();
    const std::vector<std::string> queries = {
        "MATCH (p:Person)-[:KNOWS*1..2]->(f) WHERE id(p) = $id RETURN count(f)",
        "MATCH (p:Person)-[:KNOWS*0..3]->(f) WHERE id(p) = $id RETURN f.id LIMIT 3",
        "MATCH (a:Person {id: $a}), (b:Person {id: $b}), p = shortestPath((a)-[:KNOWS*..8]->(b)) "
        "RETURN length(p)",
        "MATCH (a:Person {id: $a}), (b:Person {id: $b}), p = allShortestPaths((a)-[:KNOWS*..8]->(b)) "
        "RETURN count(p)",
        // cut short with paths still buffered: the next run must not hand out the old ones
        "MATCH (a:Person {id: $a}), (b:Person {id: $b}), p = allShortestPaths((a)-[:KNOWS*..8]->(b)) "
        "RETURN nodes(p)[0].id LIMIT 1",
    };
    int fresh = 0;
    for (int round = 0; round < 3; ++round) {
        for (int64_t i : {1, 0, 4, 13, 59, 9, 0, 24}) {
            ValueMap p{{"id", Value::integer(node_of[i])},
                       {"a", Value::integer(i)},
                       {"b", Value::integer((i * 7 + 5) % 60)}};
            for (const auto& q : queries) {
                auto reused = rows(*db, q, p);
                auto made = rows(*db, q + std::string(size_t(++fresh), ' '), p);
                ASSERT_EQ(reused.size(), made.size()) << q << " start " << i;
                for (size_t k = 0; k < made.size(); ++k)
                    ASSERT_EQ(reused[k][0].as_int(), made[k][0].as_int()) << q << " start " << i;
            }
        }
    }
}

// MERGE restarts its match and create parts for every row, FOREACH its body for every item, in
// their reset trees; UNION's branches start over in a reused plan. Every row and run must act
// on its own values.
TEST(RunStateReuse, MergeForeachAndUnionStartAfresh) {
    auto db = Database::open_memory();
    for (int round = 0; round < 3; ++round) {
        // keys 0..9 merged from 25 rows: each key's node made once, matched afterwards
        auto out = rows(*db, "UNWIND range(0, 24) AS i MERGE (k:Key {k: (i + $shift) % 10}) "
                             "ON CREATE SET k.made = $round ON MATCH SET k.seen = coalesce(k.seen, 0) + 1 "
                             "RETURN k.k AS k ORDER BY k",
                        {{"shift", Value::integer(round * 3)}, {"round", Value::integer(round)}});
        ASSERT_EQ(out.size(), 25u);
        ASSERT_EQ(single_int(*db, "MATCH (k:Key) RETURN count(k)"), 10);
        // every key was seen in 25 rows per round, less the one row that made it in round 0
        ASSERT_EQ(single_int(*db, "MATCH (k:Key) RETURN sum(k.seen)"), 25 * (round + 1) - 10);
        ASSERT_EQ(single_int(*db, "MATCH (k:Key) WHERE k.made <> 0 RETURN count(k)"), 0);
        // a relationship MERGE per row between changing pairs
        db->run("UNWIND range(0, 9) AS i MATCH (a:Key {k: i}), (b:Key {k: (i + $d) % 10}) MERGE (a)-[:NEXT {d: $d}]->(b)",
                {{"d", Value::integer(1 + round % 2)}});
        ASSERT_EQ(single_int(*db, "MATCH ()-[r:NEXT]->() RETURN count(r)"), round == 0 ? 10 : 20);
        // FOREACH: a body per item, each creating its own node
        db->run("MATCH (k:Key {k: 0}) FOREACH (x IN range(1, $n) | CREATE (k)-[:HAS]->(:Item {x: x, r: $round}))",
                {{"n", Value::integer(4 + round)}, {"round", Value::integer(round)}});
        auto items = rows(*db, "MATCH (:Key {k: 0})-[:HAS]->(i:Item {r: $round}) RETURN i.x ORDER BY i.x",
                          {{"round", Value::integer(round)}});
        ASSERT_EQ(items.size(), size_t(4 + round));
        for (size_t j = 0; j < items.size(); ++j) ASSERT_EQ(items[j][0].as_int(), int64_t(j) + 1);
        // UNION in a reused plan, both branches again in every run
        for (int64_t lo : {2, 7, 0}) {
            auto u = rows(*db, "MATCH (k:Key) WHERE k.k < $lo RETURN k.k AS v UNION ALL "
                               "MATCH (k:Key) WHERE k.k >= $lo + 8 RETURN k.k AS v",
                          {{"lo", Value::integer(lo)}});
            ASSERT_EQ(int64_t(u.size()), lo + std::max<int64_t>(0, 10 - (lo + 8))) << lo;
        }
    }
}

TEST(RunStateReuse, AFailedOrAbandonedRunLeavesNothingBehind) {
    auto db = graph();
    const std::string q = "MATCH (p:Person)-[:KNOWS]->(f) WHERE p.id = $id RETURN count(f) / $d";
    ASSERT_EQ(single_int(*db, q, {{"id", Value::integer(4)}, {"d", Value::integer(1)}}), 4);
    EXPECT_THROW(rows(*db, q, {{"id", Value::integer(4)}, {"d", Value::integer(0)}}), QuiverError);
    ASSERT_EQ(single_int(*db, q, {{"id", Value::integer(3)}, {"d", Value::integer(1)}}), 3);
    // a streaming result dropped after its first row
    const std::string all = "MATCH (p:Person)-[:KNOWS]->(f) RETURN f.id";
    for (int i = 0; i < 3; ++i) {
        auto r = db->run(all + " LIMIT 2000");
        std::vector<Value> row;
        ASSERT_TRUE(r->next(row));
    }
    EXPECT_EQ(rows(*db, all).size(), 300u + [] { int64_t n = 0; for (int64_t i = 1; i < 60; ++i) n += expected_out(i); return size_t(n); }());
}

TEST(RunStateReuse, EachRunCountsItsOwnMemory) {
    DatabaseOptions o;
    o.transaction_memory_max_bytes = 256u << 10;
    auto db = Database::open_memory(o);
    for (int b = 0; b < 50; ++b)
        db->run("UNWIND range($from, $from + 999) AS i CREATE (:N {v: i})", {{"from", Value::integer(b * 1000)}});
    // A label scan under a DISTINCT aggregation: a plan whose states are reused. Each run's
    // DISTINCT set must count against that run's own limit, reused states or not.
    const std::string q = "MATCH (n:N) WHERE n.v < $max RETURN count(DISTINCT n.v)";
    for (int i = 0; i < 5; ++i) ASSERT_EQ(single_int(*db, q, {{"max", Value::integer(2000)}}), 2000);
    EXPECT_THROW(rows(*db, q, {{"max", Value::integer(50000)}}), QuiverError);
    for (int i = 0; i < 5; ++i) ASSERT_EQ(single_int(*db, q, {{"max", Value::integer(2000)}}), 2000);
    EXPECT_THROW(rows(*db, q, {{"max", Value::integer(50000)}}), QuiverError);
    // the same for a sort's buffered rows
    const std::string top = "MATCH (n:N) WHERE n.v < $max RETURN n.v ORDER BY n.v DESC LIMIT 1";
    for (int i = 0; i < 5; ++i) ASSERT_EQ(single_int(*db, top, {{"max", Value::integer(2000)}}), 1999);
    EXPECT_THROW(rows(*db, top, {{"max", Value::integer(50000)}}), QuiverError);
    ASSERT_EQ(single_int(*db, top, {{"max", Value::integer(2000)}}), 1999);
    EXPECT_THROW(rows(*db, top, {{"max", Value::integer(50000)}}), QuiverError);
}

TEST(RunStateReuse, NamesResolvedInARolledBackTransactionAreNotKept) {
    // A token id made by a write transaction that rolls back is given to the next new name: a
    // reused state must not keep the first name's id.
    auto db = Database::open_memory();
    int64_t a = single_int(*db, "CREATE (a:P) RETURN id(a)");
    const std::string rels = "MATCH (n)-[:GHOST]->() WHERE id(n) = $id RETURN count(*)";
    const std::string nodes = "MATCH (n:Ghost) RETURN count(n)";
    {
        auto tx = db->begin(AccessMode::Write);
        tx->run("MATCH (a) WHERE id(a) = $id CREATE (a)-[:GHOST]->(:Ghost)", {{"id", Value::integer(a)}});
        std::vector<Value> row;
        auto r = tx->run(rels, {{"id", Value::integer(a)}});
        ASSERT_TRUE(r->next(row));
        ASSERT_EQ(row[0].as_int(), 1);
        r = tx->run(nodes);
        ASSERT_TRUE(r->next(row));
        ASSERT_EQ(row[0].as_int(), 1);
        tx->rollback();
    }
    db->run("MATCH (a) WHERE id(a) = $id CREATE (a)-[:OTHER]->(:Other)", {{"id", Value::integer(a)}});
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(single_int(*db, rels, {{"id", Value::integer(a)}}), 0);
        EXPECT_EQ(single_int(*db, nodes), 0);
        EXPECT_EQ(single_int(*db, "MATCH (n)-[:OTHER]->() WHERE id(n) = $id RETURN count(*)", {{"id", Value::integer(a)}}), 1);
    }
}

TEST(RunStateReuse, AKeptContextStartsEachStatementAfresh) {
    // A plan's next run takes the last run's execution context (RunKit): its counters,
    // statement clock, deleted entities and PROFILE counts must start from nothing each time.
    auto db = Database::open_memory();
    const std::string create = "CREATE (:T {k: $k})";
    for (int k = 0; k < 3; ++k) {
        auto s = db->run(create, {{"k", Value::integer(k)}})->summary();
        ASSERT_EQ(s.stats.nodes_created, 1) << k;
        ASSERT_EQ(s.stats.properties_set, 1) << k;
        ASSERT_EQ(s.stats.labels_added, 1) << k;
    }
    // The statement clock is read once per statement, not once per plan.
    const std::string now = "RETURN datetime().epochMillis AS t, datetime() = datetime() AS same";
    auto first = rows(*db, now);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    auto second = rows(*db, now);
    EXPECT_TRUE(first[0][1].as_bool());
    EXPECT_GT(second[0][0].as_int(), first[0][0].as_int());
    // A node deleted by one run is not "deleted" for the next run of the same plan, even when a
    // new node got its id.
    const std::string take = "MATCH (n:T) WHERE n.k = $k WITH n, n.k AS k DETACH DELETE n RETURN k";
    for (int k = 0; k < 3; ++k) {
        auto r = rows(*db, take, {{"k", Value::integer(k)}});
        ASSERT_EQ(r.size(), 1u) << k;
        EXPECT_EQ(r[0][0].as_int(), k);
        db->run(create, {{"k", Value::integer(k)}});  // may reuse the deleted node's id
        r = rows(*db, take, {{"k", Value::integer(k)}});
        ASSERT_EQ(r.size(), 1u) << k;
    }
    EXPECT_EQ(single_int(*db, "MATCH (n:T) RETURN count(n)"), 0);
    // PROFILE counts one run's rows, not the sum of the plan's runs.
    db->run("UNWIND range(1, 7) AS i CREATE (:P {i: i})");
    const std::string profile = "PROFILE MATCH (p:P) WHERE p.i > $min RETURN count(p)";
    auto rows_of = [](const PlanDescription& d) {
        const PlanDescription* p = &d;
        while (!p->children.empty()) p = p->children[0].get();  // the scan
        for (const auto& [k, v] : p->arguments)
            if (k == "Rows") return v.as_int();
        return int64_t(-1);
    };
    for (int i = 0; i < 3; ++i) {
        auto s = db->run(profile, {{"min", Value::integer(0)}})->summary();
        ASSERT_TRUE(s.plan);
        EXPECT_EQ(rows_of(*s.plan), 7) << i;
    }
}

TEST(RunStateReuse, ACountingExpansionCountsInBulkOnlyWhatNeedsNoTest) {
    // count() over an expansion takes the cursor's entries in bulk (ExpandCursor::count_rest)
    // when no entry needs a test; relationship uniqueness and relationships deleted by the
    // statement still need one.
    auto db = graph();
    const int64_t zero = single_int(*db, "MATCH (p:Person {id: 0}) RETURN id(p)");
    const std::string out = "MATCH (p:Person)-[:KNOWS]->(f) WHERE id(p) = $id RETURN count(f)";
    // Undirected two hops from person 3: the way back over the same relationship is not a path.
    const std::string two = "MATCH (p:Person {id: 3})-[:KNOWS]-()-[:KNOWS]-(f) RETURN count(f)";
    const int64_t paths = single_int(*db, "MATCH (p:Person {id: 3})-[r1:KNOWS]-()-[r2:KNOWS]-(f) "
                                          "WHERE r1 <> r2 RETURN count(*)");
    for (int round = 0; round < 3; ++round) {
        ASSERT_EQ(single_int(*db, out, {{"id", Value::integer(zero)}}), 300) << round;
        ASSERT_EQ(single_int(*db, two), paths) << round;
    }
    int64_t first = single_int(*db, "MATCH (p:Person {id: 3})-[:KNOWS]-(m) RETURN count(m)");
    int64_t with_back = single_int(*db, "MATCH (p:Person {id: 3})-[:KNOWS]-(m) "
                                        "RETURN sum(COUNT { (m)-[:KNOWS]-() })");
    EXPECT_GT(first, 1);
    EXPECT_EQ(paths, with_back - first);  // each first hop could go straight back
    // Relationships deleted earlier in the statement are not counted, on the dense node too.
    auto r = rows(*db, "MATCH (a:Person {id: 0})-[k:KNOWS]->(b) WHERE b.id > 1000 AND b.id <= 1100 "
                       "DELETE k WITH DISTINCT a MATCH (a)-[:KNOWS]->(c) RETURN count(c) AS n");
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0][0].as_int(), 200);
    EXPECT_EQ(single_int(*db, out, {{"id", Value::integer(zero)}}), 200);
}

TEST(RunStateReuse, ASubtreeMadeAnewDuringARunIsNotResetThroughAStaleList) {
    // A run's states are bound and reset through a pre-order list (StateList). A per-row part
    // that cannot be reset (a procedure call) is made anew for every row, freeing the states
    // the list was built over: the list must be seen as stale, and each run must answer the
    // same (under ASan, a reset through the stale list reads freed states).
    auto db = graph();
    const std::string q = "UNWIND range(1, 4) AS x CALL { WITH x CALL db.labels() YIELD label "
                          "RETURN count(label) AS n } RETURN sum(n + x) AS total";
    for (int run = 0; run < 4; ++run) EXPECT_EQ(single_int(*db, q), 4 + 10) << run;
    const std::string opt = "UNWIND range(0, 5) AS x OPTIONAL MATCH ()-[r]->() WHERE id(r) = x "
                            "RETURN count(r)";
    const int64_t rels = std::min<int64_t>(6, single_int(*db, "MATCH ()-[r]->() RETURN count(r)"));
    for (int run = 0; run < 4; ++run) EXPECT_EQ(single_int(*db, opt), rels) << run;
}

TEST(RunStateReuse, ConcurrentRunsOfOnePlan) {
    auto db = graph();
    std::map<int64_t, int64_t> node_of;
    for (const auto& r : rows(*db, "MATCH (p:Person) WHERE p.id < 60 RETURN p.id, id(p)"))
        node_of[r[0].as_int()] = r[1].as_int();
    std::atomic<int> wrong{0};
    auto worker = [&](int seed) {
        for (int k = 0; k < 600; ++k) {
            int64_t i = (k * 7 + seed) % 60;
            int64_t c = single_int(*db, "MATCH (p:Person)-[:KNOWS]->(f) WHERE id(p) = $id RETURN count(f)",
                                   {{"id", Value::integer(node_of[i])}});
            if (c != expected_out(i)) wrong.fetch_add(1);
        }
    };
    std::thread a(worker, 0), b(worker, 13), c(worker, 29);
    a.join();
    b.join();
    c.join();
    EXPECT_EQ(wrong.load(), 0);
}

}  // namespace quiver
