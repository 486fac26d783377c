#include "bolt/connection.h"

#include <fmt/format.h>

namespace quiver::bolt {

void Connection::start_session(BoltVersion v, bool manifest) {
    session_ = std::make_unique<Session>(ctx_, v, manifest);
    if (reject_) session_->reject_with(*reject_);
}

namespace {
// RESET is a PackStream structure with no fields and signature 0x0F.
bool is_reset(const std::string& m) {
    return m.size() >= 2 && static_cast<uint8_t>(m[0]) == 0xB0 && static_cast<uint8_t>(m[1]) == 0x0F;
}
}  // namespace

Output Connection::feed(const uint8_t* data, size_t size) {
    Received r = receive(data, size);
    Output out;
    out.bytes = std::move(r.bytes);
    out.close = r.close;
    for (const auto& req : r.requests) {
        Output o = execute(req);
        out.bytes += o.bytes;
        out.auth_failed = out.auth_failed || o.auth_failed;
        if (o.close) {
            out.close = true;
            break;
        }
    }
    return out;
}

void Connection::dechunk(const uint8_t* data, size_t size, Received& r) {
    std::vector<std::string> messages;
    bool ok = dechunker_.feed(data, size, messages);
    for (auto& m : messages) {
        if (is_reset(m)) session_->interrupt();
        r.requests.push_back(Request{std::move(m), false});
    }
    if (!ok) r.requests.push_back(Request{{}, true});
}

Output Connection::execute(const Request& req) {
    Output out;  // phase_ belongs to receive()'s thread: only the session is consulted here
    if (!session_ || session_->closing()) {
        out.close = true;
        return out;
    }
    if (req.too_large)
        session_->fail_protocol(
            fmt::format("Message exceeds the maximum size of {} bytes", ctx_.max_message_bytes),
            out.bytes);
    else
        session_->handle(req.message, out.bytes);
    out.auth_failed = session_->take_auth_failure();
    out.close = session_->closing();
    return out;
}

Received Connection::receive(const uint8_t* data, size_t size) {
    Received out;
    if (phase_ == Phase::Closed) {
        out.close = true;
        return out;
    }
    if (phase_ == Phase::Messages) {
        dechunk(data, size, out);
        return out;
    }
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
    // The rest of the buffer (pipelined HELLO...) goes to the dechunker.
    std::string rest = pending_.substr(used);
    pending_.clear();
    dechunk(reinterpret_cast<const uint8_t*>(rest.data()), rest.size(), out);
    return out;
}

}  // namespace quiver::bolt
