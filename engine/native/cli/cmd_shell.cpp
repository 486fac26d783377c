// `quiver shell [DB] [--sample NAME] [--format …] [--max-rows N] [--max-width N]`
// Without DB (or with DB ":memory:") the shell works on a database in memory.
#include <unistd.h>

#include <fmt/format.h>

#include "base/error.h"
#include "commands.h"
#include "database_open.h"
#include "error_text.h"
#include "shell.h"
#include "statement_runner.h"

namespace quiver::cli {

int run_shell_command(const CliOptions& options) {
    if (options.positional.size() > 1) throw UsageError{"shell takes at most one database file"};
    if (!options.file.empty() || !options.params.empty() || !options.params_json.empty())
        throw UsageError{"shell does not take --file or --param (use :param inside the shell)"};
    std::string path = options.positional.empty() ? std::string(kMemoryDatabase)
                                                  : options.positional[0];
    bool interactive = isatty(STDIN_FILENO);
    OpenedDatabase opened;
    try {
        opened = open_database(open_request(path, options));
    } catch (const std::exception& e) {
        fmt::print(stderr, "{}: cannot open the database\n{}", path,
                   error_report(as_quiver_error(e), ""));
        return kExitError;
    }
    if (interactive && opened.sample_loaded)
        fmt::print("Created {} with the '{}' sample dataset.\n", path, options.sample);
    Shell shell(*opened.db, path, options, interactive);
    return shell.run();
}

}  // namespace quiver::cli
