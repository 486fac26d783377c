#include "rest_json.h"

#include <fmt/format.h>

namespace quiver::http {
namespace {

using result_json::Json;

Json properties(const ValueMap& props, const std::string& base) {
    Json obj = Json::object();
    for (const auto& [k, v] : props) obj[k] = rest_json(v, base);
    return obj;
}

Json node_rest(const Value& v, const std::string& base) {
    std::string self = fmt::format("{}/db/data/node/{}", base, v.node_id());
    Json labels = Json::array();
    Json data = Json::object();
    if (!v.is_entity_ref()) {
        labels = v.as_node().labels;
        data = properties(v.as_node().properties, base);
    }
    return {{"self", self},
            {"labels", self + "/labels"},
            {"properties", self + "/properties"},
            {"property", self + "/properties/{key}"},
            {"outgoing_relationships", self + "/relationships/out"},
            {"incoming_relationships", self + "/relationships/in"},
            {"all_relationships", self + "/relationships/all"},
            {"create_relationship", self + "/relationships"},
            {"traverse", self + "/traverse/{returnType}"},
            {"extensions", Json::object()},
            {"metadata", {{"id", v.node_id()}, {"labels", labels}}},
            {"data", data}};
}

Json rel_rest(const Value& v, const std::string& base) {
    std::string self = fmt::format("{}/db/data/relationship/{}", base, v.rel_id());
    Json out = {{"self", self},
                {"properties", self + "/properties"},
                {"property", self + "/properties/{key}"},
                {"extensions", Json::object()}};
    if (v.is_entity_ref()) {
        out["metadata"] = {{"id", v.rel_id()}};
        out["data"] = Json::object();
        return out;
    }
    const RelObj& r = v.as_rel();
    out["start"] = fmt::format("{}/db/data/node/{}", base, r.start);
    out["end"] = fmt::format("{}/db/data/node/{}", base, r.end);
    out["type"] = r.type;
    out["metadata"] = {{"id", r.id}, {"type", r.type}};
    out["data"] = properties(r.properties, base);
    return out;
}

Json path_rest(const PathObj& p, const std::string& base) {
    Json nodes = Json::array(), rels = Json::array(), directions = Json::array();
    for (const auto& n : p.nodes) nodes.push_back(fmt::format("{}/db/data/node/{}", base, n.node_id()));
    for (size_t i = 0; i < p.rels.size(); ++i) {
        const Value& r = p.rels[i];
        rels.push_back(fmt::format("{}/db/data/relationship/{}", base, r.rel_id()));
        bool forward = r.is_entity_ref() || r.as_rel().start == p.nodes[i].node_id();
        directions.push_back(forward ? "->" : "<-");
    }
    return {{"start", nodes.front()},
            {"nodes", nodes},
            {"length", p.rels.size()},
            {"relationships", rels},
            {"directions", directions},
            {"end", nodes.back()}};
}

}  // namespace

Json rest_json(const Value& v, const std::string& base) {
    switch (v.kind()) {
        case ValueKind::Node: return node_rest(v, base);
        case ValueKind::Relationship: return rel_rest(v, base);
        case ValueKind::Path: return path_rest(v.as_path(), base);
        case ValueKind::List: {
            Json arr = Json::array();
            for (const auto& item : v.as_list()) arr.push_back(rest_json(item, base));
            return arr;
        }
        case ValueKind::Map: return properties(v.as_map(), base);
        default: return result_json::row_json(v);
    }
}

}  // namespace quiver::http
