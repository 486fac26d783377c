// quiver::cli — the CSV format (RFC 4180): a header line of column names, then one line per
// row, CRLF line ends. A field is quoted when it contains a comma, a double quote, CR or LF,
// and double quotes inside are doubled. null is an empty field, a string is its text, every
// other value its Cypher literal. Rows are streamed; errors go to the error stream.
#pragma once

#include <cstdio>

#include "result_writer.h"

namespace quiver::cli {

// One RFC 4180 field.
std::string csv_field(const std::string& text);

class CsvWriter final : public ResultWriter {
public:
    CsvWriter(std::FILE* out, std::FILE* err) : out_(out), err_(err) {}
    void begin(const std::vector<std::string>& columns) override;
    void row(const std::vector<Value>& values) override;
    void finish(const QuerySummary& summary) override;
    void fail(const QuiverError& error, const std::string& statement) override;

private:
    std::FILE* out_;
    std::FILE* err_;
};

}  // namespace quiver::cli
