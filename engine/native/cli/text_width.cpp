#include "text_width.h"

#include <fmt/format.h>

namespace quiver::cli {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026

struct CodePoint {
    uint32_t value;
    size_t length;  // bytes consumed
};

CodePoint decode(std::string_view s, size_t i) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = byte(i);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return {c, 1};
    uint32_t v = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t k = 1; k < len; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return {c, 1};
        v = (v << 6) | (byte(i + k) & 0x3F);
    }
    return {v, len};
}

bool in(uint32_t v, uint32_t lo, uint32_t hi) { return v >= lo && v <= hi; }

size_t code_point_width(uint32_t v) {
    if (in(v, 0x0300, 0x036F) || in(v, 0x200B, 0x200F) || in(v, 0xFE00, 0xFE0F)) return 0;
    if (in(v, 0x1100, 0x115F) || in(v, 0x2E80, 0xA4CF) || in(v, 0xAC00, 0xD7A3) ||
        in(v, 0xF900, 0xFAFF) || in(v, 0xFE30, 0xFE4F) || in(v, 0xFF00, 0xFF60) ||
        in(v, 0xFFE0, 0xFFE6) || in(v, 0x1F300, 0x1F64F) || in(v, 0x1F900, 0x1F9FF) ||
        in(v, 0x20000, 0x3FFFD))
        return 2;
    return 1;
}

}  // namespace

size_t display_width(std::string_view text) {
    size_t width = 0;
    for (size_t i = 0; i < text.size();) {
        CodePoint cp = decode(text, i);
        width += code_point_width(cp.value);
        i += cp.length;
    }
    return width;
}

std::string single_line(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
                    out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
                else
                    out += c;
        }
    }
    return out;
}

std::string truncate_to_width(std::string_view text, size_t width) {
    if (display_width(text) <= width) return std::string(text);
    if (width == 0) return {};
    std::string out;
    size_t used = 0;
    for (size_t i = 0; i < text.size();) {
        CodePoint cp = decode(text, i);
        size_t w = code_point_width(cp.value);
        if (used + w > width - 1) break;
        out.append(text.substr(i, cp.length));
        used += w;
        i += cp.length;
    }
    out += kEllipsis;
    return out;
}

std::string pad_to_width(std::string_view text, size_t width) {
    std::string out(text);
    size_t w = display_width(text);
    if (w < width) out.append(width - w, ' ');
    return out;
}

}  // namespace quiver::cli
