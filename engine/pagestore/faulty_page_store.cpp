#include "pagestore/faulty_page_store.h"

#include <algorithm>
#include <cstring>

#include "base/error.h"

namespace quiver::pagestore {

void FaultyPageStore::apply(std::vector<uint8_t>& img, const Pending& p) {
    if (p.truncate) {
        img.resize(p.offset);
        return;
    }
    if (p.bytes.empty()) return;  // a write torn before its first byte
    if (p.offset + p.bytes.size() > img.size()) img.resize(p.offset + p.bytes.size());
    std::memcpy(img.data() + p.offset, p.bytes.data(), p.bytes.size());
}

void FaultyPageStore::check_alive() const {
    if (crashed_) throw_io("simulated power loss");
}

std::vector<uint8_t> FaultyPageStore::image(const std::function<bool(size_t)>& keep) const {
    std::vector<uint8_t> img = durable_;
    for (size_t i = 0; i < pending_.size(); ++i)
        if (keep(i)) apply(img, pending_[i]);
    return img;
}

uint64_t FaultyPageStore::size() {
    check_alive();
    uint64_t size = durable_.size();
    for (auto& p : pending_)
        size = p.truncate ? p.offset : std::max<uint64_t>(size, p.offset + p.bytes.size());
    return size;
}

void FaultyPageStore::read(uint64_t offset, uint8_t* buf, size_t len) {
    check_alive();
    // Reads see every issued write (the OS cache), durable or not: start from the durable
    // bytes, then replay the pending writes and truncations that touch the range.
    uint64_t size = durable_.size();
    size_t avail = offset < size ? std::min<uint64_t>(len, size - offset) : 0;
    if (avail) std::memcpy(buf, durable_.data() + offset, avail);
    if (avail < len) std::memset(buf + avail, 0, len - avail);
    for (auto& p : pending_) {
        if (p.truncate) {
            if (p.offset < offset + len) {
                uint64_t from = std::max(p.offset, offset);
                std::memset(buf + (from - offset), 0, offset + len - from);
            }
            continue;
        }
        uint64_t a = std::max(offset, p.offset), b = std::min(offset + len, p.offset + p.bytes.size());
        if (a < b) std::memcpy(buf + (a - offset), p.bytes.data() + (a - p.offset), b - a);
    }
}

void FaultyPageStore::write(uint64_t offset, const uint8_t* buf, size_t len) {
    check_alive();
    ++writes_;
    if (fail_write_ && writes_ == fail_write_) throw_io("injected write failure");
    if (crash_write_ && writes_ == crash_write_) {
        pending_.push_back({offset, std::vector<uint8_t>(buf, buf + std::min(len, torn_))});
        crashed_ = true;
        throw_io("simulated power loss");
    }
    pending_.push_back({offset, std::vector<uint8_t>(buf, buf + len)});
}

void FaultyPageStore::sync() {
    check_alive();
    ++syncs_;
    if (fail_sync_ && syncs_ == fail_sync_) throw_io("injected sync failure");
    for (auto& p : pending_) apply(durable_, p);
    pending_.clear();
}

void FaultyPageStore::truncate(uint64_t size) {
    check_alive();
    pending_.push_back({size, {}, true});
}

}  // namespace quiver::pagestore
