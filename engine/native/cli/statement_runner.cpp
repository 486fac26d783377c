#include "statement_runner.h"

#include "base/error.h"

namespace quiver::cli {

QuiverError as_quiver_error(const std::exception& e) {
    if (auto* q = dynamic_cast<const QuiverError*>(&e)) return *q;
    if (dynamic_cast<const std::bad_alloc*>(&e))
        return QuiverError(std::string(status::MemoryLimit), "out of memory");
    return QuiverError(std::string(status::UnknownError), e.what());
}

bool run_statement(Database& db, Transaction* tx, const std::string& statement,
                   const ValueMap& params, ResultWriter& writer,
                   const TransactionConfig& config) {
    writer.start(statement);
    try {
        std::unique_ptr<Result> result = tx ? tx->run(statement, params) : db.run(statement, params, config);
        writer.begin(result->columns());
        std::vector<Value> row;
        while (result->next(row)) writer.row(row);
        writer.finish(result->summary());
        return true;
    } catch (const std::exception& e) {
        writer.fail(as_quiver_error(e), statement);
        return false;
    }
}

}  // namespace quiver::cli
