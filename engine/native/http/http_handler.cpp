#include "http_handler.h"

#include <fmt/format.h>

#include <atomic>
#include <ctime>
#include <vector>

#include "base/error.h"
#include "basic_auth.h"
#include "result_json/value_json.h"
#include "statement_executor.h"
#include "statement_request.h"

namespace quiver::http {

using result_json::Json;

namespace {

constexpr const char* kInvalidFormat = "Neo.ClientError.Request.InvalidFormat";
constexpr const char* kTransactionNotFound = "Neo.ClientError.Transaction.TransactionNotFound";

Json error_json(const std::string& code, const std::string& message) {
    return {{"code", code}, {"message", message}};
}

Json error_json(const QuiverError& e) {
    Json j = error_json(e.code(), e.message());
    const SourcePosition& pos = e.position();
    if (pos.known())
        j["position"] = {{"offset", pos.offset}, {"line", pos.line}, {"column", pos.column}};
    return j;
}

HttpResponse json_response(int status, const Json& body) {
    HttpResponse r;
    r.status = status;
    r.headers = {{"Content-Type", "application/json;charset=utf-8"},
                 {"Access-Control-Allow-Origin", "*"},
                 {"Cache-Control", "no-cache"}};
    r.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
    return r;
}

HttpResponse error_response(int status, const std::string& code, const std::string& message) {
    return json_response(status, {{"results", Json::array()},
                                  {"errors", Json::array({error_json(code, message)})}});
}

// Scheme and authority of the server as the client addressed it.
std::string base_url(const HttpRequest& req) {
    std::string proto = req.header("X-Forwarded-Proto");
    std::string host = req.header("X-Forwarded-Host");
    if (host.empty()) host = req.header("Host");
    if (host.empty()) host = "localhost:7474";
    return (proto.empty() ? std::string("http") : proto) + "://" + host;
}

// The host part of "host:port" / "[v6]:port".
std::string host_name(const std::string& authority) {
    if (!authority.empty() && authority[0] == '[') {
        auto close = authority.find(']');
        return authority.substr(0, close == std::string::npos ? authority.size() : close + 1);
    }
    return authority.substr(0, authority.find(':'));
}

std::string rfc1123(std::chrono::system_clock::time_point t, bool legacy) {
    std::time_t secs = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S", &tm);
    return std::string(buf) + (legacy ? " +0000" : " GMT");
}

std::vector<std::string> split_path(const std::string& target) {
    std::string path = target.substr(0, target.find('?'));
    std::vector<std::string> segments;
    size_t start = 0;
    while (start <= path.size()) {
        size_t slash = path.find('/', start);
        if (slash == std::string::npos) slash = path.size();
        if (slash > start) segments.push_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    return segments;
}

bool parse_id(const std::string& s, int64_t& id) {
    if (s.empty() || s.size() > 18) return false;
    id = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        id = id * 10 + (c - '0');
    }
    return true;
}

}  // namespace

struct HttpHandler::Route {
    enum class Kind { None, Discovery, ServiceRoot, Begin, CommitNew, Transaction, CommitOpen };
    Kind kind = Kind::None;
    bool legacy = false;  // the 3.5 path family /db/data/transaction
    std::string db;
    int64_t id = 0;
    const char* allowed = "";  // the methods the route answers
};

HttpHandler::HttpHandler(Database& db, HandlerOptions options)
    : db_(db),
      options_(std::move(options)),
      transactions_(options_.transaction_idle_timeout, options_.clock) {}

HttpHandler::~HttpHandler() = default;

size_t HttpHandler::reap_expired_transactions() { return transactions_.reap_expired(); }
size_t HttpHandler::close_transactions() { return transactions_.close_idle(); }
size_t HttpHandler::open_transactions() const { return transactions_.size(); }

static HttpHandler::Route route_of(const std::vector<std::string>& seg) {
    using Kind = HttpHandler::Route::Kind;
    HttpHandler::Route r;
    if (seg.empty()) {
        r.kind = Kind::Discovery;
        r.allowed = "GET";
        return r;
    }
    if (seg[0] != "db" || seg.size() < 2) return r;
    size_t rest;  // index of the segment after the transaction collection
    if (seg[1] == "data" && seg.size() == 2) {
        r.kind = Kind::ServiceRoot;
        r.allowed = "GET";
        return r;
    }
    if (seg.size() < 3) return r;
    if (seg[1] == "data" && seg[2] == "transaction") {
        r.legacy = true;
        r.db = "";
        rest = 3;
    } else if (seg.size() >= 3 && seg[2] == "tx") {
        r.db = seg[1];
        rest = 3;
    } else {
        return r;
    }
    size_t n = seg.size() - rest;
    if (n == 0) {
        r.kind = Kind::Begin;
        r.allowed = "POST";
    } else if (n == 1 && seg[rest] == "commit") {
        r.kind = Kind::CommitNew;
        r.allowed = "POST";
    } else if (parse_id(seg[rest], r.id)) {
        if (n == 1) {
            r.kind = Kind::Transaction;
            r.allowed = "POST, DELETE";
        } else if (n == 2 && seg[rest + 1] == "commit") {
            r.kind = Kind::CommitOpen;
            r.allowed = "POST";
        }
    }
    return r;
}

static bool method_allowed(const std::string& method, const char* allowed) {
    std::string_view list(allowed);
    size_t start = 0;
    while (start < list.size()) {
        size_t comma = list.find(',', start);
        if (comma == std::string_view::npos) comma = list.size();
        std::string_view m = list.substr(start, comma - start);
        while (!m.empty() && m.front() == ' ') m.remove_prefix(1);
        if (m == method) return true;
        start = comma + 1;
    }
    return false;
}

HttpResponse HttpHandler::handle(const HttpRequest& request) {
    Route route = route_of(split_path(request.target));
    if (request.method == "OPTIONS") {
        HttpResponse r;
        r.status = 204;
        r.headers = {{"Access-Control-Allow-Origin", "*"},
                     {"Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS"},
                     {"Access-Control-Allow-Headers",
                      "Authorization, Content-Type, Accept, Access-Mode, Bookmarks, X-Stream"},
                     {"Content-Length", "0"}};
        return r;
    }
    if (route.kind != Route::Kind::Discovery && options_.authenticator) {
        std::string header = request.header("Authorization");
        HttpResponse denied;
        if (header.empty()) {
            denied = error_response(401, "Neo.ClientError.Security.Unauthorized",
                                    "No authentication header supplied.");
        } else if (auto creds = parse_basic_auth(header); !creds) {
            denied = error_response(401, kInvalidFormat, "Invalid authentication header.");
        } else if (!options_.authenticator(creds->user, creds->password)) {
            denied = error_response(401, "Neo.ClientError.Security.Unauthorized",
                                    "Invalid username or password.");
        }
        if (denied.status == 401) {
            // As Neo4j 5: a failed authentication on an open transaction rolls it back.
            if (route.kind == Route::Kind::Transaction || route.kind == Route::Kind::CommitOpen) {
                if (transactions_.acquire(route.id).status == TransactionRegistry::Status::Ok)
                    transactions_.remove(route.id);
            }
            denied.headers.emplace_back("WWW-Authenticate", "Basic realm=\"Neo4j\"");
            return denied;
        }
    }
    if (route.kind == Route::Kind::None)
        return error_response(404, "Neo.ClientError.Request.Invalid",
                              fmt::format("No resource at {}", request.target));
    if (!method_allowed(request.method, route.allowed)) {
        HttpResponse r = error_response(
            405, "Neo.ClientError.Request.Invalid",
            fmt::format("Method {} is not allowed on {}", request.method, request.target));
        r.headers.emplace_back("Allow", route.allowed);
        return r;
    }
    switch (route.kind) {
        case Route::Kind::Discovery: return discovery(request);
        case Route::Kind::ServiceRoot: return service_root(request);
        default: break;
    }
    if (!route.legacy && route.db != options_.database_name)
        return error_response(404, "Neo.ClientError.Database.DatabaseNotFound",
                              fmt::format("Database does not exist. Database name: '{}'.", route.db));
    return transactional(request, route);
}

HttpResponse HttpHandler::discovery(const HttpRequest& request) const {
    std::string host = request.header("Host");
    std::string bolt = options_.bolt_address.empty()
                           ? (host.empty() ? std::string("localhost") : host_name(host)) + ":7687"
                           : options_.bolt_address;
    Json doc = {{"bolt_routing", "neo4j://" + bolt},
                {"bolt_direct", "bolt://" + bolt},
                {"transaction", base_url(request) + "/db/{databaseName}/tx"},
                {"neo4j_version", options_.neo4j_version},
                {"neo4j_edition", "community"},
                {"auth_config", {{"oidc_providers", Json::array()}}}};
    HttpResponse r = json_response(200, doc);
    r.headers.emplace_back("Vary", "Accept");
    return r;
}

HttpResponse HttpHandler::service_root(const HttpRequest& request) const {
    std::string data = base_url(request) + "/db/data";
    Json doc = {{"extensions", Json::object()},
                {"node", data + "/node"},
                {"relationship", data + "/relationship"},
                {"node_index", data + "/index/node"},
                {"relationship_index", data + "/index/relationship"},
                {"extensions_info", data + "/ext"},
                {"relationship_types", data + "/relationship/types"},
                {"batch", data + "/batch"},
                {"cypher", data + "/cypher"},
                {"indexes", data + "/schema/index"},
                {"constraints", data + "/schema/constraint"},
                {"transaction", data + "/transaction"},
                {"node_labels", data + "/labels"},
                {"neo4j_version", options_.neo4j_version}};
    return json_response(200, doc);
}

HttpResponse HttpHandler::transactional(const HttpRequest& request, const Route& route) {
    using Kind = HttpHandler::Route::Kind;
    const std::string base = base_url(request);
    const std::string collection =
        route.legacy ? base + "/db/data/transaction" : base + "/db/" + route.db + "/tx";
    RenderOptions render{base, !route.legacy};

    Json results = Json::array();
    Json errors = Json::array();
    auto fail = [&](const QuiverError& e) { errors.push_back(error_json(e)); };
    auto fail_unknown = [&](const std::exception& e) {
        errors.push_back(error_json("Neo.DatabaseError.General.UnknownError", e.what()));
    };

    std::vector<StatementSpec> specs;
    bool parsed = true;
    try {
        specs = parse_statements(request.body);
    } catch (const QuiverError& e) {
        fail(e);
        parsed = false;
    }
    // Bookmarks: a JSON array of strings. A single server has seen every commit it issued.
    if (std::string marks = request.header("Bookmarks"); parsed && !marks.empty()) {
        Json list = Json::parse(marks, nullptr, false);
        bool valid = list.is_array();
        for (const auto& m : list) valid = valid && m.is_string();
        if (!valid) {
            errors.push_back(error_json("Neo.ClientError.Transaction.InvalidBookmark",
                                        "Invalid bookmarks header: expected a JSON array of strings."));
            parsed = false;
        }
    }
    auto run_all = [&](Transaction& tx) {
        for (const auto& spec : specs) {
            try {
                results.push_back(execute_statement(tx, spec, render));
            } catch (const QuiverError& e) {
                fail(e);
                return false;
            } catch (const std::exception& e) {
                fail_unknown(e);
                return false;
            }
        }
        return true;
    };
    auto begin = [&]() -> std::unique_ptr<Transaction> {
        std::string mode = request.header("Access-Mode");
        AccessMode access = (mode == "READ" || mode == "read") ? AccessMode::Read : AccessMode::Write;
        try {
            return db_.begin(access);
        } catch (const QuiverError& e) {
            fail(e);
        } catch (const std::exception& e) {
            fail_unknown(e);
        }
        return nullptr;
    };
    auto commit = [&](Transaction& tx) {
        try {
            tx.commit();
            return true;
        } catch (const QuiverError& e) {
            fail(e);
        } catch (const std::exception& e) {
            fail_unknown(e);
        }
        return false;
    };
    // Neo4j's wire order: commit, results, transaction, errors, lastBookmarks.
    auto finish = [&](int status, Json extra) {
        Json doc = Json::object();
        if (extra.contains("commit")) doc["commit"] = extra["commit"];
        Json notifications = Json::array();
        for (auto& r : results)
            if (r.contains("notifications")) {
                for (auto& n : r["notifications"]) notifications.push_back(std::move(n));
                r.erase("notifications");
            }
        doc["results"] = std::move(results);
        if (!notifications.empty()) doc["notifications"] = std::move(notifications);
        if (extra.contains("transaction")) doc["transaction"] = extra["transaction"];
        doc["errors"] = std::move(errors);
        if (extra.contains("lastBookmarks")) doc["lastBookmarks"] = extra["lastBookmarks"];
        return json_response(status, doc);
    };
    auto bookmarks = [&](Json& doc) {
        if (!route.legacy) doc["lastBookmarks"] = Json::array({"FB:" + db_.uuid()});
    };

    switch (route.kind) {
        case Kind::Begin: {
            if (!parsed) return finish(200, Json::object());
            auto tx = begin();
            if (!tx) return finish(200, Json::object());
            Transaction& ref = *tx;
            int64_t id = transactions_.add(std::move(tx));
            std::string uri = fmt::format("{}/{}", collection, id);
            bool ok = run_all(ref);
            Json doc = {{"commit", uri + "/commit"}};
            if (ok) {
                transactions_.release(id);
                doc["transaction"] = {{"expires", rfc1123(transactions_.expiry_from_now(), route.legacy)}};
            } else {
                transactions_.remove(id);
            }
            HttpResponse r = finish(201, std::move(doc));
            r.headers.emplace_back("Location", uri);
            return r;
        }
        case Kind::CommitNew: {
            Json doc = Json::object();
            if (!parsed || specs.empty()) return finish(200, std::move(doc));
            auto tx = begin();
            if (!tx) return finish(200, std::move(doc));
            if (run_all(*tx) && commit(*tx)) {
                bookmarks(doc);
            } else {
                try {
                    if (tx->is_open()) tx->rollback();
                } catch (...) {
                }
            }
            return finish(200, std::move(doc));
        }
        case Kind::Transaction:
        case Kind::CommitOpen: {
            auto lease = transactions_.acquire(route.id);
            if (lease.status == TransactionRegistry::Status::NotFound)
                return error_response(404, kTransactionNotFound,
                                      "Unrecognized transaction id. Transaction may have timed "
                                      "out and been rolled back.");
            if (lease.status == TransactionRegistry::Status::Busy)
                return error_response(
                    404, "Neo.ClientError.Transaction.TransactionAccessedConcurrently",
                    "The requested transaction is being used concurrently by another request.");
            std::string uri = fmt::format("{}/{}", collection, route.id);
            if (request.method == "DELETE") {
                transactions_.remove(route.id);
                return finish(200, Json::object());
            }
            bool ok = parsed && run_all(*lease.tx);
            if (route.kind == Kind::CommitOpen) {
                Json doc = Json::object();
                if (ok && commit(*lease.tx)) bookmarks(doc);
                transactions_.remove(route.id);
                return finish(200, std::move(doc));
            }
            Json doc = {{"commit", uri + "/commit"}};
            if (ok) {
                transactions_.release(route.id);
                doc["transaction"] = {{"expires", rfc1123(transactions_.expiry_from_now(), route.legacy)}};
            } else {
                transactions_.remove(route.id);
            }
            return finish(200, std::move(doc));
        }
        default: return error_response(404, "Neo.ClientError.Request.Invalid", "No resource");
    }
}

}  // namespace quiver::http
