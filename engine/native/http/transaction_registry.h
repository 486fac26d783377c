// quiver::http — the open transactions of the transactional endpoint, by id.
//
// Ids come from a counter starting at 1. A transaction is idle between requests; each request
// checks it out (acquire) and back in (release), which restarts its idle clock. A transaction
// idle past its deadline is rolled back by reap_expired() (called by the server's timer and
// lazily on every acquire). Acquiring one that another request holds is reported as Busy
// (Neo.ClientError.Transaction.TransactionAccessedConcurrently).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

#include "quiver/database.h"

namespace quiver::http {

using Clock = std::chrono::steady_clock;

class TransactionRegistry {
public:
    TransactionRegistry(std::chrono::milliseconds idle_timeout, std::function<Clock::time_point()> now);
    ~TransactionRegistry();

    enum class Status { Ok, NotFound, Busy };
    struct Lease {
        Status status = Status::NotFound;
        int64_t id = 0;
        Transaction* tx = nullptr;
    };

    // Registers a new open transaction, checked out by the caller; returns its id.
    int64_t add(std::unique_ptr<Transaction> tx);
    Lease acquire(int64_t id);
    // Checks the transaction back in; its idle clock restarts.
    void release(int64_t id);
    // Forgets the transaction (after commit, rollback or failure); rolls it back if still open.
    void remove(int64_t id);
    // Rolls back and forgets every idle transaction past its deadline; returns how many.
    size_t reap_expired();
    // Rolls back and forgets every transaction no request is using (at shutdown).
    size_t close_idle();
    // Wall-clock instant at which the transaction expires if left idle from now.
    std::chrono::system_clock::time_point expiry_from_now() const;
    size_t size() const;

private:
    struct Entry {
        std::unique_ptr<Transaction> tx;
        Clock::time_point deadline;
        bool busy = false;
    };
    static void close(std::unique_ptr<Transaction> tx);
    size_t close_where(bool only_expired);

    std::chrono::milliseconds idle_timeout_;
    std::function<Clock::time_point()> now_;
    mutable std::mutex mutex_;
    std::map<int64_t, Entry> entries_;
    int64_t next_id_ = 1;
};

}  // namespace quiver::http
