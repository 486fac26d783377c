#include "interrupt.h"

#include <atomic>
#include <csignal>

namespace quiver::cli {

namespace {
std::atomic<Cancellation*> g_target{nullptr};

void on_interrupt(int) {
    if (Cancellation* c = g_target.load()) c->cancel();  // an atomic store: signal-safe
}
}  // namespace

CancelOnInterrupt::CancelOnInterrupt(Cancellation& c) {
    g_target.store(&c);
    struct sigaction sa {};
    sa.sa_handler = on_interrupt;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &previous_);
}

CancelOnInterrupt::~CancelOnInterrupt() {
    sigaction(SIGINT, &previous_, nullptr);
    g_target.store(nullptr);
}

}  // namespace quiver::cli
