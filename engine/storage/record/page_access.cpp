#include "storage/record/page_access.h"

#include "base/error.h"

namespace quiver::storage {

namespace {
[[noreturn]] void read_only() {
    throw QuiverError(std::string(status::AccessMode),
                      "Writing in a read-only transaction is not allowed");
}
}  // namespace

PinnedPage SnapshotAccess::write(LPage) { read_only(); }
std::pair<LPage, PinnedPage> SnapshotAccess::allocate(PageType) { read_only(); }
void SnapshotAccess::free(LPage) { read_only(); }

}  // namespace quiver::storage
