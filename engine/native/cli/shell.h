// quiver::cli — the interactive shell (`quiver shell DB`).
//
// Input is read line by line. Outside a statement, a line starting with ':' is a shell
// command (shell_commands.cpp); everything else is Cypher, collected until a ';' ends the
// statement (prompt "quiver> ", continuation "   ...> "). At end of input an unterminated
// statement still runs. Statements run auto-commit, or inside the transaction opened by
// :begin. When stdin is not a terminal (scripts, tests) there are no prompts or banner and
// the first failure ends the run with exit status 1 (--fail-at-end: run everything, exit 1).
#pragma once

#include <memory>
#include <string>

#include "cli_options.h"
#include "line_reader.h"
#include "quiver/database.h"
#include "result_writer.h"

namespace quiver::cli {

class Shell {
public:
    Shell(Database& db, std::string db_name, const CliOptions& options, bool interactive);
    ~Shell();
    int run();

private:
    enum class Outcome { Ok, Failed, Exit };

    void execute(const std::string& statement);
    // shell_commands.cpp
    Outcome command(const std::string& line);
    Outcome cmd_help();
    Outcome cmd_param(const std::string& args);
    Outcome cmd_params(const std::string& args);
    Outcome cmd_transaction(const std::string& name);
    Outcome cmd_format(const std::string& args);
    Outcome cmd_rows(const std::string& args);
    Value evaluate(const std::string& expression);

    void report(const std::string& message);  // a shell-level error on stderr
    void separate();                          // blank line between outputs
    void after_failure();

    Database& db_;
    std::string db_name_;
    CliOptions options_;
    LineReader reader_;
    std::unique_ptr<ResultWriter> writer_;
    std::unique_ptr<Transaction> tx_;
    // Ctrl-C during a statement cancels it (and an explicit transaction begun by :begin).
    std::shared_ptr<Cancellation> cancel_ = std::make_shared<Cancellation>();
    ValueMap params_;
    bool failed_ = false;
    bool stop_ = false;
    bool printed_ = false;
};

}  // namespace quiver::cli
