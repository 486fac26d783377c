#include "plan_text.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "text_width.h"

namespace quiver::cli {

namespace {

struct PlanLine {
    size_t depth = 0;
    std::string op, identifiers, estimated, rows, db_hits, page_cache, time_ms;
};

const Value* argument(const PlanDescription& p, const char* key) {
    for (const auto& [k, v] : p.arguments)
        if (k == key) return &v;
    return nullptr;
}

void flatten(const PlanDescription& p, size_t depth, std::vector<PlanLine>& out) {
    PlanLine line;
    line.depth = depth;
    line.op = p.operator_type;
    for (size_t i = 0; i < p.identifiers.size(); ++i)
        line.identifiers += (i ? ", " : "") + p.identifiers[i];
    if (const Value* e = argument(p, "EstimatedRows"); e && e->is_float())
        line.estimated = fmt::format("{}", std::llround(e->as_float()));
    if (const Value* r = argument(p, "Rows"); r && r->is_int())
        line.rows = fmt::format("{}", r->as_int());
    if (const Value* h = argument(p, "DbHits"); h && h->is_int())
        line.db_hits = fmt::format("{}", h->as_int());
    const Value* hits = argument(p, "PageCacheHits");
    const Value* misses = argument(p, "PageCacheMisses");
    if (hits && misses && hits->is_int() && misses->is_int())
        line.page_cache = fmt::format("{}/{}", hits->as_int(), misses->as_int());
    if (const Value* t = argument(p, "Time"); t && t->is_int())  // nanoseconds
        line.time_ms = fmt::format("{:.3f}", double(t->as_int()) / 1e6);
    out.push_back(std::move(line));
    // The first child continues the column; further children branch to the right.
    for (size_t i = p.children.size(); i-- > 0;)
        if (i > 0) flatten(*p.children[i], depth + 1, out);
    if (!p.children.empty()) flatten(*p.children[0], depth, out);
}

}  // namespace

std::string plan_table(const PlanDescription& plan, bool profiled) {
    std::vector<PlanLine> lines;
    flatten(plan, 0, lines);
    std::vector<std::string> headers = {"Operator", "Identifiers", "Estimated Rows"};
    if (profiled)
        for (const char* h : {"Rows", "DB Hits", "Page Cache Hits/Misses", "Time (ms)"})
            headers.push_back(h);
    std::vector<std::vector<std::string>> cells;
    for (const auto& l : lines) {
        std::string op;
        for (size_t d = 0; d < l.depth; ++d) op += "| ";
        op += "+" + l.op;
        std::vector<std::string> row = {op, l.identifiers, l.estimated};
        if (profiled)
            for (const auto* c : {&l.rows, &l.db_hits, &l.page_cache, &l.time_ms}) row.push_back(*c);
        cells.push_back(std::move(row));
    }
    std::vector<size_t> widths;
    for (const auto& h : headers) widths.push_back(display_width(h));
    for (const auto& row : cells)
        for (size_t i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], display_width(row[i]));

    auto rule = [&](size_t first_blank_depth) {
        std::string s;
        if (first_blank_depth == std::string::npos) {
            s = "+";
            for (size_t w : widths) s += std::string(w + 2, '-') + "+";
        } else {
            std::string lead;
            for (size_t d = 0; d < first_blank_depth; ++d) lead += "| ";
            s = "| " + pad_to_width(lead + "|", widths[0]) + " +";
            for (size_t i = 1; i < widths.size(); ++i) s += std::string(widths[i] + 2, '-') + "+";
        }
        return s + "\n";
    };
    auto text_row = [&](const std::vector<std::string>& row) {
        std::string s = "|";
        for (size_t i = 0; i < row.size(); ++i) {
            bool right = i >= 2;  // numbers
            size_t pad = widths[i] - display_width(row[i]);
            s += " " + (right ? std::string(pad, ' ') + row[i] : row[i] + std::string(pad, ' ')) +
                 " |";
        }
        return s + "\n";
    };

    std::string out = rule(std::string::npos) + text_row(headers) + rule(std::string::npos);
    for (size_t i = 0; i < cells.size(); ++i) {
        out += text_row(cells[i]);
        if (i + 1 < cells.size()) out += rule(std::min(lines[i].depth, lines[i + 1].depth));
    }
    out += rule(std::string::npos);
    if (profiled) {
        // As cypher-shell: the statement's totals under the table.
        int64_t total = 0;
        for (const auto& l : lines)
            if (!l.db_hits.empty()) total += std::stoll(l.db_hits);
        const Value* memory = argument(plan, "GlobalMemory");
        out += fmt::format("\nTotal database accesses: {}, total allocated memory: {}\n", total,
                           memory && memory->is_int() ? memory->as_int() : 0);
    }
    return out;
}

}  // namespace quiver::cli
