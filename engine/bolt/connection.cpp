#include "bolt/connection.h"

#include <fmt/format.h>

namespace quiver::bolt {

void Connection::start_session(BoltVersion v, bool manifest) {
    session_ = std::make_unique<Session>(ctx_, v, manifest);
    if (reject_) session_->reject_with(*reject_);
}

Output Connection::feed(const uint8_t* data, size_t size) {
    Output out;
    if (phase_ == Phase::Closed) {
        out.close = true;
        return out;
    }
    const uint8_t* p = data;
    size_t n = size;
    if (phase_ == Phase::Preamble || phase_ == Phase::ManifestChoice) {
        pending_.append(reinterpret_cast<const char*>(data), size);
        const auto* buf = reinterpret_cast<const uint8_t*>(pending_.data());
        size_t used = 0;
        if (phase_ == Phase::Preamble) {
            // A wrong magic fails as soon as the first bytes disagree.
            for (size_t i = 0; i < pending_.size() && i < 4; ++i)
                if (buf[i] != kMagic[i]) {
                    phase_ = Phase::Closed;
                    out.close = true;
                    return out;
                }
            if (pending_.size() < kPreambleSize) return out;
            HandshakeReply r = negotiate(buf, ctx_.handshake);
            used = kPreambleSize;
            out.bytes = r.reply;
            switch (r.outcome) {
                case HandshakeOutcome::BadMagic:
                case HandshakeOutcome::NoVersion:
                    phase_ = Phase::Closed;
                    out.close = true;
                    return out;
                case HandshakeOutcome::Selected:
                    start_session(r.version, false);
                    phase_ = Phase::Messages;
                    break;
                case HandshakeOutcome::Manifest:
                    offered_ = r.offered;
                    phase_ = Phase::ManifestChoice;
                    break;
            }
        }
        if (phase_ == Phase::ManifestChoice) {
            BoltVersion chosen;
            size_t consumed = 0;
            switch (parse_manifest_choice(buf + used, pending_.size() - used, offered_, chosen,
                                          consumed)) {
                case ChoiceStatus::NeedMore:
                    pending_.erase(0, used);
                    return out;
                case ChoiceStatus::Invalid:
                    phase_ = Phase::Closed;
                    out.close = true;
                    return out;
                case ChoiceStatus::Ok:
                    used += consumed;
                    start_session(chosen, true);
                    phase_ = Phase::Messages;
                    break;
            }
        }
        // The rest of the buffer (pipelined HELLO...) goes to the dechunker below.
        std::string rest = pending_.substr(used);
        pending_.clear();
        std::vector<std::string> messages;
        bool ok = dechunker_.feed(reinterpret_cast<const uint8_t*>(rest.data()), rest.size(),
                                  messages);
        for (const auto& m : messages) {
            if (session_->closing()) break;
            session_->handle(m, out.bytes);
        }
        if (!ok && !session_->closing())
            session_->fail_protocol(
                fmt::format("Message exceeds the maximum size of {} bytes", ctx_.max_message_bytes),
                out.bytes);
        out.auth_failed = session_->take_auth_failure();
        if (session_->closing()) {
            phase_ = Phase::Closed;
            out.close = true;
        }
        return out;
    }
    std::vector<std::string> messages;
    bool ok = dechunker_.feed(p, n, messages);
    for (const auto& m : messages) {
        if (session_->closing()) break;
        session_->handle(m, out.bytes);
    }
    if (!ok && !session_->closing())
        session_->fail_protocol(
            fmt::format("Message exceeds the maximum size of {} bytes", ctx_.max_message_bytes),
            out.bytes);
    out.auth_failed = session_->take_auth_failure();
    if (session_->closing()) {
        phase_ = Phase::Closed;
        out.close = true;
    }
    return out;
}

}  // namespace quiver::bolt
