#include <gtest/gtest.h>

#include "base/error.h"
#include "pagestore/memory_page_store.h"
#include "storage/graph/graph_store.h"

using namespace quiver;
using namespace quiver::storage;

namespace {
std::unique_ptr<GraphStore> mem_store(uint64_t pool = 4ull << 20, uint32_t page = 4096) {
    StoreOptions o;
    o.buffer_pool_bytes = pool;
    o.page_size = page;
    return GraphStore::open(std::make_unique<pagestore::MemoryPageStore>(), o);
}
}  // namespace

TEST(GraphStore, CreateReadCommit) {
    auto s = mem_store();
    {
        auto w = s->begin_write();
        TokenId person = w->label("Person"), knows = w->rel_type("KNOWS"), name = w->property_key("name");
        NodeId a = w->create_node(std::vector<TokenId>{person}, {{name, Value::string("Ann")}});
        NodeId b = w->create_node(std::vector<TokenId>{person}, {{name, Value::string("Bob")}});
        w->create_rel(a, b, knows, {});
        s->commit(*w);
    }
    auto r = s->begin_read();
    EXPECT_EQ(r->node_count(), 2u);
    EXPECT_EQ(r->rel_count(), 1u);
    auto person = r->find_label("Person");
    ASSERT_TRUE(person);
    EXPECT_EQ(r->node_count(*person), 2u);
    auto c = r->scan_label(*person);
    NodeId n;
    std::vector<NodeId> ids;
    while (c.next(n)) ids.push_back(n);
    ASSERT_EQ(ids.size(), 2u);
    EXPECT_EQ(r->node_property(ids[0], *r->find_property_key("name")).as_string(), "Ann");
    auto e = r->expand(ids[0], Direction::Outgoing);
    AdjEntry ae;
    ASSERT_TRUE(e.next(ae));
    EXPECT_EQ(ae.neighbor, ids[1]);
    EXPECT_FALSE(e.next(ae));
    EXPECT_TRUE(s->check().ok);
}

TEST(GraphStore, RollbackDiscardsEverything) {
    auto s = mem_store();
    {
        auto w = s->begin_write();
        w->create_node({}, {});
        s->commit(*w);
    }
    {
        auto w = s->begin_write();
        TokenId l = w->label("X");
        for (int i = 0; i < 1000; ++i) w->create_node(std::vector<TokenId>{l}, {});
        s->rollback(*w);
    }
    auto r = s->begin_read();
    EXPECT_EQ(r->node_count(), 1u);
    EXPECT_FALSE(r->find_label("X"));
    EXPECT_TRUE(s->check().ok);
}

TEST(GraphStore, SnapshotIsolation) {
    auto s = mem_store();
    auto r0 = s->begin_read();
    {
        auto w = s->begin_write();
        w->create_node({}, {});
        s->commit(*w);
    }
    EXPECT_EQ(r0->node_count(), 0u);
    NodeId n;
    EXPECT_FALSE(r0->scan_nodes().next(n));
    EXPECT_EQ(s->begin_read()->node_count(), 1u);
}

TEST(GraphStore, DenseNodeAndTypeIsolation) {
    auto s = mem_store(1ull << 20);  // tiny pool: forces eviction and spilling
    auto w = s->begin_write();
    TokenId a = w->rel_type("A"), b = w->rel_type("B");
    NodeId hub = w->create_node({}, {});
    std::vector<NodeId> others;
    for (int i = 0; i < 3000; ++i) {
        NodeId o = w->create_node({}, {});
        w->create_rel(hub, o, a, {});
        others.push_back(o);
    }
    NodeId special = w->create_node({}, {});
    w->create_rel(hub, special, b, {});
    s->commit(*w);
    auto r = s->begin_read();
    std::vector<TokenId> tb{b};
    EXPECT_EQ(r->degree(hub, Direction::Outgoing, tb), 1u);
    EXPECT_EQ(r->degree(hub, Direction::Outgoing), 3001u);
    auto c = r->expand(hub, Direction::Outgoing, tb);
    AdjEntry e;
    ASSERT_TRUE(c.next(e));
    EXPECT_EQ(e.neighbor, special);
    EXPECT_FALSE(c.next(e));
    auto rep = s->check();
    for (auto& p : rep.problems) ADD_FAILURE() << p;
    EXPECT_TRUE(rep.ok);
    // delete half the relationships
    auto w2 = s->begin_write();
    auto c2 = w2->expand(hub, Direction::Outgoing, std::vector<TokenId>{a});
    std::vector<RelId> rels;
    while (c2.next(e)) rels.push_back(e.rel);
    for (size_t i = 0; i < rels.size(); i += 2) w2->delete_rel(rels[i]);
    s->commit(*w2);
    EXPECT_EQ(s->begin_read()->degree(hub, Direction::Outgoing), 3001u - 1500u);
    EXPECT_TRUE(s->check().ok);
}

