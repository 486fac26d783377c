// quiver::cli — the commands of the `quiver` tool. Each returns the process exit status.
#pragma once

#include <memory>

#include "cli_options.h"
#include "result_writer.h"

namespace quiver::cli {

int run_query_command(const CliOptions& options);
int run_shell_command(const CliOptions& options);
int run_check_command(const CliOptions& options);

// The writer for --format (table by default). `shell` selects the shell's table defaults:
// cells cut at 60 columns, at most 100 rows shown, fitted to the terminal, timings shown.
std::unique_ptr<ResultWriter> make_writer(OutputFormat format, const CliOptions& options,
                                          bool shell);

}  // namespace quiver::cli
