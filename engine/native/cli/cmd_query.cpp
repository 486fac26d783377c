// `quiver query DB 'CYPHER' [--param name=JSON]... [--params '{…}'] [--format table|json|csv]`
// Runs the statements of the query text (separated by ';') one after the other, each in its
// own auto-commit transaction, stopping at the first failure. Exit status 1 on any failure.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "base/error.h"
#include "commands.h"
#include "database_open.h"
#include "params.h"
#include "statement_runner.h"
#include "statement_splitter.h"

namespace quiver::cli {
namespace {

std::string read_query_file(const std::string& path) {
    std::ostringstream text;
    if (path == "-") {
        text << std::cin.rdbuf();
        return text.str();
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError{fmt::format("cannot read query file '{}'", path)};
    text << in.rdbuf();
    return text.str();
}

ValueMap collect_params(const CliOptions& options) {
    ValueMap params;
    for (const auto& p : options.params_json) add_params_object(params, p);
    for (const auto& p : options.params) add_param_arg(params, p);
    return params;
}

}  // namespace

int run_query_command(const CliOptions& options) {
    if (options.positional.empty()) throw UsageError{"query needs a database file"};
    const std::string& path = options.positional[0];
    bool has_text = options.positional.size() >= 2;
    if (options.positional.size() > 2) throw UsageError{"query takes one Cypher text (quote it)"};
    if (has_text == !options.file.empty())
        throw UsageError{"give the Cypher text either as an argument or with --file"};
    std::string text = has_text ? options.positional[1] : read_query_file(options.file);
    std::vector<std::string> statements = split_statements(text);
    if (statements.empty()) throw UsageError{"the query text holds no statement"};

    auto writer = make_writer(options.format.value_or(OutputFormat::Table), options, false);
    bool ok = false;
    try {
        ValueMap params = collect_params(options);
        OpenedDatabase opened;
        try {
            opened = open_database(open_request(path, options));
        } catch (const std::exception& e) {
            QuiverError error = as_quiver_error(e);
            throw QuiverError(error.code(), fmt::format("{}: {}", path, error.message()));
        }
        for (const auto& statement : statements) {
            ok = run_statement(*opened.db, nullptr, statement, params, *writer);
            if (!ok) break;
        }
    } catch (const std::exception& e) {
        writer->fail(as_quiver_error(e), "");
        ok = false;
    }
    writer->close();
    return ok ? kExitOk : kExitError;
}

}  // namespace quiver::cli
