// Schema commands (CREATE INDEX, DROP INDEX, SHOW INDEXES): recognised before the Cypher parser
// and run directly against the store's index catalog, without a plan.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quiver/database.h"

namespace quiver::storage {
class GraphTxn;
}

namespace quiver::main {

struct QueryOutput;

struct SchemaCommand {
    enum class Kind { CreateIndex, DropIndex, ShowIndexes } kind = Kind::ShowIndexes;
    std::string name;  // empty = generated (CREATE INDEX)
    bool if_not_exists = false, if_exists = false;
    std::string index_type = "RANGE";  // RANGE, TEXT, POINT, FULLTEXT (SHOW: filter, empty = all)
    std::string label;
    // FULLTEXT: labels (or relationship types), analyzer and consistency option
    std::vector<std::string> labels;
    bool relationships = false;
    std::string analyzer = "standard";
    bool eventually_consistent = false;
    std::vector<std::string> properties;
    std::vector<std::string> yield;  // SHOW: YIELD columns; {"*"} = all; empty = default
    bool writes() const { return kind != Kind::ShowIndexes; }
};

// nullopt when `query` is not one of the schema commands handled here.
std::optional<SchemaCommand> parse_schema_command(std::string_view query);

QueryOutput run_schema_command(const SchemaCommand& cmd, storage::GraphTxn& txn);

}  // namespace quiver::main
