// quiver::bolt — the Bolt server state machine of one connection (bolt.md §6–§11), after the
// handshake. Input: one dechunked message; output: the chunked reply bytes. No I/O: the caller
// writes the bytes and closes the connection once closing() is true.
//
// States: NEGOTIATION/CONNECTED → (HELLO) → AUTHENTICATION (5.1+) → (LOGON) → READY ⇄ STREAMING
// (auto-commit result), READY ⇄ TX_READY ⇄ TX_STREAMING (explicit transaction, results keyed by
// qid), FAILED (after a FAILURE: IGNORED until RESET), DEFUNCT (closing). Requests are handled
// in arrival order; RESET answers SUCCESS from every authenticated state, rolling back an open
// transaction. RESET also jumps the queue (bolt.md §8.3): the transport calls interrupt() as soon
// as it has received one, from its own thread, which terminates the running statement (its
// request fails with Neo.ClientError.Transaction.Terminated) and makes every request handled
// before that RESET answer IGNORED (the INTERRUPTED state).
// A message not allowed in the current state, an unknown message and malformed PackStream get
// FAILURE Neo.ClientError.Request.Invalid and close the connection. Query errors get FAILURE and
// leave the connection usable after RESET; an error in an explicit transaction rolls it back.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "base/error.h"
#include "bolt/server_context.h"
#include "value/packstream.h"

namespace quiver::bolt {

enum class State : uint8_t {
    Negotiation,  // CONNECTED in 4.4/5.0
    Authentication,
    Ready,
    Streaming,
    TxReady,
    TxStreaming,
    Failed,
    Defunct,
};
const char* state_name(State s);

class Session {
public:
    Session(ServerContext& ctx, BoltVersion version, bool manifest_used);
    ~Session();

    // Handles one complete message; appends the (chunked) response to `out`.
    void handle(std::string_view message, std::string& out);
    // Fails the connection (e.g. an oversized message): FAILURE, then closing.
    void fail_protocol(const std::string& why, std::string& out);

    State state() const { return state_; }
    bool closing() const { return state_ == State::Defunct; }
    // True once after an authentication failure: the caller delays the reply (brute force).
    bool take_auth_failure() { return std::exchange(auth_failed_, false); }
    BoltVersion version() const { return version_; }
    const std::string& user() const { return user_; }
    // Every request after the handshake fails with `e`, then the connection closes (limits).
    void reject_with(QuiverError e) { reject_ = std::make_unique<QuiverError>(std::move(e)); }
    // Rolls back an open transaction (connection closing, server shutting down).
    void abort();
    // When the open explicit transaction has a tx_timeout: its deadline (else time_point::max()).
    std::chrono::steady_clock::time_point transaction_deadline() const;
    // Called by the transport between requests: an open transaction past its deadline is rolled
    // back now (freeing the writer), and its next request fails with
    // Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration.
    void expire_transaction(std::chrono::steady_clock::time_point now);
    // Thread-safe: a RESET has been received and waits behind the requests being handled.
    // Terminates the running statement (or open transaction) now; requests up to that RESET
    // are answered IGNORED.
    void interrupt();

private:
    struct Stream {
        std::unique_ptr<Result> result;
        bool had_rows = false;
    };
    struct Message {
        uint8_t tag = 0;
        ValueList fields;
    };

    Message decode(std::string_view bytes) const;
    void dispatch(Message& m, std::string& out);

    void hello(const ValueMap& extra, std::string& out);
    void logon(const ValueMap& token, std::string& out);
    void run(Message& m, std::string& out);
    void pull(const ValueMap& extra, bool discard, std::string& out);
    void begin(const ValueMap& extra, std::string& out);
    void commit(std::string& out);
    void rollback(std::string& out);
    void route(Message& m, std::string& out);
    void reset();

    // Validates db, bookmarks and imp_user of RUN/BEGIN/ROUTE extra; returns the db name.
    std::string check_extra(const ValueMap& extra, bool& db_given);
    // tx_timeout (ms) and tx_metadata (accepted, unused) of RUN/BEGIN extra.
    // Also arms a fresh cancellation for the statement or transaction (see interrupt()).
    TransactionConfig transaction_config(const ValueMap& extra);
    void throw_if_expired() const;
    bool try_admin_command(std::string_view query, const ValueMap& params, std::string& out);

    void success(std::string& out, const ValueMap& meta);
    void ignored(std::string& out);
    void failure(std::string& out, const QuiverError& e);
    void query_failure(std::string& out, const QuiverError& e);  // → FAILED, tx rolled back
    void protocol_error(std::string& out, const std::string& why);
    void record(std::string& out, const std::vector<Value>& row);
    std::string bookmark() const;

    ServerContext& ctx_;
    BoltVersion version_;
    bool manifest_used_;
    packstream::Version pack_version_;
    State state_ = State::Negotiation;
    std::string connection_id_;
    std::string user_;
    bool auth_failed_ = false;
    std::unique_ptr<QuiverError> reject_;

    Stream auto_stream_;                                // STREAMING
    std::unique_ptr<Transaction> tx_;                   // TX_READY / TX_STREAMING
    bool tx_writes_ = false;
    bool tx_expired_ = false;  // rolled back by expire_transaction(); still TX_READY
    std::chrono::steady_clock::time_point tx_deadline_ = std::chrono::steady_clock::time_point::max();
    std::map<int64_t, Stream> tx_streams_;
    int64_t next_qid_ = 0, last_qid_ = -1;

    // RESETs received (interrupt()) and not yet handled; while above zero the session is
    // INTERRUPTED. `cancel_` terminates the statement or transaction running now.
    std::atomic<int> interrupts_{0};
    std::mutex cancel_mu_;
    std::shared_ptr<Cancellation> cancel_;
};

}  // namespace quiver::bolt
