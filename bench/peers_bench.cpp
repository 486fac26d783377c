// quiver-bench peers: Quiver native's side of `bench/run peers` (bench/peers/run.mjs).
// Loads the generated CSV data set (manifest.txt, written by bench/peers/gen.mjs) through the
// graph store API in one write transaction, indexes every label's `id` through Cypher, then
// answers a line protocol on stdin so the Node harness can interleave it with the other systems:
//   Q <tab> <cypher>                 -> "ok"           (remembers the query text, numbered from 0)
//   R <tab> <query#> <tab> name=int  -> "<ms> <tab> <row> <rs> <row> ..."  values joined by \x1f
//   (an error answers "ERR <tab> <message>")
// Only the engine call and the draining of the rows are timed.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "pagestore/file_page_store.h"
#include "quiver/database.h"
#include "storage/graph/graph_store.h"

using namespace quiver;
using Clock = std::chrono::steady_clock;

namespace quiver::bench {
namespace {

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == sep) {
            out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    out.push_back(cur);
    return out;
}

struct Column {
    std::string name;
    bool is_int;
};

// "name:int" / "name:string"
std::vector<Column> parse_columns(const std::vector<std::string>& words, size_t from) {
    std::vector<Column> cols;
    for (size_t i = from; i < words.size(); ++i) {
        auto c = words[i].find(':');
        cols.push_back({words[i].substr(0, c), words[i].substr(c + 1) == "int"});
    }
    return cols;
}

Value cell(const std::string& text, bool is_int) {
    return is_int ? Value::integer(std::stoll(text)) : Value::string(text);
}

// Loads every file of the manifest; returns the number of nodes + relationships.
int64_t load(const std::string& dir, const std::string& db_path, std::vector<std::string>& labels) {
    storage::StoreOptions so;
    auto store = storage::GraphStore::open(pagestore::open_file_store(db_path, false, true), so);
    auto w = store->begin_write();
    std::unordered_map<std::string, std::vector<storage::NodeId>> ids;  // label -> csv id -> node
    std::ifstream manifest(dir + "/manifest.txt");
    if (!manifest) throw std::runtime_error("no manifest.txt in " + dir);
    int64_t count = 0;
    std::string line;
    while (std::getline(manifest, line)) {
        auto words = split(line, ' ');
        if (words.size() < 3) continue;
        bool node = words[0] == "node";
        size_t file_at = node ? 2 : 4;
        auto cols = parse_columns(words, file_at + 1);
        std::vector<storage::TokenId> keys;
        for (auto& c : cols) keys.push_back(w->property_key(c.name));
        std::ifstream csv(dir + "/" + words[file_at]);
        std::string row;
        std::getline(csv, row);  // header
        if (node) {
            storage::TokenId label = w->label(words[1]);
            labels.push_back(words[1]);
            auto& map = ids[words[1]];
            while (std::getline(csv, row)) {
                auto cells = split(row, ',');
                storage::PropertyList props;
                for (size_t i = 0; i < cols.size(); ++i) props.emplace_back(keys[i], cell(cells[i], cols[i].is_int));
                int64_t id = std::stoll(cells[0]);
                if (int64_t(map.size()) <= id) map.resize(id + 1, -1);
                map[id] = w->create_node(std::span<const storage::TokenId>(&label, 1), props);
                ++count;
            }
        } else {
            storage::TokenId type = w->rel_type(words[1]);
            auto& from = ids[words[2]];
            auto& to = ids[words[3]];
            while (std::getline(csv, row)) {
                auto cells = split(row, ',');
                storage::PropertyList props;
                for (size_t i = 0; i < cols.size(); ++i)
                    props.emplace_back(keys[i], cell(cells[i + 2], cols[i].is_int));
                w->create_rel(from.at(std::stoll(cells[0])), to.at(std::stoll(cells[1])), type, props);
                ++count;
            }
        }
    }
    store->commit(*w);
    return count;
}

void append_value(std::string& out, const Value& v) {
    if (v.is_null()) out += "null";
    else if (v.is_bool()) out += v.as_bool() ? "true" : "false";
    else if (v.is_int()) out += std::to_string(v.as_int());
    else if (v.is_float()) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.6g", v.as_float());
        out += buf;
    } else if (v.is_string()) out += v.as_string();
    else out += "<value>";
}

}  // namespace

int run_peers(int argc, char** argv) {
    bool keep = false;  // --keep: leave the loaded file behind (for EXPLAIN/PROFILE with the CLI)
    std::string dir, db_path = (std::filesystem::temp_directory_path() / "quiver-bench-peers.qdb").string();
    for (int i = 0; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--data" && i + 1 < argc) dir = argv[++i];
        else if (a == "--db" && i + 1 < argc) db_path = argv[++i];
        else if (a == "--keep") keep = true;
    }
    if (dir.empty()) throw std::runtime_error("usage: quiver-bench peers --data DIR [--db FILE] [--keep]");
    std::filesystem::remove(db_path);
    std::filesystem::remove(db_path + "-wal");
    std::vector<std::string> labels;
    auto t0 = Clock::now();
    int64_t n = load(dir, db_path, labels);
    auto db = Database::open_file(db_path);
    for (auto& l : labels) db->run("CREATE INDEX FOR (n:" + l + ") ON (n.id)")->summary();
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    std::cout << "loaded\t" << ms << "\t" << n << std::endl;

    std::vector<std::string> queries;
    std::string line;
    while (std::getline(std::cin, line)) {
        auto parts = split(line, '\t');
        if (parts[0] == "Q" && parts.size() == 2) {
            queries.push_back(parts[1]);
            std::cout << "ok" << std::endl;
            continue;
        }
        if (parts[0] != "R" || parts.size() < 2) {
            std::cout << "ERR\tbad request" << std::endl;
            continue;
        }
        ValueMap params;
        for (size_t i = 2; i < parts.size(); ++i) {
            auto eq = parts[i].find('=');
            params.emplace_back(parts[i].substr(0, eq), Value::integer(std::stoll(parts[i].substr(eq + 1))));
        }
        std::string out;
        try {
            const std::string& q = queries.at(std::stoul(parts[1]));
            auto a = Clock::now();
            auto r = db->run(q, params);
            std::vector<std::vector<Value>> rows;
            std::vector<Value> row;
            while (r->next(row)) rows.push_back(row);
            r->summary();
            double took = std::chrono::duration<double, std::milli>(Clock::now() - a).count();
            out = std::to_string(took) + "\t";
            for (size_t i = 0; i < rows.size(); ++i) {
                if (i) out += '\x1e';
                for (size_t j = 0; j < rows[i].size(); ++j) {
                    if (j) out += '\x1f';
                    append_value(out, rows[i][j]);
                }
            }
        } catch (const std::exception& e) {
            out = std::string("ERR\t") + e.what();
            for (char& c : out)
                if (c == '\n') c = ' ';
        }
        std::cout << out << std::endl;
    }
    db.reset();
    if (!keep) std::filesystem::remove(db_path);
    return 0;
}

}  // namespace quiver::bench
