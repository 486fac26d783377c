// The closed Gherkin subset of the openCypher TCK (shared/tck/HARNESS.md §2): features,
// an optional Background, Scenario and Scenario Outline (one Examples table), doc strings and
// data tables. Outlines are expanded into one pickle per Examples row.
#pragma once

#include <string>
#include <vector>

namespace quiver::tck {

struct Step {
    std::string text;                            // without the Given/When/Then/And/But keyword
    std::string doc;                             // doc string, if any
    bool has_doc = false;
    std::vector<std::vector<std::string>> table;  // cells after Gherkin unescaping
    bool has_table = false;
    int line = 0;
};

struct Pickle {
    std::string file;   // path relative to the features root
    std::string title;  // "[n] title" (outline: with <placeholders> substituted)
    int example = -1;   // index of the Examples row, -1 for a plain scenario
    int scenario = 0;   // index of the Scenario / Scenario Outline in its file (the unit)
    std::vector<Step> steps;
    std::string id() const;  // "file::title" or "file::title #k"
};

// Throws std::runtime_error with file:line for an invalid feature file.
std::vector<Pickle> read_feature(const std::string& path, const std::string& rel);

}  // namespace quiver::tck
