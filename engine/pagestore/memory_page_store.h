// MemoryPageStore: the reference backend. A growable byte array; sync() is a no-op.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pagestore/page_store.h"

namespace quiver::pagestore {

class MemoryPageStore final : public PageStore {
public:
    MemoryPageStore() = default;
    explicit MemoryPageStore(std::vector<uint8_t> bytes) : bytes_(std::move(bytes)) {}

    uint64_t size() override { return bytes_.size(); }
    void read(uint64_t offset, uint8_t* buf, size_t len) override;
    void write(uint64_t offset, const uint8_t* buf, size_t len) override;
    void sync() override {}
    void truncate(uint64_t size) override { bytes_.resize(size); }
    std::string describe() const override { return "memory"; }

    const std::vector<uint8_t>& bytes() const { return bytes_; }

private:
    std::vector<uint8_t> bytes_;
};

}  // namespace quiver::pagestore
