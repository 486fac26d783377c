#include "value_json.h"

#include <fmt/format.h>

#include <limits>
#include <string>

#include "base/error.h"
#include "temporal_text.h"

namespace quiver::result_json {
namespace {

Json properties_json(const ValueMap& props) {
    Json obj = Json::object();
    for (const auto& [k, v] : props) obj[k] = row_json(v);
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

}  // namespace

Json row_json(const Value& v) {
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
            for (const auto& item : v.as_list()) arr.push_back(row_json(item));
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
                arr.push_back(row_json(p.nodes[i]));
                if (i < p.rels.size()) arr.push_back(row_json(p.rels[i]));
            }
            return arr;
        }
        case ValueKind::Point: return point_json(v.as_point());
        default: return temporal_text(v);
    }
}

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

Json notification_json(const Notification& n) {
    Json j = {{"code", n.code},         {"severity", n.severity}, {"title", n.title},
              {"description", n.description}, {"category", n.category}};
    if (n.line > 0) j["position"] = {{"offset", n.offset}, {"line", n.line}, {"column", n.column}};
    return j;
}

Json stats_json(const QueryStats& s, bool with_system) {
    Json j = {{"contains_updates", s.contains_updates()},
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
              {"constraints_removed", s.constraints_removed}};
    if (with_system) {
        j["contains_system_updates"] = false;
        j["system_updates"] = 0;
    }
    return j;
}

Value json_to_value(const Json& j) {
    switch (j.type()) {
        case Json::value_t::null: return Value::null();
        case Json::value_t::boolean: return Value::boolean(j.get<bool>());
        case Json::value_t::number_integer: return Value::integer(j.get<int64_t>());
        case Json::value_t::number_unsigned: {
            auto u = j.get<uint64_t>();
            if (u <= uint64_t(std::numeric_limits<int64_t>::max())) return Value::integer(int64_t(u));
            return Value::float64(double(u));
        }
        case Json::value_t::number_float: return Value::float64(j.get<double>());
        case Json::value_t::string: return Value::string(j.get<std::string>());
        case Json::value_t::array: {
            ValueList items;
            items.reserve(j.size());
            for (const auto& e : j) items.push_back(json_to_value(e));
            return Value::list(std::move(items));
        }
        case Json::value_t::object: {
            ValueMap entries;
            for (const auto& [k, e] : j.items()) entries.emplace_back(k, json_to_value(e));
            return Value::map(std::move(entries));
        }
        default:
            throw QuiverError("Neo.ClientError.Request.InvalidFormat", "unsupported JSON value",
                              "InvalidFormat", ErrorPhase::CompileTime);
    }
}

void GraphJson::add(const Value& v) {
    switch (v.kind()) {
        case ValueKind::Node: {
            if (v.is_entity_ref() || !node_ids_.insert(v.node_id()).second) return;
            const NodeObj& n = v.as_node();
            Json j = {{"id", std::to_string(n.id)}};
            if (!n.element_id.empty()) j["elementId"] = n.element_id;
            j["labels"] = n.labels;
            j["properties"] = properties_json(n.properties);
            nodes_.push_back(std::move(j));
            return;
        }
        case ValueKind::Relationship: {
            if (v.is_entity_ref() || !rel_ids_.insert(v.rel_id()).second) return;
            const RelObj& r = v.as_rel();
            Json j = {{"id", std::to_string(r.id)}};
            if (!r.element_id.empty()) j["elementId"] = r.element_id;
            j["type"] = r.type;
            j["startNode"] = std::to_string(r.start);
            j["endNode"] = std::to_string(r.end);
            if (!r.start_element_id.empty()) j["startNodeElementId"] = r.start_element_id;
            if (!r.end_element_id.empty()) j["endNodeElementId"] = r.end_element_id;
            j["properties"] = properties_json(r.properties);
            rels_.push_back(std::move(j));
            return;
        }
        case ValueKind::Path:
            for (const auto& n : v.as_path().nodes) add(n);
            for (const auto& r : v.as_path().rels) add(r);
            return;
        case ValueKind::List:
            for (const auto& item : v.as_list()) add(item);
            return;
        case ValueKind::Map:
            for (const auto& [k, item] : v.as_map()) add(item);
            return;
        default: return;
    }
}

Json GraphJson::take() {
    Json g = {{"nodes", std::move(nodes_)}, {"relationships", std::move(rels_)}};
    nodes_ = Json::array();
    rels_ = Json::array();
    node_ids_.clear();
    rel_ids_.clear();
    return g;
}

}  // namespace quiver::result_json
