// Runs one TCK pickle on a fresh in-memory database through the public API.
#pragma once

#include <string>
#include <vector>

#include "gherkin.h"

namespace quiver::tck {

struct ErrorExpect {
    std::string type, phase, detail;
};

enum class Outcome { Pass, Fail, SetupFail, Crash };

struct PickleResult {
    Outcome outcome = Outcome::Fail;
    std::string message;  // first failing step and why
    bool expected_error = false;
    bool error_exact = false;  // error scenarios: type, phase and detail all matched
};

struct RunOptions {
    std::string graphs_dir;  // for "Given the <name> graph"
    std::vector<ErrorExpect> extra_accept;  // errata alternatives for this pickle
};

PickleResult run_pickle(const Pickle& p, const RunOptions& opts);

}  // namespace quiver::tck
