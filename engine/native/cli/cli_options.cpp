#include "cli_options.h"

#include <fmt/format.h>

#include <charconv>
#include <string_view>

namespace quiver::cli {
namespace {

[[noreturn]] void usage_error(std::string message) { throw UsageError{std::move(message)}; }

OutputFormat parse_format(std::string_view v) {
    if (v == "table") return OutputFormat::Table;
    if (v == "json") return OutputFormat::Json;
    if (v == "csv") return OutputFormat::Csv;
    usage_error(fmt::format("unknown format '{}' (use table, json or csv)", v));
}

size_t parse_count(std::string_view name, std::string_view v) {
    size_t n = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || end != v.data() + v.size())
        usage_error(fmt::format("{} needs a number, got '{}'", name, v));
    return n;
}

// Options that take a value, and where it goes.
bool apply_valued(CliOptions& o, std::string_view name, const std::string& value) {
    if (name == "--param" || name == "-p") o.params.push_back(value);
    else if (name == "--params") o.params_json.push_back(value);
    else if (name == "--format" || name == "-F") o.format = parse_format(value);
    else if (name == "--sample" || name == "--init-sample") o.sample = value;
    else if (name == "--file" || name == "-f") o.file = value;
    else if (name == "--max-rows") o.max_rows = parse_count(name, value);
    else if (name == "--max-width") o.max_width = parse_count(name, value);
    else if (name == "--timeout") o.timeout_ms = parse_count(name, value);
    else return false;
    return true;
}

bool apply_flag(CliOptions& o, std::string_view name) {
    if (name == "--stats") o.include_stats = true;
    else if (name == "--pretty") o.pretty = true;
    else if (name == "--fail-at-end") o.fail_at_end = true;
    else if (name == "--read-only") o.read_only = true;
    else if (name == "--deterministic") o.deterministic = true;
    else if (name == "--help" || name == "-h") o.help = true;
    else if (name == "--version" || name == "-V") o.version = true;
    else return false;
    return true;
}

constexpr std::string_view kValuedOptions[] = {"--param", "-p",       "--params", "--format",
                                               "-F",      "--sample", "--init-sample",
                                               "--file",  "-f",       "--max-rows", "--max-width",
                                               "--timeout"};

bool is_valued(std::string_view name) {
    for (auto v : kValuedOptions)
        if (v == name) return true;
    return false;
}

}  // namespace

CliOptions parse_command_line(int argc, char** argv) {
    CliOptions o;
    bool options_done = false;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        bool looks_like_option = arg.size() > 1 && arg[0] == '-';
        if (options_done || !looks_like_option) {
            if (o.command.empty())
                o.command = arg;
            else
                o.positional.push_back(arg);
            continue;
        }
        if (arg == "--") {
            options_done = true;
            continue;
        }
        std::string name = arg, value;
        bool inline_value = false;
        if (auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
            name = arg.substr(0, eq);
            value = arg.substr(eq + 1);
            inline_value = true;
        }
        if (is_valued(name)) {
            if (!inline_value) {
                if (i + 1 >= argc) usage_error(fmt::format("option {} needs a value", name));
                value = argv[++i];
            }
            apply_valued(o, name, value);
            continue;
        }
        if (inline_value || !apply_flag(o, name)) usage_error(fmt::format("unknown option '{}'", arg));
    }
    return o;
}

}  // namespace quiver::cli
