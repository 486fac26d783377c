// quiver::storage::Pager — logical pages over physical pages, snapshots and atomic commit.
//
// Every structure above the pager addresses *logical* pages; a persistent page map (a radix
// tree of map pages, in memory as shared immutable chunks) translates them to physical pages.
// A write transaction never modifies a physical page that a committed version references:
// its first write to a logical page copies it to a free physical page (copy-on-write). Commit:
//   1. write every dirty page of the transaction to its new physical page;
//   2. write new copies of the touched map pages (leaves, then inner levels up to the root);
//   3. PageStore::commit(): sync; write the inactive header slot (iteration + 1, new map root,
//      page count, checksum); sync.  The commit is durable when this returns.
// A crash before the header write leaves the old header as the newest valid one; the new pages
// are unreferenced and become free space at the next open.
//
// Invariants:
//   1. a physical page referenced by the newest durable header or by any live snapshot is never
//      written;
//   2. pages freed by commit T become reusable only when T is durable and no snapshot older
//      than T is alive (deferred reuse), or, for a page allocated after the newest durable
//      header (a lazy page, below), when no snapshot older than T is alive;
//   3. the free-space set is derived at open from the page map (free = not a header page, not a
//      map page, not mapped), so it can never disagree with the committed state;
//   4. one write transaction at a time (writer mutex); snapshots are lock-free to read.
//
// Relaxed commits between group syncs write no page: the header is not written either, so the
// store may hold those pages later. Their bytes stay in dirty pool frames (the "lazy" pages)
// until the next header write, which writes the ones the newest version still references
// first. A lazy page that a later commit of the group replaced is never written at all: no
// durable header refers to it, so it is free again (its frame dropped) as soon as no snapshot
// reads it, without waiting for the group's sync. A crash loses the unsynced group either way.
#pragma once

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "buffer/buffer_pool.h"
#include "pagestore/file_format.h"
#include "pagestore/page_store.h"
#include "quiver/database.h"
#include "storage/pager/page_cache.h"

namespace quiver::storage {

using pagestore::PageNo;
using pagestore::PageType;
using buffer::PinnedPage;

struct PagerOptions {
    uint64_t buffer_pool_bytes = 64ull << 20;
    uint32_t page_size = 16384;  // for new files
    Durability durability = Durability::Strict;
    bool read_only = false;
    bool deterministic = false;
    uint32_t relaxed_group = 64;  // relaxed mode: header write after this many commits
};

// An immutable committed state: the page map of one iteration.
struct Version {
    uint64_t iteration = 0;
    uint64_t logical_count = 0;
    uint32_t per_map_page = 0;
    std::vector<std::shared_ptr<const std::vector<PageNo>>> chunks;  // map leaves, in memory
    std::vector<std::vector<PageNo>> levels;  // physical map pages; levels.back().size() == 1
    PageNo lookup(LPage l) const {
        if (l >= logical_count) return 0;
        return (*chunks[l / per_map_page])[l % per_map_page];
    }
};

class Pager;

// A registered read snapshot (keeps its pages from being reused while alive). It keeps its
// most recently read pages pinned (PageCache).
class Snapshot {
public:
    Snapshot(Pager* p, std::shared_ptr<const Version> v);
    ~Snapshot();
    Snapshot(const Snapshot&) = delete;
    Snapshot& operator=(const Snapshot&) = delete;
    const Version& version() const { return *v_; }
    PinnedPage read(LPage l) const;

private:
    Pager* pager_;
    std::shared_ptr<const Version> v_;
    mutable PageCache cache_;
};

class PageTxn;

struct PageCheck {
    uint64_t pages_checked = 0;
    std::vector<std::string> problems;
};

class Pager {
public:
    Pager(std::unique_ptr<pagestore::PageStore> store, const PagerOptions& opts);
    ~Pager();

    bool created() const { return created_; }        // the database was created by this open
    uint32_t page_size() const { return page_size_; }
    uint32_t body_size() const { return page_size_ - pagestore::kPageHeaderSize; }
    const std::array<uint8_t, 16>& uuid() const { return uuid_; }
    std::string describe() const { return store_->describe(); }
    bool read_only() const { return opts_.read_only; }

