// Constraints: the catalog (meta page → paged array of constraint records), verification of
// existing data when a constraint is created, and validation of the entities each statement
// wrote (docs/storage-format.md §4). Uniqueness and key constraints own a range index of the
// same name and look duplicates up through it.
#include <algorithm>
#include <cstring>
#include <functional>
#include <optional>

#include "base/assert.h"
#include "base/endian.h"
#include "base/error.h"
#include "fmt/format.h"
#include "storage/graph/txn_state.h"
#include "storage/record/index_key.h"
#include "value/value_ops.h"

namespace quiver::storage {

using namespace fmt_graph;

namespace {
constexpr const char* kCreationFailed = "Neo.ClientError.Schema.ConstraintCreationFailed";

std::string read_text(TxnState& st, HeapRef ref) {
    if (!ref) return {};
    std::vector<uint8_t> b;
    st.props.read(*st.acc, ref, b);
    return std::string(b.begin(), b.end());
}
HeapRef write_text(TxnState& st, const std::string& s) {
    std::vector<uint8_t> b(s.begin(), s.end());
    return st.props.insert(*st.acc, st.prop_hints, b);
}
}  // namespace

std::vector<ConstraintDef>& TxnState::constraint_list() {
    if (constraints_loaded) return constraints;
    constraints_loaded = true;
    for (uint64_t s = 0; s < meta.con_slots; ++s) {
        PinnedPage h;
        const uint8_t* r = con_tab.get(*acc, meta.con_catalog, s, h);
        if (!r || !(r[0] & kInUse)) continue;
        ConstraintDef c;
        c.slot = s;
        c.rel = r[0] & kRelConstraint;
        QV_CORRUPT_IF(r[1] < 1 || r[1] > 4, "constraint kind");
        c.kind = ConstraintKind(r[1]);
        c.label = load_u32(r + 4);
        TokenId first = load_u32(r + 8);
        uint32_t count = load_u32(r + 12);
        c.keys_ref = load_u48(r + 16);
        c.name_ref = load_u48(r + 22);
        c.type_ref = load_u48(r + 28);
        c.owned_index = load_u64(r + 36);
        h.reset();
        c.keys = read_keys(first, count, c.keys_ref);
        c.name = read_text(*this, c.name_ref);
        c.type = read_text(*this, c.type_ref);
        constraints.push_back(std::move(c));
    }
    return constraints;
}

void TxnState::store_constraint(const ConstraintDef& c) {
    PinnedPage h;
    uint8_t* r = con_tab.put(*acc, meta.con_catalog, c.slot, h);
    std::memset(r, 0, kConstraintRec);
    r[0] = uint8_t(kInUse | (c.rel ? kRelConstraint : 0));
    r[1] = uint8_t(c.kind);
    store_u32(r + 4, c.label);
    store_u32(r + 8, c.keys.empty() ? 0 : c.keys[0]);
    store_u32(r + 12, uint32_t(c.keys.size()));
    store_u48(r + 16, c.keys_ref);
    store_u48(r + 22, c.name_ref);
    store_u48(r + 28, c.type_ref);
    store_u64(r + 36, c.owned_index);
}

// ---- property types ------------------------------------------------------------------------------
namespace {
// The type name of a stored value as property type constraints spell it; lists are
// homogeneous in the store, so a list is LIST<T NOT NULL> (an empty one LIST<NOTHING>).
std::string value_type_name(const Value& v) {
    if (v.kind() != ValueKind::List) return kind_name(v.kind());
    const auto& items = v.as_list();
    if (items.empty()) return "LIST<NOTHING>";
    return fmt::format("LIST<{} NOT NULL>", kind_name(items[0].kind()));
}

// `type` is a normalised union "T1 | T2 | ..." of scalar names and LIST<S NOT NULL>.
bool value_has_type(const Value& v, const std::string& type) {
    std::string have = value_type_name(v);
    bool empty_list = have == "LIST<NOTHING>";
    size_t pos = 0;
    while (pos <= type.size()) {
        size_t bar = type.find(" | ", pos);
        std::string member = type.substr(pos, bar == std::string::npos ? std::string::npos : bar - pos);
        if (member == have || (empty_list && member.rfind("LIST<", 0) == 0)) return true;
        if (bar == std::string::npos) break;
        pos = bar + 3;
    }
    return false;
}
}  // namespace

// ---- validation --------------------------------------------------------------------------------
namespace {

struct Entity {
    bool rel;
    int64_t id;
    std::vector<TokenId> tokens;
    PropertyList props;
};

bool load_entity(TxnState& st, bool rel, int64_t id, Entity& e) {
    e.rel = rel;
    e.id = id;
    return st.load_entity(rel, id, e.tokens, e.props);
}

const Value* prop_of(const Entity& e, TokenId key) {
    for (auto& [k, v] : e.props)
        if (k == key) return &v;
    return nullptr;
}

class Validator {
public:
    Validator(GraphTxn& txn, TxnState& st) : txn_(txn), st_(st) {}

