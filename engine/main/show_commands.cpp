#include "main/show_commands.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <vector>

namespace quiver::main {

namespace {

struct Token {
    std::string text;   // as written
    std::string upper;  // upper-cased word, empty for non-words
    size_t begin = 0, end = 0;
    int depth = 0;  // bracket nesting before this token
};

// A small lexer: words, quoted names/strings, numbers and single-character symbols, with the
// bracket depth of each token so that top-level keywords and commas can be found.
std::vector<Token> lex(std::string_view q) {
    std::vector<Token> out;
    size_t i = 0;
    int depth = 0;
    while (i < q.size()) {
        char c = q[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
            continue;
        }
        if (c == '/' && i + 1 < q.size() && q[i + 1] == '/') {
            while (i < q.size() && q[i] != '\n') ++i;
            continue;
        }
        if (c == '/' && i + 1 < q.size() && q[i + 1] == '*') {
            size_t e = q.find("*/", i + 2);
            i = e == std::string_view::npos ? q.size() : e + 2;
            continue;
        }
        Token t;
        t.begin = i;
        t.depth = depth;
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            while (i < q.size() &&
                   (std::isalnum(static_cast<unsigned char>(q[i])) || q[i] == '_'))
                ++i;
            t.text = std::string(q.substr(t.begin, i - t.begin));
            for (char ch : t.text) t.upper += char(std::toupper(static_cast<unsigned char>(ch)));
        } else if (c == '\'' || c == '"' || c == '`') {
            ++i;
            while (i < q.size() && q[i] != c) i += (q[i] == '\\' && c != '`') ? 2 : 1;
            i = std::min(i + 1, q.size());
            t.text = std::string(q.substr(t.begin, i - t.begin));
        } else {
            ++i;
            t.text = std::string(1, c);
            if (c == '(' || c == '[' || c == '{') ++depth;
            if (c == ')' || c == ']' || c == '}') --depth;
        }
        t.end = i;
        out.push_back(std::move(t));
    }
    return out;
}

const char* const kProcedureColumns[] = {
    "name",          "description",   "mode",          "worksOnSystem",
    "signature",     "argumentDescription", "returnDescription", "admin",
    "rolesExecution", "rolesBoostedExecution", "isDeprecated", "deprecatedBy", "option"};
const char* const kProcedureDefaults[] = {"name", "description", "mode", "worksOnSystem"};

const char* const kFunctionColumns[] = {
    "name",         "category",      "description", "signature",
    "isBuiltIn",    "argumentDescription", "returnDescription", "aggregating",
    "rolesExecution", "rolesBoostedExecution", "isDeprecated", "deprecatedBy"};
const char* const kFunctionDefaults[] = {"name", "category", "description"};

template <size_t N>
std::string join(const char* const (&cols)[N]) {
    std::string s;
    for (size_t i = 0; i < N; ++i) s += (i ? ", " : "") + std::string(cols[i]);
    return s;
}

}  // namespace

