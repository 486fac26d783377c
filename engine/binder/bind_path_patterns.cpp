// Rules of path patterns in MATCH: shortestPath(...) / allShortestPaths(...) restrictions, and
// no mixing of variable-length and quantified relationships.
#include <fmt/format.h>

#include "binder/binder_internal.h"

namespace quiver::binder {

ShortestKind check_shortest_path(const parser::ParsedPatternPart& part, const Scope& scope) {
    const std::string& fn = part.path_function;
    if (part.rels.size() != 1)
        semantic_error("InvalidArgumentType",
                       fmt::format("{}(...) requires a pattern containing a single relationship", fn),
                       part.pos);
    const auto& r = part.rels[0];
    if (r.var_length && r.min_hops.value_or(1) > 1)
        semantic_error("InvalidArgumentType",
                       fmt::format("{}(...) does not support a minimal length different from 0 or 1",
                                   fn),
                       r.pos);
    if (r.quantified)
        semantic_error("InvalidArgumentType",
                       fmt::format("{}(...) requires a variable-length relationship; quantified "
                                   "relationships and path patterns are not allowed in it",
                                   fn),
                       r.pos);
    if (r.type_expr) not_supported(fn + "(...) with type expressions other than A|B", r.pos);
    if (!r.variable.empty() && scope.find(r.variable))
        semantic_error("VariableAlreadyBound",
                       fmt::format("Bound relationships are not allowed in {}(...)", fn), r.pos);
    return fn == "shortestPath" ? ShortestKind::Single : ShortestKind::All;
}

ShortestKind check_path_selector(const parser::ParsedPatternPart& part) {
    if (part.rels.size() != 1 || !part.rels[0].var_length || part.rels[0].qpp)
        not_supported(part.selector +
                          " over anything but one variable-length or quantified relationship "
                          "without inner predicates",
                      part.pos);
    if (part.rels[0].type_expr) not_supported(part.selector + " with type expressions other than A|B", part.pos);
    if (part.selector == "ALL SHORTEST") return ShortestKind::All;
    if (part.selector == "SHORTEST GROUPS") return ShortestKind::Groups;
    return ShortestKind::Single;
}

void check_quantifier_mix(const std::vector<parser::ParsedPatternPart>& pattern) {
    if (pattern.size() > 1)
        for (const auto& part : pattern)
            if (!part.selector.empty())
                semantic_error("InvalidArgumentType",
                               "Multiple path patterns cannot be used in the same clause in "
                               "combination with a selective path selector.",
                               part.pos);
    const parser::ParsedRelPattern* legacy = nullptr;
    bool quantified = false;
    for (const auto& part : pattern)
        for (const auto& r : part.rels) {
            if (r.quantified) quantified = true;
            else if (r.var_length && !legacy) legacy = &r;
        }
    if (quantified && legacy)
        semantic_error("InvalidRelationshipPattern",
                       "Mixing variable-length relationships ('-[*]-') with quantified "
                       "relationships ('()-->*()') or quantified path patterns ('(()-->())*') is "
                       "not allowed.",
                       legacy->pos);
}

}  // namespace quiver::binder
