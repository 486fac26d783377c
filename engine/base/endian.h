// Explicit little-endian encoding for every on-disk integer (storage-format.md §2).
// No struct memcpy, no padding: the file is byte-identical on every compiler and target.
#pragma once

#include <cstdint>
#include <cstring>

namespace quiver {

inline uint16_t load_u16(const uint8_t* p) { return uint16_t(p[0] | (p[1] << 8)); }
inline uint32_t load_u32(const uint8_t* p) {
    return uint32_t(p[0]) | (uint32_t(p[1]) << 8) | (uint32_t(p[2]) << 16) | (uint32_t(p[3]) << 24);
}
inline uint64_t load_u48(const uint8_t* p) {
    return uint64_t(load_u32(p)) | (uint64_t(load_u16(p + 4)) << 32);
}
inline uint64_t load_u64(const uint8_t* p) {
    return uint64_t(load_u32(p)) | (uint64_t(load_u32(p + 4)) << 32);
}
inline void store_u16(uint8_t* p, uint16_t v) {
    p[0] = uint8_t(v);
    p[1] = uint8_t(v >> 8);
}
inline void store_u32(uint8_t* p, uint32_t v) {
    p[0] = uint8_t(v);
    p[1] = uint8_t(v >> 8);
    p[2] = uint8_t(v >> 16);
    p[3] = uint8_t(v >> 24);
}
inline void store_u48(uint8_t* p, uint64_t v) {
    store_u32(p, uint32_t(v));
    store_u16(p + 4, uint16_t(v >> 32));
}
inline void store_u64(uint8_t* p, uint64_t v) {
    store_u32(p, uint32_t(v));
    store_u32(p + 4, uint32_t(v >> 32));
}
inline double load_f64(const uint8_t* p) {
    uint64_t b = load_u64(p);
    double d;
    std::memcpy(&d, &b, 8);
    return d;
}
inline void store_f64(uint8_t* p, double d) {
    uint64_t b;
    std::memcpy(&b, &d, 8);
    store_u64(p, b);
}

}  // namespace quiver
