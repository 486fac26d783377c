#include "tck_value.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "fast_float/fast_float.h"
#include "value/value_ops.h"

namespace quiver::tck {

namespace {
struct P {
    const std::string& t;
    size_t i = 0;
    void ws() {
        while (i < t.size() && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r')) ++i;
    }
    bool peek(char c) {
        ws();
        return i < t.size() && t[i] == c;
    }
    bool lit(const std::string& s) {
        ws();
        if (t.compare(i, s.size(), s) == 0) {
            i += s.size();
            return true;
        }
        return false;
    }
    [[noreturn]] void fail(const std::string& m) {
        throw std::runtime_error("bad TCK value '" + t + "' at " + std::to_string(i) + ": " + m);
    }
    void expect(char c) {
        ws();
        if (i >= t.size() || t[i] != c) fail(std::string("expected ") + c);
        ++i;
    }
    std::string name() {
        ws();
        size_t a = i;
        while (i < t.size() && (std::isalnum((unsigned char)t[i]) || t[i] == '_' || t[i] == '$')) ++i;
        if (a == i) fail("expected a name");
        return t.substr(a, i - a);
    }
    std::map<std::string, TVal> map_body() {  // after '{'
        std::map<std::string, TVal> m;
        if (peek('}')) {
            ++i;
            return m;
        }
        while (true) {
            std::string k = name();
            expect(':');
            m[k] = value();
            ws();
            if (peek(',')) {
                ++i;
                continue;
            }
            expect('}');
            return m;
        }
    }
    TVal node() {  // after '('
        TVal v;
        v.k = TVal::K::Node;
        while (peek(':')) {
            ++i;
            v.labels.push_back(name());
        }
        std::sort(v.labels.begin(), v.labels.end());
        if (peek('{')) {
            ++i;
            v.map = map_body();
        }
        expect(')');
        return v;
    }
    TVal rel_body() {  // after '[' and we know ':' follows
        TVal v;
        v.k = TVal::K::Rel;
        expect(':');
        v.s = name();
        if (peek('{')) {
            ++i;
            v.map = map_body();
        }
        expect(']');
        return v;
    }
    TVal value() {
        ws();
        if (i >= t.size()) fail("unexpected end");
        char c = t[i];
        if (c == '(') {
            ++i;
            return node();
        }
        if (c == '[') {
            ++i;
            if (peek(':')) return rel_body();
            TVal v;
            v.k = TVal::K::List;
            if (peek(']')) {
                ++i;
                return v;
            }
            while (true) {
                v.items.push_back(value());
                if (peek(',')) {
                    ++i;
                    continue;
                }
                expect(']');
                return v;
            }
        }
        if (c == '<') {
            ++i;
            TVal v;
            v.k = TVal::K::Path;
            expect('(');
            v.items.push_back(node());
            while (!peek('>')) {
                if (lit("<-")) {
                    expect('[');
                    v.items.push_back(rel_body());
                    expect('-');
                    v.forward.push_back(false);
                } else if (lit("-")) {
                    expect('[');
                    v.items.push_back(rel_body());
                    if (!lit("->")) fail("expected ->");
                    v.forward.push_back(true);
                } else {
                    fail("bad path");
                }
                expect('(');
                v.items.push_back(node());
            }
            ++i;
            return v;
        }
        if (c == '{') {
            ++i;
            TVal v;
            v.k = TVal::K::Map;
            v.map = map_body();
            return v;
        }
        if (c == '\'') {
            ++i;
            TVal v;
            v.k = TVal::K::String;
            while (true) {
                if (i >= t.size()) fail("unterminated string");
                char d = t[i++];
                if (d == '\\' && i < t.size() && (t[i] == '\'' || t[i] == '\\')) {
                    v.s += t[i++];
                    continue;
                }
                if (d == '\'') break;
                v.s += d;
            }
            return v;
        }
        if (lit("true")) { TVal v; v.k = TVal::K::Bool; v.b = true; return v; }
        if (lit("false")) { TVal v; v.k = TVal::K::Bool; v.b = false; return v; }
        if (lit("null")) return TVal{};
        if (lit("NaN")) { TVal v; v.k = TVal::K::NaN; return v; }
        // number
        size_t a = i;
        if (t[i] == '-') ++i;
        bool is_float = false;
        while (i < t.size() && (std::isdigit((unsigned char)t[i]) || t[i] == '.' || t[i] == 'e' ||
                                t[i] == 'E' || ((t[i] == '-' ) && (t[i - 1] == 'e' || t[i - 1] == 'E')))) {
            if (t[i] == '.' || t[i] == 'e' || t[i] == 'E') is_float = true;
            ++i;
        }
        std::string num = t.substr(a, i - a);
        if (num.empty() || num == "-") fail("expected a value");
        TVal v;
        if (is_float) {
            v.k = TVal::K::Float;
            auto r = fast_float::from_chars(num.data(), num.data() + num.size(), v.f);
            if (r.ec != std::errc() || r.ptr != num.data() + num.size()) fail("bad float");
        } else {
            v.k = TVal::K::Int;
            try {
                v.i = std::stoll(num);
            } catch (...) {
                fail("bad integer");
            }
        }
        return v;
    }
};

int kind_rank(const TVal& v) { return int(v.k); }
}  // namespace

TVal parse_tck_value(const std::string& text) {
    P p{text};
    TVal v = p.value();
    p.ws();
    if (p.i != text.size()) p.fail("trailing input");
    return v;
}

TVal from_engine(const Value& v) {
    TVal t;
    switch (v.kind()) {
        case ValueKind::Null: return t;
        case ValueKind::Bool: t.k = TVal::K::Bool; t.b = v.as_bool(); return t;
        case ValueKind::Int: t.k = TVal::K::Int; t.i = v.as_int(); return t;
        case ValueKind::Float:
            if (std::isnan(v.as_float())) {
                t.k = TVal::K::NaN;
                return t;
            }
            t.k = TVal::K::Float;
            t.f = v.as_float();
            return t;
        case ValueKind::String: t.k = TVal::K::String; t.s = v.as_string(); return t;
        case ValueKind::List:
            t.k = TVal::K::List;
            for (auto& e : v.as_list()) t.items.push_back(from_engine(e));
            return t;
        case ValueKind::Map:
            t.k = TVal::K::Map;
            for (auto& [k, e] : v.as_map()) t.map[k] = from_engine(e);
            return t;
        case ValueKind::Node: {
            t.k = TVal::K::Node;
            if (v.is_entity_ref()) return t;
            const NodeObj& n = v.as_node();
            t.labels = n.labels;
            std::sort(t.labels.begin(), t.labels.end());
            for (auto& [k, e] : n.properties) t.map[k] = from_engine(e);
            return t;
        }
        case ValueKind::Relationship: {
            t.k = TVal::K::Rel;
            if (v.is_entity_ref()) return t;
            const RelObj& r = v.as_rel();
            t.s = r.type;
            for (auto& [k, e] : r.properties) t.map[k] = from_engine(e);
            return t;
        }
        case ValueKind::Path: {
            t.k = TVal::K::Path;
            const PathObj& p = v.as_path();
            if (p.nodes.empty()) return t;
            t.items.push_back(from_engine(p.nodes[0]));
            for (size_t i = 0; i < p.rels.size(); ++i) {
                t.items.push_back(from_engine(p.rels[i]));
                bool fwd = true;
                if (!p.rels[i].is_entity_ref() && !p.nodes[i].is_entity_ref())
                    fwd = p.rels[i].as_rel().start == p.nodes[i].as_node().id;
                t.forward.push_back(fwd);
                t.items.push_back(from_engine(p.nodes[i + 1]));
            }
            return t;
        }
        default:  // temporal and spatial values compare as their toString() form
            t.k = TVal::K::String;
            t.s = to_cypher_string(v);
            return t;
    }
}

Value to_engine(const TVal& t) {
    switch (t.k) {
        case TVal::K::Null: return Value();
        case TVal::K::Bool: return Value::boolean(t.b);
        case TVal::K::Int: return Value::integer(t.i);
        case TVal::K::Float: return Value::float64(t.f);
        case TVal::K::NaN: return Value::float64(std::nan(""));
        case TVal::K::String: return Value::string(t.s);
        case TVal::K::List: {
            ValueList l;
            for (auto& e : t.items) l.push_back(to_engine(e));
            return Value::list(std::move(l));
        }
        case TVal::K::Map: {
            ValueMap m;
            for (auto& [k, e] : t.map) m.emplace_back(k, to_engine(e));
            return Value::map(std::move(m));
        }
        default:
            throw std::runtime_error("graph values cannot be parameters");
    }
}

std::string tval_print(const TVal& v) {
    switch (v.k) {
        case TVal::K::Null: return "null";
        case TVal::K::Bool: return v.b ? "true" : "false";
        case TVal::K::Int: return std::to_string(v.i);
        case TVal::K::Float: return format_float(v.f);
        case TVal::K::NaN: return "NaN";
        case TVal::K::String: {
            std::string s = "'";
            for (char c : v.s) {
                if (c == '\'' || c == '\\') s += '\\';
                s += c;
            }
            return s + "'";
        }
        case TVal::K::List: {
            std::string s = "[";
            for (size_t i = 0; i < v.items.size(); ++i) s += (i ? ", " : "") + tval_print(v.items[i]);
            return s + "]";
        }
        case TVal::K::Map:
        case TVal::K::Node:
        case TVal::K::Rel: {
            std::string props;
            if (!v.map.empty() || v.k == TVal::K::Map) {
                props = "{";
                bool first = true;
                for (auto& [k, e] : v.map) {
                    props += (first ? "" : ", ") + k + ": " + tval_print(e);
                    first = false;
                }
                props += "}";
            }
            if (v.k == TVal::K::Map) return props;
            if (v.k == TVal::K::Rel) return "[:" + v.s + (props.empty() ? "" : " " + props) + "]";
            std::string s = "(";
            for (auto& l : v.labels) s += ":" + l;
            if (!props.empty()) s += (v.labels.empty() ? "" : " ") + props;
            return s + ")";
        }
        case TVal::K::Path: {
            std::string s = "<";
            for (size_t i = 0; i < v.items.size(); ++i) {
                if (i % 2 == 0) {
                    s += tval_print(v.items[i]);
                } else {
                    bool f = v.forward[i / 2];
                    s += (f ? "-" : "<-") + tval_print(v.items[i]) + (f ? "->" : "-");
                }
            }
            return s + ">";
        }
    }
    return "?";
}

bool tval_equal(const TVal& a, const TVal& b, bool unordered) {
    if (a.k != b.k) return false;
    switch (a.k) {
        case TVal::K::Null:
        case TVal::K::NaN: return true;
        case TVal::K::Bool: return a.b == b.b;
        case TVal::K::Int: return a.i == b.i;
        case TVal::K::Float: return a.f == b.f;  // -0.0 == 0.0
        case TVal::K::String: return a.s == b.s;
        case TVal::K::List: {
            if (a.items.size() != b.items.size()) return false;
            if (!unordered) {
                for (size_t i = 0; i < a.items.size(); ++i)
                    if (!tval_equal(a.items[i], b.items[i], unordered)) return false;
                return true;
            }
            std::vector<bool> used(b.items.size());
            for (auto& x : a.items) {
                bool found = false;
                for (size_t j = 0; j < b.items.size(); ++j)
                    if (!used[j] && tval_equal(x, b.items[j], unordered)) {
                        used[j] = found = true;
                        break;
                    }
                if (!found) return false;
            }
            return true;
        }
        case TVal::K::Map:
        case TVal::K::Node:
        case TVal::K::Rel:
            if (a.labels != b.labels || a.s != b.s || a.map.size() != b.map.size()) return false;
            for (auto& [k, v] : a.map) {
                auto it = b.map.find(k);
                if (it == b.map.end() || !tval_equal(v, it->second, unordered)) return false;
            }
            return true;
        case TVal::K::Path:
            if (a.items.size() != b.items.size() || a.forward != b.forward) return false;
            for (size_t i = 0; i < a.items.size(); ++i)
                if (!tval_equal(a.items[i], b.items[i], unordered)) return false;
            return true;
    }
    (void)kind_rank;
    return false;
}

}  // namespace quiver::tck
