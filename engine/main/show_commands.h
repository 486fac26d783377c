// quiver::main — SHOW PROCEDURES, FUNCTIONS, INDEXES, CONSTRAINTS, SETTINGS, TRANSACTIONS,
// DATABASES and TERMINATE TRANSACTIONS, answered by rewriting the command into a CALL of an
// internal procedure (function/procedures_schema.cpp, procedures_constraints.cpp,
// procedures_indexes.cpp, procedures_dbms.cpp):
//
//   SHOW [ALL | BUILT IN | USER DEFINED] PROCEDURE[S] | FUNCTION[S]
//        [EXECUTABLE [BY CURRENT USER | BY <user>]]
//   SHOW [ALL | [NODE | REL[ATIONSHIP]] (UNIQUE | EXIST[ENCE] | KEY | PROPERTY TYPE)]
//        CONSTRAINT[S]          (the filter becomes WHERE type IN [...])
//        [YIELD { * | item[, ...] } [ORDER BY ...] [SKIP n] [LIMIT n] [WHERE ...] [RETURN ...]
//         | WHERE <predicate>]
//
// becomes CALL quiver.internal.show...() YIELD <all columns> WITH ... RETURN ..., so the
// YIELD tail (which has the syntax of a WITH tail) runs through the ordinary pipeline. Rows
// come ordered by name; without YIELD only the default columns are returned.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace quiver::main {

// The rewritten query when `query` is a SHOW PROCEDURES/FUNCTIONS command, else nothing.
std::optional<std::string> rewrite_show_command(std::string_view query);

}  // namespace quiver::main
