// quiver::bolt — one Bolt connection as a byte transformer: bytes from the client in, bytes for
// the client out (handshake, manifest choice, dechunking, the session). Transports (TCP,
// WebSocket, an in-process channel) only move bytes and honour `close`.
//
// Two ways to drive it:
//   feed(bytes)                 everything on the caller's thread, in order;
//   receive(bytes) + execute()  split for a transport that keeps reading while a request runs:
//                               receive() (the reading thread) answers the handshake and cuts
//                               the stream into requests, and a RESET among them interrupts the
//                               session at once (Session::interrupt); execute() (one other
//                               thread, in order) handles each request.
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

// One dechunked message, or the marker that a message exceeded the size limit.
struct Request {
    std::string message;
    bool too_large = false;
};

struct Received {
    std::string bytes;   // handshake reply: write it before anything execute() returns
    bool close = false;  // handshake failed: close after writing `bytes`
    std::vector<Request> requests;
};

class Connection {
public:
    explicit Connection(ServerContext& ctx) : ctx_(ctx), dechunker_(ctx.max_message_bytes) {}

    Output feed(const uint8_t* data, size_t size);
    Received receive(const uint8_t* data, size_t size);
    Output execute(const Request& request);
    // The transport is going away (peer closed, shutdown): roll back an open transaction.
    void abort() {
        if (session_) session_->abort();
    }
    // Thread-safe: the peer is gone; terminate the running request (Session::interrupt).
    void interrupt() {
        if (session_) session_->interrupt();
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
    void dechunk(const uint8_t* data, size_t size, Received& r);
};

}  // namespace quiver::bolt
