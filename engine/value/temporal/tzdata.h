// Compact IANA zone table generated at development time by scripts/gen_tzdata.py.
#pragma once

#include <cstddef>

namespace quiver::temporal::tzdata {

struct ZoneEntry {
    const char* name;  // IANA id, sorted ascending (byte order)
    int record;        // index into kRecords
};
extern const char* const kRecords[];
extern const ZoneEntry kZones[];
extern const size_t kZoneCount;

}  // namespace quiver::temporal::tzdata
