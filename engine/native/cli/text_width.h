// quiver::cli — terminal width of UTF-8 text, cell sanitising and truncation with an ellipsis.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace quiver::cli {

// Columns the text occupies on a terminal (East Asian wide characters count 2, combining
// marks 0, invalid bytes 1).
size_t display_width(std::string_view text);
// Replaces line breaks, tabs and other control characters by visible escapes (\n, \t, ...),
// so one cell stays on one line.
std::string single_line(std::string_view text);
// Cuts the text to at most `width` columns; when cut, the last column is "…".
std::string truncate_to_width(std::string_view text, size_t width);
// Pads with spaces up to `width` columns.
std::string pad_to_width(std::string_view text, size_t width);

}  // namespace quiver::cli
