// quiver-bench cypher: Cypher-level queries over a generated graph, each beside the equivalent
// raw graph-store operation where one exists, so the Cypher layer's overhead is visible.
// Every query's answer is checked against the raw computation (a wrong answer fails the run).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "fmt/format.h"
#include "pagestore/file_page_store.h"
#include "quiver/database.h"
#include "storage/graph/graph_store.h"

using namespace quiver;
using Clock = std::chrono::steady_clock;

namespace quiver::bench {
namespace {
struct Timing {
    double p50_ms, p99_ms, per_s;
};

// Runs `f` `warmup` times untimed (caches warm, plans cached), then `reps` times timed.
Timing time_it(int reps, const std::function<void()>& f, int warmup = 0) {
    for (int i = 0; i < warmup; ++i) f();
    std::vector<double> t;
    for (int i = 0; i < reps; ++i) {
        auto a = Clock::now();
        f();
        t.push_back(std::chrono::duration<double, std::milli>(Clock::now() - a).count());
    }
    std::sort(t.begin(), t.end());
    double total = 0;
    for (double x : t) total += x;
    return {t[t.size() / 2], t[std::min(t.size() - 1, t.size() * 99 / 100)], 1000.0 * reps / total};
}

// The raw-store side of the comparison: the same counts and searches, straight over the
// adjacency cursors of a read transaction (not inlined, so a profiler shows them apart).
struct RawStore {
    storage::GraphTxn& txn;
    storage::TokenId person, knows;

