// quiver::cli — the interface every output format implements (table, JSON, CSV).
//
// The statement runner drives a writer through one of two call sequences per statement:
//   start(statement) begin(columns) row(values)* finish(summary)   when it succeeds, or
//   start(statement) [begin(columns) row(values)*] fail(error)      when it fails.
// close() is called once after the last statement, so formats that wrap every statement in
// one document (JSON) can write it.
#pragma once

#include <string>
#include <vector>

#include "quiver/database.h"

namespace quiver {
class QuiverError;
}

namespace quiver::cli {

class ResultWriter {
public:
    virtual ~ResultWriter() = default;
    virtual void start(const std::string& statement) {}
    virtual void begin(const std::vector<std::string>& columns) = 0;
    virtual void row(const std::vector<Value>& values) = 0;
    virtual void finish(const QuerySummary& summary) = 0;
    virtual void fail(const QuiverError& error, const std::string& statement) = 0;
    virtual void close() {}
};

}  // namespace quiver::cli
