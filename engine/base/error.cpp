#include "base/error.h"

#include <string>

namespace quiver {

QuiverError::QuiverError(std::string code, std::string message, std::string tck_detail,
                         ErrorPhase phase, SourcePosition pos)
    : std::runtime_error(message),
      code_(std::move(code)),
      message_(std::move(message)),
      detail_(std::move(tck_detail)),
      phase_(phase),
      pos_(pos) {}

std::string QuiverError::tck_type() const {
    auto dot = code_.rfind('.');
    return dot == std::string::npos ? code_ : code_.substr(dot + 1);
}

namespace {
struct GqlEntry {
    std::string_view code;
    std::string_view gql;
    std::string_view description;
};
// Engine condition -> Neo4j code -> GQLSTATUS. The single table (bolt.md §9.3).
constexpr GqlEntry kGql[] = {
    {"Neo.ClientError.Statement.SyntaxError", "42001",
     "error: syntax error or access rule violation - invalid syntax"},
    {"Neo.ClientError.Statement.SemanticError", "42N00",
     "error: syntax error or access rule violation"},
    {"Neo.ClientError.Statement.TypeError", "22N01", "error: data exception - invalid type"},
    {"Neo.ClientError.Statement.ArgumentError", "22N00",
     "error: data exception - invalid argument"},
    {"Neo.ClientError.Statement.ArithmeticError", "22012",
     "error: data exception - division by zero"},
    {"Neo.ClientError.Statement.ParameterMissing", "42N51",
     "error: syntax error or access rule violation - invalid parameter"},
    {"Neo.ClientError.Statement.EntityNotFound", "22N00", "error: data exception - not found"},
    {"Neo.ClientError.Schema.ConstraintValidationFailed", "22N77",
     "error: data exception - constraint violation"},
    {"Neo.ClientError.Procedure.ProcedureNotFound", "42N08",
     "error: syntax error or access rule violation - procedure not found"},
    {"Neo.ClientError.Request.Invalid", "08N06",
     "error: connection exception - protocol error"},
    {"Neo.ClientError.Security.Unauthorized", "42NFF",
     "error: syntax error or access rule violation - permission/access denied"},
    {"Neo.DatabaseError.General.UnknownError", "50N00",
     "error: general processing exception - internal error"},
};
}  // namespace

std::string QuiverError::gql_status() const {
    for (const auto& e : kGql)
        if (e.code == code_) return std::string(e.gql);
    return "50N42";
}

std::string QuiverError::gql_description() const {
    for (const auto& e : kGql)
        if (e.code == code_) return std::string(e.description);
    return "error: general processing exception - unexpected error";
}

std::string QuiverError::classification() const {
    if (code_.rfind("Neo.ClientError.", 0) == 0) return "CLIENT_ERROR";
    if (code_.rfind("Neo.TransientError.", 0) == 0) return "TRANSIENT_ERROR";
    return "DATABASE_ERROR";
}

void throw_syntax(std::string message, SourcePosition pos, std::string detail) {
    throw QuiverError(std::string(status::SyntaxError), std::move(message), std::move(detail),
                      ErrorPhase::CompileTime, pos);
}
void throw_semantic(std::string detail, std::string message, SourcePosition pos) {
    throw QuiverError(std::string(status::SyntaxError), std::move(message), std::move(detail),
                      ErrorPhase::CompileTime, pos);
}
void throw_type(std::string detail, std::string message, ErrorPhase phase) {
    throw QuiverError(std::string(status::TypeError), std::move(message), std::move(detail), phase);
}
void throw_argument(std::string detail, std::string message) {
    throw QuiverError(std::string(status::ArgumentError), std::move(message), std::move(detail),
                      ErrorPhase::Runtime);
}
void throw_corrupt(std::string message) {
    throw QuiverError(std::string(status::StorageCorrupt), "Database file is corrupt: " + message,
                      "*", ErrorPhase::Runtime);
}
void throw_io(std::string message) {
    throw QuiverError(std::string(status::StorageIO), "I/O error: " + message, "*",
                      ErrorPhase::Runtime);
}

}  // namespace quiver
