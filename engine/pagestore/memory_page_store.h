// MemoryPageStore: the reference backend. A growable byte array; sync() is a no-op. Thread-safe
// (the pager writes map pages while readers on other threads load pages).
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "pagestore/page_store.h"

namespace quiver::pagestore {

class MemoryPageStore final : public PageStore {
public:
    MemoryPageStore() = default;
    explicit MemoryPageStore(std::vector<uint8_t> bytes) : bytes_(std::move(bytes)) {}

    uint64_t size() override {
        std::lock_guard<std::mutex> g(mu_);
        return bytes_.size();
    }
    void read(uint64_t offset, uint8_t* buf, size_t len) override;
    void write(uint64_t offset, const uint8_t* buf, size_t len) override;
    void sync() override {}
    void truncate(uint64_t size) override {
        std::lock_guard<std::mutex> g(mu_);
        bytes_.resize(size);
    }
    std::string describe() const override { return "memory"; }

    std::vector<uint8_t> bytes() const {
        std::lock_guard<std::mutex> g(mu_);
        return bytes_;
    }

private:
    mutable std::mutex mu_;
    std::vector<uint8_t> bytes_;
};

}  // namespace quiver::pagestore
