#include "shell.h"

#include <fmt/format.h>

#include "base/error.h"
#include "commands.h"
#include "interrupt.h"
#include "statement_runner.h"
#include "statement_splitter.h"

namespace quiver::cli {
namespace {

constexpr const char* kPrompt = "quiver> ";
constexpr const char* kContinuationPrompt = "   ...> ";
constexpr const char* kTransactionPrompt = "quiver# ";

}  // namespace

Shell::Shell(Database& db, std::string db_name, const CliOptions& options, bool interactive)
    : db_(db), db_name_(std::move(db_name)), options_(options), reader_(interactive) {
    writer_ = make_writer(options_.format.value_or(OutputFormat::Table), options_, true);
}

Shell::~Shell() {
    if (tx_ && tx_->is_open()) {
        try {
            tx_->rollback();
        } catch (...) {
            // Leaving anyway; the open transaction never committed.
        }
    }
}

void Shell::separate() {
    if (printed_) fmt::print("\n");
    printed_ = true;
}

void Shell::report(const std::string& message) {
    std::fflush(stdout);
    fmt::print(stderr, "{}\n", message);
    std::fflush(stderr);
}

void Shell::after_failure() {
    failed_ = true;
    if (!reader_.interactive() && !options_.fail_at_end) stop_ = true;
}

void Shell::execute(const std::string& statement) {
    separate();
    bool ok;
    {
        if (!tx_) cancel_->reset();
        TransactionConfig config;
        config.cancellation = cancel_;
        CancelOnInterrupt interrupt(*cancel_);
        ok = run_statement(db_, tx_.get(), statement, params_, *writer_, config);
    }
    writer_->close();
    if (tx_ && !tx_->is_open()) {
        tx_.reset();
        report("The transaction was rolled back.");
    }
    if (!ok) after_failure();
}

int Shell::run() {
    if (reader_.interactive()) {
        fmt::print("Quiver shell {} — database {}\n", QUIVER_CLI_VERSION, db_name_);
        fmt::print("End statements with ';'. Type :help for commands, :exit to leave.\n\n");
    }
    StatementSplitter splitter;
    std::string entry;  // the text of the statement being typed, for the history
    while (!stop_) {
        bool continuing = splitter.in_statement();
        const char* prompt = continuing ? kContinuationPrompt : tx_ ? kTransactionPrompt : kPrompt;
        std::string line;
        LineReader::Status status = reader_.read(prompt, line);
        if (status == LineReader::Status::End) break;
        if (status == LineReader::Status::Interrupted) {
            fmt::print("\n");  // abandon the statement being typed
            splitter.take_pending();
            entry.clear();
            continue;
        }
        if (!continuing) {
            std::string t = trim(line);
            if (!t.empty() && t[0] == ':') {
                reader_.remember(t);
                Outcome o = command(t);
                if (o == Outcome::Exit) break;
                if (o == Outcome::Failed) after_failure();
                continue;
            }
        }
        entry += entry.empty() ? line : "\n" + line;
        std::vector<std::string> statements = splitter.feed(line + "\n");
        if (!statements.empty() || !splitter.in_statement()) {
            reader_.remember(trim(entry));
            entry.clear();
        }
        for (const auto& s : statements) {
            if (stop_) break;
            execute(s);
        }
    }
    std::string rest = splitter.take_pending();
    if (!rest.empty() && !stop_) {
        reader_.remember(trim(entry));
        execute(rest);
    }
    if (reader_.interactive()) fmt::print("\n");
    return failed_ ? kExitError : kExitOk;
}

}  // namespace quiver::cli
