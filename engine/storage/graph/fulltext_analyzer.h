// Full-text analyzers: text → terms. standard (lower case, split on anything not a letter or
// digit, English stop words removed), english (standard + possessive and plural stripping),
// simple (lower case, letters only), whitespace (split on white space, case kept), keyword
// (the whole value is one term). Bytes >= 0x80 (non-ASCII UTF-8) count as letters.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quiver::storage::fulltext {

enum class Analyzer : uint8_t { Standard = 1, English = 2, Simple = 3, Whitespace = 4, Keyword = 5 };

std::optional<Analyzer> analyzer_by_name(std::string_view name);
const char* analyzer_name(Analyzer a);
const char* analyzer_description(Analyzer a);
const std::vector<std::string>& stop_words();  // the English stop words of standard/english
std::vector<std::string> analyze(Analyzer a, std::string_view text);

}  // namespace quiver::storage::fulltext
