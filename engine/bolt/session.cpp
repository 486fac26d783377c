#include "bolt/session.h"

#include <fmt/format.h>

#include <regex>

#include "bolt/chunking.h"
#include "bolt/metadata.h"

namespace quiver::bolt {

namespace {

namespace sig {
constexpr uint8_t Hello = 0x01, Goodbye = 0x02, Reset = 0x0F, Run = 0x10, Begin = 0x11,
                  Commit = 0x12, Rollback = 0x13, Discard = 0x2F, Pull = 0x3F, Telemetry = 0x54,
                  Route = 0x66, Logon = 0x6A, Logoff = 0x6B;
constexpr uint8_t Success = 0x70, Record = 0x71, Ignored = 0x7E, Failure = 0x7F;
}  // namespace sig

std::string string_or(const ValueMap& m, std::string_view key, std::string fallback = {}) {
    const Value* v = map_find(m, key);
    return v && v->is_string() ? v->as_string() : fallback;
}

const ValueMap& as_map_or_empty(const Value& v) {
    static const ValueMap empty;
    return v.is_map() ? v.as_map() : empty;
}

QuiverError invalid(std::string why) {
    return QuiverError(std::string(status::RequestInvalid), std::move(why));
}

const char* message_name(uint8_t tag) {
    switch (tag) {
        case sig::Hello: return "HELLO";
        case sig::Goodbye: return "GOODBYE";
        case sig::Reset: return "RESET";
        case sig::Run: return "RUN";
        case sig::Begin: return "BEGIN";
        case sig::Commit: return "COMMIT";
        case sig::Rollback: return "ROLLBACK";
        case sig::Discard: return "DISCARD";
        case sig::Pull: return "PULL";
        case sig::Telemetry: return "TELEMETRY";
        case sig::Route: return "ROUTE";
        case sig::Logon: return "LOGON";
        case sig::Logoff: return "LOGOFF";
    }
    return nullptr;
}

// Field count of each request (bolt.md §6.1); -1 for an unknown message in this version.
int expected_fields(uint8_t tag, BoltVersion v) {
    switch (tag) {
        case sig::Hello: case sig::Pull: case sig::Discard: case sig::Begin: return 1;
        case sig::Goodbye: case sig::Reset: case sig::Commit: case sig::Rollback: return 0;
        case sig::Run: case sig::Route: return 3;
        case sig::Logon: return v.at_least(5, 1) ? 1 : -1;
        case sig::Logoff: return v.at_least(5, 1) ? 0 : -1;
        case sig::Telemetry: return v.at_least(5, 4) ? 1 : -1;
    }
    return -1;
}

}  // namespace

const char* state_name(State s) {
    switch (s) {
        case State::Negotiation: return "NEGOTIATION";
        case State::Authentication: return "AUTHENTICATION";
        case State::Ready: return "READY";
        case State::Streaming: return "STREAMING";
        case State::TxReady: return "TX_READY";
        case State::TxStreaming: return "TX_STREAMING";
        case State::Failed: return "FAILED";
        case State::Defunct: return "DEFUNCT";
    }
    return "?";
}

Session::Session(ServerContext& ctx, BoltVersion version, bool manifest_used)
    : ctx_(ctx),
      version_(version),
      manifest_used_(manifest_used),
      pack_version_{version.major, version.minor, false},
      connection_id_(fmt::format("bolt-{}", ctx.next_connection.fetch_add(1))) {}

Session::~Session() { abort(); }

void Session::abort() {
    auto_stream_ = Stream{};
    tx_streams_.clear();
    tx_expired_ = false;
    tx_deadline_ = std::chrono::steady_clock::time_point::max();
    if (tx_) {
        try {
            tx_->rollback();
        } catch (...) {
        }
        tx_.reset();
    }
}

std::chrono::steady_clock::time_point Session::transaction_deadline() const {
    return tx_ && !tx_expired_ ? tx_deadline_ : std::chrono::steady_clock::time_point::max();
}

void Session::expire_transaction(std::chrono::steady_clock::time_point now) {
    if (!tx_ || tx_expired_ || now < tx_deadline_) return;
    tx_streams_.clear();
    try {
        tx_->rollback();
    } catch (...) {
    }
    tx_expired_ = true;
}

void Session::throw_if_expired() const {
    if (tx_expired_)
        throw QuiverError(std::string(status::TransactionTimedOut),
                          "The transaction has been terminated. Retry your operation in a new "
                          "transaction, and you should see a successful result. The transaction "
                          "has not completed within the timeout specified at its start by the "
                          "client. You may want to retry with a longer timeout.");
}

// ---- replies -------------------------------------------------------------------------------

void Session::success(std::string& out, const ValueMap& meta) {
    std::string body;
    packstream::Encoder enc(body, pack_version_);
    enc.struct_header(1, sig::Success);
    enc.map(meta);
    write_message(out, body);
}

void Session::ignored(std::string& out) {
    std::string body;
    packstream::Encoder enc(body, pack_version_);
    enc.struct_header(0, sig::Ignored);
    write_message(out, body);
}

void Session::failure(std::string& out, const QuiverError& e) {
    std::string body;
    packstream::Encoder enc(body, pack_version_);
    enc.struct_header(1, sig::Failure);
    enc.map(failure_metadata(e, version_));
    write_message(out, body);
}

void Session::query_failure(std::string& out, const QuiverError& e) {
    failure(out, e);
    abort();
    state_ = State::Failed;
}

void Session::protocol_error(std::string& out, const std::string& why) {
    failure(out, invalid(why));
    abort();
    state_ = State::Defunct;
}

void Session::fail_protocol(const std::string& why, std::string& out) { protocol_error(out, why); }

void Session::record(std::string& out, const std::vector<Value>& row) {
    std::string body;
    packstream::Encoder enc(body, pack_version_);
    enc.struct_header(1, sig::Record);
    enc.list_header(row.size());
    for (const auto& v : row) enc.value(v);
    write_message(out, body);
}

std::string Session::bookmark() const {
    return fmt::format("quiver:{}:{}", ctx_.database_name, ctx_.commits.load());
}

// ---- decoding and dispatch -----------------------------------------------------------------

Session::Message Session::decode(std::string_view bytes) const {
    packstream::DecodeOptions opts;
    opts.version = pack_version_;
    opts.allow_entities = false;
    packstream::Decoder dec(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), opts);
    Message m;
    auto [n, tag] = dec.struct_header();
    m.tag = tag;
    for (size_t i = 0; i < n; ++i) m.fields.push_back(dec.value());
    if (!dec.at_end()) throw invalid("Trailing bytes after the message structure");
    return m;
}

