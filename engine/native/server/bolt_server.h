// quiver::server — the native Bolt server: one listening port for raw Bolt over TCP and Bolt over
// WebSocket (the first bytes decide: Bolt magic 60 60 B0 17, or an HTTP GET upgrade). One thread
// per connection reads and writes its blocking Asio socket and a second one (ConnectionWorker)
// runs the engine's bolt::Connection (engine/bolt/) requests, so a RESET received during a query
// terminates it; the engine lets read transactions run concurrently on snapshots beside the
// single writer. (TLS and WebSocket connections run their requests on the reading thread: a
// RESET then only skips the requests queued before it.)
//
// With a certificate, a TLS ClientHello on the port is answered with TLS and the decrypted
// stream is sniffed again (bolt+s://, bolt+ssc://, wss://).
// Limits: at most `max_connections` connections (the next one gets
// Neo.TransientError.Request.NoThreadsAvailable on its first request, then is closed), idle
// connections (plain and TLS) are closed after `idle_timeout_seconds` and an open transaction
// past its tx_timeout is rolled back while the client is silent, messages above `max_message_bytes` fail
// the connection with Neo.ClientError.Request.Invalid. stop() closes the listener and the read
// side of every connection: a request being executed finishes and is answered, then the
// connection ends and an open transaction is rolled back.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "bolt/server_context.h"

namespace quiver::server {

struct ServerOptions {
    std::string host = "127.0.0.1";
    uint16_t port = 7687;  // 0 picks a free port
    size_t max_connections = 1000;
    int idle_timeout_seconds = 1200;
    int auth_timeout_seconds = 30;     // handshake + authentication must finish within this
    int auth_failure_delay_ms = 500;   // wrong credentials are answered after this delay
    // PEM files; when set, TLS is accepted on the same port (first byte 0x16), plain stays too.
    std::string tls_cert, tls_key;
};

class BoltServer {
public:
    BoltServer(bolt::ServerContext& ctx, ServerOptions options);
    ~BoltServer();

    void listen();          // binds; throws std::runtime_error when the address is taken
    uint16_t port() const;  // the bound port
    void run();             // accepts until stop(); then waits for connections to end
    void stop();            // thread-safe, also from a signal-handling thread

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace quiver::server
