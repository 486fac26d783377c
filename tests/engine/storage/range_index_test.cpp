// Range indexes in the graph store: population, maintenance by every node write, rollback,
// reopen, drop, and the integrity check's verification of index contents.
#include <gtest/gtest.h>

#include <algorithm>

#include "base/error.h"
#include "memory_graph.h"

using namespace quiver;
using namespace quiver::storage;
using namespace quiver::storage::test_support;

namespace {
std::vector<NodeId> sorted(std::vector<NodeId> v) {
    std::sort(v.begin(), v.end());
    return v;
}
}  // namespace

TEST(RangeIndex, PopulateMaintainRollbackReopen) {
    auto g = MemoryGraph::open();
    auto& s = g.store;
    TokenId person, other, name, age;
    {
        auto w = s->begin_write();
        person = w->label("Person");
        other = w->label("Other");
        name = w->property_key("name");
        age = w->property_key("age");
        for (int i = 0; i < 3000; ++i)
            w->create_node(std::vector<TokenId>{i % 3 ? person : other},
                           {{age, Value::integer(i % 100)}, {name, Value::string("n" + std::to_string(i))}});
        w->create_index("by_age", person, age);
        s->commit(*w);
    }
    EXPECT_TRUE(s->check().ok);
    {
        auto r = s->begin_read();
        auto ix = r->indexes();
        ASSERT_EQ(ix.size(), 1u);
        EXPECT_EQ(ix[0].name, "by_age");
        EXPECT_EQ(ix[0].entries, 2000u);
        auto hits = r->index_seek("by_age", Value::integer(7));  // i = 7, 107, ... with i % 3 != 0
        EXPECT_EQ(hits.size(), 20u);
        for (NodeId n : hits) EXPECT_EQ(r->node_property(n, age).as_int(), 7);
        EXPECT_EQ(r->index_seek("by_age", Value::float64(7.0)).size(), 20u);  // 7 = 7.0
        EXPECT_TRUE(r->index_seek("by_age", Value::float64(7.5)).empty());
        EXPECT_TRUE(r->index_seek("by_age", Value::string("7")).empty());
        EXPECT_THROW(r->index_seek("nope", Value::integer(1)), QuiverError);
    }
    // maintenance: create, set, remove property, add/remove label, delete
    NodeId fresh;
    {
        auto w = s->begin_write();
        fresh = w->create_node(std::vector<TokenId>{person}, {{age, Value::integer(500)}});
        w->set_node_property(1, age, Value::integer(500));   // node 1 is a Person
        w->set_node_property(2, age, Value());               // removed
        w->remove_label(4, person);                          // node 4 leaves the index
        w->add_label(3, person);                             // node 3 (Other, age 3) joins
        w->delete_node(5);
        w->set_node_properties(7, {{age, Value::integer(500)}});
        EXPECT_EQ(sorted(w->index_seek("by_age", Value::integer(500))),
                  (std::vector<NodeId>{1, 7, fresh}));
        EXPECT_EQ(w->index_seek("by_age", Value::integer(3)).size(), 21u);
        s->commit(*w);
    }
    auto check = s->check();
    EXPECT_TRUE(check.ok) << (check.problems.empty() ? "" : check.problems[0]);
    // rollback leaves the index as committed
    {
        auto w = s->begin_write();
        w->set_node_property(10, age, Value::integer(500));
        w->create_node(std::vector<TokenId>{person}, {{age, Value::integer(500)}});
        w->create_index("by_name", person, name);
        EXPECT_EQ(w->index_seek("by_age", Value::integer(500)).size(), 5u);
        s->rollback(*w);
    }
    {
        auto r = s->begin_read();
        EXPECT_EQ(r->index_seek("by_age", Value::integer(500)).size(), 3u);
        EXPECT_EQ(r->indexes().size(), 1u);
    }
    EXPECT_TRUE(s->check().ok);
    // reopen
    auto s2 = g.reopen();
    s.reset();
    {
        auto r = s2->begin_read();
        ASSERT_EQ(r->indexes().size(), 1u);
        EXPECT_EQ(sorted(r->index_seek("by_age", Value::integer(500))),
                  (std::vector<NodeId>{1, 7, fresh}));
    }
    EXPECT_TRUE(s2->check().ok);
    // drop, and names must be unique
    {
        auto w = s2->begin_write();
        EXPECT_THROW(w->create_index("by_age", person, name), QuiverError);
        EXPECT_TRUE(w->drop_index("by_age"));
        EXPECT_FALSE(w->drop_index("by_age"));
        w->create_index("by_name", person, name);
        s2->commit(*w);
    }
    {
        auto r = s2->begin_read();
        ASSERT_EQ(r->indexes().size(), 1u);
        EXPECT_EQ(r->indexes()[0].name, "by_name");
        EXPECT_EQ(r->index_seek("by_name", Value::string("n1")), (std::vector<NodeId>{1}));
    }
    EXPECT_TRUE(s2->check().ok);
}
