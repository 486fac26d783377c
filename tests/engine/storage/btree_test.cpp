// BTree (engine/storage/record/btree.h): ordered set semantics against std::set, scans from a
// lower bound, commit and rollback through the pager.
#include "storage/record/btree.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <set>
#include <vector>

#include "pagestore/memory_page_store.h"
#include "storage/pager/pager.h"
#include "storage/record/index_key.h"

namespace quiver::storage {
namespace {

constexpr uint32_t kKey = 16;
using Key = std::vector<uint8_t>;

Key make_key(uint64_t hi, uint64_t lo) {
    Key k(kKey);
    for (int i = 0; i < 8; ++i) k[i] = uint8_t(hi >> (56 - 8 * i));
    for (int i = 0; i < 8; ++i) k[8 + i] = uint8_t(lo >> (56 - 8 * i));
    return k;
}

struct Fixture {
    Pager pager{std::make_unique<pagestore::MemoryPageStore>(), [] {
                    PagerOptions o;
                    o.page_size = 4096;
                    return o;
                }()};
    BTree tree{kKey, pager.body_size()};
};

std::vector<Key> all_keys(PageAccess& a, const BTree& t, const ArrayRoot& r, const Key* lo) {
    std::vector<Key> out;
    t.scan(a, r, lo ? lo->data() : nullptr, [&](const uint8_t* k) {
        out.emplace_back(k, k + kKey);
        return true;
    });
    return out;
}

TEST(BTree, MatchesStdSet) {
    Fixture f;
    TxnAccess a(f.pager.begin_write(), f.pager.body_size());
    a.allocate(PageType::Meta);  // logical page 0, as in a graph store
    ArrayRoot root;
    std::set<Key> model;
    std::mt19937_64 rng(7);
    for (int i = 0; i < 40000; ++i) {
        Key k = make_key(rng() % 300, rng() % 200);
        if (rng() % 4 == 0) {
            EXPECT_EQ(f.tree.erase(a, root, k.data()), model.erase(k) == 1);
        } else {
            EXPECT_EQ(f.tree.insert(a, root, k.data()), model.insert(k).second);
        }
    }
    EXPECT_GE(root.depth, 2u);
    std::vector<Key> expect(model.begin(), model.end());
    EXPECT_EQ(all_keys(a, f.tree, root, nullptr), expect);
    for (int i = 0; i < 200; ++i) {
        Key lo = make_key(rng() % 310, rng() % 210);
        std::vector<Key> e(model.lower_bound(lo), model.end());
        ASSERT_EQ(all_keys(a, f.tree, root, &lo), e);
        EXPECT_EQ(f.tree.contains(a, root, lo.data()), model.count(lo) == 1);
    }
    // erase everything: scans see nothing, inserts still work
    for (const Key& k : expect) EXPECT_TRUE(f.tree.erase(a, root, k.data()));
    EXPECT_TRUE(all_keys(a, f.tree, root, nullptr).empty());
    Key k = make_key(1, 1);
    EXPECT_TRUE(f.tree.insert(a, root, k.data()));
    EXPECT_EQ(all_keys(a, f.tree, root, nullptr).size(), 1u);
    std::vector<LPage> pages;
    f.tree.pages(a, root, pages);
    EXPECT_FALSE(pages.empty());
    f.tree.destroy(a, root);
    EXPECT_EQ(root.depth, 0u);
    a.txn().rollback();
}

TEST(BTree, RollbackKeepsCommittedTree) {
    Fixture f;
    ArrayRoot root;
    {
        TxnAccess a(f.pager.begin_write(), f.pager.body_size());
        a.allocate(PageType::Meta);
        for (uint64_t i = 0; i < 3000; ++i) f.tree.insert(a, root, make_key(i, i).data());
        a.txn().commit();
    }
    {
        TxnAccess a(f.pager.begin_write(), f.pager.body_size());
        ArrayRoot r2 = root;
        for (uint64_t i = 0; i < 3000; i += 2) f.tree.erase(a, r2, make_key(i, i).data());
        for (uint64_t i = 5000; i < 6000; ++i) f.tree.insert(a, r2, make_key(i, 0).data());
        EXPECT_EQ(all_keys(a, f.tree, r2, nullptr).size(), 2500u);
        a.txn().rollback();
    }
    SnapshotAccess s(f.pager.snapshot(), f.pager.body_size());
    auto keys = all_keys(s, f.tree, root, nullptr);
    ASSERT_EQ(keys.size(), 3000u);
    for (uint64_t i = 0; i < 3000; ++i) EXPECT_EQ(keys[i], make_key(i, i));
}

TEST(IndexKey, NumberAndStringOrder) {
    std::vector<Value> nums{Value::float64(-1e300), Value::integer(-5),  Value::float64(-0.5),
                            Value::float64(0.0),    Value::integer(0),   Value::float64(0.25),
                            Value::integer(1),      Value::float64(1.5), Value::integer(1000000),
                            Value::float64(1e300)};
    uint8_t a[index_key::kSize], b[index_key::kSize];
    for (size_t i = 0; i + 1 < nums.size(); ++i) {
        ASSERT_TRUE(index_key::encode(nums[i], 9, a));
        ASSERT_TRUE(index_key::encode(nums[i + 1], 9, b));
        EXPECT_LE(std::memcmp(a, b, index_key::kSize), 0) << i;
    }
    index_key::encode(Value::integer(1), 3, a);
    index_key::encode(Value::float64(1.0), 4, b);
    EXPECT_TRUE(index_key::same_value(a, b));  // 1 = 1.0 in Cypher
    EXPECT_LT(std::memcmp(a, b, index_key::kSize), 0);
    EXPECT_EQ(index_key::node_of(b), 4u);
    index_key::encode(Value::string("abc"), 1, a);
    index_key::encode(Value::string("abd"), 0, b);
    EXPECT_LT(std::memcmp(a, b, index_key::kSize), 0);
    EXPECT_FALSE(index_key::encode(Value::null(), 1, a));
}

}  // namespace
}  // namespace quiver::storage
