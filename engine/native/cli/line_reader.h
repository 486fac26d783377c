// quiver::cli — where the shell's input lines come from.
// Interactive (stdin is a terminal): libedit's readline with prompts, line editing and a
// history file (~/.quiver_history, or $QUIVER_HISTORY), saved after every entry.
// Otherwise: plain lines from stdin, no prompts, no history.
// Ctrl-C while a line is being typed abandons that line (read() reports Interrupted); at any
// other time it keeps its default effect, so it still stops a long-running statement.
#pragma once

#include <string>

namespace quiver::cli {

class LineReader {
public:
    explicit LineReader(bool interactive);
    ~LineReader();
    LineReader(const LineReader&) = delete;
    LineReader& operator=(const LineReader&) = delete;

    enum class Status { Line, Interrupted, End };
    // The next line without its line break in `line`.
    Status read(const std::string& prompt, std::string& line);
    // Adds a complete entry (a statement or a command) to the history.
    void remember(const std::string& entry);
    bool interactive() const { return interactive_; }

private:
    bool interactive_;
    std::string history_path_;
};

}  // namespace quiver::cli
