// quiver — a lock for short, frequent critical sections (a list splice, a counter bumped per
// statement): one atomic exchange to take it and one store to give it back, where std::mutex
// costs a library call each way. A waiter yields its time slice between tries, so a holder that
// was preempted, or an occasional longer holder (a listing), costs waiters time slices, not
// spinning. Not for sections that block (I/O, waiting on another lock or condition).
#pragma once

#include <atomic>
#include <thread>

namespace quiver {

class SpinLock {
public:
    void lock() noexcept {
        while (held_.exchange(true, std::memory_order_acquire))
            while (held_.load(std::memory_order_relaxed)) std::this_thread::yield();
    }
    bool try_lock() noexcept { return !held_.exchange(true, std::memory_order_acquire); }
    void unlock() noexcept { held_.store(false, std::memory_order_release); }

private:
    std::atomic<bool> held_{false};
};

}  // namespace quiver