void Session::handle(std::string_view bytes, std::string& out) {
    if (state_ == State::Defunct) return;
    if (reject_) {
        failure(out, *reject_);
        state_ = State::Defunct;
        return;
    }
    Message m;
    try {
        m = decode(bytes);
    } catch (const QuiverError& e) {
        return protocol_error(out, fmt::format("Malformed message: {}", e.message()));
    }
    const char* name = message_name(m.tag);
    int fields = expected_fields(m.tag, version_);
    if (!name || fields < 0)
        return protocol_error(
            out, fmt::format("Unknown message 0x{:02X} in Bolt {}.{}", m.tag, version_.major,
                             version_.minor));
    if (int(m.fields.size()) != fields)
        return protocol_error(out, fmt::format("{} expects {} field(s), got {}", name, fields,
                                               m.fields.size()));
    try {
        dispatch(m, out);
    } catch (const QuiverError& e) {
        query_failure(out, e);
    } catch (const std::exception& e) {
        query_failure(out, QuiverError(std::string(status::UnknownError), e.what()));
    }
}

void Session::dispatch(Message& m, std::string& out) {
    auto not_allowed = [&] {
        protocol_error(out, fmt::format("Message '{}' cannot be handled by a session in the {} state",
                                        message_name(m.tag), state_name(state_)));
    };
    if (m.tag == sig::Goodbye) {
        abort();
        state_ = State::Defunct;
        return;
    }
    if (m.tag == sig::Reset) {
        if (state_ == State::Negotiation) return not_allowed();
        if (interrupts_.load() > 0) --interrupts_;
        reset();
        return success(out, {});
    }
    // INTERRUPTED: a RESET is on its way; what comes before it is skipped.
    if (interrupts_.load() > 0 && state_ != State::Negotiation) {
        abort();
        if (state_ != State::Authentication) state_ = State::Failed;
        return ignored(out);
    }
    if (state_ == State::Failed) {
        if (m.tag == sig::Hello || m.tag == sig::Logon) return not_allowed();
        return ignored(out);
    }
    switch (m.tag) {
        case sig::Hello:
            if (state_ != State::Negotiation) return not_allowed();
            return hello(as_map_or_empty(m.fields[0]), out);
        case sig::Logon:
            if (state_ != State::Authentication) return not_allowed();
            return logon(as_map_or_empty(m.fields[0]), out);
        case sig::Logoff:
            if (state_ != State::Ready) return not_allowed();
            user_.clear();
            state_ = State::Authentication;
            return success(out, {});
        case sig::Telemetry:
            if (state_ != State::Ready) return not_allowed();
            if (!m.fields[0].is_int() || m.fields[0].as_int() < 0 || m.fields[0].as_int() > 3)
                throw invalid("TELEMETRY expects an api value 0..3");
            return success(out, {});
        case sig::Run:
            if (state_ != State::Ready && state_ != State::TxReady && state_ != State::TxStreaming)
                return not_allowed();
            return run(m, out);
        case sig::Pull:
        case sig::Discard:
            if (state_ != State::Streaming && state_ != State::TxStreaming) return not_allowed();
            return pull(as_map_or_empty(m.fields[0]), m.tag == sig::Discard, out);
        case sig::Begin:
            if (state_ != State::Ready) return not_allowed();
            return begin(as_map_or_empty(m.fields[0]), out);
        case sig::Commit:
            if (state_ != State::TxReady && state_ != State::TxStreaming) return not_allowed();
            return commit(out);
        case sig::Rollback:
            if (state_ != State::TxReady && state_ != State::TxStreaming) return not_allowed();
            return rollback(out);
        case sig::Route:
            if (state_ != State::Ready) return not_allowed();
            return route(m, out);
    }
    not_allowed();
}

