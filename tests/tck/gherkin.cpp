#include "gherkin.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace quiver::tck {

std::string Pickle::id() const {
    std::string s = file + "::" + title;
    if (example >= 0) s += " #" + std::to_string(example + 1);
    return s;
}

namespace {
std::string trim(const std::string& s) {
    size_t a = s.find_first_not_of(" \t\r");
    if (a == std::string::npos) return "";
    size_t b = s.find_last_not_of(" \t\r");
    return s.substr(a, b - a + 1);
}
bool starts(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }

std::vector<std::string> split_row(const std::string& line) {
    // | a | b \| c | -> cells with Gherkin escapes applied
    std::vector<std::string> cells;
    std::string t = trim(line);
    if (t.size() < 2 || t.front() != '|') return cells;
    std::string cur;
    bool in = false;
    for (size_t i = 1; i < t.size(); ++i) {
        char c = t[i];
        if (c == '\\' && i + 1 < t.size()) {
            char n = t[i + 1];
            if (n == '|') { cur += '|'; ++i; continue; }
            if (n == '\\') { cur += '\\'; ++i; continue; }
            if (n == 'n') { cur += '\n'; ++i; continue; }
        }
        if (c == '|') {
            cells.push_back(trim(cur));
            cur.clear();
            in = false;
            continue;
        }
        cur += c;
        in = true;
    }
    (void)in;
    return cells;
}

void substitute(std::string& s, const std::vector<std::string>& head, const std::vector<std::string>& row) {
    for (size_t i = 0; i < head.size() && i < row.size(); ++i) {
        std::string key = "<" + head[i] + ">";
        size_t pos = 0;
        while ((pos = s.find(key, pos)) != std::string::npos) {
            s.replace(pos, key.size(), row[i]);
            pos += row[i].size();
        }
    }
}
}  // namespace

std::vector<Pickle> read_feature(const std::string& path, const std::string& rel) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);

    struct Scn {
        std::string title;
        bool outline = false;
        std::vector<Step> steps;
        std::vector<std::vector<std::string>> examples;
    };
    std::vector<Step> background;
    std::vector<Scn> scenarios;
    std::vector<Step>* target = nullptr;
    Scn* cur = nullptr;
    bool in_examples = false;
    auto err = [&](size_t i, const std::string& m) {
        throw std::runtime_error(path + ":" + std::to_string(i + 1) + ": " + m);
    };
    for (size_t i = 0; i < lines.size(); ++i) {
        std::string t = trim(lines[i]);
        if (t.empty()) continue;
        if (t[0] == '#') continue;
        if (t[0] == '@') continue;  // tags: lint switches, ignored
        if (starts(t, "Feature:")) continue;
        if (starts(t, "Background:")) {
            target = &background;
            cur = nullptr;
            continue;
        }
        if (starts(t, "Scenario Outline:") || starts(t, "Scenario:")) {
            scenarios.push_back({});
            cur = &scenarios.back();
            cur->outline = starts(t, "Scenario Outline:");
            cur->title = trim(t.substr(t.find(':') + 1));
            target = &cur->steps;
            in_examples = false;
            continue;
        }
        if (starts(t, "Examples:")) {
            if (!cur || !cur->outline) err(i, "Examples outside an outline");
            in_examples = true;
            continue;
        }
        if (t[0] == '|') {
            auto row = split_row(t);
            if (in_examples) {
                cur->examples.push_back(row);
            } else {
                if (!target || target->empty()) err(i, "table without a step");
                target->back().table.push_back(row);
                target->back().has_table = true;
            }
            continue;
        }
        if (starts(t, "\"\"\"")) {
            if (!target || target->empty()) err(i, "doc string without a step");
            size_t indent = lines[i].find("\"\"\"");
            std::string doc;
            bool first = true;
            size_t j = i + 1;
            for (; j < lines.size(); ++j) {
                std::string raw = lines[j];
                if (trim(raw) == "\"\"\"") break;
                // remove up to `indent` leading whitespace characters (a tab counts as one)
                size_t k = 0;
                while (k < indent && k < raw.size() && (raw[k] == ' ' || raw[k] == '\t')) ++k;
                std::string content = raw.substr(k);
                if (!content.empty() && content.back() == '\r') content.pop_back();
                if (!first) doc += '\n';
                doc += content;
                first = false;
            }
            if (j >= lines.size()) err(i, "unterminated doc string");
            target->back().doc = doc;
            target->back().has_doc = true;
            i = j;
            continue;
        }
        static const char* kw[] = {"Given ", "When ", "Then ", "And ", "But "};
        bool matched = false;
        for (const char* k : kw) {
            if (starts(t, k)) {
                if (!target) err(i, "step outside a scenario");
                Step s;
                s.text = trim(t.substr(std::string(k).size()));
                s.line = int(i + 1);
                target->push_back(s);
                matched = true;
                break;
            }
        }
        if (!matched) err(i, "unrecognised line: " + t);
    }

    std::vector<Pickle> out;
    int unit = -1;
    for (auto& sc : scenarios) {
        ++unit;
        auto base = background;
        base.insert(base.end(), sc.steps.begin(), sc.steps.end());
        if (!sc.outline) {
            out.push_back({rel, sc.title, -1, unit, base});
            continue;
        }
        if (sc.examples.empty()) continue;
        const auto& head = sc.examples[0];
        for (size_t r = 1; r < sc.examples.size(); ++r) {
            const auto& row = sc.examples[r];
            Pickle p{rel, sc.title, int(r - 1), unit, base};
            substitute(p.title, head, row);
            for (auto& st : p.steps) {
                substitute(st.text, head, row);
                substitute(st.doc, head, row);
                for (auto& tr : st.table)
                    for (auto& c : tr) substitute(c, head, row);
            }
            out.push_back(std::move(p));
        }
    }
    return out;
}

}  // namespace quiver::tck