    std::unique_ptr<Snapshot> snapshot();
    std::unique_ptr<PageTxn> begin_write();
    void flush();  // make every published commit durable (relaxed mode)
    PageCheck check();
    buffer::BufferPool& pool() { return *pool_; }
    // The newest committed iteration; lock-free (a reader compares it with its snapshot's).
    uint64_t iteration() const { return current_iteration_.load(std::memory_order_acquire); }
    // False after an I/O error during a commit (snapshot() and begin_write() then throw).
    bool usable() const { return !poisoned_.load(std::memory_order_acquire); }
    uint64_t file_pages() const;

private:
    friend class PageTxn;
    friend class Snapshot;

    void open_existing();
    // `file_bytes`: the file's length (up to the header's need); a referenced page past it
    // fails the open as truncated.
    void load_map(const pagestore::FileHeader& h, uint64_t file_bytes);
    PinnedPage pin(PageNo p) { return PinnedPage(pool_.get(), pool_->pin(p)); }
    void load_page(PageNo p, uint8_t* buf);
    void write_page(PageNo p, uint8_t* buf);
    PageNo alloc_phys();           // caller holds mu_
    void release_phys(PageNo p);   // caller holds mu_
    void reclaim_locked();
    void trim_locked();
    void write_header_locked(const Version& v, bool sync);
    void write_lazy_locked();  // store every lazy page the newest version references
    bool defers_writes_locked() const;  // the next commit leaves its pages lazy
    void unregister(uint64_t iteration);
    void check_usable() const;

    std::unique_ptr<pagestore::PageStore> store_;
    PagerOptions opts_;
    uint32_t page_size_ = 0;
    std::array<uint8_t, 16> uuid_{};
    bool created_ = false;
    std::unique_ptr<buffer::BufferPool> pool_;

    mutable std::mutex mu_;            // guards everything below
    std::shared_ptr<const Version> current_;
    uint64_t durable_iteration_ = 0;
    uint64_t unsynced_commits_ = 0;
    std::vector<uint64_t> free_bits_;  // 1 = free physical page
    uint64_t phys_count_ = 0;          // physical pages in use by the file
    std::set<LPage> free_logical_;
    std::map<uint64_t, int> readers_;  // snapshot iteration -> count
    std::vector<std::pair<uint64_t, std::vector<PageNo>>> pending_;  // freed by iteration
    std::unordered_set<PageNo> lazy_;      // committed, referenced by current_, not yet stored
    std::unordered_set<PageNo> lazy_old_;  // lazy pages a later commit replaced (never stored)
    std::atomic<bool> poisoned_{false};  // an I/O error during commit: reopen required
    std::atomic<uint64_t> current_iteration_{0};  // current_->iteration, readable without mu_
    void set_current_locked(std::shared_ptr<const Version> v) {
        current_iteration_.store(v->iteration, std::memory_order_release);
        current_ = std::move(v);
    }

    std::mutex writer_mu_;             // one write transaction at a time
};

// The write transaction at page level.
class PageTxn {
public:
    ~PageTxn();
    PinnedPage read(LPage l);
    PinnedPage write(LPage l);                    // copy-on-write, returns a dirty page
    std::pair<LPage, PinnedPage> allocate(PageType type);
    void free(LPage l);
    void commit();
    void rollback();
    bool active() const { return active_; }
    uint64_t iteration() const { return base_->iteration + 1; }
    const Version& base() const { return *base_; }

private:
    friend class Pager;
    PageTxn(Pager* p, std::unique_lock<std::mutex> lock, std::shared_ptr<const Version> base);
    PageNo lookup(LPage l) const;

    Pager* p_;
    // Its reads' pages, as a snapshot keeps them; a page's slot is forgotten before the page is
    // copied or freed, and all are released when the transaction ends.
    PageCache cache_;
    std::unique_lock<std::mutex> lock_;
    std::shared_ptr<const Version> base_;
    std::unordered_map<LPage, PageNo> dirty_;  // logical -> new physical (0 = freed)
    std::unordered_set<PageNo> allocated_;     // physical pages allocated by this txn
    std::vector<PageNo> freed_;                // committed physical pages this txn replaces
    std::vector<LPage> new_logical_, freed_logical_;
    uint64_t logical_count_;
    bool active_ = true;
};

}  // namespace quiver::storage
