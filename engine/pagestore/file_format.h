// On-disk layout of a Quiver database file (docs/storage-format.md repeats these tables).
//
// File:   [header slot 0: 4096 B][header slot 1: 4096 B][zero up to the first page boundary]
//         [page 1 or 2 ... page_count-1]             (page p starts at byte p * page_size)
//         Physical pages below first_data_page() hold the header region only.
//
// Header slot (all integers little-endian; bytes 128..4095 zero):
//   off size field
//     0    8 magic "QUIVERDB"
//     8    2 format major (incompatible changes)      10  2 format minor (compatible additions)
//    12    4 page size (power of two, 4096..65536)
//    16   16 database UUID
//    32    8 iteration: commit counter, monotone; the valid slot with the higher one wins
//    40    8 page count: physical pages the committed state needs (file length / page size)
//    48    4 page-map root (physical page)            52  4 page-map depth (levels, >= 1)
//    56    8 logical page count (logical pages 0..n-1 may be mapped)
//    64    8 commit timestamp (ms since epoch; 0 in deterministic mode)
//    72    8 feature flags (0 in this version)
//    80   40 reserved (zero)
//   120    8 checksum: xxHash64 of bytes 0..119, seed 0
//
// Page (every physical page from first_data_page() on):
//   off size field
//     0    8 checksum: xxHash64 of bytes 8..page_size-1, seed = physical page number
//     8    1 page type (PageType)    9  1 flags    10  2 reserved
//    12    4 logical page number (kMapPage for page-map pages)
//    16    8 iteration that wrote the page
//    24      body (page_size - 24 bytes)
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace quiver::pagestore {

using PageNo = uint32_t;  // physical page number

inline constexpr char kMagic[8] = {'Q', 'U', 'I', 'V', 'E', 'R', 'D', 'B'};
inline constexpr uint16_t kFormatMajor = 1;
inline constexpr uint16_t kFormatMinor = 0;
inline constexpr uint32_t kHeaderSlotSize = 4096;
inline constexpr uint32_t kHeaderRegion = 2 * kHeaderSlotSize;
inline constexpr uint32_t kHeaderUsed = 128;
inline constexpr uint32_t kPageHeaderSize = 24;
inline constexpr uint32_t kMapPage = 0xFFFFFFFFu;
inline constexpr uint32_t kMinPageSize = 4096, kMaxPageSize = 65536;

enum class PageType : uint8_t {
    Free = 0,
    MapInner = 1,
    MapLeaf = 2,
    Meta = 3,        // graph store root (logical page 0)
    ArrayDir = 4,    // paged-array directory
    ArrayData = 5,   // paged-array records
    Heap = 6,        // slotted blob heap
    Overflow = 7,    // large-blob chain
};

struct FileHeader {
    uint16_t major = kFormatMajor, minor = kFormatMinor;
    uint32_t page_size = 16384;
    std::array<uint8_t, 16> uuid{};
    uint64_t iteration = 0;
    uint64_t page_count = 0;
    PageNo map_root = 0;
    uint32_t map_depth = 0;
    uint64_t logical_count = 0;
    uint64_t timestamp_ms = 0;
    uint64_t features = 0;
};

inline uint32_t first_data_page(uint32_t page_size) {
    return (kHeaderRegion + page_size - 1) / page_size;
}

// Encodes into a kHeaderSlotSize buffer (checksum included).
void encode_header(const FileHeader& h, uint8_t* slot);

enum class HeaderStatus { Valid, NoMagic, BadChecksum };
// Decodes one slot; Valid only when magic and checksum match.
HeaderStatus decode_header(const uint8_t* slot, FileHeader& out);

// Page checksum helpers.
uint64_t page_checksum(const uint8_t* page, uint32_t page_size, PageNo phys);
void seal_page(uint8_t* page, uint32_t page_size, PageNo phys);  // writes the checksum
bool verify_page(const uint8_t* page, uint32_t page_size, PageNo phys);

std::string uuid_to_string(const std::array<uint8_t, 16>& u);

}  // namespace quiver::pagestore