// ---- connection setup ----------------------------------------------------------------------

void Session::hello(const ValueMap& extra, std::string& out) {
    bool legacy_auth = !version_.at_least(5, 1);
    ValueMap meta;
    meta.emplace_back("server", Value::string(ctx_.server_agent));
    meta.emplace_back("connection_id", Value::string(connection_id_));
    if (version_.major == 4) {
        if (const Value* p = map_find(extra, "patch_bolt"); p && p->is_list()) {
            for (const auto& item : p->as_list())
                if (item.is_string() && item.as_string() == "utc") pack_version_.utc_patch = true;
            if (pack_version_.utc_patch)
                meta.emplace_back("patch_bolt", Value::list({Value::string("utc")}));
        }
    }
    meta.emplace_back("hints", Value::map({}));
    if (manifest_used_ && version_.at_least(5, 7))
        meta.emplace_back("protocol_version",
                          Value::string(fmt::format("{}.{}", version_.major, version_.minor)));
    if (legacy_auth) {
        std::string user;
        if (ctx_.auth && !ctx_.auth->authenticate(extra, user)) {
            auth_failed_ = true;
            failure(out, QuiverError(std::string(status::Unauthorized),
                                     "The client is unauthorized due to authentication failure."));
            state_ = State::Defunct;
            return;
        }
        user_ = user;
        state_ = State::Ready;
    } else {
        state_ = State::Authentication;
    }
    success(out, meta);
}

void Session::logon(const ValueMap& token, std::string& out) {
    std::string user;
    if (ctx_.auth && !ctx_.auth->authenticate(token, user)) {
        auth_failed_ = true;
        failure(out, QuiverError(std::string(status::Unauthorized),
                                 "The client is unauthorized due to authentication failure."));
        state_ = State::Defunct;
        return;
    }
    user_ = ctx_.auth ? user : string_or(token, "principal");
    state_ = State::Ready;
    success(out, {});
}

void Session::interrupt() {
    ++interrupts_;
    std::lock_guard lock(cancel_mu_);
    if (cancel_) cancel_->cancel();
}

