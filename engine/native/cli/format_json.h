// quiver::cli — the JSON format: the result document of Neo4j's transactional HTTP API
// (docs: /work/shared/spec/http-api.md §3.3–3.4, `row` format):
//
//   {"results":[{"columns":["n"],"data":[{"row":[{"name":"Ann"}],
//                                         "meta":[{"id":0,"elementId":"…","type":"node",
//                                                  "deleted":false}]}]}],
//    "errors":[{"code":"Neo.ClientError.Statement.SyntaxError","message":"…"}]}
//
// Row values: nodes and relationships as their property maps, paths as alternating lists of
// those maps, temporal values as ISO-8601 strings, points as GeoJSON-like objects, bytes as
// lists of integers. Meta: one entry per column; a node/relationship gets its id, elementId,
// type and deleted flag, a path the nested list of its elements' metas, a list or map the
// metas of its elements flattened into the outer list (Neo4j's quirk), temporals and points
// {"type": …}, anything else null. One document for the whole run, written by close().
#pragma once

#include <cstdio>
#include <memory>

#include "result_writer.h"

namespace quiver::cli {

struct JsonOptions {
    bool include_stats = false;  // add "stats" to every result (includeStats in the HTTP API)
    bool pretty = false;
};

class JsonWriter final : public ResultWriter {
public:
    JsonWriter(std::FILE* out, JsonOptions options);
    ~JsonWriter() override;
    void begin(const std::vector<std::string>& columns) override;
    void row(const std::vector<Value>& values) override;
    void finish(const QuerySummary& summary) override;
    void fail(const QuiverError& error, const std::string& statement) override;
    void close() override;
    // Records an error that did not come from a statement (e.g. the database did not open).
    void add_error(const std::string& code, const std::string& message);

private:
    struct Document;
    std::FILE* out_;
    JsonOptions options_;
    std::unique_ptr<Document> doc_;
};

}  // namespace quiver::cli
