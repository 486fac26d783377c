// Data-driven Cypher tests: every file tests/cypher/<area>/*.test runs on a fresh in-memory
// database, one GoogleTest case per file (slow tier: *.slow.test, run only when
// QUIVER_SLOW_TESTS is set).
//
// File format (blocks are separated by blank lines; '#' starts a comment line):
//
//   statement ok                       the query must succeed
//   CREATE (:A {x: 1})                 query text: one or more lines
//   ----                               optional: expected summary, space-separated key=value
//   nodes_created=1 labels_added=1 properties_set=1 type=w
//
//   statement error <Neo4j code> [<TCK detail>]
//   MATCH (n RETURN n                  the query must fail with that status code (and detail)
//   ----                               optional: a substring of the error message
//   Invalid input
//
//   query [rowsort]                    the query must succeed and return exactly these rows;
//   MATCH (n:A) RETURN n.x AS x        rowsort compares the rows as a sorted multiset
//   ----
//   x                                  first line: the column names joined by " | "
//   1                                  then one line per row, cells joined by " | " in literal
//                                      form: 'str', 1, 1.5, true, null, [1, 2], {a: 1},
//                                      (:L {k: 'v'}), [:T {k: 1}], <(:A)-[:T]->(:B)>
//
//   plan                               EXPLAIN the query: each expected line must occur in the
//   MATCH (n:A {x: 1}) RETURN n        plan's shape, operator types with children in
//   ----                               parentheses, e.g. "ProduceResults(NodeIndexSeek)"
//   NodeIndexSeek                      ("!Name": Name must not occur)
//
//   param <name> = <Cypher expression> sets a parameter for the following statements
//                                      (evaluated with RETURN <expression>)
//   reset params                       clears all parameters
//
// Keys of the summary line: the QueryStats counter names and `type` (r, w, rw, s); counters not
// listed must be 0 when the line is present.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/error.h"
#include "quiver/database.h"
#include "value/value_ops.h"

namespace fs = std::filesystem;

