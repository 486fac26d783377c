#include "bolt/handshake.h"

namespace quiver::bolt {

namespace {
constexpr BoltVersion kSupported[] = {{5, 8}, {5, 7}, {5, 6}, {5, 4}, {5, 3},
                                      {5, 2}, {5, 1}, {5, 0}, {4, 4}};

bool is_supported(BoltVersion v, BoltVersion cap) {
    if (cap < v) return false;
    for (auto s : kSupported)
        if (s == v) return true;
    return false;
}

void put_version(std::string& out, uint8_t range, BoltVersion v) {
    out.push_back(0);
    out.push_back(char(range));
    out.push_back(char(v.minor));
    out.push_back(char(v.major));
}
}  // namespace

std::vector<BoltVersion> supported_versions(BoltVersion cap) {
    std::vector<BoltVersion> out;
    for (auto s : kSupported)
        if (s <= cap) out.push_back(s);
    return out;
}

void put_varint(std::string& out, uint64_t v) {
    do {
        uint8_t b = v & 0x7F;
        v >>= 7;
        if (v) b |= 0x80;
        out.push_back(char(b));
    } while (v);
}

int get_varint(const uint8_t* data, size_t size, uint64_t& v) {
    v = 0;
    for (size_t i = 0; i < size; ++i) {
        if (i >= 10) return -1;
        v |= uint64_t(data[i] & 0x7F) << (7 * i);
        if (!(data[i] & 0x80)) return int(i + 1);
    }
    return size >= 10 ? -1 : 0;
}

HandshakeReply negotiate(const uint8_t* p, const HandshakeConfig& config) {
    HandshakeReply r;
    for (int i = 0; i < 4; ++i)
        if (p[i] != kMagic[i]) return r;  // BadMagic
    for (int slot = 0; slot < 4; ++slot) {
        const uint8_t* s = p + 4 + slot * 4;
        uint8_t range = s[1], minor = s[2], major = s[3];
        if (major == 0 && minor == 0 && range == 0) continue;
        if (major == 0xFF) {
            if (minor == 0x01 && config.manifest) {
                // Group the supported versions into runs of consecutive minors per major.
                auto versions = supported_versions(config.max_version);
                std::vector<std::pair<BoltVersion, uint8_t>> runs;  // (top, range)
                for (auto v : versions) {
                    if (!runs.empty()) {
                        auto& [top, rg] = runs.back();
                        if (top.major == v.major && top.minor - rg - 1 == v.minor) {
                            ++rg;
                            continue;
                        }
                    }
                    runs.push_back({v, 0});
                }
                r.outcome = HandshakeOutcome::Manifest;
                r.offered = versions;
                r.reply.assign("\x00\x00\x01\xFF", 4);
                put_varint(r.reply, runs.size());
                for (auto& [top, rg] : runs) put_version(r.reply, rg, top);
                put_varint(r.reply, 0);  // capabilities: none
                return r;
            }
            continue;  // unknown handshake revision
        }
        int low = int(minor) - int(range);
        if (low < 0) low = 0;
        for (int m = minor; m >= low; --m) {
            BoltVersion v{major, uint8_t(m)};
            if (is_supported(v, config.max_version)) {
                r.outcome = HandshakeOutcome::Selected;
                r.version = v;
                put_version(r.reply, 0, v);
                return r;
            }
        }
    }
    r.outcome = HandshakeOutcome::NoVersion;
    r.reply.assign(4, '\0');
    return r;
}

ChoiceStatus parse_manifest_choice(const uint8_t* data, size_t size,
                                   const std::vector<BoltVersion>& offered, BoltVersion& chosen,
                                   size_t& consumed) {
    if (size < 5) return ChoiceStatus::NeedMore;
    uint64_t caps = 0;
    int n = get_varint(data + 4, size - 4, caps);
    if (n == 0) return ChoiceStatus::NeedMore;
    if (n < 0) return ChoiceStatus::Invalid;
    if (data[0] != 0 || data[1] != 0) return ChoiceStatus::Invalid;
    if (caps != 0) return ChoiceStatus::Invalid;  // we offered no capabilities
    BoltVersion v{data[3], data[2]};
    bool ok = false;
    for (auto o : offered) ok = ok || o == v;
    if (!ok) return ChoiceStatus::Invalid;
    chosen = v;
    consumed = 4 + size_t(n);
    return ChoiceStatus::Ok;
}

}  // namespace quiver::bolt
