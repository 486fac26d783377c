// xxHash64 (Yann Collet's algorithm, implemented from its published specification).
// Used for page and header checksums (storage-format.md §3).
#pragma once

#include <cstddef>
#include <cstdint>

namespace quiver {

uint64_t xxhash64(const void* data, size_t len, uint64_t seed);

}  // namespace quiver