    [[gnu::noinline]] int64_t one_hop(int64_t start) const {
        int64_t n = 0;
        storage::AdjEntry e;
        auto c = txn.expand(start, storage::Direction::Outgoing, {&knows, 1});
        while (c.next(e)) ++n;
        return n;
    }
    // The whole of what the 1-hop statement asks of the store, as an independent request: its
    // own read transaction, the start node checked for :Person, its KNOWS relationships counted.
    [[gnu::noinline]] static int64_t one_hop_request(storage::GraphStore& s, storage::TokenId person,
                                                     storage::TokenId knows, int64_t start) {
        auto r = s.begin_read();
        if (!r->node_has_label(start, person)) return 0;
        int64_t n = 0;
        storage::AdjEntry e;
        auto c = r->expand(start, storage::Direction::Outgoing, {&knows, 1});
        while (c.next(e)) ++n;
        return n;
    }
    // Paths of exactly two KNOWS relationships (a relationship is not used twice), and with
    // `with_first` also the one-relationship paths (*1..2).
    [[gnu::noinline]] int64_t two_hop(int64_t start, bool with_first) const {
        int64_t n = 0;
        storage::AdjEntry e, f;
        auto c = txn.expand(start, storage::Direction::Outgoing, {&knows, 1});
        while (c.next(e)) {
            if (with_first) ++n;
            auto c2 = txn.expand(e.neighbor, storage::Direction::Outgoing, {&knows, 1});
            while (c2.next(f))
                if (f.rel != e.rel) ++n;
        }
        return n;
    }
    // Every :Person's outgoing KNOWS relationships (the label scan included, as in Cypher).
    int64_t all_out() const {
        int64_t n = 0;
        storage::AdjEntry e;
        storage::NodeId id;
        auto nodes = txn.scan_label(person);
        while (nodes.next(id)) {
            auto c = txn.expand(id, storage::Direction::Outgoing, {&knows, 1});
            while (c.next(e)) ++n;
        }
        return n;
    }
    // Length of a shortest undirected KNOWS path (-1: none): breadth-first from both ends,
    // one whole level of the smaller frontier at a time.
    int64_t shortest(int64_t a, int64_t b, std::vector<uint8_t>& side) const {
        if (a == b) return 0;
        std::fill(side.begin(), side.end(), 0);
        std::vector<int64_t> fa{a}, fb{b}, next;
        side[size_t(a)] = 1;
        side[size_t(b)] = 2;
        int64_t da = 0, db = 0;
        storage::AdjEntry e;
        while (!fa.empty() && !fb.empty()) {
            bool from_a = fa.size() <= fb.size();
            auto& front = from_a ? fa : fb;
            uint8_t mine = from_a ? 1 : 2, other = from_a ? 2 : 1;
            next.clear();
            for (int64_t n : front) {
                auto c = txn.expand(n, storage::Direction::Both, {&knows, 1});
                while (c.next(e)) {
                    uint8_t& s = side[size_t(e.neighbor)];
                    if (s == other) return da + db + 1;
                    if (s == 0) {
                        s = mine;
                        next.push_back(e.neighbor);
                    }
                }
            }
            front.swap(next);
            (from_a ? da : db) += 1;
        }
        return -1;
    }
};

template <class Runner>  // a Database or a Transaction; not inlined: callgrind collects inside it
[[gnu::noinline]]
int64_t single_int(Runner& db, const std::string& q, const ValueMap& p = {}) {
    auto r = db.run(q, p);
    std::vector<Value> row;
    if (!r->next(row) || row.empty() || !row[0].is_int())
        throw std::runtime_error("query returned no integer: " + q);
    return row[0].as_int();
}
}  // namespace

int run_cypher(int argc, char** argv) {
    int64_t nodes = 100000, rels = 1000000, reps = 1000;
    std::string only_query;
    bool in_transaction = false;  // --query runs in one read transaction, not auto-commit
    bool relaxed = false;         // --relaxed: the Cypher side opens the file in relaxed mode
    for (int i = 0; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--nodes" && i + 1 < argc) nodes = std::stoll(argv[++i]);
        else if (a == "--rels" && i + 1 < argc) rels = std::stoll(argv[++i]);
        else if (a == "--query" && i + 1 < argc) only_query = argv[++i];
        else if (a == "--reps" && i + 1 < argc) reps = std::stoll(argv[++i]);
        else if (a == "--in-transaction") in_transaction = true;
        else if (a == "--relaxed") relaxed = true;
    }
    std::string path = (std::filesystem::temp_directory_path() / "quiver-bench-cypher.qdb").string();
    std::filesystem::remove(path);
    // The graph is loaded through the store (the storage benchmark measures loading); the
    // queries below then run through Cypher on the reopened file. Relationship i -> f(i, k):
    // every Person has exactly `deg` outgoing KNOWS relationships.
    int64_t deg = std::max<int64_t>(1, rels / nodes);
    std::mt19937_64 rng(3);
    // The same start nodes and node pairs for the raw and the Cypher side; the raw answers
    // check the Cypher ones.
    // Every per-start workload runs once over all starts untimed (warm caches and plans), then
    // kRounds times over them timed; the raw side the same way.
    const int kStarts = 50, kPairs = 20, kRounds = 10;
    std::vector<int64_t> starts, pair_a, pair_b, hop1(kStarts), hop2(kStarts), var12(kStarts),
        sp_len(kPairs);
    for (int i = 0; i < kStarts; ++i) starts.push_back(int64_t(rng() % uint64_t(nodes)));
    for (int i = 0; i < kPairs; ++i) {
        int64_t a = int64_t(rng() % uint64_t(nodes)), b = int64_t(rng() % uint64_t(nodes));
        if (a == b) b = (b + 1) % nodes;
        pair_a.push_back(a);
        pair_b.push_back(b);
    }
    Timing raw_1hop{}, raw_1hop_request{}, raw_2hop{}, raw_var{}, raw_full{}, raw_sp{};
    {
        storage::StoreOptions so;
        auto s = storage::GraphStore::open(pagestore::open_file_store(path, false, true), so);
        auto w = s->begin_write();
        storage::TokenId person = w->label("Person"), knows = w->rel_type("KNOWS");
        storage::TokenId kid = w->property_key("id"), kage = w->property_key("age"),
                         kname = w->property_key("name"), ksince = w->property_key("since");
        for (int64_t i = 0; i < nodes; ++i)
            w->create_node(std::span<const storage::TokenId>(&person, 1),
                           {{kid, Value::integer(i)}, {kage, Value::integer(i % 100)},
                            {kname, Value::string("p" + std::to_string(i))}});
        for (int64_t i = 0; i < nodes; ++i)
            for (int64_t k = 0; k < deg; ++k)
                w->create_rel(i, (i * 7919 + k * 104729) % nodes, knows, {{ksince, Value::integer(k)}});
        s->commit(*w);
        w.reset();
        auto r = s->begin_read();
        RawStore raw{*r, person, knows};
        int i = 0;
        auto next = [&] { return size_t(i++ % kStarts); };
        raw_1hop = time_it(kStarts * kRounds, [&] { size_t k = next(); hop1[k] = raw.one_hop(starts[k]); }, kStarts);
        raw_1hop_request = time_it(kStarts * kRounds, [&] {
            size_t k = next();
            if (RawStore::one_hop_request(*s, person, knows, starts[k]) != hop1[k])
                throw std::runtime_error("raw 1-hop request");
        }, kStarts);
        raw_2hop = time_it(kStarts * kRounds, [&] { size_t k = next(); hop2[k] = raw.two_hop(starts[k], false); }, kStarts);
        raw_var = time_it(kStarts * kRounds, [&] { size_t k = next(); var12[k] = raw.two_hop(starts[k], true); }, kStarts);
        raw_full = time_it(5, [&] {
            if (raw.all_out() != deg * nodes) throw std::runtime_error("raw full expansion");
        }, 1);
        std::vector<uint8_t> side(static_cast<size_t>(nodes), 0);
        i = 0;
        raw_sp = time_it(kPairs, [&] {
            sp_len[size_t(i)] = raw.shortest(pair_a[size_t(i)], pair_b[size_t(i)], side);
            ++i;
        });
    }
    DatabaseOptions db_opts;
    if (relaxed) db_opts.durability = Durability::Relaxed;
    auto db = Database::open_file(path, db_opts);
    std::printf("graph: %lld :Person nodes, %lld :KNOWS relationships\n", (long long)nodes,
                (long long)(deg * nodes));

    auto pick = [&]() { return Value::integer(int64_t(rng() % uint64_t(nodes))); };
    std::printf("%-44s %10s %10s %12s\n", "query", "p50 ms", "p99 ms", "ops/s");
    auto row = [&](const char* name, Timing t) {
        std::printf("%-44s %10.3f %10.3f %12.1f\n", name, t.p50_ms, t.p99_ms, t.per_s);
    };
    // A Cypher row, then the raw-store row of the same work with the Cypher/raw ratio (p50).
    // The raw-store line under a Cypher row: the same work straight over the store, and the
    // Cypher/raw ratio (p50).
    auto raw_line = [&](const char* name, Timing cypher, Timing raw) {
        std::printf("%-44s %10.3f %10.3f %12.1f   Cypher/raw %.1fx\n", name, raw.p50_ms, raw.p99_ms,
                    raw.per_s, raw.p50_ms > 0 ? cypher.p50_ms / raw.p50_ms : 0.0);
    };
    auto row_vs_raw = [&](const char* name, Timing cypher, Timing raw) {
        row(name, cypher);
        raw_line("  same, raw store", cypher, raw);
    };
    if (!only_query.empty()) {
        // --query Q --reps N: only Q, N times, $id taking the start nodes in turn; for
        // callgrind --toggle-collect='*single_int*' (docs/benchmarks.md shows the use).
        int64_t sum = 0;
        auto tx = in_transaction ? db->begin(AccessMode::Read) : nullptr;
        for (int64_t k = 0; k < reps; ++k) {
            ValueMap p{{"id", Value::integer(starts[size_t(k % kStarts)])}};
            sum += tx ? single_int(*tx, only_query, p) : single_int(*db, only_query, p);
        }
        if (tx) tx->commit();
        std::printf("%lld runs, sum of answers %lld\n", (long long)reps, (long long)sum);
        return 0;
    }
    // checks
    int64_t total = single_int(*db, "MATCH (:Person)-[r:KNOWS]->() RETURN count(r)");
    if (total != deg * nodes) throw std::runtime_error("relationship count mismatch");

    row("point lookup by property (label scan)", time_it(10, [&] {
            if (single_int(*db, "MATCH (p:Person {id: $id}) RETURN count(p)", {{"id", pick()}}) != 1)
                throw std::runtime_error("lookup");
        }));
    // The same lookups through the seeks the planner chooses (checked with EXPLAIN).
    db->run("CREATE INDEX person_id FOR (p:Person) ON (p.id)")->summary();
    auto leaf_operator = [&](const std::string& q) {
        auto s = db->run("EXPLAIN " + q)->summary();
        const PlanDescription* p = s.plan.get();
        while (p && !p->children.empty()) p = p->children[0].get();
        return p ? p->operator_type : std::string();
    };
    const std::string by_prop = "MATCH (p:Person {id: $id}) RETURN count(p)";
    const std::string by_id = "MATCH (p) WHERE id(p) = $id RETURN count(p)";
    if (leaf_operator(by_prop) != "NodeIndexSeek" || leaf_operator(by_id) != "NodeByIdSeek")
        throw std::runtime_error("the lookups do not use seeks");
    row("point lookup by indexed property (seek)", time_it(200, [&] {
            if (single_int(*db, by_prop, {{"id", pick()}}) != 1) throw std::runtime_error("seek");
        }));
    row("lookup by id (NodeByIdSeek)", time_it(200, [&] {
            if (single_int(*db, by_id, {{"id", pick()}}) != 1) throw std::runtime_error("by id");
        }));
    int at = 0;
    // The parameters of the next start node and the raw answer for it.
    auto start = [&] { return ValueMap{{"id", Value::integer(starts[size_t(at % kStarts)])}}; };
    auto expect = [&](const std::vector<int64_t>& raw) { return raw[size_t(at++ % kStarts)]; };
    Timing cypher_1hop = time_it(kStarts * kRounds, [&] {
        int64_t c = single_int(*db, "MATCH (p:Person)-[:KNOWS]->(f) WHERE id(p) = $id RETURN count(f)",
                               start());
        if (c != expect(hop1)) throw std::runtime_error("1-hop");
    }, kStarts);
    row_vs_raw("1-hop neighbourhood count (id filter)", cypher_1hop, raw_1hop);
    // The raw store doing all of the statement's work as a request (own read transaction,
    // label check): what the Cypher layer adds to an auto-commit point query.
    raw_line("  same, raw request (txn + label check)", cypher_1hop, raw_1hop_request);
    {
        // The raw side reads every start in one snapshot: the same for Cypher, statements in
        // one read transaction (no snapshot, registry entry or plan check per statement).
        at = 0;
        auto tx = db->begin(AccessMode::Read);
        row_vs_raw("  1-hop, in one read transaction", time_it(kStarts * kRounds, [&] {
                int64_t c = single_int(*tx, "MATCH (p:Person)-[:KNOWS]->(f) WHERE id(p) = $id RETURN count(f)",
                                       start());
                if (c != expect(hop1)) throw std::runtime_error("1-hop in a transaction");
            }, kStarts), raw_1hop);
        tx->commit();
    }
    at = 0;
    row_vs_raw("2-hop neighbourhood count (id filter)", time_it(kStarts * kRounds, [&] {
            int64_t c = single_int(*db, "MATCH (p:Person)-[:KNOWS]->()-[:KNOWS]->(f) WHERE id(p) = $id RETURN count(f)",
                                   start());
            if (c != expect(hop2)) throw std::runtime_error("2-hop");
        }, kStarts), raw_2hop);
    row("filtered aggregation over all nodes", time_it(5, [&] {
            single_int(*db, "MATCH (p:Person) WHERE p.age > 50 RETURN count(p)");
        }));
    at = 0;
    row_vs_raw("variable-length path *1..2 count", time_it(kStarts * kRounds, [&] {
            int64_t c = single_int(*db, "MATCH (p:Person)-[:KNOWS*1..2]->(f) WHERE id(p) = $id RETURN count(f)",
                                   start());
            if (c != expect(var12)) throw std::runtime_error("*1..2");
        }, kStarts), raw_var);
    row_vs_raw("full 1-hop expansion count (all nodes)", time_it(5, [&] {
            if (single_int(*db, "MATCH (:Person)-[r:KNOWS]->() RETURN count(r)") != deg * nodes)
                throw std::runtime_error("all");
        }, 1), raw_full);
    at = 0;
    row_vs_raw("shortestPath between two random nodes", time_it(kPairs, [&] {
            auto r = db->run("MATCH (a), (b) WHERE id(a) = $a AND id(b) = $b "
                             "MATCH p = shortestPath((a)-[:KNOWS*]-(b)) RETURN length(p)",
                             {{"a", Value::integer(pair_a[size_t(at)])}, {"b", Value::integer(pair_b[size_t(at)])}});
            std::vector<Value> out;
            int64_t len = r->next(out) && !out.empty() && out[0].is_int() ? out[0].as_int() : -1;
            if (len != sp_len[size_t(at++)]) throw std::runtime_error("shortestPath length");
        }), raw_sp);
    row("small write transaction (node + rel)", time_it(50, [&] {
            db->run("MATCH (b:Person) WHERE id(b) = $id CREATE (:Person {id: -1})-[:KNOWS]->(b)",
                    {{"id", pick()}})->summary();
        }));
    db.reset();
    std::filesystem::remove(path);
    return 0;
}

}  // namespace quiver::bench
