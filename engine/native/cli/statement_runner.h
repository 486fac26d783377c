// quiver::cli — runs one statement against the database (auto-commit) or an open explicit
// transaction, streaming its columns, rows and summary into a ResultWriter.
#pragma once

#include <string>

#include "quiver/database.h"
#include "result_writer.h"

namespace quiver::cli {

// Returns true when the statement succeeded. Every failure (compile, runtime, commit) is
// reported to writer.fail(); nothing propagates.
// `config` applies to an auto-commit statement (an explicit transaction has its own).
bool run_statement(Database& db, Transaction* tx, const std::string& statement,
                   const ValueMap& params, ResultWriter& writer,
                   const TransactionConfig& config = {});

// Any exception from the engine as a QuiverError (non-engine ones get UnknownError).
QuiverError as_quiver_error(const std::exception& e);

}  // namespace quiver::cli
