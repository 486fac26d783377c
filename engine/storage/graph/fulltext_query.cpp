#include <algorithm>
#include <cmath>
#include <cctype>
#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <tuple>

#include "base/error.h"
#include "fmt/format.h"
#include "storage/graph/fulltext_postings.h"

namespace quiver::storage::fulltext {

using fmt_graph::kPostingKey;
using fmt_graph::kTermBytes;

PostingKey make_posting(uint8_t field, const std::string& term, uint64_t entity, uint32_t tf,
                        uint32_t length) {
    PostingKey k;
    std::memset(k.bytes, 0, sizeof k.bytes);
    k.bytes[0] = field;
    std::memcpy(k.bytes + 1, term.data(), std::min<size_t>(term.size(), kTermBytes));
    for (int i = 0; i < 8; ++i) k.bytes[48 + i] = uint8_t(entity >> (56 - 8 * i));
    for (int i = 0; i < 4; ++i) k.bytes[56 + i] = uint8_t(tf >> (24 - 8 * i));
    for (int i = 0; i < 4; ++i) k.bytes[60 + i] = uint8_t(length >> (24 - 8 * i));
    return k;
}

Posting read_posting(const uint8_t* k) {
    Posting p;
    p.field = k[0];
    const char* t = reinterpret_cast<const char*>(k + 1);
    p.term.assign(t, strnlen(t, kTermBytes));
    p.entity = 0;
    for (int i = 0; i < 8; ++i) p.entity = (p.entity << 8) | k[48 + i];
    p.tf = p.length = 0;
    for (int i = 0; i < 4; ++i) p.tf = (p.tf << 8) | k[56 + i];
    for (int i = 0; i < 4; ++i) p.length = (p.length << 8) | k[60 + i];
    return p;
}

std::vector<PostingKey> postings_for(Analyzer a, uint8_t field, uint64_t entity,
                                     const std::string& text, uint32_t* length) {
    auto terms = analyze(a, text);
    std::map<std::string, uint32_t> tf;
    for (auto& t : terms) tf[t.substr(0, kTermBytes)]++;
    std::vector<PostingKey> out;
    for (auto& [t, n] : tf) out.push_back(make_posting(field, t, entity, n, uint32_t(terms.size())));
    if (length) *length = uint32_t(terms.size());
    return out;
}

namespace {

enum class Occur { Should, Must, MustNot };

struct Node {
    enum Kind { Term, Prefix, Phrase, Bool } kind = Term;
    std::string field;  // empty: every field
    std::string text;
    std::vector<std::pair<Occur, std::unique_ptr<Node>>> clauses;
};
using NodePtr = std::unique_ptr<Node>;
using Scores = std::unordered_map<uint64_t, double>;

class Parser {
public:
    explicit Parser(std::string_view q) : q_(q) {}

    NodePtr parse() {
        auto n = parse_bool("");
        skip_ws();
        if (i_ < q_.size()) fail("unexpected ')'");
        if (n->clauses.empty()) fail("empty query");
        return n;
    }

private:
    [[noreturn]] void fail(const std::string& why) const {
        throw QuiverError("Neo.ClientError.Procedure.ProcedureCallFailed",
                          fmt::format("Failed to invoke procedure: Cannot parse '{}': {}", q_, why));
    }
    void skip_ws() {
        while (i_ < q_.size() && std::isspace(static_cast<unsigned char>(q_[i_]))) ++i_;
    }
    static bool special(char c) {
        return std::isspace(static_cast<unsigned char>(c)) || c == '(' || c == ')' || c == '"' ||
               c == ':' || c == '^' || c == '~';
    }
    // A bare word (escapes resolved); `star` = it ended in an unescaped '*'.
    std::string word(bool& star) {
        std::string w;
        star = false;
        while (i_ < q_.size() && !special(q_[i_])) {
            char c = q_[i_];
            if (c == '\\' && i_ + 1 < q_.size()) {
                w += q_[i_ + 1];
                i_ += 2;
                continue;
            }
            if (c == '*' && (i_ + 1 == q_.size() || special(q_[i_ + 1]))) {
                star = true;
                ++i_;
                break;
            }
            w += c;
            ++i_;
        }
        return w;
    }
    bool keyword(std::string_view k) {
        if (q_.compare(i_, k.size(), k) != 0) return false;
        size_t e = i_ + k.size();
        if (e < q_.size() && !std::isspace(static_cast<unsigned char>(q_[e])) && q_[e] != '(' &&
            q_[e] != '"')
            return false;
        i_ = e;
        return true;
    }

