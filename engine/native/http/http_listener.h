// quiver::http — serves an HttpHandler over HTTP/1.1 (Boost.Beast on Boost.Asio): one thread
// per connection, keep-alive, plus a timer thread that rolls back expired transactions.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "http_handler.h"

namespace quiver::http {

class HttpListener {
public:
    // Binds host:port (port 0 picks a free port); throws std::runtime_error on failure.
    HttpListener(HttpHandler& handler, const std::string& host, uint16_t port);
    ~HttpListener();
    uint16_t port() const;
    // Accepts connections until stop() (from another thread or a signal-watching thread).
    void run();
    void stop();

private:
    struct State;
    HttpHandler& handler_;
    std::unique_ptr<State> state_;
};

}  // namespace quiver::http
