// quiver::bolt — one Bolt connection as a byte transformer: bytes from the client in, bytes for
// the client out (handshake, manifest choice, dechunking, the session). Transports (TCP,
// WebSocket, an in-process channel) only move bytes and honour `close`.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "bolt/chunking.h"
#include "bolt/handshake.h"
#include "bolt/server_context.h"
#include "bolt/session.h"

namespace quiver::bolt {

struct Output {
    std::string bytes;        // write these (one write: the handshake reply must not be split)
    bool close = false;       // then close the connection
    bool auth_failed = false; // delay the write (brute-force protection)
};

class Connection {
public:
    explicit Connection(ServerContext& ctx) : ctx_(ctx), dechunker_(ctx.max_message_bytes) {}

    Output feed(const uint8_t* data, size_t size);
    // The transport is going away (peer closed, shutdown): roll back an open transaction.
    void abort() {
        if (session_) session_->abort();
    }
    // Deadline of the open transaction's tx_timeout (time_point::max() when none).
    std::chrono::steady_clock::time_point transaction_deadline() const {
        return session_ ? session_->transaction_deadline()
                        : std::chrono::steady_clock::time_point::max();
    }
    // Between requests: rolls back an open transaction past its deadline (Session).
    void expire_transaction(std::chrono::steady_clock::time_point now) {
        if (session_) session_->expire_transaction(now);
    }
    // The connection is over a limit: answer the first request with this error, then close.
    void reject_with(QuiverError e) { reject_ = std::make_unique<QuiverError>(std::move(e)); }
    bool handshake_done() const { return session_ != nullptr; }
    const Session* session() const { return session_.get(); }

private:
    enum class Phase : uint8_t { Preamble, ManifestChoice, Messages, Closed };

    ServerContext& ctx_;
    Phase phase_ = Phase::Preamble;
    std::string pending_;  // handshake bytes not yet consumed
    std::vector<BoltVersion> offered_;
    Dechunker dechunker_;
    std::unique_ptr<Session> session_;
    std::unique_ptr<QuiverError> reject_;

    void start_session(BoltVersion v, bool manifest);
};

}  // namespace quiver::bolt
