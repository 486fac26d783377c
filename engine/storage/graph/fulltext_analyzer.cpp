#include "storage/graph/fulltext_analyzer.h"

#include <algorithm>

namespace quiver::storage::fulltext {

namespace {
bool alnum(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}
bool letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; }
bool space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }

template <class Keep>
std::vector<std::string> split(std::string_view text, Keep keep, bool to_lower) {
    std::vector<std::string> out;
    std::string cur;
    for (char ch : text) {
        if (keep(static_cast<unsigned char>(ch))) {
            cur += to_lower ? lower(ch) : ch;
        } else if (!cur.empty()) {
            out.push_back(std::move(cur));
            cur.clear();
        }
    }
    if (!cur.empty()) out.push_back(std::move(cur));
    return out;
}

bool is_stop(const std::string& t) {
    const auto& s = stop_words();
    return std::binary_search(s.begin(), s.end(), t);
}

bool ends_with(const std::string& s, std::string_view suf) {
    return s.size() >= suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
}

// Light English stemming: plural forms to their singular.
std::string stem(std::string t) {
    if (t.size() > 4 && ends_with(t, "ies")) return t.substr(0, t.size() - 3) + "y";
    if (t.size() > 3 && ends_with(t, "s") && !ends_with(t, "ss") && !ends_with(t, "us") &&
        !ends_with(t, "is"))
        return t.substr(0, t.size() - 1);
    return t;
}
}  // namespace

const std::vector<std::string>& stop_words() {
    static const std::vector<std::string> words = {
        "a",    "an",    "and",  "are",   "as",   "at",    "be",   "but",  "by",
        "for",  "if",    "in",   "into",  "is",   "it",    "no",   "not",  "of",
        "on",   "or",    "such", "that",  "the",  "their", "then", "there", "these",
        "they", "this",  "to",   "was",   "will", "with"};
    return words;
}

std::optional<Analyzer> analyzer_by_name(std::string_view n) {
    if (n == "standard") return Analyzer::Standard;
    if (n == "english") return Analyzer::English;
    if (n == "simple") return Analyzer::Simple;
    if (n == "whitespace") return Analyzer::Whitespace;
    if (n == "keyword") return Analyzer::Keyword;
    return std::nullopt;
}

const char* analyzer_name(Analyzer a) {
    switch (a) {
        case Analyzer::Standard: return "standard";
        case Analyzer::English: return "english";
        case Analyzer::Simple: return "simple";
        case Analyzer::Whitespace: return "whitespace";
        case Analyzer::Keyword: return "keyword";
    }
    return "standard";
}

const char* analyzer_description(Analyzer a) {
    switch (a) {
        case Analyzer::Standard:
            return "The standard analyzer: lower case, splits on non-alphanumeric characters and "
                   "removes English stop words.";
        case Analyzer::English:
            return "English analyzer: the standard analyzer plus removal of possessives and "
                   "plural endings.";
        case Analyzer::Simple:
            return "Lower case, splits on anything that is not a letter; no stop words.";
        case Analyzer::Whitespace: return "Splits on white space; case is kept.";
        case Analyzer::Keyword: return "The whole value is a single term.";
    }
    return "";
}

std::vector<std::string> analyze(Analyzer a, std::string_view text) {
    std::vector<std::string> out;
    switch (a) {
        case Analyzer::Keyword:
            if (!text.empty()) out.emplace_back(text);
            return out;
        case Analyzer::Whitespace:
            return split(text, [](unsigned char c) { return !space(c); }, false);
        case Analyzer::Simple: return split(text, letter, true);
        case Analyzer::Standard:
        case Analyzer::English: {
            // keep apostrophes inside words for the possessive rule, then split them off
            auto words = split(text, [](unsigned char c) { return alnum(c) || c == '\''; }, true);
            for (auto& w : words) {
                if (a == Analyzer::English && ends_with(w, "'s")) w.resize(w.size() - 2);
                for (auto& t : split(w, alnum, false)) {
                    if (is_stop(t)) continue;
                    out.push_back(a == Analyzer::English ? stem(std::move(t)) : std::move(t));
                }
            }
            return out;
        }
    }
    return out;
}

}  // namespace quiver::storage::fulltext
