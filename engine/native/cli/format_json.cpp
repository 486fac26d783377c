#include "format_json.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "temporal_text.h"

namespace quiver::cli {

using Json = nlohmann::ordered_json;

namespace {

Json row_value(const Value& v);

Json properties_json(const ValueMap& props) {
    Json obj = Json::object();
    for (const auto& [k, v] : props) obj[k] = row_value(v);
    return obj;
}

Json point_json(const PointValue& p) {
    Json coords = Json::array({p.x, p.y});
    if (p.has_z()) coords.push_back(p.z);
    bool geographic = p.srid == 4326 || p.srid == 4979;
    std::string href = fmt::format("http://spatialreference.org/ref/{}/{}/ogcwkt/",
                                   geographic ? "epsg" : "sr-org", p.srid);
    Json crs = {{"srid", p.srid},
                {"name", crs_name(p.srid)},
                {"type", "link"},
                {"properties", {{"href", href}, {"type", "ogcwkt"}}}};
    return {{"type", "Point"}, {"coordinates", coords}, {"crs", crs}};
}

Json row_value(const Value& v) {
    switch (v.kind()) {
        case ValueKind::Null: return nullptr;
        case ValueKind::Bool: return v.as_bool();
        case ValueKind::Int: return v.as_int();
        case ValueKind::Float: return v.as_float();
        case ValueKind::String: return v.as_string();
        case ValueKind::Bytes: {
            Json arr = Json::array();
            for (char c : v.as_bytes()) arr.push_back(int(static_cast<signed char>(c)));
            return arr;
        }
        case ValueKind::List: {
            Json arr = Json::array();
            for (const auto& item : v.as_list()) arr.push_back(row_value(item));
            return arr;
        }
        case ValueKind::Map: return properties_json(v.as_map());
        case ValueKind::Node:
            return v.is_entity_ref() ? Json::object() : properties_json(v.as_node().properties);
        case ValueKind::Relationship:
            return v.is_entity_ref() ? Json::object() : properties_json(v.as_rel().properties);
        case ValueKind::Path: {
            Json arr = Json::array();
            const PathObj& p = v.as_path();
            for (size_t i = 0; i < p.nodes.size(); ++i) {
                arr.push_back(row_value(p.nodes[i]));
                if (i < p.rels.size()) arr.push_back(row_value(p.rels[i]));
            }
            return arr;
        }
        case ValueKind::Point: return point_json(v.as_point());
        default: return temporal_text(v);
    }
}

Json entity_meta(int64_t id, const std::string& element_id, const char* type) {
    Json m = {{"id", id}};
    if (!element_id.empty()) m["elementId"] = element_id;
    m["type"] = type;
    m["deleted"] = false;
    return m;
}

const char* temporal_meta_type(ValueKind k) {
    switch (k) {
        case ValueKind::Date: return "date";
        case ValueKind::LocalTime: return "localtime";
        case ValueKind::Time: return "time";
        case ValueKind::LocalDateTime: return "localdatetime";
        case ValueKind::DateTime: return "datetime";
        case ValueKind::Duration: return "duration";
        case ValueKind::Point: return "point";
        default: return nullptr;
    }
}

// Appends the meta entries of one value: lists and maps contribute their elements' entries.
void append_meta(Json& metas, const Value& v) {
    switch (v.kind()) {
        case ValueKind::Node:
            metas.push_back(entity_meta(v.node_id(),
                                        v.is_entity_ref() ? "" : v.as_node().element_id, "node"));
            return;
        case ValueKind::Relationship:
            metas.push_back(entity_meta(
                v.rel_id(), v.is_entity_ref() ? "" : v.as_rel().element_id, "relationship"));
            return;
        case ValueKind::Path: {
            Json nested = Json::array();
            const PathObj& p = v.as_path();
            for (size_t i = 0; i < p.nodes.size(); ++i) {
                append_meta(nested, p.nodes[i]);
                if (i < p.rels.size()) append_meta(nested, p.rels[i]);
            }
            metas.push_back(nested);
            return;
        }
        case ValueKind::List:
            for (const auto& item : v.as_list()) append_meta(metas, item);
            return;
        case ValueKind::Map:
            for (const auto& [k, item] : v.as_map()) append_meta(metas, item);
            return;
        default:
            if (const char* t = temporal_meta_type(v.kind()))
                metas.push_back({{"type", t}});
            else
                metas.push_back(nullptr);
    }
}

Json stats_json(const QueryStats& s) {
    return {{"contains_updates", s.contains_updates()},
            {"nodes_created", s.nodes_created},
            {"nodes_deleted", s.nodes_deleted},
            {"properties_set", s.properties_set},
            {"relationships_created", s.relationships_created},
            {"relationship_deleted", s.relationships_deleted},
            {"labels_added", s.labels_added},
            {"labels_removed", s.labels_removed},
            {"indexes_added", s.indexes_added},
            {"indexes_removed", s.indexes_removed},
            {"constraints_added", s.constraints_added},
            {"constraints_removed", s.constraints_removed},
            {"contains_system_updates", false},
            {"system_updates", 0}};
}

}  // namespace

struct JsonWriter::Document {
    Json results = Json::array();
    Json errors = Json::array();
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
        row.push_back(row_value(v));
        append_meta(meta, v);
    }
    doc_->current["data"].push_back({{"row", std::move(row)}, {"meta", std::move(meta)}});
}

void JsonWriter::finish(const QuerySummary& summary) {
    if (doc_->current.is_null()) begin({});
    if (options_.include_stats) doc_->current["stats"] = stats_json(summary.stats);
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
    std::string text = doc.dump(options_.pretty ? 2 : -1, ' ', false, Json::error_handler_t::replace);
    text += '\n';
    std::fwrite(text.data(), 1, text.size(), out_);
    std::fflush(out_);
    doc_ = std::make_unique<Document>();
}

}  // namespace quiver::cli
