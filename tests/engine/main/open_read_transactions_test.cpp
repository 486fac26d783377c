// Read transactions give back the pages their statements kept pinned (GraphTxn::release_pages
// at a statement's end): many open read transactions fit a small buffer pool.
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "quiver/database.h"

namespace quiver {
namespace {

TEST(OpenReadTransactions, ManyOpenAtOnceInASmallPool) {
    DatabaseOptions o;
    o.buffer_pool_bytes = 24 * 16384;  // 24 frames of 16 KiB
    auto db = Database::open_memory(o);
    const int per_page = 16384 / 32;  // node records per node-table page
    for (int b = 0; b < 26; ++b)
        db->run("UNWIND range($from, $from + 511) AS i CREATE (:P {v: i, s: 'row' + toString(i % 7)})",
                {{"from", Value::integer(b * per_page)}})
            ->summary();
    // 25 open read transactions, each after a statement that read a node of its own page:
    // keeping the node-table page and the heap page pinned would need about 50 frames
    std::vector<std::unique_ptr<Transaction>> open;
    for (int t = 0; t < 25; ++t) {
        auto tx = db->begin(AccessMode::Read);
        auto r = tx->run("MATCH (p:P) WHERE id(p) = $v RETURN p.v + 1 AS w, p.s AS s",
                         {{"v", Value::integer(t * per_page)}});
        std::vector<Value> row;
        ASSERT_TRUE(r->next(row));
        EXPECT_EQ(row[0].as_int(), t * per_page + 1);
        EXPECT_EQ(row[1].as_string(), "row" + std::to_string(t * per_page % 7));
        EXPECT_FALSE(r->next(row));
        open.push_back(std::move(tx));
    }
    for (auto& tx : open) tx->commit();
}

}  // namespace
}  // namespace quiver
