// quiver::server — the second thread of one Bolt connection: it executes the connection's
// requests and keeps its clocks, while the connection's own thread does all socket I/O.
//
//   threaded (plain TCP): the I/O thread keeps reading while a request runs, so a RESET is seen
//     at once (bolt::Connection::receive interrupts the session); requests are post()ed, the
//     worker runs them in order and hands the replies back through take(), signalling wake_fd()
//     (an eventfd the I/O thread polls beside the socket).
//   inline (TLS, whose stream cannot be read and written from two threads): the I/O thread runs
//     the requests itself through execute_here(); the worker only keeps the clocks.
// Clocks, checked while no request runs: an open transaction past its tx_timeout is rolled back
// (Connection::expire_transaction), and a connection silent for longer than the idle timeout
// (the authentication timeout until it has logged on) is shut down, which ends the I/O thread's
// blocking read or poll. A failed authentication is answered after a delay (brute force).
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "bolt/connection.h"

namespace quiver::server {

struct WorkerLimits {
    int idle_timeout_ms = 1200 * 1000;
    int auth_timeout_ms = 30 * 1000;
    int auth_failure_delay_ms = 500;
};

class ConnectionWorker {
public:
    ConnectionWorker(bolt::Connection& conn, int fd, WorkerLimits limits);
    ~ConnectionWorker();  // finish()
    ConnectionWorker(const ConnectionWorker&) = delete;
    ConnectionWorker& operator=(const ConnectionWorker&) = delete;

    // Connection::receive under the clocks' lock (the handshake creates the session they read);
    // every received byte counts as activity.
    bolt::Received receive(const uint8_t* data, size_t size);
    void post(std::vector<bolt::Request> requests);                      // threaded
    bolt::Output execute_here(const std::vector<bolt::Request>& requests);  // inline
    int wake_fd() const { return wake_fd_; }
    bolt::Output take();  // replies produced so far, in order (threaded)
    // Runs what is queued to its end, then stops the thread. take() still has the replies.
    void finish();
    bool timed_out() const;  // the idle or authentication timeout closed the connection

private:
    using Clock = std::chrono::steady_clock;
    void loop();
    bolt::Output run_one(const bolt::Request& r);  // executes; delays a failed authentication
    Clock::time_point deadline_locked() const;     // next clock event while idle

    bolt::Connection& conn_;
    int fd_;
    WorkerLimits limits_;
    int wake_fd_ = -1;
    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::deque<bolt::Request> queue_;
    bolt::Output out_;
    bool busy_ = false, closed_ = false, stopping_ = false, timed_out_ = false;
    Clock::time_point last_activity_ = Clock::now();
    std::thread thread_;
};

}  // namespace quiver::server
