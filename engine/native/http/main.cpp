// quiver-http DB --http HOST:PORT [--auth none|basic --user U --password P]
//             [--transaction-idle-timeout MS] [--database NAME]
// Serves Neo4j's HTTP API over a Quiver database file (or :memory:). Prints
// "listening on http://HOST:PORT" once ready; stops on SIGINT/SIGTERM.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

#include "base/error.h"
#include "http_handler.h"
#include "http_listener.h"
#include "quiver/database.h"

namespace {

int usage(const char* message) {
    std::fprintf(stderr,
                 "quiver-http: %s\nusage: quiver-http DB --http HOST:PORT [--auth none|basic --user U "
                 "--password P] [--transaction-idle-timeout MS] [--database NAME]\n",
                 message);
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace quiver;
    std::string db_path, listen = "127.0.0.1:7474", auth = "none", user, password;
    http::HandlerOptions options;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        auto value = [&](const char* name) -> const char* {
            if (i + 1 >= argc) return nullptr;
            (void)name;
            return argv[++i];
        };
        const char* v = nullptr;
        if (arg == "--http" || arg == "--auth" || arg == "--user" || arg == "--password" ||
            arg == "--transaction-idle-timeout" || arg == "--database") {
            v = value(arg.c_str());
            if (!v) return usage(("missing value for " + arg).c_str());
        }
        if (arg == "--http") listen = v;
        else if (arg == "--auth") auth = v;
        else if (arg == "--user") user = v;
        else if (arg == "--password") password = v;
        else if (arg == "--transaction-idle-timeout") {
            char* end = nullptr;
            long long ms = std::strtoll(v, &end, 10);
            if (*end || ms <= 0) return usage("--transaction-idle-timeout takes milliseconds > 0");
            options.transaction_idle_timeout = std::chrono::milliseconds(ms);
        } else if (arg == "--database") options.database_name = v;
        else if (!arg.empty() && arg[0] == '-' && arg != "-") return usage(("unknown option " + arg).c_str());
        else if (db_path.empty()) db_path = arg;
        else return usage("more than one database given");
    }
    if (db_path.empty()) return usage("no database given");
    auto colon = listen.rfind(':');
    if (colon == std::string::npos) return usage("--http takes HOST:PORT");
    std::string host = listen.substr(0, colon);
    int port = std::atoi(listen.c_str() + colon + 1);
    if (port < 0 || port > 65535) return usage("bad port");
    if (auth == "basic") {
        if (user.empty()) return usage("--auth basic needs --user and --password");
        options.authenticator = [user, password](const std::string& u, const std::string& p) {
            return u == user && p == password;
        };
    } else if (auth != "none") {
        return usage("--auth takes none or basic");
    }

    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // every thread inherits the mask

    std::unique_ptr<Database> db;
    try {
        db = (db_path == ":memory:" || db_path == "memory:") ? Database::open_memory()
                                                              : Database::open_file(db_path);
    } catch (const QuiverError& e) {
        std::fprintf(stderr, "quiver-http: cannot open %s: %s\n", db_path.c_str(), e.message().c_str());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "quiver-http: cannot open %s: %s\n", db_path.c_str(), e.what());
        return 1;
    }
    http::HttpHandler handler(*db, options);
    try {
        http::HttpListener listener(handler, host, uint16_t(port));
        std::thread watcher([&] {
            int sig = 0;
            sigwait(&signals, &sig);
            listener.stop();
        });
        std::printf("listening on http://%s:%u\n", host.c_str(), unsigned(listener.port()));
        std::fflush(stdout);
        listener.run();
        watcher.join();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "quiver-http: %s\n", e.what());
        return 1;
    }
    // Open transactions end with the server (rolled back), then commits are made durable.
    handler.close_transactions();
    db->flush();
    std::fflush(stdout);
    // Connection threads may still sit in keep-alive reads; leave without unwinding them.
    std::_Exit(0);
}
