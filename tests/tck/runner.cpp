#include "runner.h"

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "base/error.h"
#include "function/procedure.h"
#include "pagestore/memory_page_store.h"
#include "quiver/database.h"
#include "storage/graph/graph_store.h"
#include "tck_value.h"
#include "value/value_ops.h"

namespace quiver::tck {

namespace {
// Lets the harness open a second, read-only view of the database's bytes to measure side
// effects straight from the storage layer (HARNESS.md §9), without any engine hook.
class SharedStore final : public pagestore::PageStore {
public:
    explicit SharedStore(pagestore::MemoryPageStore* s) : s_(s) {}
    uint64_t size() override { return s_->size(); }
    void read(uint64_t o, uint8_t* b, size_t n) override { s_->read(o, b, n); }
    void write(uint64_t o, const uint8_t* b, size_t n) override { s_->write(o, b, n); }
    void sync() override {}
    void truncate(uint64_t n) override { s_->truncate(n); }
    std::string describe() const override { return "memory"; }

private:
    pagestore::MemoryPageStore* s_;
};

struct GraphState {
    std::set<int64_t> nodes, rels;
    std::set<std::string> labels;
    std::multiset<std::string> props;
};

GraphState measure(pagestore::MemoryPageStore* mem) {
    using namespace storage;
    GraphState g;
    StoreOptions o;
    o.read_only = true;
    o.buffer_pool_bytes = 1 << 20;
    auto s = GraphStore::open(std::make_unique<SharedStore>(mem), o);
    auto r = s->begin_read();
    auto c = r->scan_nodes();
    NodeId n;
    while (c.next(n)) {
        g.nodes.insert(n);
        for (TokenId l : r->node_labels(n)) g.labels.insert(r->label_name(l));
        for (auto& [k, v] : r->node_properties(n))
            g.props.insert("n" + std::to_string(n) + "|" + r->property_key_name(k) + "|" +
                           tval_print(from_engine(v)));
        auto e = r->expand(n, Direction::Outgoing);
        AdjEntry ae;
        while (e.next(ae)) {
            g.rels.insert(ae.rel);
            for (auto& [k, v] : r->rel_properties(ae.rel))
                g.props.insert("r" + std::to_string(ae.rel) + "|" + r->property_key_name(k) + "|" +
                               tval_print(from_engine(v)));
        }
    }
    return g;
}

template <class S>
std::pair<int64_t, int64_t> diff(const S& before, const S& after) {
    int64_t plus = 0, minus = 0;
    S a = after, b = before;
    for (auto& x : before) {
        auto it = a.find(x);
        if (it != a.end()) a.erase(it);
        else ++minus;
    }
    plus = int64_t(a.size());
    return {plus, minus};
}

// "name(in :: TYPE?, ...) :: (out :: TYPE?, ...)" -> fields (HARNESS.md §5).
bool parse_fields(const std::string& text, std::vector<function::ProcedureField>& out) {
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ',')) {
        auto trim = [](std::string x) {
            size_t a = x.find_first_not_of(" \t"), b = x.find_last_not_of(" \t");
            return a == std::string::npos ? std::string() : x.substr(a, b - a + 1);
        };
        item = trim(item);
        if (item.empty()) continue;
        size_t sep = item.find("::");
        if (sep == std::string::npos) return false;
        function::ProcedureField f;
        f.name = trim(item.substr(0, sep));
        f.type = trim(item.substr(sep + 2));
        f.nullable = !f.type.empty() && f.type.back() == '?';
        if (f.nullable) f.type.pop_back();
        out.push_back(std::move(f));
    }
    return true;
}

