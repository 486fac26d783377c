#include "statement_splitter.h"

namespace quiver::cli {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

std::string trim(std::string_view text) {
    size_t b = 0, e = text.size();
    while (b < e && is_space(text[b])) ++b;
    while (e > b && is_space(text[e - 1])) --e;
    return std::string(text.substr(b, e - b));
}

std::vector<std::string> StatementSplitter::feed(std::string_view text) {
    std::vector<std::string> done;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        char next = i + 1 < text.size() ? text[i + 1] : '\0';
        switch (state_) {
            case State::Code:
                if (c == ';') {
                    if (has_content_) done.push_back(trim(buffer_));
                    buffer_.clear();
                    has_content_ = false;
                    continue;
                }
                if (c == '/' && next == '/') {
                    state_ = State::LineComment;
                } else if (c == '/' && next == '*') {
                    state_ = State::BlockComment;
                    buffer_ += "/*";
                    ++i;
                    continue;
                } else if (!is_space(c)) {
                    has_content_ = true;
                    if (c == '\'') state_ = State::SingleQuote;
                    if (c == '"') state_ = State::DoubleQuote;
                    if (c == '`') state_ = State::Backtick;
                }
                break;
            case State::SingleQuote:
            case State::DoubleQuote: {
                char quote = state_ == State::SingleQuote ? '\'' : '"';
                if (escaped_) {
                    escaped_ = false;
                } else if (c == '\\') {
                    escaped_ = true;
                } else if (c == quote) {
                    state_ = State::Code;
                }
                break;
            }
            case State::Backtick:
                if (c == '`') state_ = State::Code;  // a doubled `` re-enters at the next char
                break;
            case State::LineComment:
                if (c == '\n') state_ = State::Code;
                break;
            case State::BlockComment:
                if (c == '*' && next == '/') {
                    state_ = State::Code;
                    buffer_ += "*/";
                    ++i;
                    continue;
                }
                break;
        }
        buffer_ += c;
    }
    return done;
}

std::string StatementSplitter::take_pending() {
    std::string rest = has_content_ ? trim(buffer_) : std::string();
    buffer_.clear();
    state_ = State::Code;
    escaped_ = false;
    has_content_ = false;
    return rest;
}

std::vector<std::string> split_statements(std::string_view script) {
    StatementSplitter splitter;
    std::vector<std::string> all = splitter.feed(script);
    std::string rest = splitter.take_pending();
    if (!rest.empty()) all.push_back(std::move(rest));
    return all;
}

}  // namespace quiver::cli
