#include "format_json.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "result_json/value_json.h"

namespace quiver::cli {

using result_json::Json;

struct JsonWriter::Document {
    Json results = Json::array();
    Json errors = Json::array();
    Json notifications = Json::array();  // of every statement, at the top as in the HTTP API
    Json current;  // the result being built; null between statements
};

JsonWriter::JsonWriter(std::FILE* out, JsonOptions options)
    : out_(out), options_(options), doc_(std::make_unique<Document>()) {}

JsonWriter::~JsonWriter() = default;

void JsonWriter::begin(const std::vector<std::string>& columns) {
    doc_->current = {{"columns", columns}, {"data", Json::array()}};
}

void JsonWriter::row(const std::vector<Value>& values) {
    Json row = Json::array();
    Json meta = Json::array();
    for (const auto& v : values) {
        row.push_back(result_json::row_json(v));
        result_json::append_meta(meta, v);
    }
    doc_->current["data"].push_back({{"row", std::move(row)}, {"meta", std::move(meta)}});
}

void JsonWriter::finish(const QuerySummary& summary) {
    if (doc_->current.is_null()) begin({});
    if (options_.include_stats) doc_->current["stats"] = result_json::stats_json(summary.stats, true);
    for (const auto& n : summary.notifications)
        doc_->notifications.push_back(result_json::notification_json(n));
    doc_->results.push_back(std::move(doc_->current));
    doc_->current = nullptr;
}

void JsonWriter::fail(const QuiverError& error, const std::string&) {
    // Rows streamed before a runtime failure stay visible, as in the HTTP API.
    if (!doc_->current.is_null()) doc_->results.push_back(std::move(doc_->current));
    doc_->current = nullptr;
    Json e = {{"code", error.code()}, {"message", error.message()}};
    const SourcePosition& pos = error.position();
    if (pos.known())
        e["position"] = {{"offset", pos.offset}, {"line", pos.line}, {"column", pos.column}};
    doc_->errors.push_back(std::move(e));
}

void JsonWriter::add_error(const std::string& code, const std::string& message) {
    doc_->errors.push_back({{"code", code}, {"message", message}});
}

void JsonWriter::close() {
    Json doc = {{"results", std::move(doc_->results)}, {"errors", std::move(doc_->errors)}};
    if (!doc_->notifications.empty()) doc["notifications"] = std::move(doc_->notifications);
    std::string text = doc.dump(options_.pretty ? 2 : -1, ' ', false, Json::error_handler_t::replace);
    text += '\n';
    std::fwrite(text.data(), 1, text.size(), out_);
    std::fflush(out_);
    doc_ = std::make_unique<Document>();
}

}  // namespace quiver::cli