bool register_table_procedure(std::string sig, const std::vector<std::vector<std::string>>& table,
                              std::string& why) {
    while (!sig.empty() && sig.back() == ' ') sig.pop_back();
    static const std::regex sig_re(R"(^\s*([A-Za-z0-9_.]+)\((.*)\)\s*::\s*\((.*)\)$)");
    std::smatch m;
    if (!std::regex_match(sig, m, sig_re)) {
        why = "cannot parse procedure signature " + sig;
        return false;
    }
    function::Procedure p;
    p.name = m[1];
    p.description = "test procedure";
    if (!parse_fields(m[2], p.inputs) || !parse_fields(m[3], p.outputs)) {
        why = "cannot parse procedure fields " + sig;
        return false;
    }
    std::vector<ValueList> rows;
    for (size_t i = 1; i < table.size(); ++i) {
        ValueList r;
        for (const auto& cell : table[i]) r.push_back(to_engine(parse_tck_value(cell)));
        rows.push_back(std::move(r));
    }
    const size_t n_in = p.inputs.size();
    p.fn = [rows, n_in](const ValueList& args, function::FunctionContext&) {
        std::vector<ValueList> out;
        for (const auto& r : rows) {
            bool match = r.size() >= n_in;
            for (size_t i = 0; match && i < n_in && i < args.size(); ++i) {
                if (r[i].is_null() || args[i].is_null()) match = r[i].is_null() && args[i].is_null();
                else match = cypher_equals(r[i], args[i]) == Tri::True;
            }
            if (match) out.emplace_back(r.begin() + long(n_in), r.end());
        }
        return out;
    };
    function::register_test_procedure(std::move(p));
    return true;
}

std::string tck_type_of(const QuiverError& e) {
    std::string t = e.tck_type();
    if (t == "ProcedureNotFound" || t == "ProcedureCallFailed") return "ProcedureError";
    return t;
}

struct QueryOutcome {
    bool ok = false;
    std::vector<std::string> columns;
    std::vector<std::vector<Value>> rows;
    std::string err_type, err_phase, err_detail, err_message;
};

QueryOutcome run_query(Database& db, const std::string& q, const ValueMap& params) {
    QueryOutcome out;
    try {
        auto res = db.run(q, params);
        out.columns = res->columns();
        std::vector<Value> row;
        while (res->next(row)) out.rows.push_back(row);
        res->summary();
        out.ok = true;
    } catch (const QuiverError& e) {
        out.err_type = tck_type_of(e);
        out.err_phase = e.phase() == ErrorPhase::CompileTime ? "compile time" : "runtime";
        out.err_detail = e.tck_detail();
        out.err_message = e.code() + ": " + e.message();
    }
    return out;
}

bool matches(const ErrorExpect& x, const QueryOutcome& q) {
    bool type = x.type == "Error" || x.type == q.err_type;
    bool phase = x.phase == "any time" || x.phase == q.err_phase;
    bool detail = x.detail == "*" || q.err_detail == "*" || x.detail == q.err_detail;
    return type && phase && detail;
}

std::string row_text(const std::vector<TVal>& r) {
    std::string s = "|";
    for (auto& v : r) s += " " + tval_print(v) + " |";
    return s;
}
}  // namespace

