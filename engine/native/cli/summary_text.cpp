#include "summary_text.h"

#include <fmt/format.h>

namespace quiver::cli {
namespace {

void add_counter(std::string& out, const char* verb, int64_t n, const char* one,
                 const char* many) {
    if (n == 0) return;
    if (!out.empty()) out += ", ";
    out += fmt::format("{} {} {}", verb, n, n == 1 ? one : many);
}

}  // namespace

std::string stats_text(const QueryStats& s) {
    std::string out;
    add_counter(out, "Added", s.nodes_created, "node", "nodes");
    add_counter(out, "Deleted", s.nodes_deleted, "node", "nodes");
    add_counter(out, "Created", s.relationships_created, "relationship", "relationships");
    add_counter(out, "Deleted", s.relationships_deleted, "relationship", "relationships");
    add_counter(out, "Set", s.properties_set, "property", "properties");
    add_counter(out, "Added", s.labels_added, "label", "labels");
    add_counter(out, "Removed", s.labels_removed, "label", "labels");
    add_counter(out, "Added", s.indexes_added, "index", "indexes");
    add_counter(out, "Removed", s.indexes_removed, "index", "indexes");
    add_counter(out, "Added", s.constraints_added, "constraint", "constraints");
    add_counter(out, "Removed", s.constraints_removed, "constraint", "constraints");
    return out;
}

std::string row_count_text(uint64_t rows) {
    return fmt::format("{} {}", rows, rows == 1 ? "row" : "rows");
}

}  // namespace quiver::cli
