// quiver::http — a transport-free HTTP request and response, as the handler sees them.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quiver::http {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
    std::string method;  // "GET", "POST", ...
    std::string target;  // path and optional query string, e.g. "/db/neo4j/tx?x=1"
    HeaderList headers;
    std::string body;
    // The value of a header (case-insensitive name), or "" when absent.
    std::string header(std::string_view name) const;
};

struct HttpResponse {
    int status = 200;
    HeaderList headers;
    std::string body;
    std::string header(std::string_view name) const;
};

}  // namespace quiver::http
