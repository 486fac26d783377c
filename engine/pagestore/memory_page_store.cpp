#include "pagestore/memory_page_store.h"

#include <algorithm>
#include <cstring>

namespace quiver::pagestore {

void MemoryPageStore::read(uint64_t offset, uint8_t* buf, size_t len) {
    std::lock_guard<std::mutex> g(mu_);
    size_t avail = offset < bytes_.size() ? std::min<uint64_t>(len, bytes_.size() - offset) : 0;
    if (avail) std::memcpy(buf, bytes_.data() + offset, avail);
    if (avail < len) std::memset(buf + avail, 0, len - avail);
}

void MemoryPageStore::write(uint64_t offset, const uint8_t* buf, size_t len) {
    std::lock_guard<std::mutex> g(mu_);
    if (offset + len > bytes_.size()) bytes_.resize(offset + len);
    std::memcpy(bytes_.data() + offset, buf, len);
}

}  // namespace quiver::pagestore
