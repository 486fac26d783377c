#include "transaction_registry.h"

#include <vector>

namespace quiver::http {

TransactionRegistry::TransactionRegistry(std::chrono::milliseconds idle_timeout,
                                         std::function<Clock::time_point()> now)
    : idle_timeout_(idle_timeout), now_(now ? std::move(now) : [] { return Clock::now(); }) {}

TransactionRegistry::~TransactionRegistry() {
    for (auto& [id, e] : entries_) close(std::move(e.tx));
}

void TransactionRegistry::close(std::unique_ptr<Transaction> tx) {
    if (!tx) return;
    try {
        if (tx->is_open()) tx->rollback();
    } catch (...) {
        // A rollback failure leaves nothing to undo for the client; the transaction is gone.
    }
}

int64_t TransactionRegistry::add(std::unique_ptr<Transaction> tx) {
    std::lock_guard lock(mutex_);
    int64_t id = next_id_++;
    entries_[id] = Entry{std::move(tx), now_() + idle_timeout_, true};
    return id;
}

TransactionRegistry::Lease TransactionRegistry::acquire(int64_t id) {
    reap_expired();
    std::lock_guard lock(mutex_);
    auto it = entries_.find(id);
    if (it == entries_.end()) return {Status::NotFound, id, nullptr};
    if (it->second.busy) return {Status::Busy, id, nullptr};
    it->second.busy = true;
    return {Status::Ok, id, it->second.tx.get()};
}

void TransactionRegistry::release(int64_t id) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(id);
    if (it == entries_.end()) return;
    it->second.busy = false;
    it->second.deadline = now_() + idle_timeout_;
}

void TransactionRegistry::remove(int64_t id) {
    std::unique_ptr<Transaction> tx;
    {
        std::lock_guard lock(mutex_);
        auto it = entries_.find(id);
        if (it == entries_.end()) return;
        tx = std::move(it->second.tx);
        entries_.erase(it);
    }
    close(std::move(tx));
}

size_t TransactionRegistry::reap_expired() { return close_where(true); }
size_t TransactionRegistry::close_idle() { return close_where(false); }

size_t TransactionRegistry::close_where(bool only_expired) {
    std::vector<std::unique_ptr<Transaction>> expired;
    {
        std::lock_guard lock(mutex_);
        auto now = now_();
        for (auto it = entries_.begin(); it != entries_.end();) {
            if (!it->second.busy && (!only_expired || it->second.deadline <= now)) {
                expired.push_back(std::move(it->second.tx));
                it = entries_.erase(it);
            } else {
                ++it;
            }
        }
    }
    for (auto& tx : expired) close(std::move(tx));
    return expired.size();
}

std::chrono::system_clock::time_point TransactionRegistry::expiry_from_now() const {
    return std::chrono::system_clock::now() +
           std::chrono::duration_cast<std::chrono::system_clock::duration>(idle_timeout_);
}

size_t TransactionRegistry::size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
}

}  // namespace quiver::http
