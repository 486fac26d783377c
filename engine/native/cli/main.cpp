// quiver — the command-line tool of the Quiver graph database.
//
//   quiver query DB 'CYPHER' [--param name=JSON]... [--format table|json|csv]
//   quiver shell [DB] [--sample movies]
//   quiver check DB
//   quiver serve DB [--bolt HOST:PORT] [--auth basic|none]   (engine/native/server/)
//
// main() only parses the command line and dispatches; each command lives in cmd_*.cpp.
#include <fmt/format.h>

#include <exception>

#include "cli_options.h"
#include "commands.h"
#include "sample_data.h"
#include "serve_command.h"

namespace {

using namespace quiver::cli;

constexpr std::string_view kUsage = R"(quiver — an embedded graph database that speaks Cypher

Usage:
  quiver query DB 'CYPHER' [options]   run Cypher (statements separated by ';') and print
                                       the results
  quiver shell [DB] [options]          interactive Cypher shell (reads stdin when it is not a
                                       terminal); without DB the database lives in memory
  quiver check DB                      check the integrity of a database file
  quiver serve DB [options]            serve DB to Neo4j drivers over Bolt (TCP and WebSocket;
                                       'quiver serve --help' lists the options)
  quiver --help | --version

DB is a database file (created when it does not exist), or :memory: / memory: for an
in-memory database.

Options:
  --param name=JSON     query parameter $name (repeatable), e.g. --param age=42
                        --param 'names=["Ann","Bob"]' --param 'name="Tom Hanks"'
  --params '{JSON}'     several parameters from a JSON object
  --format FORMAT       table (default), json (Neo4j HTTP API result shape) or csv
  --file PATH, -f PATH  read the Cypher text from a file ('-' = stdin) instead
  --sample NAME         when DB does not exist yet, create it with a sample dataset
  --stats               json: add the update counters ("stats") to every result
  --pretty              json: indent the document
  --max-rows N          table: show at most N rows (shell default 100, 0 = all)
  --max-width N         table: cut cells wider than N columns (shell default 60, 0 = never)
  --fail-at-end         shell reading stdin: keep going after a failed statement
  --timeout MS          fail any transaction still running after MS milliseconds
                        (Ctrl-C in the shell cancels the running statement)
  --read-only           open the database read-only
  --deterministic       new files get a fixed UUID and zero timestamps (byte-identical tests)

Exit status: 0 success, 1 a statement, the database or the check failed, 2 bad usage.)";

void print_usage() {
    fmt::print("{}\n\nSample datasets:\n", kUsage);
    for (const auto& d : sample_datasets()) fmt::print("  {:<10} {}\n", d.name, d.description);
}

int dispatch(const CliOptions& options) {
    if (options.version) {
        fmt::print("quiver {}\n", QUIVER_CLI_VERSION);
        return kExitOk;
    }
    if (options.help || options.command.empty() || options.command == "help") {
        print_usage();
        return options.command.empty() && !options.help ? kExitUsage : kExitOk;
    }
    if (options.command == "query") return run_query_command(options);
    if (options.command == "shell") return run_shell_command(options);
    if (options.command == "check") return run_check_command(options);
    throw UsageError{fmt::format("unknown command '{}'", options.command)};
}

}  // namespace

int main(int argc, char** argv) {
    if (argc >= 2 && std::string_view(argv[1]) == "serve")
        return quiver::server::run_serve_command(argc - 2, argv + 2);
    try {
        return dispatch(parse_command_line(argc, argv));
    } catch (const UsageError& e) {
        fmt::print(stderr, "quiver: {}\nTry 'quiver --help'.\n", e.message);
        return kExitUsage;
    } catch (const std::exception& e) {
        fmt::print(stderr, "quiver: unexpected error: {}\n", e.what());
        return kExitError;
    }
}
