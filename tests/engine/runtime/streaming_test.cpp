// Streaming: MATCH ... RETURN over a file graph several times larger than the buffer pool runs
// through the public API with bounded memory. Proved by counters: the tracked peak stays under
// a limit far below the size of the rows returned, while a sort of the same rows fails it.
#include <filesystem>

#include "runtime_test_util.h"

namespace quiver {
namespace {

using namespace runtime_test;
namespace fs = std::filesystem;

constexpr uint64_t kPool = 256 << 10;        // 16 pages of 16 KiB
constexpr uint64_t kMemoryLimit = 512 << 10;  // per transaction

class Streaming : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("quiver-streaming-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        path_ = (dir_ / "graph.qdb").string();
        DatabaseOptions load;  // loading uses the default pool; the tests reopen with a small one
        load.durability = Durability::Relaxed;
        auto db = Database::open_file(path_, load);
        db->run("UNWIND range(1, 20000) AS i "
                "WITH i, ' and a hundred characters of padding to make the rows of this graph "
                "larger than the limit' AS pad "
                "CREATE (:P {x: 'left node number ' + toString(i) + pad})"
                "-[:R]->(:P {x: 'right node number ' + toString(i) + pad})",
                {})
            ->summary();
        db->flush();
    }
    void TearDown() override { fs::remove_all(dir_); }

    static DatabaseOptions options() {
        DatabaseOptions o;
        o.buffer_pool_bytes = kPool;
        o.transaction_memory_max_bytes = kMemoryLimit;
        o.durability = Durability::Relaxed;
        return o;
    }

    fs::path dir_;
    std::string path_;
};

TEST_F(Streaming, MatchReturnStaysWithinASmallMemoryLimit) {
    ASSERT_GT(fs::file_size(path_), 8 * kPool);  // the graph is several times the pool
    auto db = Database::open_file(path_, options());
    auto r = db->run("MATCH (a)-->(b) RETURN a.x AS a, b.x AS b");
    uint64_t rows = 0, bytes = 0;
    std::vector<Value> row;
    while (r->next(row)) {
        ++rows;
        for (const auto& v : row) bytes += v.as_string().size();
    }
    auto s = r->summary();
    EXPECT_EQ(rows, 20000u);
    EXPECT_GT(bytes, 4 * kMemoryLimit);          // far more than the transaction may hold
    EXPECT_LT(s.peak_memory_bytes, kMemoryLimit);  // held at most one batch of rows
    EXPECT_GT(s.peak_memory_bytes, 0u);
    EXPECT_GT(s.db_hits, 3 * rows);  // the rows really came from the store
}

TEST_F(Streaming, HoldingTheSameRowsExceedsTheLimit) {
    auto db = Database::open_file(path_, options());
    // A sort must hold every row: the tracker sees it and the limit stops it.
    EXPECT_EQ(error_code([&] {
                  drain(*db->run("MATCH (a)-->(b) RETURN a.x AS a, b.x AS b ORDER BY a"));
              }),
              "Neo.TransientError.General.MemoryPoolOutOfMemoryError");
    // A result is consumed lazily: a LIMIT stops the scan early.
    auto r = db->run("PROFILE MATCH (a)-->(b) RETURN a.x AS a LIMIT 10");
    EXPECT_EQ(drain(*r), 10u);
    auto s = r->summary();
    EXPECT_LT(s.db_hits, 200u);
}

TEST_F(Streaming, RowsArriveBeforeTheScanEnds) {
    auto db = Database::open_file(path_, options());
    auto r = db->run("MATCH (a)-->(b) RETURN a.x AS a");
    std::vector<Value> row;
    ASSERT_TRUE(r->next(row));
    // Only the first batch has been pulled: a write can still commit meanwhile (the result
    // reads its own snapshot), and the result still sees the graph as it was.
    db->run("MATCH (n:P) WITH n LIMIT 1 DETACH DELETE n")->summary();
    uint64_t n = 1;
    while (r->next(row)) ++n;
    EXPECT_EQ(n, 20000u);
    EXPECT_EQ(drain(*db->run("MATCH (a)-->(b) RETURN a")), 19999u);
}

}  // namespace
}  // namespace quiver