void Session::reset() {
    abort();
    {
        std::lock_guard lock(cancel_mu_);
        cancel_.reset();
    }
    if (state_ != State::Negotiation && state_ != State::Authentication) state_ = State::Ready;
}

// ---- queries -------------------------------------------------------------------------------

std::string Session::check_extra(const ValueMap& extra, bool& db_given) {
    db_given = false;
    std::string db = ctx_.database_name;
    if (const Value* v = map_find(extra, "db"); v && !v->is_null()) {
        if (!v->is_string()) throw invalid("db must be a string");
        if (!v->as_string().empty()) {
            db_given = true;
            db = v->as_string();
            if (db != ctx_.database_name && db != "system")
                throw QuiverError(std::string(status::DatabaseNotFound),
                                  fmt::format("Database does not exist. Database name: '{}'.", db));
        }
    }
    if (const Value* v = map_find(extra, "imp_user"); v && v->is_string() && !v->as_string().empty())
        throw QuiverError("Neo.ClientError.Security.Forbidden", "Impersonation is not supported");
    if (const Value* v = map_find(extra, "bookmarks"); v && !v->is_null()) {
        if (!v->is_list()) throw invalid("bookmarks must be a list");
        std::string prefix = fmt::format("quiver:{}:", ctx_.database_name);
        for (const auto& b : v->as_list()) {
            bool ok = b.is_string() && b.as_string().rfind(prefix, 0) == 0 &&
                      b.as_string().size() > prefix.size() &&
                      b.as_string().find_first_not_of("0123456789", prefix.size()) ==
                          std::string::npos;
            if (!ok)
                throw QuiverError(std::string(status::InvalidBookmark),
                                  fmt::format("Supplied bookmark '{}' does not conform to pattern",
                                              b.is_string() ? b.as_string() : "?"));
        }
    }
    return db;
}

TransactionConfig Session::transaction_config(const ValueMap& extra) {
    TransactionConfig config;
    {
        std::lock_guard lock(cancel_mu_);
        cancel_ = std::make_shared<Cancellation>();
        if (interrupts_.load() > 0) cancel_->cancel();
        config.cancellation = cancel_;
    }
    if (const Value* v = map_find(extra, "tx_timeout"); v && !v->is_null()) {
        if (!v->is_int() || v->as_int() < 0)
            throw invalid("tx_timeout must be a non-negative integer (milliseconds)");
        config.timeout_ms = static_cast<uint64_t>(v->as_int());
    }
    if (const Value* v = map_find(extra, "tx_metadata"); v && !v->is_null()) {
        if (!v->is_map()) throw invalid("tx_metadata must be a map");
        config.metadata = v->as_map();  // listed by SHOW TRANSACTIONS
    }
    config.username = user_;
    return config;
}

bool Session::try_admin_command(std::string_view query, const ValueMap& params, std::string& out) {
    static const std::regex alter(
        R"re(^\s*ALTER\s+CURRENT\s+USER\s+SET\s+PASSWORD\s+FROM\s+('([^']*)'|"([^"]*)"|\$(\w+))\s+TO\s+('([^']*)'|"([^"]*)"|\$(\w+))\s*;?\s*$)re",
        std::regex::icase);
    std::cmatch mt;
    if (!std::regex_match(query.data(), query.data() + query.size(), mt, alter)) return false;
    auto pick = [&](int quoted1, int quoted2, int param) -> std::string {
        if (mt[quoted1].matched) return mt[quoted1].str();
        if (mt[quoted2].matched) return mt[quoted2].str();
        const Value* v = map_find(params, mt[param].str());
        if (!v)
            throw QuiverError(std::string(status::ParameterMissing),
                              fmt::format("Expected parameter(s): {}", mt[param].str()));
        if (!v->is_string())
            throw QuiverError(std::string(status::TypeError), "Expected password to be a string");
        return v->as_string();
    };
    std::string old_pw = pick(2, 3, 4), new_pw = pick(6, 7, 8);
    if (!ctx_.auth || user_.empty())
        throw QuiverError("Neo.ClientError.Security.Forbidden",
                          "Authentication is disabled: there is no current user");
    ctx_.auth->change_password(user_, old_pw, new_pw);
    ctx_.commits.fetch_add(1);
    success(out, {{"fields", Value::list({})}, {"t_first", Value::integer(0)}});
    // The command has no rows: an empty buffered result gives the usual final summary.
    class Empty final : public Result {
    public:
        const std::vector<std::string>& columns() const override { return cols_; }
        bool next(std::vector<Value>&) override { return false; }
        QuerySummary summary() override {
            QuerySummary s;
            s.query_type = "s";
            return s;
        }

    private:
        std::vector<std::string> cols_;
    };
    auto_stream_ = Stream{std::make_unique<Empty>(), false};
    state_ = State::Streaming;
    return true;
}

