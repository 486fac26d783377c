// quiver::cli — rendering of result values as text in Cypher literal notation.
//
// Two forms:
//   * literal: what a Cypher literal of the value looks like (strings quoted and escaped,
//     maps as {key: value}, nodes as (:Label {k: v}), relationships as [:TYPE {k: v}],
//     paths as (a)-[:R]->(b)). Used inside containers and by the CSV writer.
//   * display: the same, except that a top-level string is shown bare. Used for table cells.
// Temporal values use their ISO-8601 form (the Cypher toString form), see temporal_text.h.
#pragma once

#include <string>

#include "value/value.h"

namespace quiver::cli {

std::string value_literal(const Value& v);
std::string value_display(const Value& v);
void append_literal(std::string& out, const Value& v);

// Cypher float text: always with a fraction or exponent ("1.0", "1.0E20", "NaN", "Infinity").
std::string float_text(double d);
// A double-quoted Cypher string literal with backslash escapes.
std::string quoted_string(const std::string& s);

}  // namespace quiver::cli