    std::string entity_name(bool rel, int64_t id) const {
        return fmt::format("{}({})", rel ? "Relationship" : "Node", id);
    }
    std::string token_phrase(const ConstraintDef& c) const {
        return fmt::format("{} `{}`", c.rel ? "type" : "label",
                           st_.token_name(c.rel ? kTypeTok : kLabelTok, c.label));
    }
    std::string key_name(TokenId k) const { return st_.token_name(kKeyTok, k); }

    // "property `name` = 'Alice'" / "properties `a` = 1, `b` = 2"
    std::string values_phrase(const ConstraintDef& c, const std::vector<Value>& vals) const {
        std::string s = c.keys.size() == 1 ? "property " : "properties ";
        for (size_t i = 0; i < c.keys.size(); ++i)
            s += fmt::format("{}`{}` = {}", i ? ", " : "", key_name(c.keys[i]),
                             to_literal_string(vals[i]));
        return s;
    }

    // Ids of other entities of c's schema whose key values equal vals.
    std::vector<int64_t> duplicates(const ConstraintDef& c, const Entity& e,
                                    const std::vector<Value>& vals) {
        std::vector<int64_t> out;
        bool encodable = true;
        uint8_t k[index_key::kSize];
        for (const Value& v : vals) encodable = encodable && index_key::encode(v, 0, k);
        const IndexDef* ix = nullptr;
        for (const IndexDef& d : st_.index_list())
            if (c.owned_index == d.slot + 1) ix = &d;
        if (encodable && ix) {
            for (int64_t id : txn_.index_seek(ix->name, vals))
                if (id != e.id) out.push_back(id);
            return out;
        }
        // values the range index does not hold (temporal, spatial, lists): scan the schema
        auto same = [&](const Entity& o) {
            if (std::find(o.tokens.begin(), o.tokens.end(), c.label) == o.tokens.end()) return false;
            for (size_t i = 0; i < c.keys.size(); ++i) {
                const Value* v = prop_of(o, c.keys[i]);
                if (!v || cypher_equals(*v, vals[i]) != Tri::True) return false;
            }
            return true;
        };
        uint64_t hwm = c.rel ? st_.meta.rel_hwm : st_.meta.node_hwm;
        Entity o;
        for (uint64_t id = 0; id < hwm; ++id)
            if (int64_t(id) != e.id && load_entity(st_, c.rel, int64_t(id), o) && same(o))
                out.push_back(int64_t(id));
        return out;
    }

