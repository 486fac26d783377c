// quiver::cli — Ctrl-C while a statement runs: cancels the statement, not the shell.
#pragma once

#include <csignal>

#include "quiver/database.h"

namespace quiver::cli {

// While alive, SIGINT cancels `c` (its transaction fails with Neo.ClientError.Transaction.
// Terminated and rolls back) instead of ending the process; the previous handler comes back
// afterwards. One at a time.
class CancelOnInterrupt {
public:
    explicit CancelOnInterrupt(Cancellation& c);
    ~CancelOnInterrupt();
    CancelOnInterrupt(const CancelOnInterrupt&) = delete;
    CancelOnInterrupt& operator=(const CancelOnInterrupt&) = delete;

private:
    struct sigaction previous_ {};
};

}  // namespace quiver::cli