namespace {
const char* const kDatabaseColumns[] = {
    "name", "type", "aliases", "access", "databaseID", "serverID", "address", "role", "writer",
    "requestedStatus", "currentStatus", "statusMessage", "default", "home",
    "currentPrimariesCount", "currentSecondariesCount", "requestedPrimariesCount",
    "requestedSecondariesCount", "creationTime", "lastStartTime", "lastStopTime", "store",
    "lastCommittedTxn", "replicationLag", "constituents", "options"};
const char* const kDatabaseDefaults[] = {
    "name", "type", "aliases", "access", "address", "role", "writer", "requestedStatus",
    "currentStatus", "statusMessage", "default", "home", "constituents"};

const char* const kConstraintColumns[] = {"id",         "name",          "type",
                                          "entityType", "labelsOrTypes", "properties",
                                          "ownedIndex", "propertyType",  "options",
                                          "createStatement"};
const char* const kConstraintDefaults[] = {"id",         "name",          "type",
                                           "entityType", "labelsOrTypes", "properties",
                                           "ownedIndex", "propertyType"};

const char* const kSettingColumns[] = {"name",         "value",           "isDynamic",
                                       "defaultValue", "description",     "startupValue",
                                       "isExplicitlySet", "validValues",  "isDeprecated"};
const char* const kSettingDefaults[] = {"name", "value", "isDynamic", "defaultValue",
                                        "description"};
const char* const kTransactionColumns[] = {
    "database",    "transactionId", "currentQueryId", "connectionId", "clientAddress", "username",
    "currentQuery", "startTime",    "status",         "elapsedTime",  "metaData"};
const char* const kTransactionDefaults[] = {
    "database",    "transactionId", "currentQueryId", "connectionId", "clientAddress", "username",
    "currentQuery", "startTime",    "status",         "elapsedTime"};
const char* const kTerminateColumns[] = {"transactionId", "username", "message"};

// The names after SHOW SETTINGS / SHOW TRANSACTIONS / TERMINATE TRANSACTIONS, up to a
// top-level YIELD or WHERE: "" when none, the expression when one, a list of them when several
// (comma-separated). Advances `i` past them.
std::string name_argument(const std::vector<Token>& toks, std::string_view q, size_t& i) {
    size_t b = i;
    bool several = false;
    while (i < toks.size() &&
           !(toks[i].depth == 0 && (toks[i].upper == "YIELD" || toks[i].upper == "WHERE"))) {
        if (toks[i].depth == 0 && toks[i].text == ",") several = true;
        ++i;
    }
    if (i == b) return "";
    std::string text(q.substr(toks[b].begin, toks[i - 1].end - toks[b].begin));
    return several ? "[" + text + "]" : text;
}

const char* const kIndexColumns[] = {
    "id",           "name",          "state",         "populationPercent", "type",
    "entityType",   "labelsOrTypes", "properties",    "indexProvider",     "owningConstraint",
    "lastRead",     "readCount",     "trackedSince",  "options",           "failureMessage",
    "createStatement"};
const char* const kIndexDefaults[] = {
    "id",         "name",          "state",      "populationPercent", "type",     "entityType",
    "labelsOrTypes", "properties", "indexProvider", "owningConstraint", "lastRead", "readCount"};

// SHOW [ALL | [NODE | REL[ATIONSHIP]] (UNIQUE[NESS] | EXIST[ENCE|S] | KEY | PROPERTY TYPE)]
// CONSTRAINT[S]: the words before CONSTRAINT[S] as a predicate on `type`; nullopt when they
// are not a constraint filter.
std::optional<std::string> constraint_filter(const std::vector<std::string>& words) {
    if (words.empty() || (words.size() == 1 && words[0] == "ALL")) return std::string();
    size_t i = 0;
    std::vector<std::string> entities = {"NODE", "RELATIONSHIP"};
    if (words[0] == "NODE") {
        entities = {"NODE"};
        ++i;
    } else if (words[0] == "REL" || words[0] == "RELATIONSHIP") {
        entities = {"RELATIONSHIP"};
        ++i;
    }
    std::vector<std::string> rest(words.begin() + long(i), words.end());
    if (!rest.empty() && rest[0] == "PROPERTY" && rest.size() == 2 && rest[1] != "TYPE")
        rest.erase(rest.begin());  // PROPERTY UNIQUENESS / PROPERTY EXISTENCE
    std::string suffix;
    if (rest.size() == 1 && (rest[0] == "UNIQUE" || rest[0] == "UNIQUENESS")) {
        suffix = "_PROPERTY_UNIQUENESS";
    } else if (rest.size() == 1 &&
               (rest[0] == "EXIST" || rest[0] == "EXISTS" || rest[0] == "EXISTENCE")) {
        suffix = "_PROPERTY_EXISTENCE";
    } else if (rest.size() == 1 && rest[0] == "KEY") {
        suffix = "_KEY";
    } else if (rest.size() == 2 && rest[0] == "PROPERTY" && rest[1] == "TYPE") {
        suffix = "_PROPERTY_TYPE";
    } else {
        return std::nullopt;
    }
    std::string list;
    for (size_t k = 0; k < entities.size(); ++k) list += (k ? ", '" : "'") + entities[k] + suffix + "'";
    return "type IN [" + list + "]";
}
}  // namespace

