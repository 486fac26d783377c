#include "connection_worker.h"

#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

namespace quiver::server {

ConnectionWorker::ConnectionWorker(bolt::Connection& conn, int fd, WorkerLimits limits)
    : conn_(conn), fd_(fd), limits_(limits) {
    wake_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (wake_fd_ < 0) throw std::runtime_error("eventfd failed");
    thread_ = std::thread([this] { loop(); });
}

ConnectionWorker::~ConnectionWorker() {
    finish();
    ::close(wake_fd_);
}

bolt::Received ConnectionWorker::receive(const uint8_t* data, size_t size) {
    std::lock_guard lock(mu_);
    last_activity_ = Clock::now();
    return conn_.receive(data, size);
}

void ConnectionWorker::post(std::vector<bolt::Request> requests) {
    if (requests.empty()) return;
    std::lock_guard lock(mu_);
    if (closed_) return;
    for (auto& r : requests) queue_.push_back(std::move(r));
    last_activity_ = Clock::now();
    cv_.notify_all();
}

bolt::Output ConnectionWorker::run_one(const bolt::Request& r) {
    bolt::Output o = conn_.execute(r);
    if (o.auth_failed)
        std::this_thread::sleep_for(std::chrono::milliseconds(limits_.auth_failure_delay_ms));
    return o;
}

bolt::Output ConnectionWorker::execute_here(const std::vector<bolt::Request>& requests) {
    {
        std::lock_guard lock(mu_);
        busy_ = true;
    }
    bolt::Output out;
    for (const auto& r : requests) {
        bolt::Output o = run_one(r);
        out.bytes += o.bytes;
        if (o.close) {
            out.close = true;
            break;
        }
    }
    std::lock_guard lock(mu_);
    busy_ = false;
    last_activity_ = Clock::now();
    cv_.notify_all();
    return out;
}

bolt::Output ConnectionWorker::take() {
    uint64_t ignored;
    while (::read(wake_fd_, &ignored, sizeof ignored) > 0) {
    }
    std::lock_guard lock(mu_);
    return std::exchange(out_, bolt::Output{});
}

void ConnectionWorker::finish() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
        cv_.notify_all();
    }
    if (thread_.joinable()) thread_.join();
}

bool ConnectionWorker::timed_out() const {
    std::lock_guard lock(mu_);
    return timed_out_;
}

ConnectionWorker::Clock::time_point ConnectionWorker::deadline_locked() const {
    if (timed_out_ || closed_) return Clock::time_point::max();
    const bolt::Session* s = conn_.session();
    bool authenticated = s && s->state() != bolt::State::Negotiation &&
                         s->state() != bolt::State::Authentication;
    auto idle = last_activity_ + std::chrono::milliseconds(authenticated ? limits_.idle_timeout_ms
                                                                         : limits_.auth_timeout_ms);
    return std::min(idle, conn_.transaction_deadline());
}

void ConnectionWorker::loop() {
    std::unique_lock lock(mu_);
    for (;;) {
        if (!queue_.empty() && !closed_) {
            bolt::Request r = std::move(queue_.front());
            queue_.pop_front();
            busy_ = true;
            lock.unlock();
            bolt::Output o = run_one(r);
            lock.lock();
            busy_ = false;
            last_activity_ = Clock::now();
            out_.bytes += o.bytes;
            if (o.close) {
                out_.close = closed_ = true;
                queue_.clear();
            }
            uint64_t one = 1;
            (void)!::write(wake_fd_, &one, sizeof one);
            continue;
        }
        if (stopping_) return;
        if (busy_) {  // inline mode: the I/O thread is executing; its end notifies
            cv_.wait(lock);
            continue;
        }
        auto deadline = deadline_locked();
        if (deadline == Clock::time_point::max()) {
            cv_.wait(lock);
            continue;
        }
        if (cv_.wait_until(lock, deadline) != std::cv_status::timeout) continue;
        if (busy_ || !queue_.empty() || stopping_) continue;
        auto now = Clock::now();
        if (now >= conn_.transaction_deadline()) {
            conn_.expire_transaction(now);  // frees the writer; the next request fails
            continue;
        }
        if (now >= deadline_locked()) {
            timed_out_ = true;
            ::shutdown(fd_, SHUT_RDWR);  // ends the I/O thread's read or poll
        }
    }
}

}  // namespace quiver::server
