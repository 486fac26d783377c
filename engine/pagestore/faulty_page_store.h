// FaultyPageStore: a fault-injecting wrapper used by the storage tests. It models a disk with a
// volatile write cache: writes since the last sync() are "pending" and can be lost, applied in
// part, or torn when a simulated crash happens.
//
//   fail_write_at(k)   the k-th write (1-based, counted from arming) throws an I/O error
//   crash_at_write(k, torn_bytes)  the k-th write persists only its first torn_bytes bytes into
//                      the pending set, then every later call throws (power is gone)
//   fail_sync_at(k)    the k-th sync throws
// After a crash, image(keep) returns the bytes a reboot would find: the durable image plus the
// pending writes selected by keep(index) (in issue order).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "pagestore/page_store.h"

namespace quiver::pagestore {

class FaultyPageStore final : public PageStore {
public:
    explicit FaultyPageStore(std::vector<uint8_t> durable = {}) : durable_(std::move(durable)) {}

    uint64_t size() override;
    void read(uint64_t offset, uint8_t* buf, size_t len) override;
    void write(uint64_t offset, const uint8_t* buf, size_t len) override;
    void sync() override;
    void truncate(uint64_t size) override;
    std::string describe() const override { return "faulty-memory"; }

    void fail_write_at(uint64_t k) { fail_write_ = k; writes_ = 0; }
    void crash_at_write(uint64_t k, size_t torn_bytes) { crash_write_ = k; torn_ = torn_bytes; writes_ = 0; }
    void fail_sync_at(uint64_t k) { fail_sync_ = k; syncs_ = 0; }
    uint64_t writes() const { return writes_; }
    bool crashed() const { return crashed_; }
    size_t pending() const { return pending_.size(); }

    std::vector<uint8_t> image(const std::function<bool(size_t)>& keep) const;
    std::vector<uint8_t> durable() const { return durable_; }

private:
    struct Pending {
        uint64_t offset;
        std::vector<uint8_t> bytes;
        bool truncate = false;
    };
    static void apply(std::vector<uint8_t>& img, const Pending& p);
    void check_alive() const;

    std::vector<uint8_t> durable_;
    std::vector<Pending> pending_;
    uint64_t writes_ = 0, syncs_ = 0;
    uint64_t fail_write_ = 0, crash_write_ = 0, fail_sync_ = 0;
    size_t torn_ = 0;
    bool crashed_ = false;
};

}  // namespace quiver::pagestore
