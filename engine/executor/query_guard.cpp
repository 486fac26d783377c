#include "executor/query_guard.h"

#include <iterator>

#include <fmt/format.h>

#include "base/error.h"

namespace quiver::executor {

namespace {
// Neo4j prints sizes with binary units and one decimal ("2.0 MiB").
std::string human_bytes(uint64_t n) {
    static const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = double(n);
    size_t u = 0;
    while (v >= 1024.0 && u + 1 < std::size(units)) {
        v /= 1024.0;
        ++u;
    }
    return u == 0 ? fmt::format("{} B", n) : fmt::format("{:.1f} {}", v, units[u]);
}
}  // namespace

void MemoryTracker::refuse(uint64_t bytes) const {
    throw QuiverError(
        std::string(status::MemoryLimit),
        fmt::format("The allocation of an extra {} would use more than the limit {}. "
                    "Currently using {}. db.memory.transaction.max threshold reached",
                    human_bytes(bytes), human_bytes(limit_), human_bytes(used_)),
        "*", ErrorPhase::Runtime);
}

QueryGuard::QueryGuard(std::shared_ptr<Cancellation> cancel, uint64_t timeout_ms,
                       uint64_t memory_limit)
    : cancel_(std::move(cancel)), memory_(memory_limit) {
    if (timeout_ms) deadline_ = Clock::now() + std::chrono::milliseconds(timeout_ms);
}

void QueryGuard::check_now() {
    if (cancelled())
        throw QuiverError(std::string(status::TransactionTerminated),
                          "The transaction has been terminated. Retry your operation in a new "
                          "transaction, and you should see a successful result. Explicitly "
                          "terminated by the user. ",
                          "*", ErrorPhase::Runtime);
    if (deadline_ && Clock::now() >= *deadline_)
        throw QuiverError(std::string(status::TransactionTimedOut),
                          "The transaction has not completed within the timeout specified at "
                          "its start by the client. You may want to retry with a longer timeout.",
                          "*", ErrorPhase::Runtime);
}

uint64_t held_value_bytes(const Value& v) {
    uint64_t n = sizeof(Value);
    switch (v.kind()) {
        case ValueKind::String: n += 32 + v.as_string().size(); break;
        case ValueKind::List:
            n += 32;
            for (const auto& x : v.as_list()) n += value_bytes(x);
            break;
        case ValueKind::Map:
            n += 32;
            for (const auto& [k, x] : v.as_map()) n += 32 + k.size() + value_bytes(x);
            break;
        case ValueKind::Path:
            n += 64;
            for (const auto& x : v.as_path().nodes) n += value_bytes(x);
            for (const auto& x : v.as_path().rels) n += value_bytes(x);
            break;
        case ValueKind::Node:
        case ValueKind::Relationship:
            if (!v.is_entity_ref()) n += 128;  // materialised: id strings, labels, properties
            break;
        case ValueKind::Null:
        case ValueKind::Bool:
        case ValueKind::Int:
        case ValueKind::Float: break;
        default: n += 48; break;  // boxed temporal / spatial value
    }
    return n;
}

uint64_t row_bytes(const std::vector<Value>& row) {
    uint64_t n = 24;
    for (const auto& v : row) n += value_bytes(v);
    return n;
}

}  // namespace quiver::executor
