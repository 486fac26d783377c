// The read path of node properties in a read transaction: held node-table and heap pages,
// blobs read in place or from an overflow chain, the lazy walk of a blob's keys, and shared
// strings (StringReuse) — each checked against the values written.
#include <gtest/gtest.h>

#include <string>

#include "pagestore/memory_page_store.h"
#include "storage/graph/graph_store.h"

using namespace quiver;
using namespace quiver::storage;

namespace {
std::unique_ptr<GraphStore> small_store() {
    StoreOptions o;
    o.page_size = 4096;
    o.buffer_pool_bytes = 64 * 4096;  // far smaller than the data: pages come and go
    return GraphStore::open(std::make_unique<pagestore::MemoryPageStore>(), o);
}

// 300 distinct short strings: more than the reuse table's slots, so slots collide.
std::string word(int i) { return "w" + std::to_string(i % 300); }
std::string unique_text(int i) { return "text-" + std::to_string(i * 7919) + "-end"; }
}  // namespace

TEST(PropertyRead, ManyNodesEveryKeyInAnyOrder) {
    auto s = small_store();
    const int n = 4000;
    TokenId a, b, c, d, e, f, missing, lbl;
    NodeId big_node = -1;
    {
        auto w = s->begin_write();
        lbl = w->label("P");
        a = w->property_key("a");
        b = w->property_key("b");
        c = w->property_key("c");
        d = w->property_key("d");
        e = w->property_key("e");
        f = w->property_key("f");
        missing = w->property_key("missing");
        for (int i = 0; i < n; ++i) {
            PropertyList props{{a, Value::integer(i)},
                               {b, Value::string(i % 2 ? "female" : "male")},
                               {c, Value::string(word(i))},
                               {d, Value::float64(i * 0.5)},
                               {e, Value::list({Value::integer(i), Value::integer(-i)})},
                               {f, Value::string(unique_text(i))}};
            NodeId id = w->create_node(std::vector<TokenId>{lbl}, props);
            EXPECT_EQ(id, NodeId(i));
            if (i == n / 2) {  // one blob in an overflow chain, in the middle of the scan
                w->set_node_property(id, missing, Value::string(std::string(20000, 'z')));
                big_node = id;
            }
        }
        s->commit(*w);
    }
    auto r = s->begin_read();
    auto cur = r->scan_label(lbl);
    NodeId id;
    int seen = 0;
    while (cur.next(id)) {
        int i = int(id);
        ++seen;
        // a varying order: the last key first on odd nodes, the first key first on even ones
        if (i % 2) {
            EXPECT_EQ(r->node_property(id, f).as_string(), unique_text(i));
            EXPECT_EQ(r->node_property(id, a).as_int(), i);
        } else {
            EXPECT_EQ(r->node_property(id, a).as_int(), i);
            EXPECT_EQ(r->node_property(id, f).as_string(), unique_text(i));
        }
        EXPECT_EQ(r->node_property(id, c).as_string(), word(i));
        EXPECT_EQ(r->node_property(id, b).as_string(), i % 2 ? "female" : "male");
        EXPECT_DOUBLE_EQ(r->node_property(id, d).as_float(), i * 0.5);
        EXPECT_EQ(r->node_property(id, e).as_list()[1].as_int(), -i);
        if (id == big_node)
            EXPECT_EQ(r->node_property(id, missing).as_string().size(), 20000u);
        else
            EXPECT_TRUE(r->node_property(id, missing).is_null());
        // another node in between (a different page of the table and the heap), then back
        NodeId other = (id * 37 + 11) % n;
        EXPECT_EQ(r->node_property(other, c).as_string(), word(int(other)));
        EXPECT_EQ(r->node_property(id, c).as_string(), word(i));
    }
    EXPECT_EQ(seen, n);
}

TEST(PropertyRead, ReadTransactionKeepsItsSnapshot) {
    auto s = small_store();
    TokenId k;
    NodeId x, y;
    {
        auto w = s->begin_write();
        k = w->property_key("k");
        x = w->create_node({}, {{k, Value::string("before")}});
        y = w->create_node({}, {{k, Value::integer(1)}});
        s->commit(*w);
    }
    auto old = s->begin_read();
    EXPECT_EQ(old->node_property(x, k).as_string(), "before");
    {
        auto w = s->begin_write();
        w->set_node_property(x, k, Value::string("after"));
        EXPECT_EQ(w->node_property(x, k).as_string(), "after");
        w->set_node_property(y, k, Value::integer(2));
        s->commit(*w);
    }
    EXPECT_EQ(old->node_property(x, k).as_string(), "before");
    EXPECT_EQ(old->node_property(y, k).as_int(), 1);
    auto now = s->begin_read();
    EXPECT_EQ(now->node_property(x, k).as_string(), "after");
    EXPECT_EQ(now->node_property(y, k).as_int(), 2);
    EXPECT_TRUE(s->check().ok);
}
