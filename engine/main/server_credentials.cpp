#include "quiver/server_credentials.h"

#include "base/error.h"
#include "main/database_impl.h"
#include "storage/graph/graph_txn.h"

namespace quiver {

namespace {
storage::GraphStore& store_of(Database& db) {
    auto* impl = dynamic_cast<main::DatabaseImpl*>(&db);
    if (!impl)
        throw QuiverError(std::string(status::UnknownError),
                          "This database cannot hold server credentials");
    return impl->store();
}
}  // namespace

std::optional<std::string> read_server_credentials(Database& db) {
    auto txn = store_of(db).begin_read();
    return txn->server_credentials();
}

void write_server_credentials(Database& db, std::string_view record) {
    auto& store = store_of(db);
    auto txn = store.begin_write();
    try {
        txn->set_server_credentials(record);
    } catch (...) {
        store.rollback(*txn);
        throw;
    }
    store.commit(*txn);  // a failed commit rolls back itself
}

}  // namespace quiver
