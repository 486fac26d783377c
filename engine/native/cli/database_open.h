// quiver::cli — opening the database file named on the command line.
//
// `quiver query` and `quiver shell` create the file when it is missing (like sqlite3), and
// with --sample NAME fill a newly created file with a built-in dataset; if loading fails the
// new file is removed again, so the next run starts clean. `quiver check` never creates a
// file. Failures are thrown as QuiverError; a file that is not a Quiver database, truncated,
// corrupt or of a newer format is reported by the engine at open.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "cli_options.h"
#include "quiver/database.h"

namespace quiver::cli {

// The path that names a database held in memory only (gone when the process ends).
inline constexpr std::string_view kMemoryDatabase = ":memory:";
// The quiverdb URL spelling of the same thing (driver('memory:')).
inline constexpr std::string_view kMemoryUrl = "memory:";
inline bool is_memory_database(std::string_view path) {
    return path == kMemoryDatabase || path == kMemoryUrl;
}

struct OpenRequest {
    std::string path;
    std::string sample;       // dataset to load into a newly created file ("" = none)
    bool must_exist = false;  // true: a missing file is an error
    bool read_only = false;
    bool deterministic = false;
    uint64_t timeout_ms = 0;  // every transaction's timeout (0 = none)
};

struct OpenedDatabase {
    std::unique_ptr<Database> db;
    bool created = false;         // the file did not exist before
    bool sample_loaded = false;   // request.sample was loaded into it
};

OpenedDatabase open_database(const OpenRequest& request);
// The request of `query` and `shell`: create when missing, --sample and --read-only applied.
OpenRequest open_request(const std::string& path, const CliOptions& options);

}  // namespace quiver::cli
