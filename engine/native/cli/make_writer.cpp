#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>

#include "commands.h"
#include "format_csv.h"
#include "format_json.h"
#include "format_table.h"

namespace quiver::cli {
namespace {

constexpr size_t kShellCellWidth = 60;
constexpr size_t kShellMaxRows = 100;

size_t terminal_columns() {
    if (!isatty(STDOUT_FILENO)) return 0;
    winsize ws{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    return 0;
}

}  // namespace

std::unique_ptr<ResultWriter> make_writer(OutputFormat format, const CliOptions& options,
                                          bool shell) {
    switch (format) {
        case OutputFormat::Json:
            return std::make_unique<JsonWriter>(
                stdout, JsonOptions{.include_stats = options.include_stats, .pretty = options.pretty});
        case OutputFormat::Csv: return std::make_unique<CsvWriter>(stdout, stderr);
        case OutputFormat::Table: break;
    }
    TableOptions table;
    if (shell) {
        table.max_cell_width = kShellCellWidth;
        table.max_rows = kShellMaxRows;
        table.terminal_width = terminal_columns();
        table.show_timing = isatty(STDOUT_FILENO);
    }
    if (options.max_width) table.max_cell_width = *options.max_width;
    if (options.max_rows) table.max_rows = *options.max_rows;
    return std::make_unique<TableWriter>(stdout, stderr, table);
}

}  // namespace quiver::cli
