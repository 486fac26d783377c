// quiver::cli — splits Cypher text into statements at semicolons.
//
// A ';' ends a statement only outside string literals ('…', "…", with backslash escapes),
// quoted names (`…`) and comments (// to end of line, /* … */). Text is fed piece by piece
// (the shell feeds one line at a time), so the lexical state survives between feeds.
// Statements that hold nothing but whitespace and comments are dropped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace quiver::cli {

class StatementSplitter {
public:
    // Adds text; returns the statements it completed (trimmed, without the ';').
    std::vector<std::string> feed(std::string_view text);
    // True inside a statement that has begun (more than whitespace and comments) but not
    // ended, or inside an unterminated string, quoted name or block comment.
    bool in_statement() const { return has_content_ || state_ != State::Code; }
    // Ends the input: returns the unterminated statement (trimmed; empty if none), resets.
    std::string take_pending();

private:
    enum class State { Code, SingleQuote, DoubleQuote, Backtick, LineComment, BlockComment };
    std::string buffer_;
    State state_ = State::Code;
    bool escaped_ = false;
    bool has_content_ = false;
};

// All statements of a script, the last one possibly without a ';'.
std::vector<std::string> split_statements(std::string_view script);

// The text without leading and trailing whitespace.
std::string trim(std::string_view text);

}  // namespace quiver::cli
