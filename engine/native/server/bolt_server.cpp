#include "bolt_server.h"

#include <fmt/format.h>
#include <poll.h>
#include <sys/socket.h>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <thread>

#include "bolt/connection.h"
#include "connection_worker.h"

namespace quiver::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
namespace ssl = asio::ssl;
using TlsStream = ssl::stream<tcp::socket&>;

namespace {
// Whether the socket cannot be polled before a read: a TLS stream may hold received records in
// its own buffers, so TLS connections read blocking (their clocks are kept by the
// ConnectionWorker, which shuts the socket down to end such a read).
bool has_buffered(tcp::socket&) { return false; }
bool has_buffered(TlsStream&) { return true; }
}  // namespace

struct BoltServer::Impl {
    bolt::ServerContext& ctx;
    ServerOptions opt;
    asio::io_context io;
    tcp::acceptor acceptor{io};
    std::atomic<bool> stopping{false};
    std::mutex mu;
    std::condition_variable cv;
    std::set<int> open_fds;
    size_t active = 0;

    Impl(bolt::ServerContext& c, ServerOptions o) : ctx(c), opt(std::move(o)) {}

    std::unique_ptr<ssl::context> tls;

    void serve(tcp::socket sock, bool over_limit);
    template <class Stream>
    bool sniff(Stream& s, int fd, std::string& first);
    template <class Stream>
    void serve_bolt(Stream& s, int fd, std::string first, bool over_limit);
    template <class Stream>
    void serve_http(Stream& s, std::string first, bool over_limit);
    bool wait_readable(int fd, int timeout_ms);
    std::string discovery_json(const std::string& host) const;
};

BoltServer::BoltServer(bolt::ServerContext& ctx, ServerOptions options)
    : impl_(std::make_unique<Impl>(ctx, std::move(options))) {}

BoltServer::~BoltServer() = default;

void BoltServer::listen() {
    if (!impl_->opt.tls_cert.empty()) {
        auto ctx = std::make_unique<ssl::context>(ssl::context::tls_server);
        ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                         ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                         ssl::context::no_tlsv1_1);
        boost::system::error_code ec;
        ctx->use_certificate_chain_file(impl_->opt.tls_cert, ec);
        if (!ec) ctx->use_private_key_file(impl_->opt.tls_key, ssl::context::pem, ec);
        if (ec)
            throw std::runtime_error(fmt::format("cannot load TLS certificate {} / key {}: {}",
                                                 impl_->opt.tls_cert, impl_->opt.tls_key,
                                                 ec.message()));
        impl_->tls = std::move(ctx);
    }
    auto& a = impl_->acceptor;
    tcp::endpoint ep(asio::ip::make_address(impl_->opt.host), impl_->opt.port);
    a.open(ep.protocol());
    a.set_option(tcp::acceptor::reuse_address(true));
    boost::system::error_code ec;
    a.bind(ep, ec);
    if (ec)
        throw std::runtime_error(fmt::format("cannot listen on {}:{}: {}", impl_->opt.host,
                                             impl_->opt.port, ec.message()));
    a.listen(asio::socket_base::max_listen_connections);
}

uint16_t BoltServer::port() const { return impl_->acceptor.local_endpoint().port(); }

void BoltServer::stop() {
    if (impl_->stopping.exchange(true)) return;
    ::shutdown(impl_->acceptor.native_handle(), SHUT_RDWR);
    std::lock_guard lock(impl_->mu);
    for (int fd : impl_->open_fds) ::shutdown(fd, SHUT_RD);
}

void BoltServer::run() {
    auto& im = *impl_;
    while (!im.stopping) {
        tcp::socket sock(im.io);
        boost::system::error_code ec;
        im.acceptor.accept(sock, ec);
        if (im.stopping) break;
        if (ec) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));  // e.g. out of fds
            continue;
        }
        bool over_limit = false;
        {
            std::lock_guard lock(im.mu);
            over_limit = im.active >= im.opt.max_connections;
            ++im.active;
            im.open_fds.insert(sock.native_handle());
        }
        std::thread([&im, s = std::move(sock), over_limit]() mutable {
            int fd = s.native_handle();
            try {
                im.serve(std::move(s), over_limit);
            } catch (const std::exception& e) {
                fmt::print(stderr, "quiver serve: connection error: {}\n", e.what());
            }
            std::lock_guard lock(im.mu);
            im.open_fds.erase(fd);
            --im.active;
            im.cv.notify_all();
        }).detach();
    }
    // Graceful: in-flight requests finish; idle connections saw their read side closed.
    std::unique_lock lock(im.mu);
    im.cv.wait_for(lock, std::chrono::seconds(30), [&] { return im.active == 0; });
}