    // The violation of c by e, if any. `creating`: phrase it for CREATE CONSTRAINT.
    std::optional<std::string> check(const ConstraintDef& c, const Entity& e, bool creating,
                                     const std::vector<int64_t>& touched) {
        if (e.rel != c.rel) return std::nullopt;
        if (std::find(e.tokens.begin(), e.tokens.end(), c.label) == e.tokens.end())
            return std::nullopt;
        std::vector<Value> vals;
        std::vector<TokenId> missing;
        for (TokenId k : c.keys) {
            const Value* v = prop_of(e, k);
            if (v) vals.push_back(*v);
            else missing.push_back(k);
        }
        switch (c.kind) {
            case ConstraintKind::Exists:
            case ConstraintKind::Key:
                if (!missing.empty()) {
                    if (c.keys.size() == 1)
                        return fmt::format("{} with {} must have the property `{}`",
                                           entity_name(e.rel, e.id), token_phrase(c), key_name(c.keys[0]));
                    std::string list;
                    for (size_t i = 0; i < c.keys.size(); ++i)
                        list += fmt::format("{}`{}`", i ? ", " : "", key_name(c.keys[i]));
                    return fmt::format("{} with {} must have the properties ({})",
                                       entity_name(e.rel, e.id), token_phrase(c), list);
                }
                if (c.kind == ConstraintKind::Exists) return std::nullopt;
                [[fallthrough]];
            case ConstraintKind::Unique: {
                if (!missing.empty()) return std::nullopt;
                auto dups = duplicates(c, e, vals);
                if (dups.empty()) return std::nullopt;
                if (creating) {
                    int64_t a = std::min(e.id, dups[0]), b = std::max(e.id, dups[0]);
                    return fmt::format("Both {} and {} have the {} and {}", entity_name(e.rel, a),
                                       entity_name(e.rel, b), token_phrase(c), values_phrase(c, vals));
                }
                // report the entity that was there before this statement when there is one
                int64_t other = dups[0];
                for (int64_t d : dups)
                    if (!std::binary_search(touched.begin(), touched.end(), d)) {
                        other = d;
                        break;
                    }
                return fmt::format("{} already exists with {} and {}", entity_name(e.rel, other),
                                   token_phrase(c), values_phrase(c, vals));
            }
            case ConstraintKind::Type: {
                if (!missing.empty() || value_has_type(vals[0], c.type)) return std::nullopt;
                return fmt::format("{} with {} required the property `{}` to be of type `{}`, but "
                                   "was of type `{}`.",
                                   entity_name(e.rel, e.id), token_phrase(c), key_name(c.keys[0]),
                                   c.type, value_type_name(vals[0]));
            }
        }
        return std::nullopt;
    }

private:
    GraphTxn& txn_;
    TxnState& st_;
};

const char* kind_label(const ConstraintDef& c) {
    switch (c.kind) {
        case ConstraintKind::Unique: return c.rel ? "RELATIONSHIP UNIQUENESS" : "UNIQUENESS";
        case ConstraintKind::Exists:
            return c.rel ? "RELATIONSHIP PROPERTY EXISTENCE" : "NODE PROPERTY EXISTENCE";
        case ConstraintKind::Key: return c.rel ? "RELATIONSHIP KEY" : "NODE KEY";
        case ConstraintKind::Type: return c.rel ? "RELATIONSHIP PROPERTY TYPE" : "NODE PROPERTY TYPE";
    }
    return "";
}

std::string schema_text(TxnState& st, const ConstraintDef& c) {
    std::string keys;
    for (size_t i = 0; i < c.keys.size(); ++i)
        keys += (i ? ", " : "") + st.token_name(kKeyTok, c.keys[i]);
    if (c.rel) return fmt::format("()-[:{} {{{}}}]-()", st.token_name(kTypeTok, c.label), keys);
    return fmt::format("(:{} {{{}}})", st.token_name(kLabelTok, c.label), keys);
}

}  // namespace

// ---- GraphTxn API ------------------------------------------------------------------------------
std::vector<ConstraintInfo> GraphTxn::constraints() const {
    std::vector<ConstraintInfo> out;
    for (const ConstraintDef& c : st_->constraint_list()) {
        ConstraintInfo i;
        i.name = c.name;
        i.kind = c.kind;
        i.relationship = c.rel;
        i.entity = c.label;
        i.keys = c.keys;
        i.property_type = c.type;
        i.id = c.slot + 1;
        for (const IndexDef& d : st_->index_list())
            if (c.owned_index == d.slot + 1) i.owned_index = d.name;
        out.push_back(std::move(i));
    }
    return out;
}

void GraphTxn::create_constraint(const ConstraintInfo& info) {
    st_->require_write();
    TxnState& st = *st_;
    auto& list = st.constraint_list();
    ConstraintDef c;
    c.name = info.name;
    c.kind = info.kind;
    c.rel = info.relationship;
    c.label = info.entity;
    c.keys = info.keys;
    c.type = info.property_type;
    if (c.kind == ConstraintKind::Unique || c.kind == ConstraintKind::Key) {
        create_index(c.name, c.rel, c.label, c.keys);
        IndexDef& ix = st.index_list().back();
        ix.owned = true;
        st.store_index(ix);
        c.owned_index = ix.slot + 1;
    }
    // verify the existing data
    Validator v(*this, st);
    uint64_t hwm = c.rel ? st.meta.rel_hwm : st.meta.node_hwm;
    Entity e;
    for (uint64_t id = 0; id < hwm; ++id) {
        if (!load_entity(st, c.rel, int64_t(id), e)) continue;
        if (auto msg = v.check(c, e, true, {})) {
            std::string named = c.name.empty() ? "" : fmt::format("name='{}', ", c.name);
            throw QuiverError(std::string(kCreationFailed),
                              fmt::format("Unable to create Constraint( {}type='{}', schema={} ):\n{}",
                                          named, kind_label(c), schema_text(st, c), *msg));
        }
    }
    c.slot = st.meta.con_slots++;
    c.name_ref = write_text(st, c.name);
    c.keys_ref = st.write_keys(c.keys);
    if (c.kind == ConstraintKind::Type) c.type_ref = write_text(st, c.type);
    st.store_constraint(c);
    list.push_back(std::move(c));
}

bool GraphTxn::drop_constraint(std::string_view name) {
    st_->require_write();
    TxnState& st = *st_;
    auto& list = st.constraint_list();
    for (size_t i = 0; i < list.size(); ++i) {
        if (list[i].name != name) continue;
        ConstraintDef& c = list[i];
        if (c.owned_index) {
            std::string ix_name;
            for (const IndexDef& d : st.index_list())
                if (c.owned_index == d.slot + 1) ix_name = d.name;
            if (!ix_name.empty()) drop_index(ix_name);
        }
        for (HeapRef r : {c.name_ref, c.keys_ref, c.type_ref})
            if (r) st.props.erase(*st.acc, st.prop_hints, r);
        PinnedPage h;
        std::memset(st.con_tab.put(*st.acc, st.meta.con_catalog, c.slot, h), 0, kConstraintRec);
        list.erase(list.begin() + long(i));
        return true;
    }
    return false;
}

void GraphTxn::validate_constraints() {
    TxnState& st = *st_;
    auto nodes = std::move(st.touched_nodes);
    auto rels = std::move(st.touched_rels);
    st.touched_nodes.clear();
    st.touched_rels.clear();
    if (st.meta.con_slots == 0 || (nodes.empty() && rels.empty())) return;
    auto& list = st.constraint_list();
    if (list.empty()) return;
    Validator v(*this, st);
    for (int pass = 0; pass < 2; ++pass) {
        bool rel = pass == 1;
        auto& ids = rel ? rels : nodes;
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        Entity e;
        for (int64_t id : ids) {
            if (!load_entity(st, rel, id, e)) continue;
            for (const ConstraintDef& c : list)
                if (auto msg = v.check(c, e, false, ids))
                    throw QuiverError(std::string(status::ConstraintValidationFailed), *msg);
        }
    }
}

void check_constraints(GraphTxn& txn, TxnState& st,
                       const std::function<void(std::string)>& bad) {
    std::vector<std::string> names;
    for (const IndexDef& d : st.index_list()) names.push_back(d.name);
    for (const ConstraintDef& c : st.constraint_list()) {
        int tok = c.rel ? kTypeTok : kLabelTok;
        if (c.label >= st.meta.tok_n[tok]) bad(fmt::format("constraint '{}': unknown token", c.name));
        for (TokenId k : c.keys)
            if (k >= st.meta.tok_n[kKeyTok]) bad(fmt::format("constraint '{}': unknown key", c.name));
        bool wants_index = c.kind == ConstraintKind::Unique || c.kind == ConstraintKind::Key;
        const IndexDef* ix = nullptr;
        for (const IndexDef& d : st.index_list())
            if (c.owned_index == d.slot + 1) ix = &d;
        if (wants_index && (!ix || !ix->owned || ix->name != c.name || ix->rel != c.rel ||
                            ix->label != c.label || ix->keys != c.keys))
            bad(fmt::format("constraint '{}': owned index missing or not matching", c.name));
        if (!wants_index && c.owned_index) bad(fmt::format("constraint '{}': unexpected index", c.name));
        // names are unique across indexes and constraints (an owned index shares its name)
        if (std::count(names.begin(), names.end(), c.name) > (ix ? 1 : 0))
            bad(fmt::format("constraint '{}': name not unique", c.name));
        names.push_back(c.name);
        Validator v(txn, st);
        uint64_t hwm = c.rel ? st.meta.rel_hwm : st.meta.node_hwm;
        Entity e;
        for (uint64_t id = 0; id < hwm; ++id)
            if (load_entity(st, c.rel, int64_t(id), e))
                if (auto msg = v.check(c, e, true, {}))
                    bad(fmt::format("constraint '{}' violated: {}", c.name, *msg));
    }
    for (const IndexDef& d : st.index_list()) {
        if (!d.owned) continue;
        bool found = false;
        for (const ConstraintDef& c : st.constraint_list()) found = found || c.owned_index == d.slot + 1;
        if (!found) bad(fmt::format("index '{}' is marked owned but no constraint owns it", d.name));
    }
}

}  // namespace quiver::storage
