// Proves: a commit interrupted at ANY write (including torn writes and lost unsynced writes)
// reopens to exactly the previous or the new committed state, and the file passes check(); a
// relaxed writer crashed at random writes again and again keeps a prefix of its commits.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "base/error.h"
#include "pagestore/faulty_page_store.h"
#include "pagestore/memory_page_store.h"
#include "storage/crash_workload.h"
#include "storage/graph/graph_store.h"

using namespace quiver;
using namespace quiver::storage;
using pagestore::FaultyPageStore;

namespace {
constexpr int kBaseNodes = 50, kTxnNodes = 300, kTxnRels = 150;

StoreOptions opts() {
    StoreOptions o;
    o.page_size = 4096;
    o.buffer_pool_bytes = 256 * 4096;
    return o;
}

std::vector<uint8_t> base_image() {
    auto fs = std::make_unique<FaultyPageStore>();
    FaultyPageStore* raw = fs.get();
    {
        auto s = GraphStore::open(std::move(fs), opts());
        auto w = s->begin_write();
        TokenId l = w->label("Base");
        for (int i = 0; i < kBaseNodes; ++i) w->create_node(std::vector<TokenId>{l}, {});
        s->commit(*w);
        // keep raw alive until the image is taken
        return raw->durable();
    }
}

// The transaction under test: many pages (nodes with properties, relationships, a new label).
void run_txn(GraphStore& s) {
    auto w = s.begin_write();
    TokenId l = w->label("New"), k = w->property_key("v"), t = w->rel_type("R");
    std::vector<NodeId> ids;
    for (int i = 0; i < kTxnNodes; ++i)
        ids.push_back(w->create_node(std::vector<TokenId>{l},
                                     {{k, Value::string("value-" + std::to_string(i))}}));
    for (int i = 0; i < kTxnRels; ++i) w->create_rel(ids[i], ids[(i * 7) % kTxnNodes], t, {});
    s.commit(*w);
}

// Opens an image and asserts it holds exactly the old or the new state and passes check().
// Returns true when it holds the new state.
bool verify_image(const std::vector<uint8_t>& img, const std::string& what) {
    auto s = GraphStore::open(std::make_unique<pagestore::MemoryPageStore>(img), opts());
    auto rep = s->check();
    for (auto& p : rep.problems) ADD_FAILURE() << what << ": " << p;
    EXPECT_TRUE(rep.ok) << what;
    auto r = s->begin_read();
    uint64_t n = r->node_count();
    EXPECT_TRUE(n == kBaseNodes || n == kBaseNodes + kTxnNodes) << what << " nodes=" << n;
    if (n == kBaseNodes) {
        EXPECT_EQ(r->rel_count(), 0u) << what;
        EXPECT_FALSE(r->find_label("New")) << what;
        return false;
    }
    EXPECT_EQ(r->rel_count(), uint64_t(kTxnRels)) << what;
    EXPECT_EQ(r->node_count(*r->find_label("New")), uint64_t(kTxnNodes)) << what;
    return true;
}
}  // namespace

TEST(FaultInjection, CrashAtEveryWriteOfACommit) {
    const auto base = base_image();
    uint64_t total_writes;
    {
        auto fs = std::make_unique<FaultyPageStore>(base);
        FaultyPageStore* raw = fs.get();
        auto s = GraphStore::open(std::move(fs), opts());
        raw->fail_write_at(0);  // just count
        run_txn(*s);
        total_writes = raw->writes();
        EXPECT_TRUE(verify_image(raw->image([](size_t) { return true; }), "no fault"));
    }
    ASSERT_GT(total_writes, 5u);
    std::mt19937 rng(42);
    int saw_new = 0, saw_old = 0;
    for (uint64_t k = 1; k <= total_writes; ++k) {
        for (size_t torn : {size_t(0), size_t(512), size_t(4096)}) {
            auto fs = std::make_unique<FaultyPageStore>(base);
            FaultyPageStore* raw = fs.get();
            auto s = GraphStore::open(std::move(fs), opts());
            raw->crash_at_write(k, torn);
            EXPECT_THROW(run_txn(*s), QuiverError) << "k=" << k;
            std::string tag = "k=" + std::to_string(k) + " torn=" + std::to_string(torn);
            size_t n = raw->pending();
            // What a reboot may find: nothing unsynced, everything, or a random subset.
            verify_image(raw->image([](size_t) { return false; }), tag + " durable");
            bool all = verify_image(raw->image([](size_t) { return true; }), tag + " all");
            std::vector<bool> pick(n);
            for (size_t i = 0; i < n; ++i) pick[i] = rng() & 1;
            verify_image(raw->image([&](size_t i) { return pick[i]; }), tag + " subset");
            (all ? saw_new : saw_old)++;
        }
    }
    EXPECT_GT(saw_old, 0);
}

TEST(FaultInjection, WriteErrorAtEveryWriteRollsBack) {
    const auto base = base_image();
    for (uint64_t k = 1; k <= 40; ++k) {
        auto fs = std::make_unique<FaultyPageStore>(base);
        FaultyPageStore* raw = fs.get();
        auto s = GraphStore::open(std::move(fs), opts());
        raw->fail_write_at(k);
        try {
            run_txn(*s);
        } catch (const QuiverError&) {
        }
        std::string tag = "eio k=" + std::to_string(k);
        verify_image(raw->image([](size_t) { return true; }), tag);
        verify_image(raw->image([](size_t) { return false; }), tag + " durable");
    }
}