TEST(GraphStore, PropertiesAndLabels) {
    auto s = mem_store();
    auto w = s->begin_write();
    std::vector<TokenId> ls;
    for (int i = 0; i < 7; ++i) ls.push_back(w->label("L" + std::to_string(i)));
    TokenId k = w->property_key("k"), big = w->property_key("big");
    NodeId n = w->create_node(ls, {{k, Value::list({Value::integer(1), Value::integer(2)})}});
    EXPECT_EQ(w->node_labels(n).size(), 7u);
    w->set_node_property(n, big, Value::string(std::string(100000, 'x')));
    EXPECT_TRUE(w->remove_label(n, ls[3]));
    EXPECT_EQ(w->node_labels(n).size(), 6u);
    s->commit(*w);
    auto r = s->begin_read();
    EXPECT_EQ(r->node_property(n, big).as_string().size(), 100000u);
    EXPECT_EQ(r->node_property(n, k).as_list().size(), 2u);
    EXPECT_FALSE(r->node_has_label(n, ls[3]));
    EXPECT_TRUE(r->node_has_label(n, ls[6]));
    EXPECT_THROW(s->begin_write()->create_node({}, {{k, Value::map({})}}), QuiverError);
    EXPECT_TRUE(s->check().ok);
}

TEST(GraphStore, DeleteConnectedNodeFails) {
    auto s = mem_store();
    auto w = s->begin_write();
    TokenId t = w->rel_type("T");
    NodeId a = w->create_node({}, {}), b = w->create_node({}, {});
    RelId r = w->create_rel(a, a, t, {});
    w->create_rel(a, b, t, {});
    EXPECT_EQ(w->degree(a, Direction::Both), 2u);
    EXPECT_THROW(w->delete_node(a), QuiverError);
    w->delete_rel(r);
    s->commit(*w);
    EXPECT_TRUE(s->check().ok);
}

TEST(GraphStore, DatabaseManyTimesLargerThanThePool) {
    // 64 frames of 4 KiB = 256 KiB pool; the database grows to several MiB.
    auto store = std::make_unique<pagestore::MemoryPageStore>();
    auto* raw = store.get();
    StoreOptions o;
    o.page_size = 4096;
    o.buffer_pool_bytes = 64 * 4096;
    auto s = GraphStore::open(std::move(store), o);
    const int n = 20000;
    {
        auto w = s->begin_write();
        TokenId k = w->property_key("payload"), t = w->rel_type("NEXT");
        NodeId prev = -1;
        for (int i = 0; i < n; ++i) {
            NodeId id = w->create_node({}, {{k, Value::string(std::string(200, char('a' + i % 26)))}});
            if (prev >= 0) w->create_rel(prev, id, t, {});
            prev = id;
        }
        s->commit(*w);
    }
    EXPECT_GT(raw->bytes().size(), 16u * 64 * 4096);
    auto r = s->begin_read();
    TokenId k = *r->find_property_key("payload");
    for (int i = 0; i < n; i += 997)
        EXPECT_EQ(r->node_property(i, k).as_string()[0], char('a' + i % 26));
    EXPECT_EQ(r->rel_count(), uint64_t(n - 1));
    EXPECT_TRUE(s->check().ok);
}

TEST(GraphStore, ReopenFromBytesKeepsEverything) {
    auto store = std::make_unique<pagestore::MemoryPageStore>();
    auto* raw = store.get();
    auto s = GraphStore::open(std::move(store), StoreOptions{});
    {
        auto w = s->begin_write();
        NodeId a = w->create_node(std::vector<TokenId>{w->label("A")}, {{w->property_key("x"), Value::float64(1.5)}});
        w->create_rel(a, a, w->rel_type("SELF"), {});
        s->commit(*w);
    }
    auto bytes = raw->bytes();
    s.reset();
    auto s2 = GraphStore::open(std::make_unique<pagestore::MemoryPageStore>(bytes), StoreOptions{});
    auto r = s2->begin_read();
    EXPECT_EQ(r->node_count(), 1u);
    EXPECT_EQ(r->rel_count(), 1u);
    EXPECT_EQ(r->node_property(0, *r->find_property_key("x")).as_float(), 1.5);
    EXPECT_EQ(r->degree(0, Direction::Both), 1u);
    EXPECT_EQ(r->degree(0, Direction::Outgoing), 1u);
    EXPECT_TRUE(s2->check().ok);
}
