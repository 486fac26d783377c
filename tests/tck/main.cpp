// quiver-tck: runs openCypher TCK feature files against Quiver (shared/tck/HARNESS.md).
//
//   quiver-tck [FEATURES_DIR] [--graphs DIR] [--errata FILE] [--filter SUBSTRING]
//              [--json FILE] [--ratchet FILE] [--write-ratchet FILE] [--timeout-ms N] [-v]
//
// Each pickle runs in a forked child on a fresh in-memory database (a crash or hang of one
// scenario cannot take the run down; the timeout defaults to 10 s). Prints per-area counts
// (units and pickles) and ends with "N passed, M failed". With --ratchet, exits non-zero when
// a scenario listed in FILE (one pickle id per line) does not pass.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include "gherkin.h"
#include "nlohmann/json.hpp"
#include "runner.h"

namespace fs = std::filesystem;
using namespace quiver::tck;

namespace {
struct Totals {
    int pickles = 0, pickles_passed = 0;
    std::map<std::string, std::pair<int, int>> units;  // unit id -> (pickles, passed)
};

std::string area_of(const std::string& rel) {
    auto a = rel.find('/');
    auto b = a == std::string::npos ? a : rel.find('/', a + 1);
    return b == std::string::npos ? rel : rel.substr(0, b);
}

PickleResult run_isolated(const Pickle& p, const RunOptions& ro, int timeout_ms) {
    int fds[2];
    if (pipe(fds) != 0) return run_pickle(p, ro);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        PickleResult r = run_pickle(p, ro);
        nlohmann::json j = {{"o", int(r.outcome)}, {"m", r.message}, {"e", r.expected_error},
                            {"x", r.error_exact}};
        std::string s = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        size_t off = 0;
        while (off < s.size()) {
            ssize_t n = write(fds[1], s.data() + off, s.size() - off);
            if (n <= 0) break;
            off += size_t(n);
        }
        _exit(0);
    }
    close(fds[1]);
    std::string out;
    char buf[65536];
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    bool timed_out = false;
    // read with a deadline
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    while (true) {
        ssize_t n = read(fds[0], buf, sizeof buf);
        if (n > 0) {
            out.append(buf, size_t(n));
            continue;
        }
        if (n == 0) break;
        if (std::chrono::steady_clock::now() > deadline) {
            timed_out = true;
            kill(pid, SIGKILL);
            break;
        }
        usleep(200);
    }
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    PickleResult r;
    if (timed_out) {
        r.outcome = Outcome::Crash;
        r.message = "timeout";
        return r;
    }
    if (!WIFEXITED(status) || out.empty()) {
        r.outcome = Outcome::Crash;
        r.message = WIFSIGNALED(status) ? "engine crashed with signal " + std::to_string(WTERMSIG(status))
                                        : "no result from child";
        return r;
    }
    auto j = nlohmann::json::parse(out);
    r.outcome = Outcome(j["o"].get<int>());
    r.message = j["m"].get<std::string>();
    r.expected_error = j["e"].get<bool>();
    r.error_exact = j["x"].get<bool>();
    return r;
}
}  // namespace

