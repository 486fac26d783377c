// quiver::cli — the command line: `quiver COMMAND [ARGS] [OPTIONS]`.
//
// Options may come before or after the positional arguments, as `--name value` or
// `--name=value`; `--` ends the options. Each command checks which options it accepts.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace quiver::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;  // a statement, the database or the check failed
inline constexpr int kExitUsage = 2;  // bad command line

enum class OutputFormat { Table, Json, Csv };

struct CliOptions {
    std::string command;                  // "query", "shell", "check", "" for none
    std::vector<std::string> positional;  // after the command
    std::vector<std::string> params;      // --param name=JSON (in order)
    std::vector<std::string> params_json; // --params {JSON}
    std::optional<OutputFormat> format;   // --format
    std::string sample;                   // --sample NAME
    std::string file;                     // --file PATH ('-' = stdin)
    std::optional<size_t> max_rows;       // --max-rows N (0 = unlimited)
    std::optional<size_t> max_width;      // --max-width N (cell width, 0 = unlimited)
    size_t timeout_ms = 0;                // --timeout MS: transaction timeout (0 = none)
    bool include_stats = false;           // --stats
    bool pretty = false;                  // --pretty
    bool fail_at_end = false;             // --fail-at-end (shell, non-interactive)
    bool read_only = false;               // --read-only
    bool deterministic = false;           // --deterministic: fixed UUID, zero timestamps (tests)
    bool help = false;                    // --help / -h
    bool version = false;                 // --version / -V
};

// Throws UsageError on unknown options or missing option values.
CliOptions parse_command_line(int argc, char** argv);

struct UsageError {
    std::string message;
};

}  // namespace quiver::cli
