// quiver::executor — the runtime limits of one transaction: tracked memory, timeout and
// cancellation. Operators call QueryGuard::check() in every loop that can run long (each pull
// from a child, var-length expansion steps, sort comparisons) and account the rows and values
// they hold in a MemoryTracker through TrackedBytes.
//
// Promises:
//   1. check() is cheap (a counter and a branch); every 256th call it reads the cancellation
//      flag and the clock, so a cancel() or an expired deadline stops the statement within a
//      few hundred operator steps;
//   2. a failed check throws Neo.ClientError.Transaction.Terminated (cancelled) or
//      Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration (deadline), and
//      MemoryTracker::allocate past the limit throws
//      Neo.TransientError.General.MemoryPoolOutOfMemoryError, all with Neo4j's messages; the
//      caller (main/) rolls the transaction back;
//   3. memory is estimated, not measured: value_bytes() sums the sizes of a value's parts.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "quiver/database.h"
#include "value/value.h"

namespace quiver::executor {

class MemoryTracker {
public:
    explicit MemoryTracker(uint64_t limit = 0) : limit_(limit) {}  // 0 = unlimited
    void allocate(uint64_t bytes) {  // throws MemoryPoolOutOfMemoryError past the limit
        if (limit_ && used_ + bytes > limit_) refuse(bytes);
        used_ += bytes;
        if (used_ > peak_) peak_ = used_;
    }
    void release(uint64_t bytes) { used_ -= bytes < used_ ? bytes : used_; }
    uint64_t used() const { return used_; }
    uint64_t peak() const { return peak_; }
    uint64_t limit() const { return limit_; }

private:
    [[noreturn]] void refuse(uint64_t bytes) const;
    uint64_t limit_;
    uint64_t used_ = 0, peak_ = 0;
};

// Bytes held by one operator state (or one buffered result); given back when it dies.
class TrackedBytes {
public:
    explicit TrackedBytes(MemoryTracker* t = nullptr) : t_(t) {}
    TrackedBytes(const TrackedBytes&) = delete;
    TrackedBytes& operator=(const TrackedBytes&) = delete;
    ~TrackedBytes() { clear(); }
    void bind(MemoryTracker* t) {
        clear();
        t_ = t;
    }
    void add(uint64_t bytes) {
        if (!t_) return;
        t_->allocate(bytes);
        n_ += bytes;
    }
    void clear() {
        if (t_) t_->release(n_);
        n_ = 0;
    }
    uint64_t bytes() const { return n_; }

private:
    MemoryTracker* t_;
    uint64_t n_ = 0;
};

class QueryGuard {
public:
    using Clock = std::chrono::steady_clock;
    QueryGuard() = default;
    QueryGuard(std::shared_ptr<Cancellation> cancel, uint64_t timeout_ms, uint64_t memory_limit);

    void check() {
        if ((++ticks_ & 255u) == 0) check_now();
    }
    void check_now();  // throws when cancelled or past the deadline
    bool cancelled() const { return cancel_ && cancel_->cancelled(); }
    MemoryTracker& memory() { return memory_; }

private:
    std::shared_ptr<Cancellation> cancel_;
    std::optional<Clock::time_point> deadline_;
    MemoryTracker memory_;
    uint32_t ticks_ = 0;
};

// Estimated heap footprint of a value (its own slot included) and of a row of them. A scalar
// is its slot alone (inline: most cells are); held_value_bytes() sizes everything else.
uint64_t held_value_bytes(const Value& v);
inline uint64_t value_bytes(const Value& v) {
    switch (v.kind()) {
        case ValueKind::Null:
        case ValueKind::Bool:
        case ValueKind::Int:
        case ValueKind::Float: return sizeof(Value);
        default: return held_value_bytes(v);
    }
}
uint64_t row_bytes(const std::vector<Value>& row);

}  // namespace quiver::executor
