// Full-text postings and queries. A posting key is (field, term, entity, term frequency,
// field length) in 64 bytes (layout in graph_format.h); run_query evaluates a query in a
// subset of Lucene's classic syntax over a Corpus (the postings of one index and a way to read
// an entity's text for phrase checks) and scores with BM25 (k1 = 1.2, b = 0.75):
//   terms, "phrases", AND / OR / NOT, && / || / !, +required, -excluded, trailing wildcard
//   foo* (constant score 1 per field), field:term, field:(...), grouping parentheses,
//   backslash escapes. Default operator OR. Query terms pass through the analyzer.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "storage/graph/fulltext_analyzer.h"
#include "storage/graph/graph_format.h"

namespace quiver::storage::fulltext {

struct PostingKey {
    uint8_t bytes[fmt_graph::kPostingKey];
};
struct Posting {
    uint8_t field;
    std::string term;
    uint64_t entity;
    uint32_t tf, length;
};
PostingKey make_posting(uint8_t field, const std::string& term, uint64_t entity, uint32_t tf,
                        uint32_t length);
Posting read_posting(const uint8_t* key);
// The postings of one string value of `field` for `entity`; *length = its number of terms.
std::vector<PostingKey> postings_for(Analyzer a, uint8_t field, uint64_t entity,
                                     const std::string& text, uint32_t* length);

struct Corpus {
    const std::vector<std::string>* fields = nullptr;  // property names, by field number
    const std::vector<std::pair<uint64_t, uint64_t>>* stats = nullptr;  // entities, total terms
    Analyzer analyzer = Analyzer::Standard;
    // Calls f(entity, tf, length) for the postings of `field` whose term equals `term`
    // (exact) or starts with it.
    std::function<void(uint8_t field, const std::string& term, bool exact,
                       const std::function<void(uint64_t, uint32_t, uint32_t)>& f)>
        scan;
    // The string value of an entity's field (phrase verification).
    std::function<std::optional<std::string>(uint64_t entity, uint8_t field)> text;
};

// Matching entities and their scores; throws ProcedureCallFailed when the query does not parse.
std::unordered_map<uint64_t, double> run_query(const Corpus& c, std::string_view query);

}  // namespace quiver::storage::fulltext
