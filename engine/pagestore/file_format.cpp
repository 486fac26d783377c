#include "pagestore/file_format.h"

#include <cstring>

#include "base/endian.h"
#include "base/hash.h"
#include "fmt/format.h"

namespace quiver::pagestore {

void encode_header(const FileHeader& h, uint8_t* s) {
    std::memset(s, 0, kHeaderSlotSize);
    std::memcpy(s, kMagic, 8);
    store_u16(s + 8, h.major);
    store_u16(s + 10, h.minor);
    store_u32(s + 12, h.page_size);
    std::memcpy(s + 16, h.uuid.data(), 16);
    store_u64(s + 32, h.iteration);
    store_u64(s + 40, h.page_count);
    store_u32(s + 48, h.map_root);
    store_u32(s + 52, h.map_depth);
    store_u64(s + 56, h.logical_count);
    store_u64(s + 64, h.timestamp_ms);
    store_u64(s + 72, h.features);
    store_u64(s + 120, xxhash64(s, 120, 0));
}

HeaderStatus decode_header(const uint8_t* s, FileHeader& h) {
    if (std::memcmp(s, kMagic, 8) != 0) return HeaderStatus::NoMagic;
    if (load_u64(s + 120) != xxhash64(s, 120, 0)) return HeaderStatus::BadChecksum;
    h.major = load_u16(s + 8);
    h.minor = load_u16(s + 10);
    h.page_size = load_u32(s + 12);
    std::memcpy(h.uuid.data(), s + 16, 16);
    h.iteration = load_u64(s + 32);
    h.page_count = load_u64(s + 40);
    h.map_root = load_u32(s + 48);
    h.map_depth = load_u32(s + 52);
    h.logical_count = load_u64(s + 56);
    h.timestamp_ms = load_u64(s + 64);
    h.features = load_u64(s + 72);
    return HeaderStatus::Valid;
}

uint64_t page_checksum(const uint8_t* page, uint32_t page_size, PageNo phys) {
    return xxhash64(page + 8, page_size - 8, phys);
}
void seal_page(uint8_t* page, uint32_t page_size, PageNo phys) {
    store_u64(page, page_checksum(page, page_size, phys));
}
bool verify_page(const uint8_t* page, uint32_t page_size, PageNo phys) {
    return load_u64(page) == page_checksum(page, page_size, phys);
}

std::string uuid_to_string(const std::array<uint8_t, 16>& u) {
    std::string s;
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) s += '-';
        s += fmt::format("{:02x}", u[i]);
    }
    return s;
}

}  // namespace quiver::pagestore
