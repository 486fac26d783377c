// quiver::bolt — state shared by every Bolt connection of one server: the database, the
// authentication provider, identity strings and the bookmark counter.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "bolt/auth.h"
#include "bolt/handshake.h"
#include "quiver/database.h"

namespace quiver::bolt {

struct ServerContext {
    Database* db = nullptr;
    Authenticator* auth = nullptr;  // null: authentication disabled, every token accepted
    HandshakeConfig handshake;
    std::string server_agent = "Neo4j/5.26.0";  // drivers require the Neo4j/ prefix
    std::string database_name = "neo4j";        // the one (home) database
    std::string advertised_address;             // ROUTE answer when the client sent none
    size_t max_message_bytes = 64u << 20;
    std::atomic<uint64_t> commits{0};        // bookmarks are "quiver:<db>:<commits>"
    std::atomic<uint64_t> next_connection{0};
};

}  // namespace quiver::bolt
