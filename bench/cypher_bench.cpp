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
#include "quiver/database.h"

using namespace quiver;
using Clock = std::chrono::steady_clock;

namespace quiver::bench {
namespace {
struct Timing {
    double p50_ms, p99_ms, per_s;
};

Timing time_it(int reps, const std::function<void()>& f) {
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

int64_t single_int(Database& db, const std::string& q, const ValueMap& p = {}) {
    auto r = db.run(q, p);
    std::vector<Value> row;
    if (!r->next(row) || row.empty() || !row[0].is_int())
        throw std::runtime_error("query returned no integer: " + q);
    return row[0].as_int();
}
}  // namespace

int run_cypher(int argc, char** argv) {
    int64_t nodes = 100000, rels = 1000000;
    for (int i = 0; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--nodes" && i + 1 < argc) nodes = std::stoll(argv[++i]);
        else if (a == "--rels" && i + 1 < argc) rels = std::stoll(argv[++i]);
    }
    std::string path = (std::filesystem::temp_directory_path() / "quiver-bench-cypher.qdb").string();
    std::filesystem::remove(path);
    auto db = Database::open_file(path);
    // Generate through Cypher (UNWIND batches), deterministic endpoints.
    auto t0 = Clock::now();
    const int64_t batch = 50000;
    for (int64_t s = 0; s < nodes; s += batch)
        db->run("UNWIND range($s, $e) AS i CREATE (:Person {id: i, age: i % 100, name: 'p' + toString(i)})",
                {{"s", Value::integer(s)}, {"e", Value::integer(std::min(nodes, s + batch) - 1)}})
            ->summary();
    double t_nodes = std::chrono::duration<double>(Clock::now() - t0).count();
    // relationships: i -> (i * 7919 + k * 104729) % nodes, k = 0..deg-1
    int64_t deg = rels / nodes;
    auto t1 = Clock::now();
    for (int64_t s = 0; s < nodes; s += batch / 4)
        db->run("MATCH (a:Person) WHERE a.id >= $s AND a.id < $e "
                "UNWIND range(0, $deg - 1) AS k "
                "MATCH (b:Person {id: (a.id * 7919 + k * 104729) % $n}) "
                "CREATE (a)-[:KNOWS {since: k}]->(b)",
                {{"s", Value::integer(s)}, {"e", Value::integer(s + batch / 4)},
                 {"deg", Value::integer(deg)}, {"n", Value::integer(nodes)}})
            ->summary();
    double t_rels = std::chrono::duration<double>(Clock::now() - t1).count();
    std::printf("graph: %lld nodes, %lld relationships (Cypher load: nodes %.1f s, rels %.1f s)\n",
                (long long)nodes, (long long)(deg * nodes), t_nodes, t_rels);

    std::mt19937_64 rng(3);
    auto pick = [&]() { return Value::integer(int64_t(rng() % uint64_t(nodes))); };
    std::printf("%-44s %10s %10s %12s\n", "query", "p50 ms", "p99 ms", "ops/s");
    auto row = [&](const char* name, Timing t) {
        std::printf("%-44s %10.3f %10.3f %12.1f\n", name, t.p50_ms, t.p99_ms, t.per_s);
    };
    // checks
    int64_t total = single_int(*db, "MATCH (:Person)-[r:KNOWS]->() RETURN count(r)");
    if (total != deg * nodes) throw std::runtime_error("relationship count mismatch");

    row("point lookup by property (label scan)", time_it(20, [&] {
            if (single_int(*db, "MATCH (p:Person {id: $id}) RETURN count(p)", {{"id", pick()}}) != 1)
                throw std::runtime_error("lookup");
        }));
    row("1-hop neighbourhood count", time_it(2000, [&] {
            if (single_int(*db, "MATCH (p:Person)-[:KNOWS]->(f) WHERE id(p) = $id RETURN count(f)",
                           {{"id", pick()}}) != deg)
                throw std::runtime_error("1-hop");
        }));
    row("2-hop neighbourhood count", time_it(500, [&] {
            if (single_int(*db, "MATCH (p:Person)-[:KNOWS]->()-[:KNOWS]->(f) WHERE id(p) = $id RETURN count(f)",
                           {{"id", pick()}}) != deg * deg)
                throw std::runtime_error("2-hop");
        }));
    row("filtered aggregation over all nodes", time_it(5, [&] {
            single_int(*db, "MATCH (p:Person) WHERE p.age > 50 RETURN count(p)");
        }));
    row("variable-length path *1..2 count", time_it(500, [&] {
            single_int(*db, "MATCH (p:Person)-[:KNOWS*1..2]->(f) WHERE id(p) = $id RETURN count(f)",
                       {{"id", pick()}});
        }));
    row("full 1-hop expansion count (all nodes)", time_it(3, [&] {
            if (single_int(*db, "MATCH (:Person)-[r:KNOWS]->() RETURN count(r)") != deg * nodes)
                throw std::runtime_error("all");
        }));
    row("small write transaction (node + rel)", time_it(200, [&] {
            db->run("MATCH (b:Person) WHERE id(b) = $id CREATE (:Person {id: -1})-[:KNOWS]->(b)",
                    {{"id", pick()}})->summary();
        }));
    db.reset();
    std::filesystem::remove(path);
    return 0;
}

}  // namespace quiver::bench
