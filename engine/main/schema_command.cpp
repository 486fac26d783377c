#include "main/schema_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "base/error.h"
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

private:
    std::vector<Tok> t_;
    size_t i_ = 0;
};

[[noreturn]] void syntax(const std::string& msg) {
    throw QuiverError(std::string(status::SyntaxError), msg, "*", ErrorPhase::CompileTime);
}

std::string generated_name(const std::string& type, const std::string& label,
                           const std::vector<std::string>& props) {
    uint32_t h = 2166136261u;
    auto mix = [&](std::string_view s) {
        for (unsigned char c : s) h = (h ^ c) * 16777619u;
        h = (h ^ 0xFFu) * 16777619u;
    };
    mix(type);
    mix(label);
    for (const auto& p : props) mix(p);
    return fmt::format("index_{:08x}", h);
}

storage::IndexKind kind_of(const std::string& type) {
    if (type == "TEXT") return storage::IndexKind::Text;
    if (type == "POINT") return storage::IndexKind::Point;
    return storage::IndexKind::Range;
}
const char* type_name(storage::IndexKind k) {
    switch (k) {
        case storage::IndexKind::Text: return "TEXT";
        case storage::IndexKind::Point: return "POINT";
        default: return "RANGE";
    }
}
const char* provider_name(storage::IndexKind k) {
    switch (k) {
        case storage::IndexKind::Text: return "text-2.0";
        case storage::IndexKind::Point: return "point-1.0";
        default: return "range-1.0";
    }
}
Value index_config(storage::IndexKind k) {
    if (k != storage::IndexKind::Point) return Value::map({});
    auto box = [](std::vector<double> v) {
        std::vector<Value> l;
        for (double d : v) l.push_back(Value::float64(d));
        return Value::list(std::move(l));
    };
    return Value::map({{"spatial.cartesian-3d.max", box({1000000.0, 1000000.0, 1000000.0})},
                       {"spatial.cartesian-3d.min", box({-1000000.0, -1000000.0, -1000000.0})},
                       {"spatial.cartesian.max", box({1000000.0, 1000000.0})},
                       {"spatial.cartesian.min", box({-1000000.0, -1000000.0})},
                       {"spatial.wgs-84-3d.max", box({180.0, 90.0, 1000000.0})},
                       {"spatial.wgs-84-3d.min", box({-180.0, -90.0, -1000000.0})},
                       {"spatial.wgs-84.max", box({180.0, 90.0})},
                       {"spatial.wgs-84.min", box({-180.0, -90.0})}});
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
        cmd.relationships = true;
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
        if (r.take_kw("TEXT")) cmd.index_type = "TEXT";
        else if (r.take_kw("POINT")) cmd.index_type = "POINT";
        else r.take_kw("RANGE");
        if (!r.take_kw("INDEX")) return std::nullopt;
        cmd.kind = SchemaCommand::Kind::CreateIndex;
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
        auto var = r.take_ident();
        if (!var || !r.take_punct(':')) return std::nullopt;  // relationship indexes etc.: not here
        auto label = r.take_ident();
        if (!label || !r.take_punct(')') || !r.take_kw("ON") || !r.take_punct('('))
            syntax("Invalid input: expected 'FOR (n:Label) ON (n.property)'");
        cmd.label = *label;
        do {
            auto v = r.take_ident();
            if (!v || *v != *var || !r.take_punct('.')) syntax("Invalid input: expected a property of " + *var);
            auto p = r.take_ident();
            if (!p) syntax("Invalid input: expected a property name");
            cmd.properties.push_back(*p);
        } while (r.take_punct(','));
        if (!r.take_punct(')')) syntax("Invalid input: expected ')'");
        if (!r.done()) return std::nullopt;  // OPTIONS {...} and the like
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
    if (r.take_kw("SHOW")) {
        cmd.index_type.clear();
        if (r.take_kw("RANGE")) cmd.index_type = "RANGE";
        else if (r.take_kw("TEXT")) cmd.index_type = "TEXT";
        else if (r.take_kw("POINT")) cmd.index_type = "POINT";
        else if (r.take_kw("FULLTEXT")) cmd.index_type = "FULLTEXT";
        else r.take_kw("ALL");
        if (!r.take_kw("INDEX") && !r.take_kw("INDEXES")) return std::nullopt;
        if (r.take_kw("YIELD")) {
            if (r.take_punct('*')) {
                cmd.yield.push_back("*");
            } else {
                do {
                    auto c = r.take_ident();
                    if (!c) return std::nullopt;
                    cmd.yield.push_back(*c);
                } while (r.take_punct(','));
            }
        }
        if (!r.done()) return std::nullopt;  // WHERE, RETURN, AS ...: not handled here
        cmd.kind = SchemaCommand::Kind::ShowIndexes;
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

std::string quoted(const std::string& n) {
    std::string s = "`";
    for (char c : n) s += c == '`' ? std::string("``") : std::string(1, c);
    return s + "`";
}

bool name_taken(storage::GraphTxn& txn, const std::string& name) {
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
                           ? generated_name("FULLTEXT", join_names(cmd.labels, "|"), cmd.properties)
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
        bool same = ix.relationships == cmd.relationships && sorted(toks) == sorted(cmd.labels) &&
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
    for (const auto& l : sorted(cmd.labels)) toks.push_back(cmd.relationships ? txn.rel_type(l) : txn.label(l));
    for (const auto& p : cmd.properties) {
        auto k = txn.property_key(p);
        if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
    }
    txn.create_fulltext_index(name, cmd.relationships, toks, keys, cmd.analyzer,
                              cmd.eventually_consistent);
    out.summary.stats.indexes_added = 1;
}

// One row of SHOW INDEXES, all columns.
struct IndexRow {
    std::string name;
    std::vector<Value> full;
};

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
            if (cmd.properties.size() != 1)
                throw QuiverError("Neo.ClientError.Statement.FeatureNotSupported",
                                  "Composite indexes are not supported yet");
            std::string name = cmd.name.empty()
                                   ? generated_name(cmd.index_type, cmd.label, cmd.properties)
                                   : cmd.name;
            storage::IndexKind kind = kind_of(cmd.index_type);
            auto label = txn.find_label(cmd.label);
            auto key = txn.find_property_key(cmd.properties[0]);
            for (const auto& ix : txn.indexes()) {
                bool same_schema =
                    label && key && ix.label == *label && ix.key == *key && ix.kind == kind;
                if (same_schema || ix.name == name) {
                    if (cmd.if_not_exists) return out;
                    if (same_schema)
                        throw QuiverError(
                            "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",
                            fmt::format("An equivalent index already exists, 'Index( name='{}', "
                                        "type='{}', schema=(:{} {{{}}}), indexProvider='{}' )'.",
                                        ix.name, type_name(kind), cmd.label, cmd.properties[0],
                                        provider_name(kind)));
                    throw QuiverError("Neo.ClientError.Schema.IndexWithNameAlreadyExists",
                                      fmt::format("There already exists an index called '{}'.", name));
                }
            }
            if (name_taken(txn, name)) {
                if (cmd.if_not_exists) return out;
                throw QuiverError("Neo.ClientError.Schema.IndexWithNameAlreadyExists",
                                  fmt::format("There already exists an index called '{}'.", name));
            }
            txn.create_index(name, txn.label(cmd.label), txn.property_key(cmd.properties[0]), kind);
            out.summary.stats.indexes_added = 1;
            return out;
        }
        case SchemaCommand::Kind::DropIndex: {
            out.summary.query_type = "s";
            if (txn.drop_index(cmd.name) || txn.drop_fulltext_index(cmd.name)) {
                out.summary.stats.indexes_removed = 1;
            } else if (!cmd.if_exists) {
                throw QuiverError("Neo.ClientError.Schema.IndexDropFailed",
                                  fmt::format("Unable to drop index called `{}`. There is no such index.",
                                              cmd.name));
            }
            return out;
        }
        case SchemaCommand::Kind::ShowIndexes: {
            out.summary.query_type = "r";
            const std::vector<std::string> all = {
                "id",           "name",         "state",           "populationPercent",
                "type",         "entityType",   "labelsOrTypes",   "properties",
                "indexProvider", "owningConstraint", "lastRead",   "readCount",
                "trackedSince", "options",      "failureMessage",  "createStatement"};
            std::vector<size_t> pick;
            if (cmd.yield.empty()) {
                for (size_t c = 0; c < 12; ++c) pick.push_back(c);
            } else if (cmd.yield.size() == 1 && cmd.yield[0] == "*") {
                for (size_t c = 0; c < all.size(); ++c) pick.push_back(c);
            } else {
                for (const auto& y : cmd.yield) {
                    auto it = std::find(all.begin(), all.end(), y);
                    if (it == all.end())
                        throw QuiverError(std::string(status::SyntaxError),
                                          fmt::format("Variable `{}` not defined", y),
                                          "UndefinedVariable", ErrorPhase::CompileTime);
                    pick.push_back(size_t(it - all.begin()));
                }
            }
            for (size_t c : pick) out.columns.push_back(all[c]);
            std::vector<IndexRow> rows;
            auto list = txn.indexes();
            for (size_t i = 0; i < list.size(); ++i) {
                const auto& ix = list[i];
                if (!cmd.index_type.empty() && type_name(ix.kind) != cmd.index_type) continue;
                const std::string& label = txn.label_name(ix.label);
                const std::string& prop = txn.property_key_name(ix.key);
                rows.push_back({ix.name, {
                    Value::integer(int64_t(i) + 1), Value::string(ix.name),
                    Value::string("ONLINE"), Value::float64(100.0), Value::string(type_name(ix.kind)),
                    Value::string("NODE"), Value::list({Value::string(label)}),
                    Value::list({Value::string(prop)}), Value::string(provider_name(ix.kind)),
                    Value::null(), Value::null(), Value::integer(0), Value::null(),
                    Value::map({{"indexConfig", index_config(ix.kind)},
                                {"indexProvider", Value::string(provider_name(ix.kind))}}),
                    Value::string(""),
                    Value::string(fmt::format("CREATE {} INDEX `{}` FOR (n:`{}`) ON (n.`{}`)",
                                              type_name(ix.kind), ix.name, label, prop))}});
            }
            if (cmd.index_type.empty() || cmd.index_type == "FULLTEXT") {
                auto fts = txn.fulltext_indexes();
                for (size_t i = 0; i < fts.size(); ++i) {
                    const auto& ix = fts[i];
                    ValueList toks, keys;
                    std::vector<std::string> tq, kq;
                    for (auto t : ix.tokens) {
                        const std::string& n = ix.relationships ? txn.rel_type_name(t) : txn.label_name(t);
                        toks.push_back(Value::string(n));
                        tq.push_back(quoted(n));
                    }
                    for (auto k : ix.keys) {
                        const std::string& n = txn.property_key_name(k);
                        keys.push_back(Value::string(n));
                        kq.push_back((ix.relationships ? "r." : "n.") + quoted(n));
                    }
                    std::string pattern = ix.relationships
                                              ? "()-[r:" + join_names(tq, "|") + "]-()"
                                              : "(n:" + join_names(tq, "|") + ")";
                    Value config = Value::map(
                        {{"fulltext.analyzer", Value::string(ix.analyzer)},
                         {"fulltext.eventually_consistent", Value::boolean(ix.eventually_consistent)}});
                    rows.push_back({ix.name, {
                        Value::integer(int64_t(list.size() + i) + 1), Value::string(ix.name),
                        Value::string("ONLINE"), Value::float64(100.0), Value::string("FULLTEXT"),
                        Value::string(ix.relationships ? "RELATIONSHIP" : "NODE"),
                        Value::list(std::move(toks)), Value::list(std::move(keys)),
                        Value::string("fulltext-1.0"), Value::null(), Value::null(),
                        Value::integer(0), Value::null(),
                        Value::map({{"indexConfig", config},
                                    {"indexProvider", Value::string("fulltext-1.0")}}),
                        Value::string(""),
                        Value::string(fmt::format(
                            "CREATE FULLTEXT INDEX {} FOR {} ON EACH [{}] OPTIONS {{indexConfig: "
                            "{{`fulltext.analyzer`: '{}', `fulltext.eventually_consistent`: {}}}, "
                            "indexProvider: 'fulltext-1.0'}}",
                            quoted(ix.name), pattern, join_names(kq, ", "), ix.analyzer,
                            ix.eventually_consistent ? "true" : "false"))}});
                }
            }
            std::sort(rows.begin(), rows.end(),
                      [](const IndexRow& a, const IndexRow& b) { return a.name < b.name; });
            for (const auto& r : rows) {
                std::vector<Value> row;
                for (size_t c : pick) row.push_back(r.full[c]);
                out.rows.push_back(std::move(row));
            }
            return out;
        }
    }
    return out;
}

}  // namespace quiver::main
