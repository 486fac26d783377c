// quiver::http — Neo4j's HTTP API over a Database, without sockets: a request in, a response
// out (docs: /work/shared/spec/http-api.md). Thread-safe; the listener calls it from any thread.
//
//   GET    /                                 discovery document (no authentication)
//   GET    /db/data/                         3.5 service root
//   POST   /db/{db}/tx          | /db/data/transaction            begin (+ statements) -> 201
//   POST   /db/{db}/tx/{id}     | /db/data/transaction/{id}       run / keep-alive
//   POST   /db/{db}/tx/{id}/commit | /db/data/transaction/{id}/commit   (run +) commit
//   POST   /db/{db}/tx/commit   | /db/data/transaction/commit     one-request transaction
//   DELETE /db/{db}/tx/{id}     | /db/data/transaction/{id}       rollback
//
// Statement errors are reported in the body's "errors" (status 200/201), and roll the open
// transaction back, as Neo4j does. Unknown or expired transactions: 404 TransactionNotFound.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "http_message.h"
#include "quiver/database.h"
#include "transaction_registry.h"

namespace quiver::http {

// Returns true when the user/password pair may use the API.
using Authenticator = std::function<bool(const std::string& user, const std::string& password)>;

struct HandlerOptions {
    std::string database_name = "neo4j";  // the {db} path segment that is served
    std::chrono::milliseconds transaction_idle_timeout{60'000};
    Authenticator authenticator;          // empty: authentication disabled
    std::string bolt_address;             // advertised host:port; empty: request host + :7687
    std::string neo4j_version = "5.26.0";
    // Time source for transaction expiry (tests substitute a manual clock).
    std::function<Clock::time_point()> clock;
};

class HttpHandler {
public:
    HttpHandler(Database& db, HandlerOptions options);
    ~HttpHandler();
    HttpResponse handle(const HttpRequest& request);
    // Rolls back transactions idle past their deadline (the listener calls it periodically).
    size_t reap_expired_transactions();
    // Rolls back every open transaction no request is using (before shutting down).
    size_t close_transactions();
    size_t open_transactions() const;

    struct Route;  // a parsed request path (http_handler.cpp)

private:
    HttpResponse transactional(const HttpRequest& request, const Route& route);
    HttpResponse discovery(const HttpRequest& request) const;
    HttpResponse service_root(const HttpRequest& request) const;

    Database& db_;
    HandlerOptions options_;
    TransactionRegistry transactions_;
};

}  // namespace quiver::http
