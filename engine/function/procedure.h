// quiver::function — procedures for CALL: a registry of descriptors (name, signature, mode,
// description) with their implementations.
//
// Built-ins: db.labels(), db.relationshipTypes(), db.propertyKeys(). Tests register more through
// register_test_procedure (the TCK harness's table-backed procedures); those live until
// clear_test_procedures().
// Promises:
//   1. names are matched case-sensitively on the namespace and name, as Neo4j does;
//   2. a procedure returns rows whose width equals its number of outputs.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "function/function.h"
#include "value/value.h"

namespace quiver::storage {
enum class IndexKind : uint8_t;
}

namespace quiver::function {

enum class ProcedureMode : uint8_t { Read, Write, Schema, Dbms };

// Cypher types of procedure fields: ANY, BOOLEAN, STRING, INTEGER, FLOAT, NUMBER, NODE,
// RELATIONSHIP, PATH, MAP, LIST OF ...
struct ProcedureField {
    std::string name;
    std::string type;  // upper case, without the trailing '?'
    bool nullable = true;
    bool has_default = false;  // inputs: may be omitted; default_value is passed instead
    Value default_value;
};

using ProcedureFn =
    std::function<std::vector<ValueList>(const ValueList& args, FunctionContext& ctx)>;

struct Procedure {
    std::string name;  // dotted: "db.labels"
    std::vector<ProcedureField> inputs, outputs;
    ProcedureMode mode = ProcedureMode::Read;
    std::string description;
    ProcedureFn fn;
    std::string signature() const;  // name(in :: TYPE?) :: (out :: TYPE?)
};

const Procedure* find_procedure(std::string_view name);
// dbms.components() and db.schema.* (procedures_schema.cpp), part of the built-ins.
std::vector<Procedure> schema_procedures();
// db.index.fulltext.* (procedures_fulltext.cpp), part of the built-ins.
std::vector<Procedure> fulltext_procedures();
// The source of SHOW CONSTRAINTS (procedures_constraints.cpp), part of the built-ins.
std::vector<Procedure> constraint_procedures();
// db.ping() and the source of SHOW DATABASES (procedures_dbms.cpp), part of the built-ins.
std::vector<Procedure> dbms_procedures();
// The source of SHOW INDEXES, db.awaitIndexes, db.awaitIndex (procedures_indexes.cpp).
std::vector<Procedure> index_procedures();
// Neo4j 4.x procedures replaced by commands in Neo4j 5 (db.indexes, db.createIndex,
// dbms.listTransactions, ...), over the same sources (procedures_legacy.cpp).
std::vector<Procedure> legacy_procedures();
std::vector<const Procedure*> all_procedures();

// Neo4j's names of an index kind ("RANGE", "range-1.0", ...), shared with main/schema_command.
const char* index_type_name(storage::IndexKind k);
const char* index_provider_name(storage::IndexKind k);

// Test-only hook: registers (or replaces) a procedure.
void register_test_procedure(Procedure p);
void clear_test_procedures();

// Whether v may be passed for a field of `type` (null always may for nullable fields);
// INTEGER values are accepted for FLOAT (coerce_argument converts them).
bool argument_accepts(const ProcedureField& f, const Value& v);
Value coerce_argument(const ProcedureField& f, const Value& v);

}  // namespace quiver::function