std::optional<std::string> rewrite_show_command(std::string_view query) {
    auto toks = lex(query);
    size_t i = 0;
    auto is = [&](const char* w) { return i < toks.size() && toks[i].upper == w; };
    std::vector<std::string> all_names;
    std::string proc, all, defaults, filter, order = "name";
    if (is("TERMINATE")) {  // TERMINATE TRANSACTION[S] id[, ...] [YIELD ...]
        ++i;
        if (!is("TRANSACTION") && !is("TRANSACTIONS")) return std::nullopt;
        ++i;
        std::string ids = name_argument(toks, query, i);
        if (ids.empty()) return std::nullopt;
        proc = "quiver.internal.terminateTransactions(" + ids + ")";
        all = defaults = join(kTerminateColumns);
        all_names.assign(std::begin(kTerminateColumns), std::end(kTerminateColumns));
        order.clear();
    } else if (!is("SHOW")) {
        return std::nullopt;
    } else {
        ++i;
    }
    if (proc.empty() && (is("SETTING") || is("SETTINGS"))) {
        ++i;
        std::string names = name_argument(toks, query, i);
        proc = "quiver.internal.showSettings(" + names + ")";
        all = join(kSettingColumns);
        defaults = join(kSettingDefaults);
        all_names.assign(std::begin(kSettingColumns), std::end(kSettingColumns));
    }
    if (proc.empty() && (is("TRANSACTION") || is("TRANSACTIONS"))) {
        ++i;
        std::string ids = name_argument(toks, query, i);
        proc = "quiver.internal.showTransactions(" + ids + ")";
        all = join(kTransactionColumns);
        defaults = join(kTransactionDefaults);
        all_names.assign(std::begin(kTransactionColumns), std::end(kTransactionColumns));
        order.clear();  // the procedure lists them by transaction number
    }
    // SHOW DATABASE[S] [name] | SHOW DEFAULT DATABASE | SHOW HOME DATABASE; the last two have
    // neither the `default` nor the `home` column.
    if (proc.empty()) {
        size_t j = i;
        std::string which = "null";
        bool single = false;
        if (j + 1 < toks.size() && (toks[j].upper == "DEFAULT" || toks[j].upper == "HOME") &&
            toks[j + 1].upper == "DATABASE") {
            which = toks[j].upper == "DEFAULT" ? "' default'" : "' home'";
            single = true;
            j += 2;
        } else if (j < toks.size() && (toks[j].upper == "DATABASE" || toks[j].upper == "DATABASES")) {
            ++j;
            if (j < toks.size() && toks[j].upper != "YIELD" && toks[j].upper != "WHERE") {
                std::string name = toks[j].text;
                if (name.size() >= 2 && name.front() == '`') name = name.substr(1, name.size() - 2);
                for (char& ch : name) ch = char(std::tolower(static_cast<unsigned char>(ch)));
                if (name.empty() || name.find('\'') != std::string::npos) return std::nullopt;
                which = "'" + name + "'";
                ++j;
            }
        } else {
            j = toks.size() + 1;
        }
        if (j <= toks.size()) {
            i = j;
            proc = "quiver.internal.showDatabases(" + which + ")";
            std::string def;
            for (const char* c : kDatabaseColumns) {
                if (single && (std::string(c) == "default" || std::string(c) == "home")) continue;
                all += (all.empty() ? "" : ", ") + std::string(c);
                all_names.push_back(c);
            }
            for (const char* c : kDatabaseDefaults) {
                if (single && (std::string(c) == "default" || std::string(c) == "home")) continue;
                def += (def.empty() ? "" : ", ") + std::string(c);
            }
            defaults = def;
        }
    }
    if (proc.empty()) {  // SHOW [ALL | RANGE | TEXT | POINT | FULLTEXT | LOOKUP] INDEX[ES]
        size_t j = i;
        std::string type;
        if (j < toks.size() && (toks[j].upper == "ALL" || toks[j].upper == "RANGE" ||
                                toks[j].upper == "TEXT" || toks[j].upper == "POINT" ||
                                toks[j].upper == "FULLTEXT" || toks[j].upper == "LOOKUP")) {
            if (toks[j].upper != "ALL") type = toks[j].upper;
            ++j;
        }
        if (j < toks.size() && (toks[j].upper == "INDEX" || toks[j].upper == "INDEXES")) {
            i = j + 1;
            proc = "quiver.internal.showIndexes()";
            if (!type.empty()) filter = "type = '" + type + "'";
            all = join(kIndexColumns);
            defaults = join(kIndexDefaults);
            all_names.assign(std::begin(kIndexColumns), std::end(kIndexColumns));
        }
    }
    if (proc.empty()) {  // SHOW ... CONSTRAINTS
        size_t j = i;
        std::vector<std::string> words;
        while (j < toks.size() && !toks[j].upper.empty() && toks[j].upper != "CONSTRAINT" &&
               toks[j].upper != "CONSTRAINTS" && words.size() < 4)
            words.push_back(toks[j++].upper);
        std::optional<std::string> f;
        if (j < toks.size() && (toks[j].upper == "CONSTRAINT" || toks[j].upper == "CONSTRAINTS"))
            f = constraint_filter(words);
        if (f) {
            filter = *f;
            i = j + 1;
            proc = "quiver.internal.showConstraints()";
            all = join(kConstraintColumns);
            defaults = join(kConstraintDefaults);
            all_names.assign(std::begin(kConstraintColumns), std::end(kConstraintColumns));
        }
    }
    if (proc.empty()) {
    if (is("ALL")) {
        ++i;
    } else if (is("BUILT")) {
        ++i;
        if (!is("IN")) return std::nullopt;
        ++i;
        filter = "isBuiltIn";
    } else if (is("USER")) {
        ++i;
        if (!is("DEFINED")) return std::nullopt;
        ++i;
        filter = "NOT isBuiltIn";
    }
    bool procedures;
    if (is("PROCEDURE") || is("PROCEDURES")) {
        procedures = true;
    } else if (is("FUNCTION") || is("FUNCTIONS")) {
        procedures = false;
    } else {
        return std::nullopt;
    }
    ++i;
    if (procedures && !filter.empty()) return std::nullopt;
    if (is("EXECUTABLE")) {
        ++i;
        if (is("BY")) {
            ++i;
            if (is("CURRENT")) {
                ++i;
                if (!is("USER")) return std::nullopt;
            }
            ++i;  // CURRENT USER's USER, or the user name
        }
    }
    all = procedures ? join(kProcedureColumns) : join(kFunctionColumns);
    defaults = procedures ? join(kProcedureDefaults) : join(kFunctionDefaults);
    proc = procedures ? "quiver.internal.showProcedures()" : "quiver.internal.showFunctions()";
    if (procedures)
        all_names.assign(std::begin(kProcedureColumns), std::end(kProcedureColumns));
    else
        all_names.assign(std::begin(kFunctionColumns), std::end(kFunctionColumns));
    }
    std::string out = "CALL " + proc + " YIELD " + all + " WITH " + all;
    if (!order.empty()) out += " ORDER BY " + order;
    if (!filter.empty()) out += " WHERE " + filter;
    if (i == toks.size()) return out + " RETURN " + defaults;
    size_t rest = toks[i].begin;
    if (is("WHERE")) {
        // WHERE without YIELD filters on every column and returns the default ones.
        return out + " WITH " + all + " " + std::string(query.substr(rest)) + " RETURN " +
               defaults;
    }
    if (!is("YIELD")) return std::nullopt;
    ++i;
    // The yield items run up to the first top-level ORDER/SKIP/LIMIT/WHERE/RETURN.
    size_t items_begin = i;
    auto ends_items = [&](const Token& t) {
        return t.depth == 0 && (t.upper == "ORDER" || t.upper == "SKIP" || t.upper == "LIMIT" ||
                                t.upper == "WHERE" || t.upper == "RETURN" || t.upper == "OFFSET");
    };
    size_t items_end = i;
    while (items_end < toks.size() && !ends_items(toks[items_end])) ++items_end;
    std::vector<std::string> names;
    std::string items_text;
    if (items_end == items_begin + 1 && toks[items_begin].text == "*") {
        items_text = all;
        names = all_names;
    } else {
        if (items_end == items_begin) return std::nullopt;
        size_t b = toks[items_begin].begin;
        size_t e = toks[items_end - 1].end;
        items_text = std::string(query.substr(b, e - b));
        // Each item's output name: the word after a top-level AS, else the item itself.
        std::string current;
        for (size_t k = items_begin; k <= items_end; ++k) {
            if (k == items_end || (toks[k].depth == 0 && toks[k].text == ",")) {
                names.push_back(current);
                current.clear();
                continue;
            }
            if (toks[k].depth == 0 && toks[k].upper == "AS") continue;
            current = toks[k].text;
        }
    }
    std::string tail =
        items_end < toks.size() ? std::string(query.substr(toks[items_end].begin)) : "";
    bool has_return = false;
    for (size_t k = items_end; k < toks.size(); ++k)
        if (toks[k].depth == 0 && toks[k].upper == "RETURN") has_return = true;
    out += " WITH " + items_text + " " + tail;
    if (!has_return) {
        out += " RETURN ";
        for (size_t k = 0; k < names.size(); ++k) out += (k ? ", " : "") + names[k];
    }
    return out;
}

}  // namespace quiver::main
