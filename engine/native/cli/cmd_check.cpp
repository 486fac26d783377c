// `quiver check DB [--format table|json]` — integrity check of a database file.
// Sound: a one-line summary on stdout, exit 0. Problems: a header line and one problem per
// line, exit 1. A file that cannot be opened (missing, not a database, truncated, corrupt,
// newer format): the reason on stderr, exit 1. The file is opened read-only and never created.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "commands.h"
#include "database_open.h"
#include "statement_runner.h"

namespace quiver::cli {
namespace {

void print_json(const CheckReport& report, const std::string& path, const QuiverError* error) {
    nlohmann::ordered_json doc = {{"file", path}, {"ok", error == nullptr && report.ok}};
    if (error) {
        doc["error"] = {{"code", error->code()}, {"message", error->message()}};
    } else {
        doc["problems"] = report.problems;
        doc["pages_checked"] = report.pages_checked;
        doc["nodes_checked"] = report.nodes_checked;
        doc["relationships_checked"] = report.relationships_checked;
    }
    fmt::print("{}\n", doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void print_text(const CheckReport& report, const std::string& path) {
    if (report.ok && report.problems.empty()) {
        fmt::print("{}: OK ({} pages, {} nodes, {} relationships checked)\n", path,
                   report.pages_checked, report.nodes_checked, report.relationships_checked);
        return;
    }
    size_t n = report.problems.size();
    fmt::print("{}: NOT OK, {} {} found\n", path, n, n == 1 ? "problem" : "problems");
    for (const auto& p : report.problems) fmt::print("  {}\n", p);
}

}  // namespace

int run_check_command(const CliOptions& options) {
    if (options.positional.size() != 1) throw UsageError{"check needs exactly one database file"};
    const std::string& path = options.positional[0];
    OutputFormat format = options.format.value_or(OutputFormat::Table);
    if (format == OutputFormat::Csv) throw UsageError{"check supports --format table or json"};

    CheckReport report;
    const char* stage = "cannot be opened as a Quiver database";
    try {
        OpenRequest request;
        request.path = path;
        request.must_exist = true;
        request.read_only = true;
        OpenedDatabase opened = open_database(request);
        stage = "the check stopped on an error";
        report = opened.db->check();
        if (!report.ok && report.problems.empty()) report.problems.push_back("check failed");
    } catch (const std::exception& e) {
        QuiverError error = as_quiver_error(e);
        if (format == OutputFormat::Json)
            print_json(report, path, &error);
        else
            fmt::print(stderr, "{}: {}\n  {}: {}\n", path, stage, error.code(), error.message());
        return kExitError;
    }
    if (format == OutputFormat::Json)
        print_json(report, path, nullptr);
    else
        print_text(report, path);
    return report.ok ? kExitOk : kExitError;
}

}  // namespace quiver::cli
