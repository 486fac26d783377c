// quiver::bolt — Bolt message framing (bolt.md §3): chunks of [u16 size][bytes], a message ends
// with 00 00; a 00 00 with no pending data is a NOOP. No I/O.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quiver::bolt {

class Dechunker {
public:
    explicit Dechunker(size_t max_message_bytes) : max_(max_message_bytes) {}

    // Consumes bytes (split anywhere); appends every completed message. Returns false when a
    // message exceeds the size limit (the connection must then fail).
    bool feed(const uint8_t* data, size_t size, std::vector<std::string>& messages);

private:
    size_t max_;
    std::string message_;
    uint8_t header_[2] = {0, 0};
    int header_have_ = 0;
    size_t chunk_left_ = 0;
};

// Appends `body` as a chunked message (chunks of at most 65,535 bytes, then 00 00).
void write_message(std::string& out, std::string_view body);

}  // namespace quiver::bolt
