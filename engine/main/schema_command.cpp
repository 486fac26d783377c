#include "main/schema_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "base/error.h"
#include "function/lookup_indexes.h"
#include "function/procedure.h"
#include "main/query_pipeline.h"
#include "storage/graph/fulltext_analyzer.h"
#include "storage/graph/graph_txn.h"

namespace quiver::main {

namespace {

// Tokens: identifiers (backquotes allowed) and single punctuation characters.
struct Tok {
    std::string text;
    bool ident = false;
    bool str = false;  // a quoted string literal (text unescaped)
};

std::optional<std::vector<Tok>> tokenize(std::string_view q) {
    std::vector<Tok> out;
    size_t i = 0;
    while (i < q.size()) {
        unsigned char c = static_cast<unsigned char>(q[i]);
        if (std::isspace(c)) {
            ++i;
        } else if (std::isalpha(c) || c == '_') {
            size_t j = i;
            while (j < q.size() && (std::isalnum(static_cast<unsigned char>(q[j])) || q[j] == '_')) ++j;
            out.push_back({std::string(q.substr(i, j - i)), true});
            i = j;
        } else if (c == '`') {
            size_t j = q.find('`', i + 1);
            if (j == std::string_view::npos) return std::nullopt;
            out.push_back({std::string(q.substr(i + 1, j - i - 1)), true});
            i = j + 1;
        } else if (c == '\'' || c == '"') {
            std::string s;
            size_t j = i + 1;
            for (; j < q.size() && q[j] != char(c); ++j) {
                if (q[j] == '\\' && j + 1 < q.size()) ++j;
                s += q[j];
            }
            if (j >= q.size()) return std::nullopt;
            out.push_back({s, false, true});
            i = j + 1;
        } else if (c == '(' || c == ')' || c == ':' || c == '.' || c == ',' || c == ';' || c == '*' ||
                   c == '[' || c == ']' || c == '{' || c == '}' || c == '|' || c == '-' ||
                   c == '<' || c == '>') {
            out.push_back({std::string(1, char(c)), false});
            ++i;
        } else {
            return std::nullopt;  // anything else (strings, YIELD expressions...) → not ours
        }
    }
    if (!out.empty() && out.back().text == ";" && !out.back().ident) out.pop_back();
    return out;
}

bool kw(const Tok& t, std::string_view word) {
    if (!t.ident || t.text.size() != word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i)
        if (std::toupper(static_cast<unsigned char>(t.text[i])) != word[i]) return false;
    return true;
}

class Reader {
public:
    explicit Reader(std::vector<Tok> t) : t_(std::move(t)) {}
    bool done() const { return i_ >= t_.size(); }
    bool peek_kw(std::string_view w, size_t ahead = 0) const {
        return i_ + ahead < t_.size() && kw(t_[i_ + ahead], w);
    }
    bool take_kw(std::string_view w) {
        if (!peek_kw(w)) return false;
        ++i_;
        return true;
    }
    bool take_punct(char c) {
        if (done() || t_[i_].ident || t_[i_].str || t_[i_].text.empty() || t_[i_].text[0] != c)
            return false;
        ++i_;
        return true;
    }
    std::optional<std::string> take_ident() {
        if (done() || !t_[i_].ident) return std::nullopt;
        return t_[i_++].text;
    }
    std::optional<std::string> take_string() {
        if (done() || !t_[i_].str) return std::nullopt;
        return t_[i_++].text;
    }
    bool peek_punct(char c) const {
        return !done() && !t_[i_].ident && !t_[i_].str && !t_[i_].text.empty() &&
               t_[i_].text[0] == c;
    }
    // Skips a balanced {...} (OPTIONS maps); false when unbalanced.
    bool skip_braces() {
        int depth = 0;
        do {
            if (done()) return false;
            if (peek_punct('{')) ++depth;
            if (peek_punct('}')) --depth;
            ++i_;
        } while (depth > 0);
        return true;
    }

private:
    std::vector<Tok> t_;
    size_t i_ = 0;
};

[[noreturn]] void syntax(const std::string& msg) {
    throw QuiverError(std::string(status::SyntaxError), msg, "*", ErrorPhase::CompileTime);
}

// Generated names: a hash of the rule's kind and schema (`index_<hash>`, `constraint_<hash>`).
std::string generated_name(const char* prefix, const std::string& kind, bool rel,
                           const std::string& label, const std::vector<std::string>& props) {
    uint32_t h = 2166136261u;
    auto mix = [&](std::string_view s) {
        for (unsigned char c : s) h = (h ^ c) * 16777619u;
        h = (h ^ 0xFFu) * 16777619u;
    };
    mix(kind);
    if (rel) mix("()-[]-()");
    mix(label);
    for (const auto& p : props) mix(p);
    return fmt::format("{}_{:08x}", prefix, h);
}

// `FOR (v:Label)` or `FOR ()-[v:TYPE]-()` (either direction); returns the variable.
std::string parse_schema_pattern(Reader& r, SchemaCommand& cmd) {
    if (!r.take_kw("FOR") || !r.take_punct('(')) syntax("Invalid input: expected 'FOR ('");
    std::optional<std::string> var;
    if (r.take_punct(')')) {
        cmd.relationship = true;
        r.take_punct('<');
        if (!r.take_punct('-') || !r.take_punct('['))
            syntax("Invalid input: expected 'FOR ()-[r:TYPE]-()'");
        var = r.take_ident();
        if (!var || !r.take_punct(':')) syntax("Invalid input: expected a relationship type");
        auto type = r.take_ident();
        if (!type || !r.take_punct(']') || !r.take_punct('-')) syntax("Invalid input: expected ']-'");
        r.take_punct('>');
        if (!r.take_punct('(') || !r.take_punct(')')) syntax("Invalid input: expected '()'");
        cmd.label = *type;
    } else {
        var = r.take_ident();
        if (!var || !r.take_punct(':')) syntax("Invalid input: expected 'FOR (n:Label)'");
        auto label = r.take_ident();
        if (!label || !r.take_punct(')')) syntax("Invalid input: expected 'FOR (n:Label)'");
        cmd.label = *label;
    }
    return *var;
}

// `v.p` or `(v.p1, v.p2, ...)` into cmd.properties.
void parse_properties(Reader& r, const std::string& var, SchemaCommand& cmd, bool parens) {
    if (parens && !r.take_punct('(')) syntax("Invalid input: expected '('");
    do {
        auto v = r.take_ident();
        if (!v || *v != var || !r.take_punct('.')) syntax("Invalid input: expected a property of " + var);
        auto p = r.take_ident();
        if (!p) syntax("Invalid input: expected a property name");
        cmd.properties.push_back(*p);
    } while (parens && r.take_punct(','));
    if (parens && !r.take_punct(')')) syntax("Invalid input: expected ')'");
    for (size_t i = 0; i < cmd.properties.size(); ++i)
        for (size_t j = i + 1; j < cmd.properties.size(); ++j)
            if (cmd.properties[i] == cmd.properties[j])
                throw QuiverError("Neo.ClientError.Schema.RepeatedPropertyInCompositeSchema",
                                  fmt::format("Invalid input: property `{}` is repeated",
                                              cmd.properties[i]));
}

// Property types of IS :: T — one union member; spelled as Neo4j normalises them.
const char* const kTypeOrder[] = {"BOOLEAN", "STRING", "INTEGER", "FLOAT", "DATE", "LOCAL TIME",
                                  "ZONED TIME", "LOCAL DATETIME", "ZONED DATETIME", "DURATION",
                                  "POINT"};

std::optional<std::string> parse_scalar_type(Reader& r) {
    if (r.take_kw("BOOL") || r.take_kw("BOOLEAN")) return "BOOLEAN";
    if (r.take_kw("STRING") || r.take_kw("VARCHAR")) return "STRING";
    if (r.take_kw("INT") || r.take_kw("INTEGER") || r.take_kw("INTEGER64") || r.take_kw("INT64"))
        return "INTEGER";
    if (r.take_kw("SIGNED")) {
        if (!r.take_kw("INTEGER")) return std::nullopt;
        return "INTEGER";
    }
    if (r.take_kw("FLOAT") || r.take_kw("FLOAT64")) return "FLOAT";
    if (r.take_kw("DATE")) return "DATE";
    if (r.take_kw("DURATION")) return "DURATION";
    if (r.take_kw("POINT")) return "POINT";
    if (r.take_kw("LOCAL")) {
        if (r.take_kw("TIME")) return "LOCAL TIME";
        if (r.take_kw("DATETIME")) return "LOCAL DATETIME";
        return std::nullopt;
    }
    if (r.take_kw("ZONED")) {
        if (r.take_kw("TIME")) return "ZONED TIME";
        if (r.take_kw("DATETIME")) return "ZONED DATETIME";
        return std::nullopt;
    }
    bool time = r.take_kw("TIME");
    if (time || r.take_kw("TIMESTAMP")) {
        bool with = r.take_kw("WITH");
        if (!with && !r.take_kw("WITHOUT")) return std::nullopt;
        if (!r.take_kw("TIME") || !r.take_kw("ZONE")) return std::nullopt;
        if (time) return with ? "ZONED TIME" : "LOCAL TIME";
        return with ? "ZONED DATETIME" : "LOCAL DATETIME";
    }
    return std::nullopt;
}

std::string parse_property_type(Reader& r) {
    std::vector<std::string> scalars, lists;
    bool any = r.take_kw("ANY");
    if (any && !r.take_punct('<')) syntax("Invalid input: expected 'ANY<'");
    do {
        if (r.take_kw("LIST") || r.take_kw("ARRAY")) {
            if (!r.take_punct('<')) syntax("Invalid input: expected '<'");
            auto inner = parse_scalar_type(r);
            if (!inner) syntax("Invalid input: expected a property type");
            if (!r.take_kw("NOT") || !r.take_kw("NULL"))
                throw QuiverError(std::string(status::SyntaxError),
                                  fmt::format("Failed to create property type constraint: Invalid "
                                              "property type `LIST<{}>`: list types must have "
                                              "non-nullable inner types.", *inner),
                                  "*", ErrorPhase::CompileTime);
            if (!r.take_punct('>')) syntax("Invalid input: expected '>'");
            lists.push_back(*inner);
        } else {
            auto t = parse_scalar_type(r);
            if (!t) syntax("Invalid input: expected a property type");
            if (r.take_kw("ARRAY")) {
                lists.push_back(*t);
            } else {
                scalars.push_back(*t);
            }
        }
    } while (r.take_punct('|'));
    if (any && !r.take_punct('>')) syntax("Invalid input: expected '>'");
    if (r.peek_kw("NOT"))
        throw QuiverError(std::string(status::SyntaxError),
                          "Failed to create property type constraint: property type constraints "
                          "cannot be NOT NULL; use an existence constraint.",
                          "*", ErrorPhase::CompileTime);
    std::string out;
    for (int pass = 0; pass < 2; ++pass)
        for (const char* t : kTypeOrder) {
            auto& have = pass ? lists : scalars;
            if (std::find(have.begin(), have.end(), t) == have.end()) continue;
            if (!out.empty()) out += " | ";
            out += pass ? fmt::format("LIST<{} NOT NULL>", t) : std::string(t);
        }
    return out;
}

// [name] [IF NOT EXISTS]
void parse_name_and_if_not_exists(Reader& r, SchemaCommand& cmd) {
    if (!r.peek_kw("FOR") && !(r.peek_kw("IF") && r.peek_kw("NOT", 1))) {
        auto n = r.take_ident();
        if (!n) syntax("Invalid input: expected a name or 'FOR'");
        cmd.name = *n;
    }
    if (r.take_kw("IF")) {
        if (!r.take_kw("NOT") || !r.take_kw("EXISTS")) syntax("Invalid input: expected 'IF NOT EXISTS'");
        cmd.if_not_exists = true;
    }
}

// OPTIONS {...} at the end: only the range provider is accepted (and nothing else is needed).
void parse_options(Reader& r) {
    if (!r.take_kw("OPTIONS")) return;
    if (!r.peek_punct('{') || !r.skip_braces()) syntax("Invalid input: expected an OPTIONS map");
}

// FOR (n) ON EACH labels(n) | FOR ()-[r]-() ON EACH type(r) (either direction)
void parse_lookup_schema(Reader& r, SchemaCommand& cmd) {
    if (!r.take_kw("FOR") || !r.take_punct('(')) syntax("Invalid input: expected 'FOR ('");
    std::optional<std::string> var;
    if (r.take_punct(')')) {
        cmd.relationship = true;
        r.take_punct('<');
        if (!r.take_punct('-') || !r.take_punct('[')) syntax("Invalid input: expected 'FOR ()-[r]-()'");
        var = r.take_ident();
        if (!var || !r.take_punct(']') || !r.take_punct('-'))
            syntax("Invalid input: expected 'FOR ()-[r]-()'");
        r.take_punct('>');
        if (!r.take_punct('(') || !r.take_punct(')')) syntax("Invalid input: expected '()'");
    } else {
        var = r.take_ident();
        if (!var || !r.take_punct(')')) syntax("Invalid input: expected 'FOR (n)'");
    }
    if (!r.take_kw("ON") || !r.take_kw("EACH")) syntax("Invalid input: expected 'ON EACH'");
    const char* fn = cmd.relationship ? "type" : "labels";
    auto f = r.take_ident();
    std::string upper = f.value_or("");
    for (char& c : upper) c = char(std::toupper(static_cast<unsigned char>(c)));
    if (!f || upper != (cmd.relationship ? "TYPE" : "LABELS"))
        syntax(fmt::format("Failed to create {} lookup index: Function '{}' is not allowed, valid "
                           "function for {} lookup index is '{}'.",
                           cmd.relationship ? "relationship" : "node", f.value_or(""),
                           cmd.relationship ? "relationship" : "node", fn));
    auto arg = std::optional<std::string>();
    if (!r.take_punct('(') || !(arg = r.take_ident()) || !r.take_punct(')'))
        syntax(fmt::format("Invalid input: expected '{}({})'", fn, *var));
    if (*arg != *var) syntax(fmt::format("Variable `{}` not defined", *arg));
}

storage::IndexKind kind_of(const std::string& type) {
    if (type == "TEXT") return storage::IndexKind::Text;
    if (type == "POINT") return storage::IndexKind::Point;
    return storage::IndexKind::Range;
}
// OPTIONS {indexConfig: {`fulltext.analyzer`: 'english', `fulltext.eventually_consistent`: true},
// indexProvider: 'fulltext-1.0'}: the full-text settings are taken, others must be well formed.
void parse_options_map(Reader& r, SchemaCommand& cmd, int depth) {
    if (!r.take_punct('{')) syntax("Invalid input: expected '{'");
    if (r.take_punct('}')) return;
    do {
        auto key = r.take_ident();
        if (!key || !r.take_punct(':')) syntax("Invalid input: expected a map key");
        if (auto s = r.take_string()) {
            if (*key == "fulltext.analyzer") cmd.analyzer = *s;
            continue;
        }
        if (r.peek_kw("TRUE") || r.peek_kw("FALSE")) {
            bool v = r.take_kw("TRUE");
            if (!v) r.take_kw("FALSE");
            if (*key == "fulltext.eventually_consistent") cmd.eventually_consistent = v;
            continue;
        }
        if (depth < 2) {
            parse_options_map(r, cmd, depth + 1);
            continue;
        }
        syntax("Invalid input: unsupported option value");
    } while (r.take_punct(','));
    if (!r.take_punct('}')) syntax("Invalid input: expected '}'");
}

SchemaCommand parse_fulltext(Reader& r) {
    SchemaCommand cmd;
    cmd.kind = SchemaCommand::Kind::CreateIndex;
    cmd.index_type = "FULLTEXT";
    r.take_kw("CREATE");
    r.take_kw("FULLTEXT");
    if (!r.take_kw("INDEX")) syntax("Invalid input: expected 'INDEX'");
    if (!r.peek_kw("FOR") && !(r.peek_kw("IF") && r.peek_kw("NOT", 1))) {
        auto n = r.take_ident();
        if (!n) syntax("Invalid input: expected an index name or 'FOR'");
        cmd.name = *n;
    }
    if (r.take_kw("IF")) {
        if (!r.take_kw("NOT") || !r.take_kw("EXISTS")) syntax("Invalid input: expected 'IF NOT EXISTS'");
        cmd.if_not_exists = true;
    }
    if (!r.take_kw("FOR") || !r.take_punct('(')) syntax("Invalid input: expected 'FOR ('");
    std::optional<std::string> var;
    auto names = [&]() {
        do {
            auto l = r.take_ident();
            if (!l) syntax("Invalid input: expected a label or relationship type");
            cmd.labels.push_back(*l);
        } while (r.take_punct('|'));
    };
    if (r.take_punct(')')) {  // ()-[r:R|S]-()
        cmd.relationship = true;
        r.take_punct('<');
        if (!r.take_punct('-') || !r.take_punct('[')) syntax("Invalid input: expected '-['");
        var = r.take_ident();
        if (!var || !r.take_punct(':')) syntax("Invalid input: expected a relationship variable and type");
        names();
        if (!r.take_punct(']') || !r.take_punct('-')) syntax("Invalid input: expected ']-'");
        r.take_punct('>');
        if (!r.take_punct('(') || !r.take_punct(')')) syntax("Invalid input: expected '()'");
    } else {
        var = r.take_ident();
        if (!var || !r.take_punct(':')) syntax("Invalid input: expected a node variable and label");
        names();
        if (!r.take_punct(')')) syntax("Invalid input: expected ')'");
    }
    if (!r.take_kw("ON") || !r.take_kw("EACH") || !r.take_punct('['))
        syntax("Invalid input: expected 'ON EACH ['");
    do {
        auto v = r.take_ident();
        if (!v || *v != *var || !r.take_punct('.')) syntax("Invalid input: expected a property of " + *var);
        auto p = r.take_ident();
        if (!p) syntax("Invalid input: expected a property name");
        cmd.properties.push_back(*p);
    } while (r.take_punct(','));
    if (!r.take_punct(']')) syntax("Invalid input: expected ']'");
    if (r.take_kw("OPTIONS")) parse_options_map(r, cmd, 0);
    if (!r.done()) syntax("Invalid input: unexpected text after the index definition");
    return cmd;
}

}  // namespace

std::optional<SchemaCommand> parse_schema_command(std::string_view query) {
    auto toks = tokenize(query);
    if (!toks || toks->empty()) return std::nullopt;
    Reader r(std::move(*toks));
    SchemaCommand cmd;
    if (r.peek_kw("CREATE") && r.peek_kw("FULLTEXT", 1)) return parse_fulltext(r);
    if (r.take_kw("CREATE")) {
        if (r.take_kw("CONSTRAINT")) {
            cmd.kind = SchemaCommand::Kind::CreateConstraint;
            parse_name_and_if_not_exists(r, cmd);
            std::string var = parse_schema_pattern(r, cmd);
            if (!r.take_kw("REQUIRE")) syntax("Invalid input: expected 'REQUIRE'");
            parse_properties(r, var, cmd, r.peek_punct('('));
            if (!r.take_kw("IS")) syntax("Invalid input: expected 'IS'");
            if (r.take_kw("UNIQUE")) {
                cmd.constraint_kind = 1;
            } else if (r.take_kw("NODE") || r.take_kw("RELATIONSHIP") || r.take_kw("REL")) {
                if (r.take_kw("KEY")) {
                    cmd.constraint_kind = 3;
                } else if (r.take_kw("UNIQUE")) {
                    cmd.constraint_kind = 1;
                } else {
                    syntax("Invalid input: expected 'KEY' or 'UNIQUE'");
                }
            } else if (r.take_kw("KEY")) {
                cmd.constraint_kind = 3;
            } else if (r.take_kw("NOT")) {
                if (!r.take_kw("NULL")) syntax("Invalid input: expected 'NULL'");
                cmd.constraint_kind = 2;
            } else if (r.take_kw("TYPED") || (r.take_punct(':') && r.take_punct(':'))) {
                cmd.constraint_kind = 4;
                cmd.property_type = parse_property_type(r);
            } else {
                syntax("Invalid input: expected 'UNIQUE', 'NOT NULL', 'KEY' or ':: <TYPE>'");
            }
            if ((cmd.constraint_kind == 2 || cmd.constraint_kind == 4) && cmd.properties.size() != 1)
                throw QuiverError(std::string(status::SyntaxError),
                                  fmt::format("Constraint type '{}' does not allow multiple properties",
                                              cmd.constraint_kind == 2 ? "IS NOT NULL" : "IS ::"),
                                  "*", ErrorPhase::CompileTime);
            parse_options(r);
            if (!r.done()) syntax("Invalid input: unexpected text after the constraint");
            return cmd;
        }
        if (r.take_kw("LOOKUP")) {
            if (!r.take_kw("INDEX")) syntax("Invalid input: expected 'INDEX'");
            cmd.kind = SchemaCommand::Kind::CreateIndex;
            cmd.index_type = "LOOKUP";
            parse_name_and_if_not_exists(r, cmd);
            parse_lookup_schema(r, cmd);
            parse_options(r);
            if (!r.done()) syntax("Invalid input: unexpected text after the lookup index");
            return cmd;
        }
        if (r.take_kw("TEXT")) cmd.index_type = "TEXT";
        else if (r.take_kw("POINT")) cmd.index_type = "POINT";
        else r.take_kw("RANGE");
        if (!r.take_kw("INDEX")) return std::nullopt;
        cmd.kind = SchemaCommand::Kind::CreateIndex;
        parse_name_and_if_not_exists(r, cmd);
        std::string var = parse_schema_pattern(r, cmd);
        if (!r.take_kw("ON")) syntax("Invalid input: expected 'ON'");
        parse_properties(r, var, cmd, true);
        parse_options(r);
        if (!r.done()) return std::nullopt;
        return cmd;
    }
    if (r.peek_kw("DROP") && r.peek_kw("CONSTRAINT", 1)) {
        r.take_kw("DROP");
        r.take_kw("CONSTRAINT");
        cmd.kind = SchemaCommand::Kind::DropConstraint;
        auto n = r.take_ident();
        if (!n) syntax("Invalid input: expected a constraint name");
        cmd.name = *n;
        if (r.take_kw("IF")) {
            if (!r.take_kw("EXISTS")) syntax("Invalid input: expected 'IF EXISTS'");
            cmd.if_exists = true;
        }
        if (!r.done()) syntax("Invalid input: unexpected text after DROP CONSTRAINT");
        return cmd;
    }
    if (r.take_kw("DROP")) {
        if (!r.take_kw("INDEX")) return std::nullopt;
        cmd.kind = SchemaCommand::Kind::DropIndex;
        auto n = r.take_ident();
        if (!n) syntax("Invalid input: expected an index name");
        cmd.name = *n;
        if (r.take_kw("IF")) {
            if (!r.take_kw("EXISTS")) syntax("Invalid input: expected 'IF EXISTS'");
            cmd.if_exists = true;
        }
        if (!r.done()) syntax("Invalid input: unexpected text after DROP INDEX");
        return cmd;
    }
    return std::nullopt;
}

namespace {

std::string join_names(const std::vector<std::string>& v, const char* sep) {
    std::string s;
    for (size_t i = 0; i < v.size(); ++i) s += (i ? sep : "") + v[i];
    return s;
}

bool name_taken(storage::GraphTxn& txn, const std::string& name) {
    if (name == function::kNodeLookupIndexName || name == function::kRelLookupIndexName) return true;
    for (const auto& ix : txn.indexes())
        if (ix.name == name) return true;
    for (const auto& ix : txn.fulltext_indexes())
        if (ix.name == name) return true;
    return false;
}

void create_fulltext(const SchemaCommand& cmd, storage::GraphTxn& txn, QueryOutput& out) {
    if (!storage::fulltext::analyzer_by_name(cmd.analyzer))
        throw QuiverError("Neo.ClientError.Statement.ArgumentError",
                          fmt::format("Could not create fulltext index: unknown analyzer '{}'",
                                      cmd.analyzer));
    std::string name = cmd.name.empty()
                           ? generated_name("index", "FULLTEXT", cmd.relationship,
                                            join_names(cmd.labels, "|"), cmd.properties)
                           : cmd.name;
    // the same entity kind, tokens and properties (in any order) is the same schema
    auto sorted = [](std::vector<std::string> v) {
        std::sort(v.begin(), v.end());
        v.erase(std::unique(v.begin(), v.end()), v.end());
        return v;
    };
    for (const auto& ix : txn.fulltext_indexes()) {
        std::vector<std::string> toks, keys;
        for (auto t : ix.tokens) toks.push_back(ix.relationships ? txn.rel_type_name(t) : txn.label_name(t));
        for (auto k : ix.keys) keys.push_back(txn.property_key_name(k));
        bool same = ix.relationships == cmd.relationship && sorted(toks) == sorted(cmd.labels) &&
                    sorted(keys) == sorted(cmd.properties);
        if (same && !cmd.if_not_exists && ix.name != name)
            throw QuiverError("Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",
                              fmt::format("An equivalent index already exists, 'Index( name='{}', "
                                          "type='FULLTEXT', indexProvider='fulltext-1.0' )'.",
                                          ix.name));
        if (same && cmd.if_not_exists) return;
    }
    if (name_taken(txn, name)) {
        if (cmd.if_not_exists) return;
        throw QuiverError("Neo.ClientError.Schema.IndexWithNameAlreadyExists",
                          fmt::format("There already exists an index called '{}'.", name));
    }
    std::vector<storage::TokenId> toks, keys;
    for (const auto& l : sorted(cmd.labels)) toks.push_back(cmd.relationship ? txn.rel_type(l) : txn.label(l));
    for (const auto& p : cmd.properties) {
        auto k = txn.property_key(p);
        if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
    }
    txn.create_fulltext_index(name, cmd.relationship, toks, keys, cmd.analyzer,
                              cmd.eventually_consistent);
    out.summary.stats.indexes_added = 1;
}

// The token lookup index of the entity type is built in and always exists
// (function/lookup_indexes.h): creating another one is an equivalent index, or a no-op with
// IF NOT EXISTS.
void create_lookup(const SchemaCommand& cmd) {
    if (cmd.if_not_exists) return;
    bool rel = cmd.relationship;
    throw QuiverError("Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",
                      fmt::format("An equivalent index already exists, 'Index( id={}, name='{}', "
                                  "type='LOOKUP', schema={}, indexProvider='token-lookup-1.0' )'.",
                                  rel ? 2 : 1, function::lookup_index_name(rel),
                                  rel ? "()-[:<any-types>]-()" : "(:<any-labels>)"));
}

using storage::ConstraintKind;

// "(:Person {name})" / "()-[:R {a, b}]-()"
std::string schema_description(bool rel, const std::string& entity,
                               const std::vector<std::string>& props) {
    std::string keys;
    for (size_t i = 0; i < props.size(); ++i) keys += (i ? ", " : "") + props[i];
    if (rel) return fmt::format("()-[:{} {{{}}}]-()", entity, keys);
    return fmt::format("(:{} {{{}}})", entity, keys);
}

const char* constraint_type_text(ConstraintKind k, bool rel) {
    switch (k) {
        case ConstraintKind::Unique: return rel ? "RELATIONSHIP UNIQUENESS" : "UNIQUENESS";
        case ConstraintKind::Exists:
            return rel ? "RELATIONSHIP PROPERTY EXISTENCE" : "NODE PROPERTY EXISTENCE";
        case ConstraintKind::Key: return rel ? "RELATIONSHIP KEY" : "NODE KEY";
        case ConstraintKind::Type: return rel ? "RELATIONSHIP PROPERTY TYPE" : "NODE PROPERTY TYPE";
    }
    return "";
}

struct Names {
    std::string entity;
    std::vector<std::string> props;
};
Names names_of(storage::GraphTxn& txn, bool rel, storage::TokenId entity,
               const std::vector<storage::TokenId>& keys) {
    Names n;
    n.entity = rel ? txn.rel_type_name(entity) : txn.label_name(entity);
    for (auto k : keys) n.props.push_back(txn.property_key_name(k));
    return n;
}

bool same_schema(storage::GraphTxn& txn, bool rel, storage::TokenId entity,
                 const std::vector<storage::TokenId>& keys, const SchemaCommand& cmd) {
    if (rel != cmd.relationship) return false;
    Names n = names_of(txn, rel, entity, keys);
    return n.entity == cmd.label && n.props == cmd.properties;
}

[[noreturn]] void schema_error(const char* code, std::string msg) {
    throw QuiverError(std::string("Neo.ClientError.Schema.") + code, std::move(msg));
}

// Whether CREATE INDEX may go ahead (false: IF NOT EXISTS and an equal rule exists).
bool check_new_index(const SchemaCommand& cmd, storage::IndexKind kind, const std::string& name,
                     storage::GraphTxn& txn) {
    for (const auto& c : txn.constraints()) {
        if (c.name != name) continue;
        if (cmd.if_not_exists) return false;
        schema_error("ConstraintWithNameAlreadyExists",
                     fmt::format("There already exists a constraint called '{}'.", name));
    }
    for (const auto& ix : txn.indexes()) {
        bool schema = ix.kind == kind && same_schema(txn, ix.relationship, ix.entity, ix.keys, cmd);
        if (!schema && ix.name != name) continue;
        if (cmd.if_not_exists) return false;
        std::string desc = schema_description(cmd.relationship, cmd.label, cmd.properties);
        if (schema && !ix.owning_constraint.empty())
            schema_error("ConstraintAlreadyExists",
                         fmt::format("There is a uniqueness constraint on {}, so an index is "
                                     "already created that matches this.", desc));
        if (schema)
            schema_error("EquivalentSchemaRuleAlreadyExists",
                         fmt::format("An equivalent index already exists, 'Index( name='{}', "
                                     "type='{}', schema={}, indexProvider='{}' )'.",
                                     ix.name, function::index_type_name(kind), desc,
                                     function::index_provider_name(kind)));
        schema_error("IndexWithNameAlreadyExists",
                     fmt::format("There already exists an index called '{}'.", name));
    }
    if (name_taken(txn, name)) {
        if (cmd.if_not_exists) return false;
        schema_error("IndexWithNameAlreadyExists",
                     fmt::format("There already exists an index called '{}'.", name));
    }
    return true;
}

// Whether CREATE CONSTRAINT may go ahead (false: IF NOT EXISTS and an equal rule exists).
bool check_new_constraint(const SchemaCommand& cmd, const std::string& name,
                          storage::GraphTxn& txn) {
    auto kind = ConstraintKind(cmd.constraint_kind);
    bool indexed = kind == ConstraintKind::Unique || kind == ConstraintKind::Key;
    std::string desc = schema_description(cmd.relationship, cmd.label, cmd.properties);
    for (const auto& c : txn.constraints()) {
        bool schema = same_schema(txn, c.relationship, c.entity, c.keys, cmd);
        bool equivalent = schema && c.kind == kind && c.property_type == cmd.property_type;
        if (equivalent || c.name == name) {
            if (cmd.if_not_exists) return false;
            if (equivalent)
                schema_error("EquivalentSchemaRuleAlreadyExists",
                             fmt::format("An equivalent constraint already exists, 'Constraint( "
                                         "id={}, name='{}', type='{}', schema={}{} )'.",
                                         c.id, c.name, constraint_type_text(c.kind, c.relationship),
                                         desc,
                                         c.owned_index.empty() ? "" : ", ownedIndex=" + std::to_string(c.id)));
            schema_error("ConstraintWithNameAlreadyExists",
                         fmt::format("There already exists a constraint called '{}'.", name));
        }
        bool c_indexed = c.kind == ConstraintKind::Unique || c.kind == ConstraintKind::Key;
        if (schema && indexed && c_indexed)
            schema_error("ConstraintAlreadyExists",
                         fmt::format("Constraint already exists: Constraint( id={}, name='{}', "
                                     "type='{}', schema={}, ownedIndex={} )",
                                     c.id, c.name, constraint_type_text(c.kind, c.relationship),
                                     desc, c.id));
        if (schema && kind == ConstraintKind::Type && c.kind == ConstraintKind::Type)
            schema_error("ConstraintAlreadyExists",
                         fmt::format("Conflicting constraint already exists: Constraint( id={}, "
                                     "name='{}', type='{}', schema={}, propertyType={} )",
                                     c.id, c.name, constraint_type_text(c.kind, c.relationship),
                                     desc, c.property_type));
    }
    for (const auto& ix : txn.indexes()) {
        if (ix.name == name) {
            if (cmd.if_not_exists) return false;
            schema_error("IndexWithNameAlreadyExists",
                         fmt::format("There already exists an index called '{}'.", name));
        }
        if (indexed && ix.kind == storage::IndexKind::Range && ix.owning_constraint.empty() &&
            same_schema(txn, ix.relationship, ix.entity, ix.keys, cmd))
            schema_error("IndexAlreadyExists",
                         fmt::format("There already exists an index {}. A constraint cannot be "
                                     "created until the index has been dropped.", desc));
    }
    return true;
}

std::vector<storage::TokenId> key_tokens(const SchemaCommand& cmd, storage::GraphTxn& txn) {
    std::vector<storage::TokenId> keys;
    for (const auto& p : cmd.properties) keys.push_back(txn.property_key(p));
    return keys;
}

storage::TokenId entity_token(const SchemaCommand& cmd, storage::GraphTxn& txn) {
    return cmd.relationship ? txn.rel_type(cmd.label) : txn.label(cmd.label);
}

}  // namespace

QueryOutput run_schema_command(const SchemaCommand& cmd, storage::GraphTxn& txn) {
    QueryOutput out;
    switch (cmd.kind) {
        case SchemaCommand::Kind::CreateIndex: {
            out.summary.query_type = "s";
            if (cmd.index_type == "FULLTEXT") {
                create_fulltext(cmd, txn, out);
                return out;
            }
            if (cmd.index_type == "LOOKUP") {
                create_lookup(cmd);
                return out;
            }
            storage::IndexKind kind = kind_of(cmd.index_type);
            if (kind != storage::IndexKind::Range && cmd.properties.size() != 1)
                throw QuiverError(std::string(status::SyntaxError),
                                  fmt::format("Only single property {} indexes are supported",
                                              cmd.index_type == "TEXT" ? "text" : "point"),
                                  "*", ErrorPhase::CompileTime);
            std::string name = cmd.name.empty()
                                   ? generated_name("index", cmd.index_type, cmd.relationship,
                                                    cmd.label, cmd.properties)
                                   : cmd.name;
            if (!check_new_index(cmd, kind, name, txn)) return out;
            txn.create_index(name, cmd.relationship, entity_token(cmd, txn), key_tokens(cmd, txn),
                             kind);
            out.summary.stats.indexes_added = 1;
            return out;
        }
        case SchemaCommand::Kind::CreateConstraint: {
            out.summary.query_type = "s";
            std::vector<std::string> hashed = cmd.properties;
            hashed.push_back(cmd.property_type);
            std::string name =
                cmd.name.empty() ? generated_name("constraint", std::to_string(cmd.constraint_kind),
                                                  cmd.relationship, cmd.label, hashed)
                                 : cmd.name;
            if (!check_new_constraint(cmd, name, txn)) return out;
            storage::ConstraintInfo c;
            c.name = name;
            c.kind = ConstraintKind(cmd.constraint_kind);
            c.relationship = cmd.relationship;
            c.entity = entity_token(cmd, txn);
            c.keys = key_tokens(cmd, txn);
            c.property_type = cmd.property_type;
            txn.create_constraint(c);
            out.summary.stats.constraints_added = 1;
            return out;
        }
        case SchemaCommand::Kind::DropConstraint: {
            out.summary.query_type = "s";
            if (txn.drop_constraint(cmd.name)) {
                out.summary.stats.constraints_removed = 1;
            } else if (!cmd.if_exists) {
                schema_error("ConstraintDropFailed",
                             fmt::format("Unable to drop constraint `{}`: No such constraint {}.",
                                         cmd.name, cmd.name));
            }
            return out;
        }
        case SchemaCommand::Kind::DropIndex: {
            out.summary.query_type = "s";
            if (cmd.name == function::kNodeLookupIndexName || cmd.name == function::kRelLookupIndexName)
                schema_error("IndexDropFailed",
                             fmt::format("Unable to drop index called `{}`: token lookup indexes are "
                                         "built into Quiver (label and relationship type scans "
                                         "always use them) and cannot be dropped.",
                                         cmd.name));
            for (const auto& ix : txn.indexes())
                if (ix.name == cmd.name && !ix.owning_constraint.empty())
                    schema_error("IndexDropFailed",
                                 fmt::format("Unable to drop index: Index belongs to constraint: `{}`",
                                             ix.owning_constraint));
            if (txn.drop_index(cmd.name) || txn.drop_fulltext_index(cmd.name)) {
                out.summary.stats.indexes_removed = 1;
            } else if (!cmd.if_exists) {
                throw QuiverError("Neo.ClientError.Schema.IndexDropFailed",
                                  fmt::format("Unable to drop index called `{}`. There is no such index.",
                                              cmd.name));
            }
            return out;
        }
    }
    return out;
}

}  // namespace quiver::main