void Session::run(Message& m, std::string& out) {
    if (!m.fields[0].is_string()) throw invalid("RUN expects a query string");
    const std::string& query = m.fields[0].as_string();
    const ValueMap& params = as_map_or_empty(m.fields[1]);
    const ValueMap& extra = as_map_or_empty(m.fields[2]);

    ValueMap meta;
    if (state_ == State::Ready) {
        bool db_given = false;
        std::string db = check_extra(extra, db_given);
        TransactionConfig config = transaction_config(extra);
        if (try_admin_command(query, params, out)) return;
        std::unique_ptr<Result> result;
        if (string_or(extra, "mode", "w") == "r") {
            auto tx = ctx_.db->begin(AccessMode::Read, config);
            result = tx->run(query, params);
            tx->commit();
        } else {
            result = ctx_.db->run(query, params, config);
        }
        ValueList fields;
        for (const auto& c : result->columns()) fields.push_back(Value::string(c));
        meta.emplace_back("fields", Value::list(std::move(fields)));
        meta.emplace_back("t_first", Value::integer(0));
        if (version_.at_least(5, 8) && !db_given) meta.emplace_back("db", Value::string(db));
        auto_stream_ = Stream{std::move(result), false};
        state_ = State::Streaming;
        return success(out, meta);
    }
    // Inside an explicit transaction (extra is ignored there).
    throw_if_expired();
    auto result = tx_->run(query, params);
    int64_t qid = next_qid_++;
    ValueList fields;
    for (const auto& c : result->columns()) fields.push_back(Value::string(c));
    meta.emplace_back("fields", Value::list(std::move(fields)));
    meta.emplace_back("t_first", Value::integer(0));
    meta.emplace_back("qid", Value::integer(qid));
    tx_streams_[qid] = Stream{std::move(result), false};
    last_qid_ = qid;
    state_ = State::TxStreaming;
    success(out, meta);
}

void Session::pull(const ValueMap& extra, bool discard, std::string& out) {
    int64_t n = -1;
    if (const Value* v = map_find(extra, "n")) {
        if (!v->is_int()) throw invalid("n must be an integer");
        n = v->as_int();
    }
    if (n == 0 || n < -1) throw invalid("n must be -1 or a positive integer");
    Stream* stream = &auto_stream_;
    int64_t qid = -1;
    if (state_ == State::TxStreaming) {
        throw_if_expired();
        if (const Value* v = map_find(extra, "qid"); v && v->is_int()) qid = v->as_int();
        if (qid == -1) qid = last_qid_;
        auto it = tx_streams_.find(qid);
        if (it == tx_streams_.end())
            throw invalid(fmt::format("No open result with qid {}", qid));
        stream = &it->second;
    }
    std::vector<Value> row;
    bool more = true;
    if (discard) {
        more = false;
    } else {
        for (int64_t i = 0; n == -1 || i < n; ++i) {
            if (!stream->result->next(row)) {
                more = false;
                break;
            }
            stream->had_rows = true;
            record(out, row);
        }
        // Peek: a result that ended exactly at n rows is finished now, not on the next PULL.
        if (more) {
            // Results are buffered, so asking for one more row is cheap; keep it for later.
            std::vector<Value> next_row;
            if (stream->result->next(next_row)) {
                // Put it back by wrapping: simplest is to emit it on the next PULL.
                class Prepend final : public Result {
                public:
                    Prepend(std::unique_ptr<Result> inner, std::vector<Value> first)
                        : inner_(std::move(inner)), first_(std::move(first)) {}
                    const std::vector<std::string>& columns() const override {
                        return inner_->columns();
                    }
                    bool next(std::vector<Value>& r) override {
                        if (has_first_) {
                            has_first_ = false;
                            r = std::move(first_);
                            return true;
                        }
                        return inner_->next(r);
                    }
                    QuerySummary summary() override { return inner_->summary(); }

                private:
                    std::unique_ptr<Result> inner_;
                    std::vector<Value> first_;
                    bool has_first_ = true;
                };
                stream->result = std::make_unique<Prepend>(std::move(stream->result),
                                                           std::move(next_row));
            } else {
                more = false;
            }
        }
    }
    if (more) return success(out, {{"has_more", Value::boolean(true)}});

    QuerySummary s = stream->result->summary();
    ValueMap meta;
    bool autocommit = state_ == State::Streaming;
    if (autocommit) {
        if (s.stats.contains_updates() || s.query_type == "w" || s.query_type == "rw" ||
            s.query_type == "s")
            ctx_.commits.fetch_add(1);
        meta.emplace_back("bookmark", Value::string(bookmark()));
    }
    meta.emplace_back("db", Value::string(ctx_.database_name));
    meta.emplace_back("t_last", Value::integer(0));
    add_summary_metadata(meta, s, stream->had_rows, version_);
    if (autocommit) {
        auto_stream_ = Stream{};
        state_ = State::Ready;
    } else {
        tx_streams_.erase(qid);
        if (tx_streams_.empty()) state_ = State::TxReady;
    }
    success(out, meta);
}

