#include "format_csv.h"

#include <fmt/format.h>

#include "base/error.h"
#include "error_text.h"
#include "value_text.h"

namespace quiver::cli {
namespace {

constexpr std::string_view kLineEnd = "\r\n";

void print_line(std::FILE* out, const std::vector<std::string>& fields) {
    std::string line;
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i != 0) line += ',';
        line += csv_field(fields[i]);
    }
    line += kLineEnd;
    std::fwrite(line.data(), 1, line.size(), out);
}

}  // namespace

std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

void CsvWriter::begin(const std::vector<std::string>& columns) {
    if (!columns.empty()) print_line(out_, columns);  // a write without RETURN prints nothing
}

void CsvWriter::row(const std::vector<Value>& values) {
    std::vector<std::string> fields;
    fields.reserve(values.size());
    for (const auto& v : values) fields.push_back(v.is_null() ? std::string() : value_display(v));
    print_line(out_, fields);
}

void CsvWriter::finish(const QuerySummary&) { std::fflush(out_); }

void CsvWriter::fail(const QuiverError& error, const std::string& statement) {
    std::fflush(out_);
    fmt::print(err_, "{}", error_report(error, statement));
    std::fflush(err_);
}

}  // namespace quiver::cli
