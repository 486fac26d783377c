#include "line_reader.h"

#include <editline/readline.h>

#include <csignal>
#include <cstdlib>
#include <iostream>

namespace quiver::cli {
namespace {

constexpr int kHistoryEntries = 1000;

volatile std::sig_atomic_t g_interrupted = 0;

void on_interrupt(int) { g_interrupted = 1; }

// Catches SIGINT for its lifetime (no SA_RESTART, so readline returns), then restores it.
class InterruptGuard {
public:
    InterruptGuard() {
        g_interrupted = 0;
        struct sigaction sa {};
        sa.sa_handler = on_interrupt;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, &previous_);
    }
    ~InterruptGuard() { sigaction(SIGINT, &previous_, nullptr); }

private:
    struct sigaction previous_ {};
};

std::string history_file() {
    if (const char* p = std::getenv("QUIVER_HISTORY")) return p;
    if (const char* home = std::getenv("HOME")) return std::string(home) + "/.quiver_history";
    return {};
}

}  // namespace

LineReader::LineReader(bool interactive) : interactive_(interactive) {
    if (!interactive_) return;
    history_path_ = history_file();
    using_history();
    stifle_history(kHistoryEntries);
    if (!history_path_.empty()) read_history(history_path_.c_str());
}

LineReader::~LineReader() = default;

LineReader::Status LineReader::read(const std::string& prompt, std::string& line) {
    if (!interactive_) {
        if (!std::getline(std::cin, line)) return Status::End;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return Status::Line;
    }
    InterruptGuard guard;
    char* raw = readline(prompt.c_str());
    if (!raw) return g_interrupted ? Status::Interrupted : Status::End;
    line = raw;
    std::free(raw);
    return Status::Line;
}

void LineReader::remember(const std::string& entry) {
    if (!interactive_ || entry.empty()) return;
    add_history(entry.c_str());
    if (!history_path_.empty()) write_history(history_path_.c_str());
}

}  // namespace quiver::cli
