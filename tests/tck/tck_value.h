// TCK values (HARNESS.md §6–8): the parser of expected cells, the conversion of engine results,
// and the comparison rules.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "value/value.h"

namespace quiver::tck {

struct TVal {
    enum class K { Null, Bool, Int, Float, NaN, String, List, Map, Node, Rel, Path } k = K::Null;
    bool b = false;
    int64_t i = 0;
    double f = 0;
    std::string s;                     // string; relationship type
    std::vector<TVal> items;           // list; path: node, rel, node, rel, node ...
    std::map<std::string, TVal> map;   // map; node/relationship properties
    std::vector<std::string> labels;   // node labels, sorted
    std::vector<bool> forward;         // path: direction of each relationship
};

// Parses one cell; throws std::runtime_error on malformed input.
TVal parse_tck_value(const std::string& text);
// Converts an engine value (materialised) to the TCK model.
TVal from_engine(const Value& v);
// Converts a TCK value to an engine parameter value.
Value to_engine(const TVal& v);
bool tval_equal(const TVal& a, const TVal& b, bool unordered_lists);
std::string tval_print(const TVal& v);

}  // namespace quiver::tck
