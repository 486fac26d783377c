// Proves: a process killed with SIGKILL at a random moment while committing leaves a file that
// passes check() and holds exactly a prefix of its committed transactions, including every
// transaction it reported as committed (strict), or all but at most the last unsynced group of
// them (relaxed). Runs QUIVER_KILL_ITERATIONS times (default 200; 60 for relaxed).
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <set>
#include <thread>

#include "base/error.h"
#include "pagestore/file_page_store.h"
#include "storage/crash_workload.h"
#include "storage/graph/graph_store.h"

using namespace quiver;
using namespace quiver::storage;

namespace {
StoreOptions opts(Durability d) {
    StoreOptions o;
    o.page_size = 4096;
    o.buffer_pool_bytes = 64 * 4096;  // small: long transactions spill pages before commit
    o.durability = d;
    o.relaxed_group = 8;  // relaxed: a header every 8 commits, so short runs (ASan) make progress
    return o;
}

// Child: commit transactions seq = start, start+1, ...; each creates a :Tx node {seq} plus a
// varying amount of payload, and links it to the previous one. Reports each seq after commit.
[[noreturn]] void writer(const std::string& path, int64_t start, int report_fd, Durability d) {
    try {
        auto s = GraphStore::open(pagestore::open_file_store(path, false, true), opts(d));
        std::mt19937 rng(uint32_t(start * 7919 + getpid()));
        for (int64_t seq = start;; ++seq) {
            crash_test::commit_crash_txn(*s, seq, rng);
            char buf[32];
            int len = snprintf(buf, sizeof buf, "%lld\n", (long long)seq);
            if (write(report_fd, buf, size_t(len)) != len) _exit(3);
        }
    } catch (const std::exception& e) {
        fprintf(stderr, "writer failed: %s\n", e.what());
        _exit(2);
    }
}

int64_t read_last_reported(int fd) {
    std::string all;
    char buf[4096];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) all.append(buf, size_t(n));
    int64_t last = -1;
    size_t pos = 0;
    while (true) {
        size_t nl = all.find('\n', pos);
        if (nl == std::string::npos) break;
        last = std::stoll(all.substr(pos, nl - pos));
        pos = nl + 1;
    }
    return last;
}
}  // namespace

namespace {
// `may_lose`: how many of the last reported commits a crash may take with it; the writer is
// killed after 2 ms + up to `window_us`.
void random_kills_keep_a_prefix(Durability d, int iterations, int64_t may_lose, uint32_t window_us) {
    if (const char* e = std::getenv("QUIVER_KILL_ITERATIONS")) iterations = std::atoi(e);
    auto dir = std::filesystem::temp_directory_path() /
               ("quiver-kill9-" + std::to_string(getpid()) + "-" + std::to_string(int(d)));
    std::filesystem::create_directories(dir);
    std::string path = (dir / "db.qdb").string();
    std::mt19937 rng(12345);
    int64_t committed_floor = -1;  // every seq <= this was reported committed
    for (int it = 0; it < iterations; ++it) {
        int64_t start = committed_floor + 1;
        int fds[2];
        ASSERT_EQ(pipe(fds), 0);
        pid_t pid = fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            close(fds[0]);
            writer(path, start, fds[1], d);
        }
        close(fds[1]);
        std::this_thread::sleep_for(std::chrono::microseconds(2000 + rng() % window_us));
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        ASSERT_TRUE(WIFSIGNALED(status)) << "writer exited on its own, status " << status;
        int64_t reported = read_last_reported(fds[0]);
        close(fds[0]);

        auto s = GraphStore::open(pagestore::open_file_store(path, false, false), opts(d));
        auto rep = s->check();
        for (auto& p : rep.problems) ADD_FAILURE() << "iteration " << it << ": " << p;
        ASSERT_TRUE(rep.ok);
        std::set<int64_t> seqs;
        for (int64_t v : crash_test::tx_seqs(*s)) ASSERT_TRUE(seqs.insert(v).second) << "duplicate seq " << v;
        int64_t max = seqs.empty() ? -1 : *seqs.rbegin();
        ASSERT_EQ(int64_t(seqs.size()), max + 1) << "not a prefix at iteration " << it;
        ASSERT_GE(max, committed_floor) << "lost a commit that an earlier reopen found";
        ASSERT_GE(max, reported - may_lose) << "lost a reported commit";
        committed_floor = max;
    }
    EXPECT_GT(committed_floor, int64_t(iterations / 4)) << "too few commits happened";
    std::filesystem::remove_all(dir);
}
}  // namespace

TEST(Kill9, RandomKillsKeepAPrefixOfCommits) {
    random_kills_keep_a_prefix(Durability::Strict, 200, 0, 40000);
}

// Relaxed: commits between group syncs leave their pages in the pool (a small one here, so
// evictions store some of them early); a kill loses at most the unsynced group (8 commits here).
TEST(Kill9, RandomKillsOfARelaxedWriterKeepAPrefixOfCommits) {
    random_kills_keep_a_prefix(Durability::Relaxed, 60, 8, 50000);
}
