// quiver::bolt — the Bolt handshake (bolt.md §2): the 20-byte client preamble, the legacy
// 4-byte reply and the 5.7+ manifest v1 negotiation. Pure functions over bytes, no I/O.
//
// Supported: 4.4 and 5.0–5.8 except 5.5 (never offered, never selected).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace quiver::bolt {

struct BoltVersion {
    uint8_t major = 5;
    uint8_t minor = 8;
    friend bool operator==(BoltVersion a, BoltVersion b) {
        return a.major == b.major && a.minor == b.minor;
    }
    friend bool operator<(BoltVersion a, BoltVersion b) {
        return a.major != b.major ? a.major < b.major : a.minor < b.minor;
    }
    friend bool operator<=(BoltVersion a, BoltVersion b) { return !(b < a); }
    bool at_least(uint8_t ma, uint8_t mi) const { return !(*this < BoltVersion{ma, mi}); }
};

struct HandshakeConfig {
    BoltVersion max_version{5, 8};  // cap (bolt.max_version)
    bool manifest = true;           // offer the 5.7+ manifest negotiation
};

inline constexpr size_t kPreambleSize = 20;
inline constexpr uint8_t kMagic[4] = {0x60, 0x60, 0xB0, 0x17};

enum class HandshakeOutcome : uint8_t {
    Selected,   // `reply` is 00 00 minor major; continue with messages
    Manifest,   // `reply` is the manifest; await the client's choice
    NoVersion,  // `reply` is 00 00 00 00; close
    BadMagic,   // close without a reply
};

struct HandshakeReply {
    HandshakeOutcome outcome = HandshakeOutcome::BadMagic;
    BoltVersion version;                // when Selected
    std::string reply;                  // bytes to write in ONE write / WS message
    std::vector<BoltVersion> offered;   // when Manifest: the versions listed
};

// The versions this server speaks at or below `cap`, highest first.
std::vector<BoltVersion> supported_versions(BoltVersion cap);

// `preamble` must hold exactly kPreambleSize bytes.
HandshakeReply negotiate(const uint8_t* preamble, const HandshakeConfig& config);

enum class ChoiceStatus : uint8_t { NeedMore, Ok, Invalid };

// Parses the client's manifest choice (00 00 minor major + varint capabilities) from the start
// of `data`. On Ok, `chosen` and `consumed` are set; Invalid means close the connection.
ChoiceStatus parse_manifest_choice(const uint8_t* data, size_t size,
                                   const std::vector<BoltVersion>& offered, BoltVersion& chosen,
                                   size_t& consumed);

// VarInt (7-bit groups, least significant first). decode returns the byte count, 0 when more
// bytes are needed, and -1 for more than 10 bytes.
void put_varint(std::string& out, uint64_t v);
int get_varint(const uint8_t* data, size_t size, uint64_t& v);

}  // namespace quiver::bolt
