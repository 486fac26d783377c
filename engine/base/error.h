// quiver::base — the one error type of the engine.
//
// Every error raised anywhere in the engine is a QuiverError. It carries, as structured data
// from the point where it is raised:
//   * the Neo4j status code (e.g. "Neo.ClientError.Statement.SyntaxError"), which Bolt, HTTP,
//     the CLI and the JS package report unchanged;
//   * the openCypher TCK triple (type, phase, detail) used by the conformance harness;
//   * an optional source position (1-based line/column, 0-based offset) for query errors.
// The mapping status code -> GQL status -> classification lives in status_codes.cpp only.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace quiver {

enum class ErrorPhase : uint8_t { CompileTime, Runtime };

struct SourcePosition {
    uint32_t offset = 0;  // 0-based byte offset into the query text
    uint32_t line = 0;    // 1-based; 0 = unknown
    uint32_t column = 0;  // 1-based
    bool known() const { return line != 0; }
};

class QuiverError : public std::runtime_error {
public:
    QuiverError(std::string code, std::string message, std::string tck_detail = "*",
                ErrorPhase phase = ErrorPhase::Runtime, SourcePosition pos = {});

    const std::string& code() const { return code_; }          // Neo4j status code
    const std::string& message() const { return message_; }    // human readable
    const std::string& tck_detail() const { return detail_; }  // e.g. "UndefinedVariable"
    ErrorPhase phase() const { return phase_; }
    const SourcePosition& position() const { return pos_; }
    // The TCK error type: the last segment of the status code ("SyntaxError", ...).
    std::string tck_type() const;
    // GQLSTATUS (5 chars), its description, and classification
    // ("CLIENT_ERROR", "TRANSIENT_ERROR", "DATABASE_ERROR").
    std::string gql_status() const;
    std::string gql_description() const;
    std::string classification() const;

    void set_position(SourcePosition p) { pos_ = p; }

private:
    std::string code_, message_, detail_;
    ErrorPhase phase_;
    SourcePosition pos_;
};

// Status codes used across the engine (one place, so spelling never drifts).
namespace status {
inline constexpr std::string_view SyntaxError = "Neo.ClientError.Statement.SyntaxError";
inline constexpr std::string_view SemanticError = "Neo.ClientError.Statement.SemanticError";
inline constexpr std::string_view TypeError = "Neo.ClientError.Statement.TypeError";
inline constexpr std::string_view ArgumentError = "Neo.ClientError.Statement.ArgumentError";
inline constexpr std::string_view ArithmeticError = "Neo.ClientError.Statement.ArithmeticError";
inline constexpr std::string_view ParameterMissing = "Neo.ClientError.Statement.ParameterMissing";
inline constexpr std::string_view EntityNotFound = "Neo.ClientError.Statement.EntityNotFound";
inline constexpr std::string_view ConstraintValidationFailed =
    "Neo.ClientError.Schema.ConstraintValidationFailed";
inline constexpr std::string_view ProcedureNotFound = "Neo.ClientError.Procedure.ProcedureNotFound";
inline constexpr std::string_view ProcedureCallFailed =
    "Neo.ClientError.Procedure.ProcedureCallFailed";
inline constexpr std::string_view RequestInvalid = "Neo.ClientError.Request.Invalid";
inline constexpr std::string_view AccessMode = "Neo.ClientError.Statement.AccessMode";
inline constexpr std::string_view DatabaseNotFound = "Neo.ClientError.Database.DatabaseNotFound";
inline constexpr std::string_view Unauthorized = "Neo.ClientError.Security.Unauthorized";
inline constexpr std::string_view InvalidBookmark = "Neo.ClientError.Transaction.InvalidBookmark";
inline constexpr std::string_view DatabaseLocked = "Neo.TransientError.General.DatabaseUnavailable";
inline constexpr std::string_view TransactionTerminated = "Neo.ClientError.Transaction.Terminated";
inline constexpr std::string_view TransactionTimedOut =
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration";
inline constexpr std::string_view MemoryLimit = "Neo.TransientError.General.MemoryPoolOutOfMemoryError";
inline constexpr std::string_view UnknownError = "Neo.DatabaseError.General.UnknownError";
inline constexpr std::string_view ExecutionFailed = "Neo.DatabaseError.Statement.ExecutionFailed";
// Storage-level conditions (file not a database, corruption, unsupported format).
inline constexpr std::string_view StorageCorrupt = "Neo.DatabaseError.General.UnknownError";
inline constexpr std::string_view UnsupportedStoreFormat =
    "Neo.DatabaseError.General.UnknownError";
inline constexpr std::string_view StorageIO = "Neo.DatabaseError.General.UnknownError";
}  // namespace status

// Convenience constructors.
[[noreturn]] void throw_syntax(std::string message, SourcePosition pos = {},
                               std::string detail = "UnexpectedSyntax");
[[noreturn]] void throw_semantic(std::string detail, std::string message, SourcePosition pos = {});
[[noreturn]] void throw_type(std::string detail, std::string message,
                             ErrorPhase phase = ErrorPhase::Runtime);
[[noreturn]] void throw_argument(std::string detail, std::string message);
[[noreturn]] void throw_corrupt(std::string message);  // storage corruption: never returns data
[[noreturn]] void throw_io(std::string message);

}  // namespace quiver
