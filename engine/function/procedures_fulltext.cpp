// db.index.fulltext.queryNodes / queryRelationships / listAvailableAnalyzers: queries answered
// by the store's full-text indexes (storage/graph/graph_fulltext.cpp), best score first.
#include <fmt/format.h>

#include "base/error.h"
#include "function/procedure.h"
#include "storage/graph/fulltext_analyzer.h"
#include "storage/graph/graph_txn.h"

namespace quiver::function {

namespace {

constexpr const char* kProcFailed = "Neo.ClientError.Procedure.ProcedureCallFailed";

int64_t option_int(const ValueMap& opts, const char* key, int64_t dflt) {
    for (const auto& [k, v] : opts) {
        if (k != key || v.is_null()) continue;
        if (!v.is_int() || v.as_int() < 0)
            throw QuiverError(kProcFailed,
                              fmt::format("Failed to invoke procedure: option '{}' must be a "
                                          "non-negative integer", key));
        return v.as_int();
    }
    return dflt;
}

std::vector<ValueList> query(bool rels, const ValueList& a, FunctionContext& ctx) {
    if (a[0].is_null() || a[1].is_null())
        throw QuiverError(kProcFailed, "Failed to invoke procedure: index name and query must not be null");
    ValueMap opts;
    if (a.size() > 2 && a[2].kind() == ValueKind::Map) opts = a[2].as_map();
    std::string analyzer;
    for (const auto& [k, v] : opts)
        if (k == "analyzer" && v.is_string()) analyzer = v.as_string();
    auto hits = ctx.txn->fulltext_query(a[0].as_string(), rels, a[1].as_string(), analyzer);
    int64_t skip = option_int(opts, "skip", 0);
    int64_t limit = option_int(opts, "limit", -1);
    std::vector<ValueList> rows;
    for (size_t i = size_t(skip); i < hits.size(); ++i) {
        if (limit >= 0 && int64_t(rows.size()) >= limit) break;
        rows.push_back({rels ? Value::rel_ref(hits[i].id) : Value::node_ref(hits[i].id),
                        Value::float64(hits[i].score)});
    }
    return rows;
}

ProcedureField options_field() {
    ProcedureField f{"options", "MAP", true};
    f.has_default = true;
    f.default_value = Value::map({});
    return f;
}

}  // namespace

std::vector<Procedure> fulltext_procedures() {
    std::vector<Procedure> ps;
    Procedure nodes;
    nodes.name = "db.index.fulltext.queryNodes";
    nodes.inputs = {{"indexName", "STRING", false}, {"queryString", "STRING", false}, options_field()};
    nodes.outputs = {{"node", "NODE", false}, {"score", "FLOAT", false}};
    nodes.description =
        "Query the given full-text index. Returns the matching nodes, and their Lucene query score, "
        "ordered by score. Options: skip, limit, analyzer.";
    nodes.fn = [](const ValueList& a, FunctionContext& ctx) { return query(false, a, ctx); };
    ps.push_back(std::move(nodes));
    Procedure rels;
    rels.name = "db.index.fulltext.queryRelationships";
    rels.inputs = {{"indexName", "STRING", false}, {"queryString", "STRING", false}, options_field()};
    rels.outputs = {{"relationship", "RELATIONSHIP", false}, {"score", "FLOAT", false}};
    rels.description =
        "Query the given full-text index. Returns the matching relationships, and their Lucene "
        "query score, ordered by score. Options: skip, limit, analyzer.";
    rels.fn = [](const ValueList& a, FunctionContext& ctx) { return query(true, a, ctx); };
    ps.push_back(std::move(rels));
    Procedure an;
    an.name = "db.index.fulltext.listAvailableAnalyzers";
    an.outputs = {{"analyzer", "STRING", false}, {"description", "STRING", false},
                  {"stopwords", "LIST OF STRING", false}};
    an.description = "List the available analyzers that the full-text indexes can be configured with.";
    an.fn = [](const ValueList&, FunctionContext&) {
        using storage::fulltext::Analyzer;
        std::vector<ValueList> rows;
        for (Analyzer x : {Analyzer::English, Analyzer::Keyword, Analyzer::Simple,
                           Analyzer::Standard, Analyzer::Whitespace}) {
            ValueList stop;
            if (x == Analyzer::Standard || x == Analyzer::English)
                for (const auto& w : storage::fulltext::stop_words()) stop.push_back(Value::string(w));
            rows.push_back({Value::string(storage::fulltext::analyzer_name(x)),
                            Value::string(storage::fulltext::analyzer_description(x)),
                            Value::list(std::move(stop))});
        }
        return rows;
    };
    ps.push_back(std::move(an));
    return ps;
}

}  // namespace quiver::function
