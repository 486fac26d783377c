#include "http_listener.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <sys/socket.h>
#include <stdexcept>

namespace quiver::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

struct HttpListener::State {
    asio::io_context io;
    tcp::acceptor acceptor{io};
    std::atomic<bool> stopping{false};
    std::mutex mutex;
    std::condition_variable wake;
    // Open connections by socket descriptor; stop() shuts them down so their threads leave
    // keep-alive reads, and the destructor waits for those threads.
    std::set<int> sockets;
    int connections = 0;
    std::condition_variable idle;
};

namespace {

HttpRequest to_request(const bhttp::request<bhttp::string_body>& in) {
    HttpRequest r;
    r.method = std::string(in.method_string());
    r.target = std::string(in.target());
    for (const auto& field : in) r.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    r.body = in.body();
    return r;
}

bhttp::response<bhttp::string_body> to_beast(const HttpResponse& out, unsigned version, bool keep_alive) {
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(out.status), version};
    res.set(bhttp::field::server, "Quiver");
    for (const auto& [k, v] : out.headers)
        if (k != "Content-Length") res.set(k, v);
    res.body() = out.body;
    res.keep_alive(keep_alive);
    res.prepare_payload();  // Content-Length, also 0 for 204
    return res;
}

void serve_connection(tcp::socket socket, HttpHandler& handler, const std::atomic<bool>& stopping) {
    beast::error_code ec;
    beast::flat_buffer buffer;
    while (!stopping) {
        bhttp::request_parser<bhttp::string_body> parser;
        parser.body_limit(64u << 20);
        bhttp::read(socket, buffer, parser, ec);
        if (ec == bhttp::error::end_of_stream || ec) break;
        auto& req = parser.get();
        HttpResponse out;
        try {
            out = handler.handle(to_request(req));
        } catch (const std::exception& e) {
            out.status = 500;
            out.headers = {{"Content-Type", "application/json;charset=utf-8"}};
            out.body = std::string("{\"results\":[],\"errors\":[{\"code\":\"Neo.DatabaseError.General.UnknownError\",\"message\":\"") +
                       "internal error\"}]}";
        }
        auto res = to_beast(out, req.version(), req.keep_alive());
        bhttp::write(socket, res, ec);
        if (ec || !req.keep_alive()) break;
    }
    socket.shutdown(tcp::socket::shutdown_both, ec);
}

}  // namespace

HttpListener::HttpListener(HttpHandler& handler, const std::string& host, uint16_t port)
    : handler_(handler), state_(std::make_unique<State>()) {
    beast::error_code ec;
    auto address = asio::ip::make_address(host == "localhost" ? "127.0.0.1" : host, ec);
    if (ec) throw std::runtime_error("invalid listen address '" + host + "'");
    tcp::endpoint endpoint{address, port};
    state_->acceptor.open(endpoint.protocol(), ec);
    if (!ec) state_->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) state_->acceptor.bind(endpoint, ec);
    if (!ec) state_->acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + ": " + ec.message());
}

HttpListener::~HttpListener() {
    stop();
    std::unique_lock lock(state_->mutex);
    for (int fd : state_->sockets) ::shutdown(fd, SHUT_RDWR);
    state_->idle.wait(lock, [&] { return state_->connections == 0; });
}

uint16_t HttpListener::port() const { return state_->acceptor.local_endpoint().port(); }

void HttpListener::run() {
    State& s = *state_;
    std::thread reaper([&s, this] {
        std::unique_lock lock(s.mutex);
        while (!s.stopping) {
            s.wake.wait_for(lock, std::chrono::milliseconds(200));
            lock.unlock();
            handler_.reap_expired_transactions();
            lock.lock();
        }
    });
    while (!s.stopping) {
        beast::error_code ec;
        tcp::socket socket{s.io};
        s.acceptor.accept(socket, ec);
        if (ec) {
            if (s.stopping) break;
            continue;
        }
        socket.set_option(tcp::no_delay(true), ec);
        {
            std::lock_guard lock(s.mutex);
            if (s.stopping) break;
            s.sockets.insert(socket.native_handle());
            ++s.connections;
        }
        std::thread([&s, this, sock = std::move(socket)]() mutable {
            int fd = sock.native_handle();
            serve_connection(std::move(sock), handler_, s.stopping);
            std::lock_guard lock(s.mutex);
            s.sockets.erase(fd);
            --s.connections;
            s.idle.notify_all();
        }).detach();
    }
    beast::error_code ec;
    s.acceptor.close(ec);
    {
        std::lock_guard lock(s.mutex);
        s.wake.notify_all();
    }
    reaper.join();
}

void HttpListener::stop() {
    if (!state_ || state_->stopping.exchange(true)) return;
    // A blocking accept() does not wake when the acceptor closes from another thread: connect
    // to it once so run() sees the flag.
    beast::error_code ec;
    tcp::endpoint local = state_->acceptor.local_endpoint(ec);
    if (!ec) {
        asio::io_context io;
        tcp::socket poke{io};
        if (local.address().is_unspecified())
            local.address(local.protocol() == tcp::v4() ? asio::ip::address(asio::ip::address_v4::loopback())
                                                        : asio::ip::address(asio::ip::address_v6::loopback()));
        poke.connect(local, ec);
    }
    std::lock_guard lock(state_->mutex);
    for (int fd : state_->sockets) ::shutdown(fd, SHUT_RDWR);
    state_->wake.notify_all();
}

}  // namespace quiver::http
