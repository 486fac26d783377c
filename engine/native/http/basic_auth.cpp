#include "basic_auth.h"

#include <strings.h>

namespace quiver::http {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int sextet(char c) {
    auto pos = kAlphabet.find(c);
    return pos == std::string_view::npos ? -1 : int(pos);
}

}  // namespace

std::optional<std::string> base64_decode(std::string_view text) {
    if (text.size() % 4 != 0) return std::nullopt;
    std::string out;
    for (size_t i = 0; i < text.size(); i += 4) {
        int v[4];
        int pad = 0;
        for (int k = 0; k < 4; ++k) {
            char c = text[i + k];
            if (c == '=') {
                // Padding only in the last group's last one or two places.
                if (i + 4 != text.size() || k < 2) return std::nullopt;
                v[k] = 0;
                ++pad;
            } else {
                if (pad) return std::nullopt;
                v[k] = sextet(c);
                if (v[k] < 0) return std::nullopt;
            }
        }
        uint32_t bits = (uint32_t(v[0]) << 18) | (uint32_t(v[1]) << 12) | (uint32_t(v[2]) << 6) |
                        uint32_t(v[3]);
        out.push_back(char((bits >> 16) & 0xff));
        if (pad < 2) out.push_back(char((bits >> 8) & 0xff));
        if (pad < 1) out.push_back(char(bits & 0xff));
    }
    return out;
}

std::string base64_encode(std::string_view raw) {
    std::string out;
    for (size_t i = 0; i < raw.size(); i += 3) {
        uint32_t bits = uint32_t(uint8_t(raw[i])) << 16;
        if (i + 1 < raw.size()) bits |= uint32_t(uint8_t(raw[i + 1])) << 8;
        if (i + 2 < raw.size()) bits |= uint32_t(uint8_t(raw[i + 2]));
        out.push_back(kAlphabet[(bits >> 18) & 63]);
        out.push_back(kAlphabet[(bits >> 12) & 63]);
        out.push_back(i + 1 < raw.size() ? kAlphabet[(bits >> 6) & 63] : '=');
        out.push_back(i + 2 < raw.size() ? kAlphabet[bits & 63] : '=');
    }
    return out;
}

std::optional<Credentials> parse_basic_auth(std::string_view header) {
    constexpr std::string_view kScheme = "Basic ";
    if (header.size() < kScheme.size() ||
        strncasecmp(header.data(), kScheme.data(), kScheme.size()) != 0)
        return std::nullopt;
    std::string_view encoded = header.substr(kScheme.size());
    while (!encoded.empty() && encoded.front() == ' ') encoded.remove_prefix(1);
    while (!encoded.empty() && encoded.back() == ' ') encoded.remove_suffix(1);
    auto decoded = base64_decode(encoded);
    if (!decoded) return std::nullopt;
    auto colon = decoded->find(':');
    if (colon == std::string::npos) return std::nullopt;
    return Credentials{decoded->substr(0, colon), decoded->substr(colon + 1)};
}

}  // namespace quiver::http
