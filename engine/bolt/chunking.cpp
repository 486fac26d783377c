#include "bolt/chunking.h"

#include <algorithm>

namespace quiver::bolt {

bool Dechunker::feed(const uint8_t* data, size_t size, std::vector<std::string>& messages) {
    size_t i = 0;
    while (i < size) {
        if (chunk_left_ == 0) {
            header_[header_have_++] = data[i++];
            if (header_have_ < 2) continue;
            header_have_ = 0;
            size_t n = size_t(header_[0]) << 8 | header_[1];
            if (n == 0) {
                // End of message, or a NOOP when nothing is pending.
                if (!message_.empty()) messages.push_back(std::move(message_));
                message_.clear();
                continue;
            }
            if (message_.size() + n > max_) return false;
            chunk_left_ = n;
            continue;
        }
        size_t take = std::min(chunk_left_, size - i);
        message_.append(reinterpret_cast<const char*>(data + i), take);
        i += take;
        chunk_left_ -= take;
    }
    return true;
}

void write_message(std::string& out, std::string_view body) {
    size_t pos = 0;
    while (pos < body.size()) {
        size_t n = std::min<size_t>(65535, body.size() - pos);
        out.push_back(char(n >> 8));
        out.push_back(char(n & 0xFF));
        out.append(body.substr(pos, n));
        pos += n;
    }
    out.push_back(0);
    out.push_back(0);
}

}  // namespace quiver::bolt
