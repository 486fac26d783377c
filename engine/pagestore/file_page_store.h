// FilePageStore (native only): pread/pwrite on one descriptor, fdatasync as the durability
// barrier, and an advisory lock on the database file itself (exclusive for read-write opens,
// shared for read-only ones) so two writer processes can never open one file. No lock file or
// other sidecar is ever created.
#pragma once

#include <memory>
#include <string>

#include "pagestore/page_store.h"

namespace quiver::pagestore {

// Throws QuiverError when the file cannot be opened or is locked by another process.
std::unique_ptr<PageStore> open_file_store(const std::string& path, bool read_only,
                                           bool create_if_missing);

}  // namespace quiver::pagestore