    NodePtr parse_bool(const std::string& field) {
        auto n = std::make_unique<Node>();
        n->kind = Node::Bool;
        enum { None, And, Or } conj = None;
        for (;;) {
            skip_ws();
            if (i_ >= q_.size() || q_[i_] == ')') break;
            if (keyword("AND") || keyword("&&")) {
                if (n->clauses.empty()) fail("AND without a left operand");
                conj = And;
                continue;
            }
            if (keyword("OR") || keyword("||")) {
                if (n->clauses.empty()) fail("OR without a left operand");
                conj = Or;
                continue;
            }
            Occur occ = Occur::Should;
            bool mod = false;
            if (q_[i_] == '+') {
                occ = Occur::Must, mod = true, ++i_;
            } else if (q_[i_] == '-' ) {
                occ = Occur::MustNot, mod = true, ++i_;
            } else if (keyword("NOT") || (q_[i_] == '!' && (++i_, true))) {
                occ = Occur::MustNot, mod = true;
            }
            skip_ws();
            if (i_ >= q_.size() || q_[i_] == ')') fail("missing operand");
            NodePtr c = parse_primary(field);
            if (conj == And) {
                if (!n->clauses.empty() && n->clauses.back().first == Occur::Should)
                    n->clauses.back().first = Occur::Must;
                if (!mod) occ = Occur::Must;
            }
            n->clauses.emplace_back(occ, std::move(c));
            conj = None;
        }
        if (conj != None) fail("operator without a right operand");
        return n;
    }

    NodePtr parse_primary(const std::string& field) {
        if (q_[i_] == '(') {
            if (++depth_ > 64) fail("too deeply nested");
            ++i_;
            auto n = parse_bool(field);
            --depth_;
            skip_ws();
            if (i_ >= q_.size() || q_[i_] != ')') fail("missing ')'");
            ++i_;
            return n;
        }
        if (q_[i_] == '"') {
            size_t e = q_.find('"', i_ + 1);
            if (e == std::string_view::npos) fail("unterminated phrase");
            auto n = std::make_unique<Node>();
            n->kind = Node::Phrase;
            n->field = field;
            n->text = std::string(q_.substr(i_ + 1, e - i_ - 1));
            i_ = e + 1;
            suffix();
            return n;
        }
        bool star;
        std::string w = word(star);
        if (w.empty() && !star) fail(fmt::format("unexpected '{}'", q_[i_]));
        if (i_ < q_.size() && q_[i_] == ':' && !star) {
            ++i_;
            if (i_ >= q_.size() || std::isspace(static_cast<unsigned char>(q_[i_])))
                fail("missing term after field");
            return parse_primary(w);
        }
        auto n = std::make_unique<Node>();
        n->kind = star ? Node::Prefix : Node::Term;
        n->field = field;
        n->text = w;
        suffix();
        return n;
    }
    // boosts (^2) and fuzziness/proximity (~1) are accepted and ignored
    void suffix() {
        while (i_ < q_.size() && (q_[i_] == '^' || q_[i_] == '~')) {
            ++i_;
            while (i_ < q_.size() && (std::isdigit(static_cast<unsigned char>(q_[i_])) || q_[i_] == '.')) ++i_;
        }
    }

    std::string_view q_;
    size_t i_ = 0;
    int depth_ = 0;
};

class Evaluator {
public:
    explicit Evaluator(const Corpus& c) : c_(c) {}

    // nullopt: the clause vanished (only stop words)
    std::optional<Scores> eval(const Node& n) {
        switch (n.kind) {
            case Node::Term: {
                auto terms = analyze(c_.analyzer, n.text);
                if (terms.empty()) return std::nullopt;
                Scores s;
                for (size_t f : fields(n.field))
                    for (const auto& t : terms) add_term(s, uint8_t(f), t);
                return s;
            }
            case Node::Prefix: {
                std::string p = n.text;
                if (c_.analyzer != Analyzer::Whitespace && c_.analyzer != Analyzer::Keyword)
                    for (auto& ch : p)
                        if (ch >= 'A' && ch <= 'Z') ch = char(ch - 'A' + 'a');
                Scores s;
                for (size_t f : fields(n.field)) {
                    std::set<uint64_t> hit;
                    c_.scan(uint8_t(f), p, false, [&](uint64_t e, uint32_t, uint32_t) { hit.insert(e); });
                    for (uint64_t e : hit) s[e] += 1.0;
                }
                return s;
            }
            case Node::Phrase: return phrase(n);
            case Node::Bool: return boolean(n);
        }
        return std::nullopt;
    }

private:
    std::vector<size_t> fields(const std::string& name) const {
        std::vector<size_t> out;
        for (size_t i = 0; i < c_.fields->size(); ++i)
            if (name.empty() || (*c_.fields)[i] == name) out.push_back(i);
        return out;
    }

