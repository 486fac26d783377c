#include "serve_command.h"

#include <fmt/format.h>
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "base/error.h"
#include "bolt_server.h"
#include "http_handler.h"
#include "http_listener.h"
#include "password_auth.h"
#include "quiver/database.h"
#include "quiver/server_credentials.h"

namespace quiver::server {

namespace {

constexpr std::string_view kUsage = R"(Usage: quiver serve DB [options]

Serves the database DB (a file, created when missing; ':memory:' for a throw-away one) to Neo4j
drivers over Bolt (TCP and WebSocket on the same port) and to HTTP clients over Neo4j's HTTP API
(the transactional endpoint /db/{db}/tx, /db/data/transaction and the discovery document).

Options:
  --bolt HOST:PORT        listen address (default 127.0.0.1:7687; port 0 picks a free one)
  --auth basic|none       basic (default): credentials kept salted and hashed inside DB
                          (an older server's DB.auth file is moved in);
                          at first start from QUIVER_AUTH=user/password, else user neo4j
                          with a generated password printed once
  --max-connections N     connection limit (default 1000)
  --idle-timeout SECONDS  close idle connections after this long (default 1200)
  --max-message-bytes N   largest Bolt message accepted (default 67108864)
  --bolt-max-version X.Y  highest Bolt version offered (default 5.8; testing)
  --no-manifest           do not offer the Bolt 5.7+ manifest handshake (testing)
  --tls-cert FILE --tls-key FILE   PEM certificate chain and key: TLS is accepted on the same
                          port beside plain connections (bolt+s://, bolt+ssc://, wss://)
  --http HOST:PORT|off    HTTP API listen address (default 127.0.0.1:7474; port 0 picks a
                          free one; off: no HTTP listener); same credentials as Bolt)";

struct Usage {
    std::string message;
};

std::pair<std::string, uint16_t> parse_address(const std::string& s) {
    auto colon = s.rfind(':');
    if (colon == std::string::npos) throw Usage{fmt::format("expected HOST:PORT, got '{}'", s)};
    int port = std::atoi(s.c_str() + colon + 1);
    if (port < 0 || port > 65535) throw Usage{fmt::format("bad port in '{}'", s)};
    return {s.substr(0, colon), uint16_t(port)};
}

}  // namespace

int run_serve_command(int argc, char** argv) {
    std::string db_path;
    ServerOptions options;
    std::string auth_mode = "basic";
    bolt::HandshakeConfig handshake;
    size_t max_message = 64u << 20;
    std::optional<std::pair<std::string, uint16_t>> http_address{{"127.0.0.1", 7474}};
    try {
        for (int i = 0; i < argc; ++i) {
            std::string a = argv[i];
            auto value = [&]() -> std::string {
                if (i + 1 >= argc) throw Usage{fmt::format("{} needs a value", a)};
                return argv[++i];
            };
            if (a == "--help" || a == "-h") {
                fmt::print("{}\n", kUsage);
                return 0;
            } else if (a == "--bolt") {
                std::tie(options.host, options.port) = parse_address(value());
            } else if (a == "--auth") {
                auth_mode = value();
                if (auth_mode != "basic" && auth_mode != "none")
                    throw Usage{"--auth must be basic or none"};
            } else if (a == "--max-connections") {
                options.max_connections = std::strtoull(value().c_str(), nullptr, 10);
            } else if (a == "--idle-timeout") {
                options.idle_timeout_seconds = std::atoi(value().c_str());
            } else if (a == "--max-message-bytes") {
                max_message = std::strtoull(value().c_str(), nullptr, 10);
            } else if (a == "--bolt-max-version") {
                std::string v = value();
                auto dot = v.find('.');
                if (dot == std::string::npos) throw Usage{"--bolt-max-version expects X.Y"};
                handshake.max_version = {uint8_t(std::atoi(v.c_str())),
                                         uint8_t(std::atoi(v.c_str() + dot + 1))};
            } else if (a == "--no-manifest") {
                handshake.manifest = false;
            } else if (a == "--tls-cert") {
                options.tls_cert = value();
            } else if (a == "--tls-key") {
                options.tls_key = value();
            } else if (a == "--http") {
                std::string v = value();
                if (v == "off") http_address.reset();
                else http_address = parse_address(v);
            } else if (!a.empty() && a[0] == '-') {
                throw Usage{fmt::format("unknown option {}", a)};
            } else if (db_path.empty()) {
                db_path = a;
            } else {
                throw Usage{fmt::format("unexpected argument '{}'", a)};
            }
        }
        if (db_path.empty()) throw Usage{"serve needs a database file (or :memory:)"};
        if (options.tls_cert.empty() != options.tls_key.empty())
            throw Usage{"--tls-cert and --tls-key go together"};
    } catch (const Usage& u) {
        fmt::print(stderr, "quiver serve: {}\n{}\n", u.message, kUsage);
        return 2;
    }

    // SIGINT/SIGTERM are taken by one thread (sigwait) that stops the server gracefully.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    signal(SIGPIPE, SIG_IGN);

    try {
        std::unique_ptr<Database> db = db_path == ":memory:" ? Database::open_memory()
                                                             : Database::open_file(db_path);
        std::unique_ptr<PasswordAuth> auth;
        if (auth_mode == "basic") {
            // Credentials: stored inside a database file (salted hash); the first start takes
            // them from QUIVER_AUTH=user/password or generates a password and prints it once.
            // A "<db>.auth" file of an older server is moved into the database.
            bool persistent = db_path != ":memory:";
            std::optional<PasswordRecord> record;
            if (persistent) {
                if (auto text = read_server_credentials(*db))
                    record = parse_password_record(*text, db_path);
                std::string side_file = db_path + ".auth";
                if (auto old = load_password_file(side_file)) {
                    if (!record) {
                        record = *old;
                        write_server_credentials(*db, format_password_record(*record));
                    }
                    std::remove(side_file.c_str());
                }
            }
            if (!record) {
                std::string user = "neo4j", password;
                if (const char* env = std::getenv("QUIVER_AUTH"); env && *env) {
                    std::string s = env;
                    auto slash = s.find('/');
                    if (slash == std::string::npos || slash == 0 || slash + 1 == s.size() ||
                        s.find_first_of(" \t\n") < slash) {
                        fmt::print(stderr, "quiver serve: QUIVER_AUTH must be user/password\n");
                        return 2;
                    }
                    user = s.substr(0, slash);
                    password = s.substr(slash + 1);
                } else {
                    password = random_password(20);
                    fmt::print("Generated credentials (shown once): user {} password {}\n", user,
                               password);
                }
                record = make_password_record(user, password);
                if (persistent) write_server_credentials(*db, format_password_record(*record));
            }
            PasswordAuth::OnChange persist;
            if (persistent) {
                Database* d = db.get();
                persist = [d](const PasswordRecord& r) {
                    write_server_credentials(*d, format_password_record(r));
                };
            }
            auth = std::make_unique<PasswordAuth>(*record, persist);
        }
        bolt::ServerContext ctx;
        ctx.db = db.get();
        ctx.auth = auth.get();
        ctx.handshake = handshake;
        ctx.max_message_bytes = max_message;
        BoltServer server(ctx, options);
        server.listen();
        ctx.advertised_address = fmt::format("{}:{}", options.host, server.port());
        fmt::print("Quiver server for {} listening on bolt://{}:{} (auth {}{})\n", db->describe(),
                   options.host, server.port(), auth_mode,
                   options.tls_cert.empty() ? "" : ", TLS accepted");
        std::fflush(stdout);

        // The HTTP API on its own listener, sharing the database and the Bolt credentials.
        std::unique_ptr<http::HttpHandler> http_handler;
        std::unique_ptr<http::HttpListener> http_listener;
        std::thread http_thread;
        if (http_address) {
            http::HandlerOptions hopts;
            hopts.bolt_address = ctx.advertised_address;
            if (auth) {
                PasswordAuth* pa = auth.get();
                hopts.authenticator = [pa](const std::string& user, const std::string& password) {
                    ValueMap token{{"scheme", Value::string("basic")},
                                   {"principal", Value::string(user)},
                                   {"credentials", Value::string(password)}};
                    std::string who;
                    return pa->authenticate(token, who);
                };
            }
            http_handler = std::make_unique<http::HttpHandler>(*db, std::move(hopts));
            http_listener = std::make_unique<http::HttpListener>(
                *http_handler, http_address->first, http_address->second);
            fmt::print("Quiver HTTP API listening on http://{}:{}\n", http_address->first,
                       http_listener->port());
            std::fflush(stdout);
            http_thread = std::thread([&] { http_listener->run(); });
        }

        std::thread waiter([&] {
            int sig = 0;
            sigwait(&signals, &sig);
            server.stop();
            if (http_listener) http_listener->stop();
        });
        server.run();
        if (http_listener) {
            http_listener->stop();
            http_thread.join();
            http_handler->close_transactions();  // open HTTP transactions roll back
        }
        db->flush();
        fmt::print("Quiver server stopped\n");
        std::fflush(stdout);
        // The waiter has returned when run() ended by a signal; otherwise wake it.
        pthread_kill(waiter.native_handle(), SIGTERM);
        waiter.join();
        return 0;
    } catch (const QuiverError& e) {
        fmt::print(stderr, "quiver serve: {}: {}\n", e.code(), e.message());
    } catch (const std::exception& e) {
        fmt::print(stderr, "quiver serve: {}\n", e.what());
    }
    return 1;
}

}  // namespace quiver::server
