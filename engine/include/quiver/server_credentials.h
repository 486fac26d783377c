// quiver — the credentials record of `quiver serve`, kept inside the database file (a property
// heap blob referenced from the graph meta page, docs/storage-format.md). The record is an
// opaque string to the store (the server writes its salted hash there, never a password).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "quiver/database.h"

namespace quiver {

// nullopt when the database holds no record (a new file, or one written before the slot).
std::optional<std::string> read_server_credentials(Database& db);
// Replaces the record in a write transaction of its own (waits for the writer), durably.
void write_server_credentials(Database& db, std::string_view record);

}  // namespace quiver