bool BoltServer::Impl::wait_readable(int fd, int timeout_ms) {
    pollfd p{fd, POLLIN, 0};
    for (;;) {
        int r = ::poll(&p, 1, timeout_ms);
        if (r > 0) return true;
        if (r == 0) return false;
        if (errno != EINTR) return true;  // let the read report the error
    }
}

// Reads the first four bytes and checks they can start Bolt (60 60 B0 17), HTTP (GET ) or,
// on the raw socket with TLS configured, a TLS record (16 03). False: close without a reply.
template <class Stream>
bool BoltServer::Impl::sniff(Stream& s, int fd, std::string& first) {
    constexpr bool raw = std::is_same_v<Stream, tcp::socket>;
    char buf[4];
    while (first.size() < 4) {
        if (!has_buffered(s) && !wait_readable(fd, opt.auth_timeout_seconds * 1000)) return false;
        boost::system::error_code ec;
        size_t n = s.read_some(asio::buffer(buf, 4 - first.size()), ec);
        if (ec) return false;
        first.append(buf, n);
        uint8_t b0 = static_cast<uint8_t>(first[0]);
        if (raw && tls && b0 == 0x16) return true;  // TLS ClientHello
        if (b0 == 0x60) {
            if (first.compare(0, first.size(), "\x60\x60\xB0\x17", first.size())) return false;
        } else if (first.compare(0, first.size(), "GET ", first.size())) {
            return false;
        }
    }
    return true;
}

void BoltServer::Impl::serve(tcp::socket sock, bool over_limit) {
    sock.set_option(tcp::no_delay(true));
    int fd = sock.native_handle();
    std::string first;
    if (!sniff(sock, fd, first)) return;
    boost::system::error_code ec;
    if (static_cast<uint8_t>(first[0]) == 0x16) {
        // TLS on the same port: handshake (with the bytes already read), then sniff again.
        TlsStream tls_stream(sock, *tls);
        tls_stream.handshake(ssl::stream_base::server, asio::buffer(first), ec);
        if (ec) return;
        std::string inner;
        if (sniff(tls_stream, fd, inner)) {
            if (static_cast<uint8_t>(inner[0]) == 0x60)
                serve_bolt(tls_stream, fd, std::move(inner), over_limit);
            else
                serve_http(tls_stream, std::move(inner), over_limit);
        }
        tls_stream.shutdown(ec);
    } else if (static_cast<uint8_t>(first[0]) == 0x60) {
        serve_bolt(sock, fd, std::move(first), over_limit);
    } else {
        serve_http(sock, std::move(first), over_limit);
    }
    sock.shutdown(tcp::socket::shutdown_both, ec);
    sock.close(ec);
}

template <class Stream>
void BoltServer::Impl::serve_bolt(Stream& sock, int fd, std::string first, bool over_limit) {
    // Plain TCP: requests run on the worker while this thread keeps reading (RESET interrupts
    // a running query). TLS: this thread runs them itself (one thread per TLS stream); the
    // worker keeps the idle and transaction clocks for both.
    constexpr bool threaded = std::is_same_v<Stream, tcp::socket>;
    bolt::Connection conn(ctx);
    if (over_limit)
        conn.reject_with(QuiverError("Neo.TransientError.Request.NoThreadsAvailable",
                                     fmt::format("The server has reached its limit of {} "
                                                 "connections; try again later",
                                                 opt.max_connections)));
    WorkerLimits limits{opt.idle_timeout_seconds * 1000, opt.auth_timeout_seconds * 1000,
                        opt.auth_failure_delay_ms};
    ConnectionWorker worker(conn, fd, limits);
    auto write = [&](const std::string& bytes) {
        boost::system::error_code ec;
        if (!bytes.empty()) asio::write(sock, asio::buffer(bytes), ec);
        return !ec;
    };
    // Bytes from the client: the handshake reply is written at once, requests go on.
    auto deliver = [&](const uint8_t* p, size_t n) {
        bolt::Received r = worker.receive(p, n);
        if (!write(r.bytes) || r.close) return false;
        if constexpr (threaded) {
            worker.post(std::move(r.requests));
            return true;
        } else {
            bolt::Output out = worker.execute_here(r.requests);
            return write(out.bytes) && !out.close;
        }
    };
    std::vector<uint8_t> buf(64 * 1024);
    bool open = deliver(reinterpret_cast<const uint8_t*>(first.data()), first.size());
    while (open) {
        if constexpr (threaded) {
            pollfd p[2] = {{fd, POLLIN, 0}, {worker.wake_fd(), POLLIN, 0}};
            if (::poll(p, 2, -1) < 0) {
                if (errno == EINTR) continue;
                break;
            }
            if (p[1].revents) {
                bolt::Output out = worker.take();
                if (!write(out.bytes) || out.close) break;
            }
            if (!p[0].revents) continue;
        }
        boost::system::error_code ec;
        size_t n = sock.read_some(asio::buffer(buf), ec);
        if (ec || n == 0) break;  // peer closed, server stopping, or timed out (worker)
        open = deliver(buf.data(), n);
    }
    // The peer is gone: stop its running query. Stopping the server lets it finish instead,
    // and its reply is still written (only the read side was shut down).
    if (!stopping) conn.interrupt();
    worker.finish();
    if constexpr (threaded) write(worker.take().bytes);
    conn.abort();
}

