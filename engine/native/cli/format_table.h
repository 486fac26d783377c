// quiver::cli — the table format: a box of column headers and cells in Cypher literal
// notation, then the row count and the update counters.
//
//   +-----------+------+
//   | name      | born |
//   +-----------+------+
//   | Tom Hanks | 1956 |
//   +-----------+------+
//   1 row
//   Added 1 node, Set 2 properties
//
// For the interactive shell the table stays readable: cells wider than max_cell_width are cut
// with an ellipsis, columns shrink to fit the terminal width, and rows beyond max_rows are
// counted but not shown ("… 123 more rows"). Errors go to the error stream.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "result_writer.h"

namespace quiver::cli {

struct TableOptions {
    size_t max_cell_width = 0;  // 0 = unlimited
    size_t terminal_width = 0;  // 0 = unknown, do not fit
    size_t max_rows = 0;        // 0 = show every row
    bool show_timing = false;   // append "(12 ms)" to the row count line
};

class TableWriter final : public ResultWriter {
public:
    TableWriter(std::FILE* out, std::FILE* err, TableOptions options);
    void start(const std::string& statement) override;
    void begin(const std::vector<std::string>& columns) override;
    void row(const std::vector<Value>& values) override;
    void finish(const QuerySummary& summary) override;
    void fail(const QuiverError& error, const std::string& statement) override;

private:
    std::vector<size_t> column_widths() const;
    void print_table(const std::vector<size_t>& widths) const;
    std::string footer() const;

    std::FILE* out_;
    std::FILE* err_;
    TableOptions options_;
    std::vector<std::string> columns_;
    std::vector<std::vector<std::string>> rows_;
    uint64_t total_rows_ = 0;
    std::chrono::steady_clock::time_point started_;
};

}  // namespace quiver::cli
