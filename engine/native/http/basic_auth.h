// quiver::http — the HTTP Basic authentication header: Authorization: Basic base64(user:pass).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace quiver::http {

struct Credentials {
    std::string user, password;
};

// nullopt when the header is not a well-formed Basic header (bad scheme, bad base64, no ':').
std::optional<Credentials> parse_basic_auth(std::string_view header);
// Standard base64 (RFC 4648) with padding; nullopt on invalid input.
std::optional<std::string> base64_decode(std::string_view text);
std::string base64_encode(std::string_view raw);

}  // namespace quiver::http
