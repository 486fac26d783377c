// Constraints, composite and relationship range indexes in the graph store: catalog
// persistence across reopen, rollback of schema changes, enforcement by validate_constraints,
// and the integrity check's verification of both catalogs.
#include <gtest/gtest.h>

#include <algorithm>

#include "base/error.h"
#include "memory_graph.h"

using namespace quiver;
using namespace quiver::storage;
using namespace quiver::storage::test_support;

namespace {
std::string violation(GraphTxn& w) {
    try {
        w.validate_constraints();
    } catch (const QuiverError& e) {
        EXPECT_EQ(e.code(), "Neo.ClientError.Schema.ConstraintValidationFailed");
        return e.message();
    }
    return "";
}

ConstraintInfo rule(std::string name, ConstraintKind kind, bool rel, TokenId entity,
                    std::vector<TokenId> keys, std::string type = "") {
    ConstraintInfo c;
    c.name = std::move(name);
    c.kind = kind;
    c.relationship = rel;
    c.entity = entity;
    c.keys = std::move(keys);
    c.property_type = std::move(type);
    return c;
}
}  // namespace

TEST(Constraints, CompositeAndRelationshipIndexesPersist) {
    auto g = MemoryGraph::open();
    auto& s = g.store;
    TokenId person, knows, a, b, since;
    {
        auto w = s->begin_write();
        person = w->label("Person");
        knows = w->rel_type("KNOWS");
        a = w->property_key("a");
        b = w->property_key("b");
        since = w->property_key("since");
        NodeId prev = -1;
        for (int i = 0; i < 500; ++i) {
            NodeId n = w->create_node(std::vector<TokenId>{person},
                                      {{a, Value::integer(i % 10)},
                                       {b, Value::string(std::string(30, char('a' + i % 7)))}});
            if (prev >= 0) w->create_rel(prev, n, knows, {{since, Value::integer(i % 5)}});
            prev = n;
        }
        w->create_index("ab", false, person, {a, b});
        w->create_index("since", true, knows, {since});
        s->commit(*w);
    }
    auto verify = [&](GraphStore& st) {
        auto r = st.begin_read();
        auto ix = r->indexes();
        ASSERT_EQ(ix.size(), 2u);
        EXPECT_EQ(ix[0].keys, (std::vector<TokenId>{a, b}));
        EXPECT_EQ(ix[0].label, kNoToken);  // not a single-key node index
        EXPECT_EQ(ix[0].entries, 500u);
        EXPECT_TRUE(ix[1].relationship);
        EXPECT_EQ(ix[1].entity, knows);
        EXPECT_EQ(ix[1].entries, 499u);
        // i % 10 == 3 and i % 7 == 3: i = 3, 73, 143, ... (every 70)
        auto hits = r->index_seek("ab", {Value::integer(3), Value::string(std::string(30, 'd'))});
        EXPECT_EQ(hits.size(), 8u);
        for (auto n : hits) EXPECT_EQ(r->node_property(n, a).as_int(), 3);
        EXPECT_EQ(r->index_seek("ab", {Value::float64(3.0), Value::string(std::string(30, 'd'))}).size(), 8u);
        EXPECT_TRUE(r->index_seek("ab", {Value::integer(3), Value::string(std::string(29, 'd'))}).empty());
        auto rels = r->index_seek("since", Value::integer(2));
        EXPECT_EQ(rels.size(), 100u);
        for (auto id : rels) EXPECT_EQ(r->rel_property(id, since).as_int(), 2);
        EXPECT_TRUE(st.check().ok);
    };
    verify(*s);
    // maintenance by relationship writes, then reopen
    {
        auto w = s->begin_write();
        auto rels = w->index_seek("since", Value::integer(2));
        w->set_rel_property(rels[0], since, Value::integer(42));
        w->delete_rel(rels[1]);
        w->set_rel_properties(rels[2], {});
        EXPECT_EQ(w->index_seek("since", Value::integer(42)).size(), 1u);
        EXPECT_EQ(w->index_seek("since", Value::integer(2)).size(), 97u);
        s->rollback(*w);
    }
    auto s2 = g.reopen();
    verify(*s2);
}

