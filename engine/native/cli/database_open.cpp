#include "database_open.h"

#include <fmt/format.h>

#include <filesystem>
#include <system_error>

#include "base/error.h"
#include "sample_data.h"

namespace quiver::cli {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(std::string_view code, std::string message) {
    throw QuiverError(std::string(code), std::move(message));
}

void remove_quietly(const std::string& path) {
    std::error_code ec;
    fs::remove(path, ec);
}

}  // namespace

OpenRequest open_request(const std::string& path, const CliOptions& options) {
    OpenRequest request;
    request.path = path;
    request.sample = options.sample;
    request.read_only = options.read_only;
    request.deterministic = options.deterministic;
    request.timeout_ms = options.timeout_ms;
    return request;
}

OpenedDatabase open_database(const OpenRequest& request) {
    const SampleDataset* sample = nullptr;
    if (!request.sample.empty()) {
        sample = find_sample(request.sample);
        if (!sample)
            fail(status::ArgumentError, fmt::format("unknown sample dataset '{}'", request.sample));
    }
    if (is_memory_database(request.path)) {
        DatabaseOptions options;
        options.transaction_timeout_ms = request.timeout_ms;
        OpenedDatabase opened{Database::open_memory(options), true, false};
        if (sample) {
            load_sample(*opened.db, *sample);
            opened.sample_loaded = true;
        }
        return opened;
    }
    std::error_code ec;
    fs::file_status st = fs::status(request.path, ec);
    bool exists = fs::exists(st);
    if (exists && fs::is_directory(st))
        fail(status::StorageIO, fmt::format("{} is a directory, not a database file", request.path));
    if (!exists && request.must_exist)
        fail(status::DatabaseNotFound, fmt::format("no database file at {}", request.path));
    if (!exists) {
        fs::path parent = fs::path(request.path).parent_path();
        if (!parent.empty()) fs::create_directories(parent, ec);
    }

    DatabaseOptions options;
    options.read_only = request.read_only;
    options.deterministic = request.deterministic;
    options.transaction_timeout_ms = request.timeout_ms;
    options.create_if_missing = !request.must_exist;
    OpenedDatabase opened;
    opened.created = !exists;
    try {
        opened.db = Database::open_file(request.path, options);
        if (opened.created && sample) {
            load_sample(*opened.db, *sample);
            opened.db->flush();
            opened.sample_loaded = true;
        }
    } catch (...) {
        opened.db.reset();
        if (opened.created) remove_quietly(request.path);
        throw;
    }
    return opened;
}

}  // namespace quiver::cli