int main(int argc, char** argv) {
    std::string features = "../shared/tck/features", graphs, errata_path, filter, json_out, ratchet,
                write_ratchet;
    int timeout_ms = 10000;
    bool verbose = false;
    bool features_set = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::cerr << "missing value for " << a << "\n";
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--graphs") graphs = next();
        else if (a == "--errata") errata_path = next();
        else if (a == "--filter") filter = next();
        else if (a == "--json") json_out = next();
        else if (a == "--ratchet") ratchet = next();
        else if (a == "--write-ratchet") write_ratchet = next();
        else if (a == "--timeout-ms") timeout_ms = std::stoi(next());
        else if (a == "-v" || a == "--verbose") verbose = true;
        else if (a == "--help" || a == "-h") {
            std::cout << "usage: quiver-tck [FEATURES_DIR] [--graphs DIR] [--errata FILE] [--filter S]\n"
                         "                  [--json FILE] [--ratchet FILE] [--write-ratchet FILE]\n"
                         "                  [--timeout-ms N] [-v]\n";
            return 0;
        } else if (!a.empty() && a[0] != '-' && !features_set) {
            features = a;
            features_set = true;
        } else {
            std::cerr << "unknown argument " << a << "\n";
            return 2;
        }
    }
    if (!fs::is_directory(features)) {
        std::cerr << "no features directory " << features << "\n";
        return 2;
    }
    if (graphs.empty()) graphs = (fs::path(features).parent_path() / "graphs").string();
    // errata
    std::vector<std::tuple<std::string, std::string, std::vector<ErrorExpect>>> errata;
    if (errata_path.empty()) {
        fs::path self = fs::path(__FILE__).parent_path() / "errata.json";
        if (fs::exists(self)) errata_path = self.string();
    }
    if (!errata_path.empty()) {
        std::ifstream f(errata_path);
        auto j = nlohmann::json::parse(f);
        for (auto& e : j["errata"]) {
            std::vector<ErrorExpect> acc;
            for (auto& x : e["accept"]) acc.push_back({x[0], x[1], x[2]});
            errata.emplace_back(e["file"], e["title"], acc);
        }
    }
    std::vector<fs::path> files;
    for (auto& e : fs::recursive_directory_iterator(features))
        if (e.is_regular_file() && e.path().extension() == ".feature") files.push_back(e.path());
    std::sort(files.begin(), files.end());

    std::set<std::string> must_pass;
    if (!ratchet.empty()) {
        std::ifstream f(ratchet);
        for (std::string l; std::getline(f, l);)
            if (!l.empty() && l[0] != '#') must_pass.insert(l);
    }

    std::map<std::string, Totals> by_area;
    nlohmann::json report = nlohmann::json::array();
    std::vector<std::string> passing, regressions;
    int passed = 0, failed = 0, crashes = 0, setup = 0, err_total = 0, err_exact = 0;
    for (auto& path : files) {
        std::string rel = fs::relative(path, features).generic_string();
        std::vector<Pickle> pickles;
        try {
            pickles = read_feature(path.string(), rel);
        } catch (const std::exception& e) {
            std::cerr << "invalid feature file: " << e.what() << "\n";
            return 2;
        }
        for (auto& p : pickles) {
            std::string id = p.id();
            if (!filter.empty() && id.find(filter) == std::string::npos) continue;
            RunOptions ro;
            ro.graphs_dir = graphs;
            for (auto& [file, title, acc] : errata)
                if (file == rel && p.title.rfind(title, 0) == 0)
                    ro.extra_accept.insert(ro.extra_accept.end(), acc.begin(), acc.end());
            PickleResult r = run_isolated(p, ro, timeout_ms);
            bool ok = r.outcome == Outcome::Pass;
            Totals& t = by_area[area_of(rel)];
            t.pickles++;
            std::string unit = rel + "#" + std::to_string(p.scenario);
            t.units[unit].first++;
            if (ok) {
                t.pickles_passed++;
                t.units[unit].second++;
                ++passed;
                passing.push_back(id);
            } else {
                ++failed;
                if (r.outcome == Outcome::Crash) ++crashes;
                if (r.outcome == Outcome::SetupFail) ++setup;
                if (must_pass.count(id)) regressions.push_back(id + " — " + r.message);
            }
            if (r.expected_error) {
                ++err_total;
                if (r.error_exact) ++err_exact;
            }
            if (verbose && !ok) std::cout << "FAIL " << id << "\n     " << r.message << "\n";
            report.push_back({{"id", id}, {"file", rel}, {"title", p.title}, {"example", p.example},
                              {"status", ok ? "pass" : r.outcome == Outcome::Crash ? "crash"
                                                   : r.outcome == Outcome::SetupFail ? "setup" : "fail"},
                              {"message", r.message}});
        }
    }
    std::printf("%-42s %13s %15s\n", "area", "units", "pickles");
    int units_total = 0, units_passed = 0;
    for (auto& [area, t] : by_area) {
        int up = 0;
        for (auto& [u, c] : t.units) up += c.first == c.second;
        units_total += int(t.units.size());
        units_passed += up;
        std::printf("%-42s %6d / %-6d %7d / %-6d\n", area.c_str(), up, int(t.units.size()),
                    t.pickles_passed, t.pickles);
    }
    std::printf("%-42s %6d / %-6d %7d / %-6d\n", "TOTAL", units_passed, units_total, passed,
                passed + failed);
    std::printf("crashes/timeouts: %d, setup failures: %d, error scenarios matched exactly: %d of %d\n",
                crashes, setup, err_exact, err_total);
    if (!json_out.empty()) {
        std::ofstream f(json_out);
        f << nlohmann::json({{"passed", passed}, {"failed", failed}, {"pickles", report}}).dump(1);
    }
    if (!write_ratchet.empty()) {
        std::ofstream f(write_ratchet);
        f << "# openCypher TCK pickles that pass (tests/tck/ratchet.txt). Regenerate with\n"
             "# build/native/quiver-tck --write-ratchet tests/tck/ratchet.txt; lines may only be added.\n";
        for (auto& id : passing) f << id << "\n";
    }
    int rc = 0;
    if (!ratchet.empty()) {
        for (auto& r : regressions) std::cout << "RATCHET REGRESSION " << r << "\n";
        std::printf("ratchet: %zu listed, %zu regressed\n", must_pass.size(), regressions.size());
        rc = regressions.empty() ? 0 : 1;
    }
    std::printf("%d passed, %d failed\n", passed, failed);
    return rc;
}