PickleResult run_pickle(const Pickle& p, const RunOptions& opts) {
    PickleResult res;
    auto mem_owned = std::make_unique<pagestore::MemoryPageStore>();
    pagestore::MemoryPageStore* mem = mem_owned.get();
    DatabaseOptions dbo;
    dbo.buffer_pool_bytes = 4 << 20;
    std::unique_ptr<Database> db;
    try {
        db = Database::open_store(std::make_unique<SharedStore>(mem), dbo);
    } catch (const std::exception& e) {
        res.outcome = Outcome::Crash;
        res.message = std::string("cannot open database: ") + e.what();
        return res;
    }
    function::clear_test_procedures();
    ValueMap params;
    GraphState before;
    bool measured = false;
    QueryOutcome last;
    bool have_result = false;
    bool side_effects_checked = false;
    static const std::regex raised(R"(^an? (.+) should be raised at (.+): (.+)$)");
    static const std::regex graph_re(R"(^the (.*) graph$)");
    static const std::regex proc_re(R"(^there exists a procedure (.+):$)");
    auto fail = [&](const Step& s, const std::string& why) {
        res.outcome = Outcome::Fail;
        res.message = "line " + std::to_string(s.line) + " '" + s.text + "': " + why;
        return res;
    };
    std::smatch m;
    try {
        for (size_t si = 0; si < p.steps.size(); ++si) {
            const Step& s = p.steps[si];
            const std::string& t = s.text;
            if (t == "an empty graph" || t == "any graph") continue;
            if (std::regex_match(t, m, graph_re)) {
                std::string name = m[1];
                std::ifstream f(opts.graphs_dir + "/" + name + "/" + name + ".cypher");
                if (!f) return fail(s, "unknown graph " + name);
                std::stringstream ss;
                ss << f.rdbuf();
                std::string q = ss.str();
                while (!q.empty() && (q.back() == '\n' || q.back() == ' ' || q.back() == ';')) q.pop_back();
                auto r = run_query(*db, q, {});
                if (!r.ok) {
                    res.outcome = Outcome::SetupFail;
                    res.message = "graph setup failed: " + r.err_message;
                    return res;
                }
                continue;
            }
            if (t == "having executed:") {
                auto r = run_query(*db, s.doc, params);
                if (!r.ok) {
                    res.outcome = Outcome::SetupFail;
                    res.message = "setup query failed: " + r.err_message;
                    return res;
                }
                continue;
            }
            if (t == "parameters are:") {
                for (auto& row : s.table) {
                    if (row.size() != 2) return fail(s, "parameter row must have 2 cells");
                    Value v = to_engine(parse_tck_value(row[1]));
                    bool set = false;
                    for (auto& [k, old] : params)
                        if (k == row[0]) {
                            old = v;
                            set = true;
                        }
                    if (!set) params.emplace_back(row[0], v);
                }
                continue;
            }
            if (std::regex_match(t, m, proc_re)) {
                std::string why;
                if (!register_table_procedure(m[1], s.table, why)) return fail(s, why);
                continue;
            }
            if (t.rfind("there exists a CSV file", 0) == 0) return fail(s, "CSV files are not supported yet");
            if (t == "executing query:") {
                before = measure(mem);
                measured = true;
                last = run_query(*db, s.doc, params);
                have_result = true;
                continue;
            }
            if (t == "executing control query:") {
                last = run_query(*db, s.doc, params);
                have_result = true;
                continue;
            }
            bool in_order = t == "the result should be, in order:" ||
                            t == "the result should be, in order (ignoring element order for lists):";
            bool any_order = t == "the result should be, in any order:" ||
                             t == "the result should be (ignoring element order for lists):";
            if (in_order || any_order) {
                bool unordered_lists = t.find("ignoring element order") != std::string::npos;
                if (!have_result) return fail(s, "no query ran");
                if (!last.ok) return fail(s, "expected rows, got error " + last.err_message);
                if (s.table.empty()) return fail(s, "missing table");
                const auto& head = s.table[0];
                if (head != last.columns) {
                    std::string got;
                    for (auto& c : last.columns) got += c + ", ";
                    return fail(s, "columns differ; got: " + got);
                }
                std::vector<std::vector<TVal>> expected, actual;
                for (size_t r = 1; r < s.table.size(); ++r) {
                    std::vector<TVal> row;
                    for (auto& c : s.table[r]) row.push_back(parse_tck_value(c));
                    expected.push_back(row);
                }
                for (auto& r : last.rows) {
                    std::vector<TVal> row;
                    for (auto& v : r) row.push_back(from_engine(v));
                    actual.push_back(row);
                }
                auto row_eq = [&](const std::vector<TVal>& e, const std::vector<TVal>& a) {
                    if (e.size() != a.size()) return false;
                    for (size_t i = 0; i < e.size(); ++i)
                        if (!tval_equal(e[i], a[i], unordered_lists)) return false;
                    return true;
                };
                if (expected.size() != actual.size())
                    return fail(s, "expected " + std::to_string(expected.size()) + " rows, got " +
                                       std::to_string(actual.size()) +
                                       (actual.empty() ? "" : "; first: " + row_text(actual[0])));
                if (in_order) {
                    for (size_t i = 0; i < expected.size(); ++i)
                        if (!row_eq(expected[i], actual[i]))
                            return fail(s, "row " + std::to_string(i) + " expected " +
                                               row_text(expected[i]) + " got " + row_text(actual[i]));
                } else {
                    std::vector<bool> used(actual.size());
                    for (auto& e : expected) {
                        bool found = false;
                        for (size_t j = 0; j < actual.size(); ++j)
                            if (!used[j] && row_eq(e, actual[j])) {
                                used[j] = found = true;
                                break;
                            }
                        if (!found) return fail(s, "missing row " + row_text(e));
                    }
                }
                continue;
            }
            if (t == "the result should be empty") {
                if (!have_result) return fail(s, "no query ran");
                if (!last.ok) return fail(s, "expected empty result, got error " + last.err_message);
                if (!last.columns.empty() || !last.rows.empty())
                    return fail(s, "expected no columns and no rows, got " +
                                       std::to_string(last.columns.size()) + " columns, " +
                                       std::to_string(last.rows.size()) + " rows");
                continue;
            }
            if (std::regex_match(t, m, raised)) {
                res.expected_error = true;
                if (!have_result) return fail(s, "no query ran");
                if (last.ok) return fail(s, "expected an error, got " + std::to_string(last.rows.size()) + " rows");
                ErrorExpect x{m[1], m[2], m[3]};
                bool exact = matches(x, last);
                bool ok = exact;
                for (auto& alt : opts.extra_accept) ok = ok || matches(alt, last);
                if (!ok)
                    return fail(s, "expected " + x.type + " at " + x.phase + ": " + x.detail + ", got " +
                                       last.err_type + " at " + last.err_phase + ": " +
                                       last.err_detail + " (" + last.err_message + ")");
                res.error_exact = true;
                // implicit "no side effects" unless the next step checks them
                bool next_checks = si + 1 < p.steps.size() &&
                                   (p.steps[si + 1].text == "the side effects should be:" ||
                                    p.steps[si + 1].text == "no side effects");
                if (!next_checks && measured) {
                    GraphState after = measure(mem);
                    if (after.nodes != before.nodes || after.rels != before.rels ||
                        after.labels != before.labels || after.props != before.props)
                        return fail(s, "a failed query changed the graph");
                }
                continue;
            }
            if (t == "the side effects should be:" || t == "no side effects") {
                if (!measured) return fail(s, "no query was measured");
                side_effects_checked = true;
                GraphState after = measure(mem);
                std::map<std::string, int64_t> got;
                auto [np, nm] = diff(before.nodes, after.nodes);
                auto [rp, rm] = diff(before.rels, after.rels);
                auto [lp, lm] = diff(before.labels, after.labels);
                auto [pp, pm] = diff(before.props, after.props);
                got["+nodes"] = np, got["-nodes"] = nm, got["+relationships"] = rp,
                got["-relationships"] = rm, got["+labels"] = lp, got["-labels"] = lm,
                got["+properties"] = pp, got["-properties"] = pm;
                std::map<std::string, int64_t> want;
                for (auto& k : got) want[k.first] = 0;
                for (auto& row : s.table) {
                    if (row.size() != 2) return fail(s, "bad side-effect row");
                    if (!want.count(row[0])) return fail(s, "unknown side effect " + row[0]);
                    want[row[0]] = std::stoll(row[1]);
                }
                if (want != got) {
                    std::string g;
                    for (auto& [k, v] : got)
                        if (v) g += k + "=" + std::to_string(v) + " ";
                    return fail(s, "side effects differ; got: " + (g.empty() ? "none" : g));
                }
                continue;
            }
            return fail(s, "unknown step");
        }
    } catch (const std::exception& e) {
        res.outcome = Outcome::Crash;
        res.message = std::string("harness/engine exception: ") + e.what();
        return res;
    }
    (void)side_effects_checked;
    res.outcome = Outcome::Pass;
    return res;
}

}  // namespace quiver::tck