void Session::begin(const ValueMap& extra, std::string& out) {
    bool db_given = false;
    std::string db = check_extra(extra, db_given);
    bool read = string_or(extra, "mode", "w") == "r";
    TransactionConfig config = transaction_config(extra);
    tx_ = ctx_.db->begin(read ? AccessMode::Read : AccessMode::Write, config);
    tx_writes_ = !read;
    tx_expired_ = false;
    tx_deadline_ = config.timeout_ms
                       ? std::chrono::steady_clock::now() +
                             std::chrono::milliseconds(config.timeout_ms)
                       : std::chrono::steady_clock::time_point::max();
    next_qid_ = 0;
    last_qid_ = -1;
    tx_streams_.clear();
    state_ = State::TxReady;
    ValueMap meta;
    if (version_.at_least(5, 8) && !db_given) meta.emplace_back("db", Value::string(db));
    success(out, meta);
}

void Session::commit(std::string& out) {
    throw_if_expired();
    tx_streams_.clear();  // results are buffered: open streams are discarded, writes are done
    auto tx = std::move(tx_);
    if (!tx->is_open())
        throw QuiverError(std::string(status::TransactionTerminated),
                          "The transaction has been terminated");
    tx->commit();
    if (tx_writes_) ctx_.commits.fetch_add(1);
    state_ = State::Ready;
    success(out, {{"bookmark", Value::string(bookmark())}});
}

void Session::rollback(std::string& out) {
    tx_streams_.clear();
    auto tx = std::move(tx_);
    tx->rollback();
    state_ = State::Ready;
    success(out, {});
}

void Session::route(Message& m, std::string& out) {
    const ValueMap& routing = as_map_or_empty(m.fields[0]);
    ValueMap extra;
    if (m.fields[2].is_map()) extra = m.fields[2].as_map();
    else if (m.fields[2].is_string()) extra.emplace_back("db", m.fields[2]);
    if (m.fields[1].is_list()) extra.emplace_back("bookmarks", m.fields[1]);
    bool db_given = false;
    std::string db = check_extra(extra, db_given);
    std::string address = string_or(routing, "address", ctx_.advertised_address);
    auto server = [&](const char* role) {
        return Value::map({{"addresses", Value::list({Value::string(address)})},
                           {"role", Value::string(role)}});
    };
    ValueMap rt = {{"ttl", Value::integer(300)},
                   {"db", Value::string(db)},
                   {"servers", Value::list({server("ROUTE"), server("READ"), server("WRITE")})}};
    success(out, {{"rt", Value::map(std::move(rt))}});
}

}  // namespace quiver::bolt