    // BM25 of every posting of (field, term), added to s; returns the entities found.
    std::vector<uint64_t> add_term(Scores& s, uint8_t f, const std::string& term) {
        std::vector<std::tuple<uint64_t, uint32_t, uint32_t>> ps;
        c_.scan(f, term, true, [&](uint64_t e, uint32_t tf, uint32_t len) { ps.emplace_back(e, tf, len); });
        if (ps.empty()) return {};
        double n = double((*c_.stats)[f].first);
        double avg = n > 0 ? double((*c_.stats)[f].second) / n : 1.0;
        if (avg <= 0) avg = 1.0;
        double df = double(ps.size());
        double idf = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
        const double k1 = 1.2, b = 0.75;
        std::vector<uint64_t> out;
        for (auto& [e, tf, len] : ps) {
            double t = double(tf);
            s[e] += idf * t / (t + k1 * (1 - b + b * double(len) / avg));
            out.push_back(e);
        }
        return out;
    }

    std::optional<Scores> phrase(const Node& n) {
        auto terms = analyze(c_.analyzer, n.text);
        if (terms.empty()) return std::nullopt;
        Scores out;
        std::set<std::string> distinct(terms.begin(), terms.end());
        for (size_t f : fields(n.field)) {
            Scores s;
            std::unordered_map<uint64_t, size_t> seen;
            for (const auto& t : distinct) {
                Scores one;
                for (uint64_t e : add_term(one, uint8_t(f), t)) {
                    seen[e]++;
                    s[e] += one[e];
                }
            }
            for (auto& [e, sc] : s) {
                if (seen[e] < distinct.size()) continue;
                if (terms.size() > 1) {
                    auto text = c_.text(e, uint8_t(f));
                    if (!text) continue;
                    auto words = analyze(c_.analyzer, *text);
                    bool found = false;
                    for (size_t i = 0; !found && i + terms.size() <= words.size(); ++i)
                        found = std::equal(terms.begin(), terms.end(), words.begin() + long(i));
                    if (!found) continue;
                }
                out[e] += sc;
            }
        }
        return out;
    }

    std::optional<Scores> boolean(const Node& n) {
        std::vector<std::pair<Occur, Scores>> parts;
        for (const auto& [occ, c] : n.clauses) {
            auto s = eval(*c);
            if (s) parts.emplace_back(occ, std::move(*s));
        }
        if (parts.empty()) return std::nullopt;
        bool any_must = false, any_positive = false;
        for (auto& [o, s] : parts) {
            any_must |= o == Occur::Must;
            any_positive |= o != Occur::MustNot;
        }
        Scores out;
        if (!any_positive) return out;  // a purely negative query matches nothing
        if (any_must) {
            bool first = true;
            for (auto& [o, s] : parts) {
                if (o != Occur::Must) continue;
                if (first) {
                    out = s;
                    first = false;
                    continue;
                }
                Scores next;
                for (auto& [e, sc] : out) {
                    auto it = s.find(e);
                    if (it != s.end()) next[e] = sc + it->second;
                }
                out = std::move(next);
            }
            for (auto& [o, s] : parts) {
                if (o != Occur::Should) continue;
                for (auto& [e, sc] : out) {
                    auto it = s.find(e);
                    if (it != s.end()) sc += it->second;
                }
            }
        } else {
            for (auto& [o, s] : parts)
                if (o == Occur::Should)
                    for (auto& [e, sc] : s) out[e] += sc;
        }
        for (auto& [o, s] : parts)
            if (o == Occur::MustNot)
                for (auto& [e, sc] : s) out.erase(e);
        return out;
    }

    const Corpus& c_;
};

}  // namespace

std::unordered_map<uint64_t, double> run_query(const Corpus& c, std::string_view query) {
    auto tree = Parser(query).parse();
    auto s = Evaluator(c).eval(*tree);
    return s ? std::move(*s) : Scores{};
}

}  // namespace quiver::storage::fulltext
