// quiver-bench storage: the foundation benchmark (docs/benchmarks.md).
// Builds a random graph natively through the graph store (N nodes, M relationships, a few
// labels and types, small properties on nodes, none on relationships) in a real file and
// reports: bulk insert rate, file bytes per node and per relationship, cold open time, point
// lookup by id, warm 1-hop and 2-hop expansion throughput, small-commit latency.
//
//   quiver-bench storage [--nodes N] [--rels M] [--page-size B] [--dir D] [--json]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "fmt/format.h"
#include "pagestore/file_page_store.h"
#include "storage/graph/graph_store.h"

using namespace quiver;
using namespace quiver::storage;
using Clock = std::chrono::steady_clock;

namespace quiver::bench {
int run_storage(int argc, char** argv);
}

namespace {
double secs(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
}
uint64_t file_size(const std::string& p) { return std::filesystem::file_size(p); }

}  // namespace

int quiver::bench::run_storage(int argc, char** argv) {
    uint64_t nodes = 100000, rels = 1000000;
    uint32_t page = 16384;
    std::string dir = std::filesystem::temp_directory_path().string();
    bool json = false;
    for (int i = 0; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&]() { return std::string(i + 1 < argc ? argv[++i] : ""); };
        if (a == "--nodes") nodes = std::stoull(next());
        else if (a == "--rels") rels = std::stoull(next());
        else if (a == "--page-size") page = uint32_t(std::stoul(next()));
        else if (a == "--dir") dir = next();
        else if (a == "--json") json = true;
    }
    std::string path = dir + fmt::format("/quiver-bench-{}.qdb", page);
    std::filesystem::remove(path);
    StoreOptions o;
    o.page_size = page;
    std::mt19937_64 rng(7);
    const char* label_names[] = {"Person", "Company", "City", "Tag"};
    const char* type_names[] = {"KNOWS", "WORKS_AT", "LIVES_IN", "LIKES"};

    double t_nodes, t_rels;
    uint64_t size_empty, size_nodes, size_all;
    {
        auto s = GraphStore::open(pagestore::open_file_store(path, false, true), o);
        size_empty = file_size(path);
        auto t0 = Clock::now();
        const uint64_t batch = 50000, rel_batch = 1000000;
        for (uint64_t done = 0; done < nodes;) {
            auto w = s->begin_write();
            TokenId ls[4], name = w->property_key("name"), age = w->property_key("age");
            for (int i = 0; i < 4; ++i) ls[i] = w->label(label_names[i]);
            for (uint64_t i = 0; i < batch && done < nodes; ++i, ++done) {
                TokenId l = ls[rng() % 4];
                w->create_node(std::span<const TokenId>(&l, 1),
                               {{name, Value::string(fmt::format("n{}", done))},
                                {age, Value::integer(int64_t(rng() % 100))}});
            }
            s->commit(*w);
        }
        auto t1 = Clock::now();
        size_nodes = file_size(path);
        for (uint64_t done = 0; done < rels;) {
            auto w = s->begin_write();
            TokenId ts[4];
            for (int i = 0; i < 4; ++i) ts[i] = w->rel_type(type_names[i]);
            for (uint64_t i = 0; i < rel_batch && done < rels; ++i, ++done)
                w->create_rel(NodeId(rng() % nodes), NodeId(rng() % nodes), ts[rng() % 4], {});
            s->commit(*w);
        }
        auto t2 = Clock::now();
        size_all = file_size(path);
        t_nodes = secs(t0, t1);
        t_rels = secs(t1, t2);
    }
    // cold open
    auto t3 = Clock::now();
    auto s = GraphStore::open(pagestore::open_file_store(path, false, false), o);
    auto first = s->begin_read();
    uint64_t count = first->node_count();
    auto t4 = Clock::now();
    first.reset();
    if (count != nodes) {
        fprintf(stderr, "node count mismatch %llu\n", (unsigned long long)count);
        return 1;
    }
    auto r = s->begin_read();
    // warm 1-hop: expand every node (both directions) — warm-up pass, then the timed pass
    uint64_t scanned = 0;
    auto hop1 = [&]() {
        uint64_t n = 0;
        AdjEntry e;
        for (uint64_t id = 0; id < nodes; ++id) {
            auto c = r->expand(NodeId(id), Direction::Both);
            while (c.next(e)) ++n;
        }
        return n;
    };
    hop1();
    auto t5 = Clock::now();
    scanned = hop1();
    auto t6 = Clock::now();
    // 2-hop from 2000 random nodes (outgoing, then outgoing)
    uint64_t scanned2 = 0;
    auto t7 = Clock::now();
    for (int i = 0; i < 2000; ++i) {
        auto c = r->expand(NodeId(rng() % nodes), Direction::Outgoing);
        AdjEntry e, f;
        while (c.next(e)) {
            ++scanned2;
            auto c2 = r->expand(e.neighbor, Direction::Outgoing);
            while (c2.next(f)) ++scanned2;
        }
    }
    auto t8 = Clock::now();
    // point lookup by id (labels + one property)
    TokenId name = *r->find_property_key("name");
    const int lookups = 200000;
    uint64_t sink = 0;
    auto t9 = Clock::now();
    for (int i = 0; i < lookups; ++i) {
        NodeId id = NodeId(rng() % nodes);
        sink += r->node_labels(id).size();
        sink += r->node_property(id, name).as_string().size();
    }
    auto t10 = Clock::now();
    r.reset();
    // small commit latency (strict durability: two fsyncs)
    std::vector<double> lat;
    for (int i = 0; i < 100; ++i) {
        auto a = Clock::now();
        auto w = s->begin_write();
        NodeId n = w->create_node({}, {});
        w->create_rel(n, NodeId(rng() % nodes), w->rel_type("KNOWS"), {});
        s->commit(*w);
        lat.push_back(secs(a, Clock::now()) * 1000);
    }
    std::sort(lat.begin(), lat.end());

    // bytes per relationship: file growth of the relationship phase (no properties)
    double bpn = double(size_nodes - size_empty) / double(nodes);
    double bpr = double(size_all - size_nodes) / double(rels);
    double insert_rate = double(nodes + rels) / (t_nodes + t_rels);
    auto line = [&](const char* k, double v, const char* unit) {
        if (!json) printf("%-34s %14.2f %s\n", k, v, unit);
    };
    if (json) {
        printf("{\"page_size\":%u,\"nodes\":%llu,\"rels\":%llu,\"insert_per_s\":%.0f,"
               "\"node_insert_per_s\":%.0f,\"rel_insert_per_s\":%.0f,\"bytes_per_node\":%.1f,"
               "\"bytes_per_rel\":%.1f,\"cold_open_ms\":%.2f,\"lookup_us\":%.3f,"
               "\"hop1_rels_per_s\":%.0f,\"hop2_rels_per_s\":%.0f,\"commit_p50_ms\":%.3f,"
               "\"commit_p99_ms\":%.3f,\"file_mb\":%.1f}\n",
               page, (unsigned long long)nodes, (unsigned long long)rels, insert_rate,
               nodes / t_nodes, rels / t_rels, bpn, bpr, secs(t3, t4) * 1000,
               secs(t9, t10) * 1e6 / lookups, scanned / secs(t5, t6), scanned2 / secs(t7, t8),
               lat[50], lat[98], size_all / 1048576.0);
    } else {
        printf("page size %u, %llu nodes, %llu relationships, file %s\n", page,
               (unsigned long long)nodes, (unsigned long long)rels, path.c_str());
        line("bulk insert (nodes+rels)", insert_rate, "items/s");
        line("  nodes", nodes / t_nodes, "nodes/s");
        line("  relationships", rels / t_rels, "rels/s");
        line("file bytes per node (2 props)", bpn, "B");
        line("file bytes per relationship", bpr, "B (no props, both directions)");
        line("cold open to first read", secs(t3, t4) * 1000, "ms");
        line("point lookup by id", secs(t9, t10) * 1e6 / lookups, "us (labels + 1 property)");
        line("warm 1-hop expansion", scanned / secs(t5, t6), "rels/s");
        line("2-hop expansion", scanned2 / secs(t7, t8), "rels/s");
        line("small commit p50 (strict)", lat[50], "ms");
        line("small commit p99 (strict)", lat[98], "ms");
    }
    if (sink == 42) printf(" ");
    std::filesystem::remove(path);
    return 0;
}