std::string BoltServer::Impl::discovery_json(const std::string& host) const {
    return fmt::format(
        R"({{"bolt_routing":"neo4j://{0}","bolt_direct":"bolt://{0}","neo4j_version":"5.26.0",)"
        R"("neo4j_edition":"community","auth_config":{{"oidc_providers":[]}}}})",
        host);
}

template <class Stream>
void BoltServer::Impl::serve_http(Stream& sock, std::string first, bool over_limit) {
    beast::flat_buffer buffer;
    auto mb = buffer.prepare(first.size());
    asio::buffer_copy(mb, asio::buffer(first));
    buffer.commit(first.size());
    http::request_parser<http::string_body> parser;
    parser.header_limit(64 * 1024);
    parser.body_limit(64 * 1024);
    boost::system::error_code ec;
    http::read(sock, buffer, parser, ec);
    if (ec) return;
    auto req = parser.release();
    std::string target(req.target());
    std::string path = target.substr(0, target.find('?'));
    auto reply = [&](http::status st, std::string body, const char* type) {
        http::response<http::string_body> res{st, req.version()};
        res.set(http::field::content_type, type);
        res.set(http::field::access_control_allow_origin, "*");
        res.set(http::field::vary, "Accept");
        res.keep_alive(false);
        res.body() = std::move(body);
        res.prepare_payload();
        http::write(sock, res, ec);
    };
    if (!websocket::is_upgrade(req)) {
        if (path == "/") return reply(http::status::ok, discovery_json(std::string(req[http::field::host])), "application/json");
        return reply(http::status::not_found, "", "text/plain");
    }
    if (path != "/") return reply(http::status::not_found, "", "text/plain");

    websocket::stream<Stream&> ws(sock);
    std::string subprotocol;
    if (auto it = req.find(http::field::sec_websocket_protocol); it != req.end()) {
        std::string offered(it->value());
        subprotocol = offered.substr(0, offered.find(','));
        while (!subprotocol.empty() && subprotocol.back() == ' ') subprotocol.pop_back();
    }
    ws.set_option(websocket::stream_base::decorator([subprotocol](websocket::response_type& res) {
        res.set(http::field::server, "Neo4j");
        if (!subprotocol.empty()) res.set(http::field::sec_websocket_protocol, subprotocol);
    }));
    ws.read_message_max(ctx.max_message_bytes + 1024);
    ws.accept(req, ec);
    if (ec) return;
    ws.binary(true);
    bolt::Connection conn(ctx);
    if (over_limit)
        conn.reject_with(QuiverError("Neo.TransientError.Request.NoThreadsAvailable",
                                     fmt::format("The server has reached its limit of {} "
                                                 "connections; try again later",
                                                 opt.max_connections)));
    for (;;) {
        beast::flat_buffer msg;
        ws.read(msg, ec);
        if (ec) break;
        if (ws.got_text()) {
            ws.close(websocket::close_reason(websocket::close_code::unknown_data), ec);
            break;
        }
        auto data = msg.data();
        bolt::Output out = conn.feed(static_cast<const uint8_t*>(data.data()), data.size());
        if (out.auth_failed)
            std::this_thread::sleep_for(std::chrono::milliseconds(opt.auth_failure_delay_ms));
        if (!out.bytes.empty()) ws.write(asio::buffer(out.bytes), ec);
        if (ec) break;
        if (out.close) {
            ws.close(websocket::close_reason(websocket::close_code::normal), ec);
            break;
        }
    }
    conn.abort();
}

}  // namespace quiver::server
