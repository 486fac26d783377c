#include "format_table.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/error.h"
#include "error_text.h"
#include "plan_text.h"
#include "summary_text.h"
#include "text_width.h"
#include "value_text.h"

namespace quiver::cli {
namespace {

constexpr size_t kMinFittedWidth = 4;  // a column never shrinks below this to fit a terminal
constexpr size_t kCellPadding = 3;     // "| " before a cell, " " after it

std::string rule(const std::vector<size_t>& widths) {
    std::string line = "+";
    for (size_t w : widths) line += std::string(w + 2, '-') + "+";
    return line;
}

std::string cells_line(const std::vector<std::string>& cells, const std::vector<size_t>& widths) {
    std::string line = "|";
    for (size_t i = 0; i < widths.size(); ++i) {
        const std::string& cell = i < cells.size() ? cells[i] : std::string();
        line += " " + pad_to_width(truncate_to_width(cell, widths[i]), widths[i]) + " |";
    }
    return line;
}

}  // namespace

TableWriter::TableWriter(std::FILE* out, std::FILE* err, TableOptions options)
    : out_(out), err_(err), options_(options), started_(std::chrono::steady_clock::now()) {}

void TableWriter::start(const std::string&) {
    columns_.clear();
    rows_.clear();
    total_rows_ = 0;
    started_ = std::chrono::steady_clock::now();
}

void TableWriter::begin(const std::vector<std::string>& columns) {
    columns_.clear();
    for (const auto& c : columns) columns_.push_back(single_line(c));
}

void TableWriter::row(const std::vector<Value>& values) {
    ++total_rows_;
    if (options_.max_rows != 0 && rows_.size() >= options_.max_rows) return;
    std::vector<std::string> cells;
    cells.reserve(values.size());
    for (const auto& v : values) cells.push_back(single_line(value_display(v)));
    rows_.push_back(std::move(cells));
}

std::vector<size_t> TableWriter::column_widths() const {
    std::vector<size_t> widths;
    for (const auto& c : columns_) widths.push_back(std::max<size_t>(display_width(c), 1));
    for (const auto& r : rows_)
        for (size_t i = 0; i < widths.size() && i < r.size(); ++i)
            widths[i] = std::max(widths[i], display_width(r[i]));
    if (options_.max_cell_width != 0)
        for (auto& w : widths) w = std::min(w, std::max<size_t>(options_.max_cell_width, 1));
    if (options_.terminal_width == 0 || widths.empty()) return widths;
    auto total = [&] {
        size_t t = 1;
        for (size_t w : widths) t += w + kCellPadding;
        return t;
    };
    while (total() > options_.terminal_width) {
        auto widest = std::max_element(widths.begin(), widths.end());
        if (*widest <= kMinFittedWidth) break;
        --*widest;
    }
    return widths;
}

void TableWriter::print_table(const std::vector<size_t>& widths) const {
    std::string sep = rule(widths);
    fmt::print(out_, "{}\n{}\n{}\n", sep, cells_line(columns_, widths), sep);
    for (const auto& r : rows_) fmt::print(out_, "{}\n", cells_line(r, widths));
    if (!rows_.empty()) fmt::print(out_, "{}\n", sep);
    if (total_rows_ > rows_.size()) {
        uint64_t more = total_rows_ - rows_.size();
        fmt::print(out_, "\xE2\x80\xA6 {} more {}\n", more, more == 1 ? "row" : "rows");
    }
}

std::string TableWriter::footer() const {
    if (!options_.show_timing) return {};
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - started_)
                  .count();
    return fmt::format(" ({} ms)", ms);
}

void TableWriter::finish(const QuerySummary& summary) {
    std::string stats = stats_text(summary.stats);
    if (summary.plan && !summary.profiled) {
        // EXPLAIN: nothing ran; the plan is the answer.
        fmt::print(out_, "{}", plan_table(*summary.plan, false));
        std::fflush(out_);
        return;
    }
    if (columns_.empty()) {
        fmt::print(out_, "{}{}\n", stats.empty() ? "(no changes, no records)" : stats, footer());
    } else {
        print_table(column_widths());
        fmt::print(out_, "{}{}\n", row_count_text(total_rows_), footer());
        if (!stats.empty()) fmt::print(out_, "{}\n", stats);
    }
    if (summary.plan) fmt::print(out_, "{}", plan_table(*summary.plan, true));
    std::fflush(out_);
}

void TableWriter::fail(const QuiverError& error, const std::string& statement) {
    std::fflush(out_);
    fmt::print(err_, "{}", error_report(error, statement));
    std::fflush(err_);
}

}  // namespace quiver::cli