namespace {

fs::path tests_root() {
    if (const char* env = std::getenv("QUIVER_CYPHER_TESTS")) return env;
    return fs::path(__FILE__).parent_path().parent_path().parent_path() / "cypher";
}

std::vector<std::string> list_test_files() {
    std::vector<std::string> out;
    fs::path root = tests_root();
    if (!fs::exists(root)) return out;
    bool slow = std::getenv("QUIVER_SLOW_TESTS") != nullptr;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
        if (!e.is_regular_file() || e.path().extension() != ".test") continue;
        std::string name = e.path().filename().string();
        if (!slow && name.size() > 10 && name.find(".slow.test") != std::string::npos) continue;
        out.push_back(fs::relative(e.path(), root).generic_string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string trim(const std::string& s) {
    size_t b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos) return "";
    size_t e = s.find_last_not_of(" \t\r");
    return s.substr(b, e - b + 1);
}

std::string format_row(const std::vector<quiver::Value>& row) {
    std::string out;
    for (size_t i = 0; i < row.size(); ++i) out += (i ? " | " : "") + quiver::to_literal_string(row[i]);
    return out;
}

std::string format_stats(const quiver::QuerySummary& s, const std::string& only_keys) {
    const auto& c = s.stats;
    std::vector<std::pair<std::string, int64_t>> all = {
        {"nodes_created", c.nodes_created},
        {"nodes_deleted", c.nodes_deleted},
        {"relationships_created", c.relationships_created},
        {"relationships_deleted", c.relationships_deleted},
        {"properties_set", c.properties_set},
        {"labels_added", c.labels_added},
        {"labels_removed", c.labels_removed},
        {"indexes_added", c.indexes_added},
        {"indexes_removed", c.indexes_removed},
        {"constraints_added", c.constraints_added},
        {"constraints_removed", c.constraints_removed},
    };
    std::string out;
    for (const auto& [k, v] : all)
        if (v) out += (out.empty() ? "" : " ") + k + "=" + std::to_string(v);
    if (only_keys.find("type=") != std::string::npos)
        out += (out.empty() ? "" : " ") + std::string("type=") + s.query_type;
    return out;
}

// Canonical form of an expected summary line: counters sorted as format_stats prints them.
std::string canonical_stats(const std::string& line) {
    std::istringstream in(line);
    std::vector<std::string> order = {"nodes_created", "nodes_deleted", "relationships_created",
                                      "relationships_deleted", "properties_set", "labels_added",
                                      "labels_removed", "indexes_added", "indexes_removed",
                                      "constraints_added", "constraints_removed", "type"};
    std::vector<std::pair<std::string, std::string>> kv;
    std::string tok;
    while (in >> tok) {
        auto eq = tok.find('=');
        kv.emplace_back(tok.substr(0, eq), eq == std::string::npos ? "" : tok.substr(eq + 1));
    }
    std::string out;
    for (const auto& k : order)
        for (const auto& [a, b] : kv)
            if (a == k && b != "0") out += (out.empty() ? "" : " ") + a + "=" + b;
    return out;
}

struct Block {
    int line = 0;
    std::string header;
    std::string query;
    bool has_expected = false;
    std::vector<std::string> expected;
};

std::vector<Block> read_blocks(const fs::path& file) {
    std::ifstream in(file);
    std::vector<Block> blocks;
    std::string line;
    int n = 0;
    Block cur;
    enum { Idle, Query, Expected } mode = Idle;
    auto finish = [&]() {
        if (mode != Idle) blocks.push_back(cur);
        cur = Block{};
        mode = Idle;
    };
    while (std::getline(in, line)) {
        ++n;
        std::string t = trim(line);
        if (mode == Idle) {
            if (t.empty() || t[0] == '#') continue;
            cur.line = n;
            cur.header = t;
            if (t.rfind("param ", 0) == 0 || t == "reset params") {
                blocks.push_back(cur);
                cur = Block{};
                continue;
            }
            mode = Query;
            continue;
        }
        if (mode == Query) {
            if (t.empty()) {
                finish();
            } else if (t == "----") {
                cur.has_expected = true;
                mode = Expected;
            } else {
                cur.query += (cur.query.empty() ? "" : "\n") + line;
            }
            continue;
        }
        if (t.empty()) finish();
        else cur.expected.push_back(t);
    }
    finish();
    return blocks;
}

// "ProduceResults(Filter(NodeByLabelScan))": operator types, children in parentheses.
std::string plan_shape(const quiver::PlanDescription& p) {
    std::string s = p.operator_type;
    if (p.children.empty()) return s;
    s += "(";
    for (size_t i = 0; i < p.children.size(); ++i) s += (i ? ", " : "") + plan_shape(*p.children[i]);
    return s + ")";
}

class CypherFileTest : public ::testing::TestWithParam<std::string> {};

TEST_P(CypherFileTest, Run) {
    fs::path file = tests_root() / GetParam();
    auto blocks = read_blocks(file);
    ASSERT_FALSE(blocks.empty()) << "no blocks in " << file;
    auto db = quiver::Database::open_memory();
    quiver::ValueMap params;
    for (const auto& b : blocks) {
        std::string where = GetParam() + ":" + std::to_string(b.line);
        SCOPED_TRACE(where);
        if (b.header == "reset params") {
            params.clear();
            continue;
        }
        if (b.header.rfind("param ", 0) == 0) {
            std::string rest = b.header.substr(6);
            auto eq = rest.find('=');
            ASSERT_NE(eq, std::string::npos) << where << ": param needs '='";
            std::string name = trim(rest.substr(0, eq));
            auto res = db->run("RETURN " + rest.substr(eq + 1) + " AS v");
            std::vector<quiver::Value> row;
            ASSERT_TRUE(res->next(row));
            params.erase(std::remove_if(params.begin(), params.end(),
                                        [&](auto& kv) { return kv.first == name; }),
                         params.end());
            params.emplace_back(name, row[0]);
            continue;
        }
        std::istringstream hs(b.header);
        std::string kind, arg1, arg2;
        hs >> kind >> arg1 >> arg2;
        if (kind == "statement" && arg1 == "error") {
            try {
                auto res = db->run(b.query, params);
                res->summary();
                ADD_FAILURE() << where << ": expected error " << arg2 << " but the query succeeded:\n"
                              << b.query;
            } catch (const quiver::QuiverError& e) {
                std::string code;
                std::string detail;
                std::istringstream rest(b.header.substr(std::string("statement error").size()));
                rest >> code >> detail;
                EXPECT_EQ(e.code(), code) << where << ": " << e.message() << "\n" << b.query;
                if (!detail.empty()) {
                    EXPECT_EQ(e.tck_detail(), detail) << where << ": " << e.message();
                }
                for (const auto& sub : b.expected)
                    EXPECT_NE(e.message().find(sub), std::string::npos)
                        << where << ": message '" << e.message() << "' lacks '" << sub << "'";
            }
            continue;
        }
        std::unique_ptr<quiver::Result> res;
        bool plan = kind == "plan";
        try {
            res = db->run(plan ? "EXPLAIN " + b.query : b.query, params);
        } catch (const quiver::QuiverError& e) {
            ADD_FAILURE() << where << ": unexpected error " << e.code() << " (" << e.tck_detail()
                          << "): " << e.message() << "\n" << b.query;
            continue;
        }
        if (plan) {
            auto summary = res->summary();
            ASSERT_TRUE(summary.plan) << where;
            std::string shape = plan_shape(*summary.plan);
            for (const auto& e : b.expected) {
                if (e[0] == '!')
                    EXPECT_EQ(shape.find(e.substr(1)), std::string::npos)
                        << where << ": plan " << shape << " has " << e << "\n" << b.query;
                else
                    EXPECT_NE(shape.find(e), std::string::npos)
                        << where << ": plan " << shape << " lacks " << e << "\n" << b.query;
            }
            continue;
        }
        if (kind == "statement") {
            EXPECT_EQ(arg1, "ok") << where << ": unknown block header '" << b.header << "'";
            auto summary = res->summary();
            if (b.has_expected && !b.expected.empty()) {
                EXPECT_EQ(format_stats(summary, b.expected[0]), canonical_stats(b.expected[0]))
                    << where << "\n" << b.query;
            }
            continue;
        }
        ASSERT_EQ(kind, "query") << where << ": unknown block header '" << b.header << "'";
        bool rowsort = arg1 == "rowsort";
        std::vector<std::string> actual;
        std::vector<quiver::Value> row;
        while (res->next(row)) actual.push_back(format_row(row));
        std::string cols;
        for (size_t i = 0; i < res->columns().size(); ++i) cols += (i ? " | " : "") + res->columns()[i];
        ASSERT_FALSE(b.expected.empty()) << where << ": query block needs a column line";
        EXPECT_EQ(cols, b.expected[0]) << where << ": columns\n" << b.query;
        std::vector<std::string> expected(b.expected.begin() + 1, b.expected.end());
        if (rowsort) {
            std::sort(actual.begin(), actual.end());
            std::sort(expected.begin(), expected.end());
        }
        std::string a, e;
        for (const auto& r : actual) a += r + "\n";
        for (const auto& r : expected) e += r + "\n";
        EXPECT_EQ(a, e) << where << ": rows\n" << b.query;
    }
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
    std::string s = info.param;
    for (auto& c : s)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    return s;
}

INSTANTIATE_TEST_SUITE_P(Files, CypherFileTest, ::testing::ValuesIn(list_test_files()), test_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(CypherFileTest);

// The data-driven files are found through this source file's path: if that ever resolves
// elsewhere (e.g. a compiler cache rewriting __FILE__ to a relative path), fail loudly instead
// of running zero files.
TEST(CypherFiles, TheTestDirectoryIsFound) {
    EXPECT_GT(list_test_files().size(), 50u) << "no .test files under " << tests_root();
}

}  // namespace
