// The shell's ':' commands.
#include <fmt/format.h>

#include <charconv>

#include "base/error.h"
#include "commands.h"
#include "error_text.h"
#include "params.h"
#include "shell.h"
#include "statement_runner.h"
#include "statement_splitter.h"
#include "value_text.h"

namespace quiver::cli {
namespace {

constexpr std::string_view kHelp = R"(Cypher statements end with ';' and may span several lines.

Shell commands:
  :help                      this text
  :exit, :quit               leave the shell (Ctrl-D works too)
  :param name => expression  set the parameter $name to the value of a Cypher expression
  :param {a: 1, b: 'x'}      set several parameters from a map expression
  :params                    list the parameters
  :params clear              remove every parameter
  :begin                     open an explicit transaction (the prompt turns into quiver#)
  :commit                    commit it
  :rollback                  roll it back
  :format table|csv|json     choose how results are shown
  :rows N                    show at most N rows of a result (0 = all)
  :width N                   cut table cells wider than N columns (0 = never)

Examples:
  MATCH (p:Person)-[:ACTED_IN]->(m:Movie) RETURN p.name, m.title LIMIT 10;
  :param name => 'Tom Hanks'
  MATCH (p:Person {name: $name}) RETURN p;)";

// "name", "rest" split at the first whitespace.
std::pair<std::string, std::string> split_word(const std::string& text) {
    size_t end = text.find_first_of(" \t");
    if (end == std::string::npos) return {text, ""};
    return {text.substr(0, end), trim(text.substr(end))};
}

bool parse_size(const std::string& text, size_t& out) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

std::string param_name(std::string name) {
    name = trim(name);
    if (!name.empty() && name[0] == '$') name.erase(0, 1);
    if (name.size() >= 2 && name.front() == '`' && name.back() == '`')
        name = name.substr(1, name.size() - 2);
    return name;
}

}  // namespace

Shell::Outcome Shell::command(const std::string& line) {
    auto [name, args] = split_word(line);
    if (name == ":exit" || name == ":quit" || name == ":q") return Outcome::Exit;
    if (name == ":help" || name == ":h" || name == ":?") return cmd_help();
    if (name == ":param") return cmd_param(args);
    if (name == ":params") return cmd_params(args);
    if (name == ":begin" || name == ":commit" || name == ":rollback") return cmd_transaction(name);
    if (name == ":format") return cmd_format(args);
    if (name == ":rows" || name == ":width") return cmd_rows(line);
    report(fmt::format("Unknown command {}. Type :help for the list of commands.", name));
    return Outcome::Failed;
}

Shell::Outcome Shell::cmd_help() {
    separate();
    fmt::print("{}\n", kHelp);
    std::fflush(stdout);
    return Outcome::Ok;
}

// Evaluates a Cypher expression with the current parameters (inside the open transaction,
// if any). Throws QuiverError.
Value Shell::evaluate(const std::string& expression) {
    std::string query = fmt::format("RETURN {} AS value", expression);
    std::unique_ptr<Result> result = tx_ ? tx_->run(query, params_) : db_.run(query, params_);
    std::vector<Value> row;
    Value value;
    if (result->next(row) && !row.empty()) value = row[0];
    while (result->next(row)) {
    }
    result->summary();
    return value;
}

Shell::Outcome Shell::cmd_param(const std::string& args) {
    if (args.empty()) return cmd_params("");
    try {
        if (args[0] == '{') {
            Value map = evaluate(args);
            if (!map.is_map()) {
                report("Usage: :param {name: value, ...}");
                return Outcome::Failed;
            }
            for (const auto& [k, v] : map.as_map()) set_param(params_, k, v);
            return Outcome::Ok;
        }
        if (args == "clear") {
            params_.clear();
            return Outcome::Ok;
        }
        size_t arrow = args.find("=>");
        std::string name = arrow == std::string::npos ? "" : param_name(args.substr(0, arrow));
        if (name.empty()) {
            report("Usage: :param name => expression   (or :param {name: value})");
            return Outcome::Failed;
        }
        set_param(params_, name, evaluate(trim(args.substr(arrow + 2))));
        return Outcome::Ok;
    } catch (const std::exception& e) {
        QuiverError error = as_quiver_error(e);
        if (tx_ && !tx_->is_open()) tx_.reset();
        report(error_report(error, ""));
        return Outcome::Failed;
    }
}

Shell::Outcome Shell::cmd_params(const std::string& args) {
    if (args == "clear") {
        params_.clear();
        return Outcome::Ok;
    }
    separate();
    if (params_.empty()) fmt::print("(no parameters)\n");
    for (const auto& [k, v] : params_) fmt::print(":param {} => {}\n", k, value_literal(v));
    std::fflush(stdout);
    return Outcome::Ok;
}

Shell::Outcome Shell::cmd_transaction(const std::string& name) {
    try {
        if (name == ":begin") {
            if (tx_) {
                report("A transaction is already open; :commit or :rollback it first.");
                return Outcome::Failed;
            }
            cancel_->reset();
            TransactionConfig config;
            config.cancellation = cancel_;
            tx_ = db_.begin(AccessMode::Write, config);
            return Outcome::Ok;
        }
        if (!tx_) {
            report(fmt::format("There is no open transaction to {}.", name.substr(1)));
            return Outcome::Failed;
        }
        std::unique_ptr<Transaction> tx = std::move(tx_);
        if (name == ":commit")
            tx->commit();
        else
            tx->rollback();
        return Outcome::Ok;
    } catch (const std::exception& e) {
        report(error_report(as_quiver_error(e), ""));
        return Outcome::Failed;
    }
}

Shell::Outcome Shell::cmd_format(const std::string& args) {
    OutputFormat format;
    if (args == "table") format = OutputFormat::Table;
    else if (args == "csv") format = OutputFormat::Csv;
    else if (args == "json") format = OutputFormat::Json;
    else {
        report("Usage: :format table|csv|json");
        return Outcome::Failed;
    }
    options_.format = format;
    writer_ = make_writer(format, options_, true);
    return Outcome::Ok;
}

Shell::Outcome Shell::cmd_rows(const std::string& line) {
    auto [name, args] = split_word(line);
    size_t n = 0;
    if (!parse_size(args, n)) {
        report(fmt::format("Usage: {} N   (0 = no limit)", name));
        return Outcome::Failed;
    }
    if (name == ":rows")
        options_.max_rows = n;
    else
        options_.max_width = n;
    writer_ = make_writer(options_.format.value_or(OutputFormat::Table), options_, true);
    return Outcome::Ok;
}

}  // namespace quiver::cli
