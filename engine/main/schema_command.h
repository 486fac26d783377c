// Schema commands (CREATE/DROP INDEX, CREATE/DROP CONSTRAINT): recognised before the Cypher
// parser and run directly against the store's catalogs, without a plan. SHOW INDEXES and SHOW
// CONSTRAINTS are rewritten into a CALL instead (show_commands.h).
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
    enum class Kind {
        CreateIndex,
        DropIndex,
        CreateConstraint,
        DropConstraint
    } kind = Kind::CreateIndex;
    std::string name;  // empty = generated (CREATE INDEX / CONSTRAINT)
    bool if_not_exists = false, if_exists = false;
    std::string index_type = "RANGE";  // RANGE, TEXT, POINT, FULLTEXT
    bool relationship = false;  // FOR ()-[r:TYPE]-() (FULLTEXT: types instead of labels)
    std::string label;          // label or relationship type
    // FULLTEXT: labels (or relationship types), analyzer and consistency option
    std::vector<std::string> labels;
    std::string analyzer = "standard";
    bool eventually_consistent = false;
    std::vector<std::string> properties;
    // CREATE CONSTRAINT: 1 unique, 2 not null, 3 key, 4 property type (storage::ConstraintKind)
    int constraint_kind = 0;
    std::string property_type;  // normalised, e.g. "INTEGER | STRING"
    bool writes() const { return true; }
};

// nullopt when `query` is not one of the schema commands handled here.
std::optional<SchemaCommand> parse_schema_command(std::string_view query);

QueryOutput run_schema_command(const SchemaCommand& cmd, storage::GraphTxn& txn);

}  // namespace quiver::main
