// Index procedures: quiver.internal.showIndexes, the rows of SHOW INDEXES
// (main/show_commands.cpp rewrites the command into a CALL of it), and Neo4j's
// db.awaitIndexes / db.awaitIndex. Indexes are populated synchronously when they are created,
// so every index is ONLINE and the await procedures return at once (an unknown name fails as
// in Neo4j).
#include <fmt/format.h>

#include <algorithm>

#include "base/error.h"
#include "function/lookup_indexes.h"
#include "function/procedure.h"
#include "storage/graph/graph_txn.h"

namespace quiver::function {

const char* index_type_name(storage::IndexKind k) {
    switch (k) {
        case storage::IndexKind::Text: return "TEXT";
        case storage::IndexKind::Point: return "POINT";
        default: return "RANGE";
    }
}

const char* index_provider_name(storage::IndexKind k) {
    switch (k) {
        case storage::IndexKind::Text: return "text-2.0";
        case storage::IndexKind::Point: return "point-1.0";
        default: return "range-1.0";
    }
}

namespace {

Value index_config(storage::IndexKind k) {
    if (k != storage::IndexKind::Point) return Value::map({});
    auto box = [](std::vector<double> v) {
        std::vector<Value> l;
        for (double d : v) l.push_back(Value::float64(d));
        return Value::list(std::move(l));
    };
    return Value::map({{"spatial.cartesian-3d.max", box({1000000.0, 1000000.0, 1000000.0})},
                       {"spatial.cartesian-3d.min", box({-1000000.0, -1000000.0, -1000000.0})},
                       {"spatial.cartesian.max", box({1000000.0, 1000000.0})},
                       {"spatial.cartesian.min", box({-1000000.0, -1000000.0})},
                       {"spatial.wgs-84-3d.max", box({180.0, 90.0, 1000000.0})},
                       {"spatial.wgs-84-3d.min", box({-180.0, -90.0, -1000000.0})},
                       {"spatial.wgs-84.max", box({180.0, 90.0})},
                       {"spatial.wgs-84.min", box({-180.0, -90.0})}});
}

std::string quoted(const std::string& n) {
    std::string s = "`";
    for (char c : n) s += c == '`' ? std::string("``") : std::string(1, c);
    return s + "`";
}

std::string join(const std::vector<std::string>& v, const char* sep) {
    std::string s;
    for (size_t i = 0; i < v.size(); ++i) s += (i ? sep : "") + v[i];
    return s;
}

// Every index (the two built-in token lookup indexes with ids 1 and 2 as in a new Neo4j 5
// database, range/text/point, then full-text), all SHOW INDEXES columns, ordered by name.
std::vector<ValueList> show_indexes(storage::GraphTxn& txn) {
    std::vector<std::pair<std::string, ValueList>> rows;
    for (bool rel : {false, true})
        rows.emplace_back(lookup_index_name(rel), lookup_index_row(rel, rel ? 2 : 1));
    const int64_t first_id = 3;
    auto list = txn.indexes();
    for (size_t i = 0; i < list.size(); ++i) {
        const auto& ix = list[i];
        std::string entity = ix.relationship ? txn.rel_type_name(ix.entity) : txn.label_name(ix.entity);
        ValueList props;
        std::string on;
        const char* var = ix.relationship ? "r" : "n";
        for (size_t k = 0; k < ix.keys.size(); ++k) {
            const std::string& key = txn.property_key_name(ix.keys[k]);
            props.push_back(Value::string(key));
            on += fmt::format("{}{}.`{}`", k ? ", " : "", var, key);
        }
        std::string pattern = ix.relationship ? fmt::format("()-[r:`{}`]-()", entity)
                                              : fmt::format("(n:`{}`)", entity);
        ValueList row = {
            Value::integer(int64_t(i) + first_id), Value::string(ix.name), Value::string("ONLINE"),
            Value::float64(100.0), Value::string(index_type_name(ix.kind)),
            Value::string(ix.relationship ? "RELATIONSHIP" : "NODE"),
            Value::list({Value::string(entity)}), Value::list(std::move(props)),
            Value::string(index_provider_name(ix.kind)),
            ix.owning_constraint.empty() ? Value::null() : Value::string(ix.owning_constraint),
            Value::null(), Value::integer(0), Value::null(),
            Value::map({{"indexConfig", index_config(ix.kind)},
                        {"indexProvider", Value::string(index_provider_name(ix.kind))}}),
            Value::string(""),
            Value::string(fmt::format("CREATE {} INDEX `{}` FOR {} ON ({})",
                                      index_type_name(ix.kind), ix.name, pattern, on))};
        rows.emplace_back(ix.name, std::move(row));
    }
    auto fts = txn.fulltext_indexes();
    for (size_t i = 0; i < fts.size(); ++i) {
        const auto& ix = fts[i];
        ValueList toks, keys;
        std::vector<std::string> tq, kq;
        for (auto t : ix.tokens) {
            const std::string& n = ix.relationships ? txn.rel_type_name(t) : txn.label_name(t);
            toks.push_back(Value::string(n));
            tq.push_back(quoted(n));
        }
        for (auto k : ix.keys) {
            const std::string& n = txn.property_key_name(k);
            keys.push_back(Value::string(n));
            kq.push_back((ix.relationships ? "r." : "n.") + quoted(n));
        }
        std::string pattern = ix.relationships ? "()-[r:" + join(tq, "|") + "]-()"
                                               : "(n:" + join(tq, "|") + ")";
        Value config = Value::map(
            {{"fulltext.analyzer", Value::string(ix.analyzer)},
             {"fulltext.eventually_consistent", Value::boolean(ix.eventually_consistent)}});
        ValueList row = {
            Value::integer(int64_t(list.size() + i) + first_id), Value::string(ix.name),
            Value::string("ONLINE"), Value::float64(100.0), Value::string("FULLTEXT"),
            Value::string(ix.relationships ? "RELATIONSHIP" : "NODE"), Value::list(std::move(toks)),
            Value::list(std::move(keys)), Value::string("fulltext-1.0"), Value::null(),
            Value::null(), Value::integer(0), Value::null(),
            Value::map({{"indexConfig", config}, {"indexProvider", Value::string("fulltext-1.0")}}),
            Value::string(""),
            Value::string(fmt::format(
                "CREATE FULLTEXT INDEX {} FOR {} ON EACH [{}] OPTIONS {{indexConfig: "
                "{{`fulltext.analyzer`: '{}', `fulltext.eventually_consistent`: {}}}, "
                "indexProvider: 'fulltext-1.0'}}",
                quoted(ix.name), pattern, join(kq, ", "), ix.analyzer,
                ix.eventually_consistent ? "true" : "false"))};
        rows.emplace_back(ix.name, std::move(row));
    }
    std::sort(rows.begin(), rows.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<ValueList> out;
    for (auto& r : rows) out.push_back(std::move(r.second));
    return out;
}

bool index_exists(storage::GraphTxn& txn, const std::string& name) {
    if (name == kNodeLookupIndexName || name == kRelLookupIndexName) return true;
    for (const auto& ix : txn.indexes())
        if (ix.name == name) return true;
    for (const auto& ix : txn.fulltext_indexes())
        if (ix.name == name) return true;
    return false;
}

}  // namespace

std::vector<Procedure> index_procedures() {
    std::vector<Procedure> ps;

    Procedure show;
    show.name = "quiver.internal.showIndexes";
    show.mode = ProcedureMode::Dbms;
    show.outputs = {{"id", "INTEGER"},           {"name", "STRING"},
                    {"state", "STRING"},         {"populationPercent", "FLOAT"},
                    {"type", "STRING"},          {"entityType", "STRING"},
                    {"labelsOrTypes", "LIST OF STRING"}, {"properties", "LIST OF STRING"},
                    {"indexProvider", "STRING"}, {"owningConstraint", "STRING"},
                    {"lastRead", "ANY"},         {"readCount", "INTEGER"},
                    {"trackedSince", "ANY"},     {"options", "MAP"},
                    {"failureMessage", "STRING"}, {"createStatement", "STRING"}};
    show.description = "SHOW INDEXES";
    show.fn = [](const ValueList&, FunctionContext& ctx) { return show_indexes(*ctx.txn); };
    ps.push_back(std::move(show));

    Procedure all;
    all.name = "db.awaitIndexes";
    all.inputs = {{"timeOutSeconds", "INTEGER", false, true, Value::integer(300)}};
    all.description =
        "Wait for all indexes to come online (for example: CALL db.awaitIndexes(300)).";
    all.fn = [](const ValueList&, FunctionContext&) { return std::vector<ValueList>{}; };
    ps.push_back(std::move(all));

    Procedure one;
    one.name = "db.awaitIndex";
    one.inputs = {{"indexName", "STRING", false},
                  {"timeOutSeconds", "INTEGER", false, true, Value::integer(300)}};
    one.description = "Wait for an index to come online (for example: CALL "
                      "db.awaitIndex(\"MyIndex\", 300)).";
    one.fn = [](const ValueList& args, FunctionContext& ctx) {
        const std::string& name = args[0].as_string();
        if (!index_exists(*ctx.txn, name))
            throw QuiverError("Neo.ClientError.Schema.IndexNotFound",
                              fmt::format("No such index '{}'", name));
        return std::vector<ValueList>{};
    };
    ps.push_back(std::move(one));
    return ps;
}

}  // namespace quiver::function