TEST(Constraints, CatalogPersistsRollsBackAndEnforces) {
    auto g = MemoryGraph::open();
    auto& s = g.store;
    TokenId person, name, age, r_type, w_key;
    {
        auto w = s->begin_write();
        person = w->label("Person");
        name = w->property_key("name");
        age = w->property_key("age");
        r_type = w->rel_type("R");
        w_key = w->property_key("w");
        w->create_node(std::vector<TokenId>{person}, {{name, Value::string("Alice")}, {age, Value::integer(3)}});
        w->create_constraint(rule("uniq", ConstraintKind::Unique, false, person, {name}));
        w->create_constraint(rule("typed", ConstraintKind::Type, false, person, {age}, "INTEGER | STRING"));
        w->create_constraint(rule("rel_exists", ConstraintKind::Exists, true, r_type, {w_key}));
        s->commit(*w);
    }
    // a rolled-back create and drop leave the catalogs as they were
    {
        auto w = s->begin_write();
        w->create_constraint(rule("key", ConstraintKind::Key, false, person, {age}));
        EXPECT_TRUE(w->drop_constraint("uniq"));
        EXPECT_EQ(w->constraints().size(), 3u);
        s->rollback(*w);
    }
    auto verify = [&](GraphStore& st) {
        auto r = st.begin_read();
        auto cs = r->constraints();
        ASSERT_EQ(cs.size(), 3u);
        EXPECT_EQ(cs[0].name, "uniq");
        EXPECT_EQ(cs[0].owned_index, "uniq");
        EXPECT_EQ(cs[1].property_type, "INTEGER | STRING");
        EXPECT_TRUE(cs[2].relationship);
        auto ix = r->indexes();
        ASSERT_EQ(ix.size(), 1u);
        EXPECT_EQ(ix[0].owning_constraint, "uniq");
        auto rep = st.check();
        EXPECT_TRUE(rep.ok) << (rep.problems.empty() ? "" : rep.problems[0]);
    };
    verify(*s);
    auto s2 = g.reopen();
    verify(*s2);
    // enforcement
    auto w = s2->begin_write();
    NodeId bob = w->create_node(std::vector<TokenId>{person}, {{name, Value::string("Bob")}});
    EXPECT_EQ(violation(*w), "");
    w->set_node_property(bob, name, Value::string("Alice"));
    EXPECT_EQ(violation(*w), "Node(0) already exists with label `Person` and property `name` = 'Alice'");
    w->set_node_property(bob, name, Value::string("Bob"));
    w->set_node_property(bob, age, Value::float64(1.5));
    EXPECT_EQ(violation(*w),
              "Node(1) with label `Person` required the property `age` to be of type "
              "`INTEGER | STRING`, but was of type `FLOAT`.");
    w->set_node_property(bob, age, Value::string("x"));
    RelId rel = w->create_rel(bob, 0, r_type, {});
    EXPECT_EQ(violation(*w), "Relationship(0) with type `R` must have the property `w`");
    w->set_rel_property(rel, w_key, Value::integer(1));
    EXPECT_EQ(violation(*w), "");
    // creating a constraint over violating data fails
    w->create_node(std::vector<TokenId>{person}, {{name, Value::string("Bob")}});
    try {
        w->create_constraint(rule("x", ConstraintKind::Exists, false, person, {age}));
        ADD_FAILURE() << "expected ConstraintCreationFailed";
    } catch (const QuiverError& e) {
        EXPECT_EQ(e.code(), "Neo.ClientError.Schema.ConstraintCreationFailed");
        EXPECT_NE(e.message().find("Node(2) with label `Person` must have the property `age`"),
                  std::string::npos)
            << e.message();
    }
    s2->rollback(*w);
}

TEST(Constraints, CheckFindsViolatingData) {
    auto g = MemoryGraph::open();
    auto& s = g.store;
    {
        auto w = s->begin_write();
        TokenId l = w->label("L"), k = w->property_key("k");
        w->create_constraint(rule("k_exists", ConstraintKind::Exists, false, l, {k}));
        // a write that skips validation (as a buggy caller would) is caught by check()
        w->create_node(std::vector<TokenId>{l}, {});
        s->commit(*w);
    }
    auto rep = s->check();
    EXPECT_FALSE(rep.ok);
    ASSERT_FALSE(rep.problems.empty());
    EXPECT_NE(rep.problems[0].find("k_exists"), std::string::npos) << rep.problems[0];
}
