// The Cypher query-option prefix: CYPHER [5] [option=value ...] before a statement. Quiver has
// one planner and one runtime, so valid options change nothing; they are checked and then
// replaced by spaces, which keeps every later error position that of the original text.
#include <fmt/format.h>

#include <cctype>
#include <string>

#include "base/error.h"
#include "parser/parser.h"

namespace quiver::parser {

namespace {

struct Option {
    const char* name;
    const char* values;  // accepted values, '|'-separated
};

// Neo4j 5's pre-parser options and their values.
constexpr Option kOptions[] = {
    {"runtime", "slotted|pipelined|interpreted|parallel|legacy"},
    {"planner", "cost|idp|dp"},
    {"expressionengine", "default|interpreted|compiled|only_when_hot"},
    {"operatorengine", "default|interpreted|compiled"},
    {"interpretedpipesfallback", "default|disabled|whitelisted_plans_only|all"},
    {"replan", "default|force|skip"},
    {"connectcomponentsplanner", "greedy|idp"},
    {"updatestrategy", "default|eager"},
    {"eageranalyzer", "ir|lp"},
    {"inferschemaparts", "off|most_selective_label"},
    {"statefulshortestplanningmode", "into_only|all_if_possible|cardinality_heuristic"},
    {"debug", ""},
};

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

SourcePosition position_of(std::string_view q, size_t offset) {
    SourcePosition p;
    p.offset = uint32_t(offset);
    p.line = 1;
    p.column = 1;
    for (size_t i = 0; i < offset && i < q.size(); ++i) {
        if (q[i] == '\n') {
            ++p.line;
            p.column = 1;
        } else {
            ++p.column;
        }
    }
    return p;
}

[[noreturn]] void fail(std::string_view q, size_t offset, const std::string& msg) {
    SourcePosition p = position_of(q, offset);
    throw_syntax(fmt::format("{} (line {}, column {} (offset: {}))", msg, p.line, p.column,
                             p.offset),
                 p);
}

}  // namespace

std::string blank_query_options(std::string_view query) {
    std::string out(query);
    size_t i = 0;
    auto skip_space = [&] {
        for (;;) {
            while (i < query.size() && std::isspace(static_cast<unsigned char>(query[i]))) ++i;
            if (query.substr(i, 2) == "//") {
                while (i < query.size() && query[i] != '\n') ++i;
            } else if (query.substr(i, 2) == "/*") {
                size_t e = query.find("*/", i + 2);
                i = e == std::string_view::npos ? query.size() : e + 2;
            } else {
                return;
            }
        }
    };
    auto word = [&]() -> std::string_view {
        size_t b = i;
        while (i < query.size() && is_word_char(query[i])) ++i;
        return query.substr(b, i - b);
    };
    auto blank = [&](size_t from, size_t to) {
        for (size_t k = from; k < to; ++k)
            if (out[k] != '\n') out[k] = ' ';
    };
    for (;;) {
        skip_space();
        size_t start = i;
        std::string first = lower(word());
        if (first == "explain" || first == "profile") continue;  // EXPLAIN CYPHER ... is valid
        if (first != "cypher" ||
            (i < query.size() && !std::isspace(static_cast<unsigned char>(query[i])) &&
             query[i] != '/'))
            return out;
        size_t end = i;
        for (;;) {
            skip_space();
            size_t item = i;
            std::string_view w = word();
            if (w.empty()) break;
            if (std::isdigit(static_cast<unsigned char>(w[0]))) {
                if (w != "5")
                    fail(query, item,
                         fmt::format("Cypher version {} is not supported: this database runs "
                                     "Cypher 5",
                                     w));
                end = i;
                continue;
            }
            skip_space();
            if (i >= query.size() || query[i] != '=') {  // the statement itself starts here
                i = item;
                break;
            }
            ++i;
            skip_space();
            size_t value_at = i;
            std::string value = lower(word());
            const Option* opt = nullptr;
            for (const auto& o : kOptions)
                if (lower(w) == o.name) opt = &o;
            if (!opt) fail(query, item, fmt::format("Unsupported query option: '{}'", w));
            if (value.empty()) fail(query, value_at, fmt::format("Invalid input: expected a value for '{}'", w));
            bool ok = *opt->values == '\0';
            std::string allowed = opt->values;
            size_t p = 0;
            while (!ok && p <= allowed.size()) {
                size_t bar = allowed.find('|', p);
                if (bar == std::string::npos) bar = allowed.size();
                if (allowed.substr(p, bar - p) == value) ok = true;
                p = bar + 1;
            }
            if (!ok)
                fail(query, value_at,
                     fmt::format("Invalid input '{}' for query option '{}'", value, w));
            end = i;
        }
        blank(start, end);
        i = end;
    }
}

}  // namespace quiver::parser
