// PageAccess: what record structures need from the pager — read a logical page, and in a write
// transaction write (copy-on-write), allocate and free. Implemented over a Snapshot (read-only)
// and over a PageTxn.
#pragma once

#include <utility>

#include "storage/pager/pager.h"

namespace quiver::storage {

class PageAccess {
public:
    virtual ~PageAccess() = default;
    virtual PinnedPage read(LPage l) = 0;
    virtual PinnedPage write(LPage l) = 0;
    virtual std::pair<LPage, PinnedPage> allocate(PageType t) = 0;
    virtual void free(LPage l) = 0;
    virtual uint32_t body_size() const = 0;
    virtual bool writable() const = 0;
    // The committed iteration a read snapshot sees (0: a write transaction, whose pages move).
    virtual uint64_t snapshot_iteration() const { return 0; }
};

inline uint8_t* body(const PinnedPage& p) { return p.data() + pagestore::kPageHeaderSize; }

class SnapshotAccess final : public PageAccess {
public:
    SnapshotAccess(std::unique_ptr<Snapshot> s, uint32_t body) : s_(std::move(s)), body_(body) {}
    PinnedPage read(LPage l) override { return s_->read(l); }
    PinnedPage write(LPage) override;
    std::pair<LPage, PinnedPage> allocate(PageType) override;
    void free(LPage) override;
    uint32_t body_size() const override { return body_; }
    bool writable() const override { return false; }
    uint64_t snapshot_iteration() const override { return s_->version().iteration; }

private:
    std::unique_ptr<Snapshot> s_;
    uint32_t body_;
};

class TxnAccess final : public PageAccess {
public:
    TxnAccess(std::unique_ptr<PageTxn> t, uint32_t body) : t_(std::move(t)), body_(body) {}
    PinnedPage read(LPage l) override { return t_->read(l); }
    PinnedPage write(LPage l) override { return t_->write(l); }
    std::pair<LPage, PinnedPage> allocate(PageType t) override { return t_->allocate(t); }
    void free(LPage l) override { t_->free(l); }
    uint32_t body_size() const override { return body_; }
    bool writable() const override { return true; }
    PageTxn& txn() { return *t_; }

private:
    std::unique_ptr<PageTxn> t_;
    uint32_t body_;
};

}  // namespace quiver::storage
