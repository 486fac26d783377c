#include "error_text.h"

#include <fmt/format.h>

#include "base/error.h"

namespace quiver::cli {
namespace {

// The line `line_no` (1-based) of `text`, or nullopt-like empty flag when absent.
bool find_line(const std::string& text, uint32_t line_no, std::string& line) {
    size_t start = 0;
    for (uint32_t n = 1; n < line_no; ++n) {
        start = text.find('\n', start);
        if (start == std::string::npos) return false;
        ++start;
    }
    size_t end = text.find('\n', start);
    line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
}

// Spaces (tabs kept) covering the first `column - 1` characters of `line`.
std::string caret_padding(const std::string& line, uint32_t column) {
    std::string pad;
    uint32_t chars = 0;
    for (size_t i = 0; i < line.size() && chars + 1 < column; ++i) {
        unsigned char c = static_cast<unsigned char>(line[i]);
        if ((c & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
        pad += c == '\t' ? '\t' : ' ';
        ++chars;
    }
    return pad;
}

}  // namespace

std::string error_report(const QuiverError& error, const std::string& statement) {
    std::string out = fmt::format("{}: {}\n", error.code(), error.message());
    const SourcePosition& pos = error.position();
    if (!pos.known()) return out;
    // Engine messages usually carry the position already, Neo4j style.
    std::string where = fmt::format("line {}, column {}", pos.line, pos.column);
    if (error.message().find(where) == std::string::npos)
        out += fmt::format("  at {} (offset: {})\n", where, pos.offset);
    std::string line;
    if (statement.empty() || !find_line(statement, pos.line, line)) return out;
    out += fmt::format("  {}\n  {}^\n", line, caret_padding(line, pos.column));
    return out;
}

}  // namespace quiver::cli