TEST(FaultInjection, SyncFailures) {
    const auto base = base_image();
    for (uint64_t k = 1; k <= 2; ++k) {
        auto fs = std::make_unique<FaultyPageStore>(base);
        FaultyPageStore* raw = fs.get();
        auto s = GraphStore::open(std::move(fs), opts());
        raw->fail_sync_at(k);
        EXPECT_THROW(run_txn(*s), QuiverError);
        // After a failed commit the store refuses further writes until reopened.
        EXPECT_THROW(s->begin_write(), QuiverError);
        verify_image(raw->image([](size_t) { return true; }), "sync all");
        verify_image(raw->image([](size_t) { return false; }), "sync durable");
    }
}

TEST(FaultInjection, CorruptPagesAreDetectedNeverReturned) {
    auto base = base_image();
    // Flip one byte in each page in turn: a page the committed state uses must be reported as
    // corrupt; a free page (left over by copy-on-write) may be damaged harmlessly.
    const size_t ps = 4096;
    int detected_count = 0, harmless = 0;
    for (size_t page = 2; page * ps < base.size(); ++page) {
        auto img = base;
        img[page * ps + 100] ^= 0x5A;
        try {
            auto s = GraphStore::open(std::make_unique<pagestore::MemoryPageStore>(img), opts());
            auto rep = s->check();
            if (!rep.ok) {
                ++detected_count;
                continue;
            }
            EXPECT_EQ(s->begin_read()->node_count(), uint64_t(kBaseNodes)) << "page " << page;
            ++harmless;
        } catch (const QuiverError& e) {
            ++detected_count;
        }
    }
    EXPECT_GT(detected_count, harmless);
}

TEST(FaultInjection, HeaderDamageFallsBackOrFailsClearly) {
    auto base = base_image();
    // Damage the newest header: the older valid header must be used (still a consistent state).
    for (int slot = 0; slot < 2; ++slot) {
        auto img = base;
        img[slot * 4096 + 40] ^= 0xFF;
        try {
            auto s = GraphStore::open(std::make_unique<pagestore::MemoryPageStore>(img), opts());
            EXPECT_TRUE(s->check().ok);
        } catch (const QuiverError& e) {
            SUCCEED() << e.what();
        }
    }
    auto img = base;
    img[40] ^= 0xFF;
    img[4096 + 40] ^= 0xFF;
    EXPECT_THROW(GraphStore::open(std::make_unique<pagestore::MemoryPageStore>(img), opts()), QuiverError);
    std::vector<uint8_t> junk(20000, 'x');
    try {
        GraphStore::open(std::make_unique<pagestore::MemoryPageStore>(junk), opts());
        ADD_FAILURE() << "junk opened";
    } catch (const QuiverError& e) {
        EXPECT_NE(std::string(e.what()).find("Not a Quiver database"), std::string::npos);
    }
    auto truncated = base;
    truncated.resize(base.size() - 4096);
    try {
        GraphStore::open(std::make_unique<pagestore::MemoryPageStore>(truncated), opts());
        ADD_FAILURE() << "truncated opened";
    } catch (const QuiverError& e) {
        EXPECT_NE(std::string(e.what()).find("truncated"), std::string::npos);
    }
}

// Relaxed durability: commits between group syncs leave their pages in the pool (64 frames
// here, so evictions store some early) and pages replaced within a group are reused before the
// group's sync. A process crash (every write issued so far reaches the file) at a random write,
// 60 times, each run continuing from the image the last one left: every image passes check()
// and holds a prefix of the commits, losing at most the unsynced group (64) of the run.
TEST(FaultInjection, RelaxedWriterCrashedAtRandomWritesKeepsAPrefix) {
    StoreOptions o = opts();
    o.buffer_pool_bytes = 64 * 4096;
    o.durability = Durability::Relaxed;
    std::vector<uint8_t> image;
    std::mt19937 crash_rng(1);
    int64_t floor = -1;  // every seq <= floor survived an earlier crash
    for (int run = 0; run < 60; ++run) {
        auto fs = std::make_unique<FaultyPageStore>(image);
        FaultyPageStore* raw = fs.get();
        raw->crash_at_write(1 + crash_rng() % 3000, 4096);  // the whole write reaches the file
        int64_t committed = floor;  // the last commit that returned
        std::unique_ptr<GraphStore> writer;  // owns raw: outlives the crash until the image is taken
        try {
            writer = GraphStore::open(std::move(fs), o);
            auto* s = writer.get();
            std::mt19937 rng(uint32_t(run * 7919));
            for (int64_t seq = floor + 1;; ++seq) {
                crash_test::commit_crash_txn(*s, seq, rng);
                committed = seq;
            }
        } catch (const std::exception&) {
            ASSERT_TRUE(raw->crashed()) << "run " << run << " failed without a crash";
        }
        image = raw->image([](size_t) { return true; });
        writer.reset();
        auto s = GraphStore::open(std::make_unique<pagestore::MemoryPageStore>(image), o);
        auto rep = s->check();
        for (auto& p : rep.problems) ADD_FAILURE() << "run " << run << ": " << p;
        ASSERT_TRUE(rep.ok);
        std::set<int64_t> seqs;
        for (int64_t v : crash_test::tx_seqs(*s)) ASSERT_TRUE(seqs.insert(v).second) << "duplicate seq " << v;
        int64_t max = seqs.empty() ? -1 : *seqs.rbegin();
        ASSERT_EQ(int64_t(seqs.size()), max + 1) << "not a prefix after run " << run;
        ASSERT_GE(max, floor) << "lost a commit an earlier run kept, run " << run;
        ASSERT_GE(max, committed - 64) << "lost more than the unsynced group, run " << run;
        floor = max;
    }
    EXPECT_GT(floor, 300) << "too few commits survived";
}
