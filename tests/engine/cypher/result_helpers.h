// Shared by the engine's API-level tests: a Result drained into rows, and a plan's operator tree
// as one line ("ProduceResults(Filter(NodeByLabelScan))": children in parentheses).
#pragma once

#include <string>
#include <vector>

#include "quiver/database.h"

namespace quiver::test_support {

inline std::vector<std::vector<Value>> all_rows(Result& r) {
    std::vector<std::vector<Value>> out;
    std::vector<Value> row;
    while (r.next(row)) out.push_back(row);
    return out;
}

inline std::string shape(const PlanDescription& p) {
    std::string s = p.operator_type;
    if (p.children.empty()) return s;
    s += "(";
    for (size_t i = 0; i < p.children.size(); ++i) s += (i ? ", " : "") + shape(*p.children[i]);
    return s + ")";
}

}  // namespace quiver::test_support
