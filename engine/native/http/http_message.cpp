#include "http_message.h"

#include <strings.h>

namespace quiver::http {
namespace {

std::string find_header(const HeaderList& headers, std::string_view name) {
    for (const auto& [k, v] : headers)
        if (k.size() == name.size() && strncasecmp(k.data(), name.data(), name.size()) == 0)
            return v;
    return {};
}

}  // namespace

std::string HttpRequest::header(std::string_view name) const { return find_header(headers, name); }
std::string HttpResponse::header(std::string_view name) const { return find_header(headers, name); }

}  // namespace quiver::http
