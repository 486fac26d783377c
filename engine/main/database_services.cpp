#include "main/database_services.h"

#include <fmt/format.h>

#include <iterator>

#include "base/error.h"
#include "main/query_pipeline.h"
#include "main/schema_command.h"

namespace quiver::main {

namespace {

int64_t now_epoch_millis() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Neo4j's byte sizes: "0B", "64.00MiB", "2.00GiB".
std::string bytes_text(uint64_t b) {
    if (b == 0) return "0B";
    const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = double(b);
    size_t u = 0;
    while (v >= 1024.0 && u + 1 < std::size(units)) {
        v /= 1024.0;
        ++u;
    }
    return u == 0 ? fmt::format("{}B", b) : fmt::format("{:.2f}{}", v, units[u]);
}

// Neo4j's durations: "0s", "30s", "1500ms".
std::string millis_text(uint64_t ms) {
    if (ms % 1000 == 0) return fmt::format("{}s", ms / 1000);
    return fmt::format("{}ms", ms);
}

const char* durability_text(Durability d) {
    switch (d) {
        case Durability::Strict: return "STRICT";
        case Durability::Relaxed: return "RELAXED";
        case Durability::Off: return "OFF";
    }
    return "STRICT";
}

constexpr const char* kTerminatedStatus =
    "Terminated with reason: Status.Code[Neo.ClientError.Transaction.Terminated]";

}  // namespace

void LiveTransaction::End::operator()(LiveTransaction* t) const {
    DatabaseServices& s = t->services_;
    std::lock_guard<SpinLock> lock(s.mu_);
    (t->prev_ ? t->prev_->next_ : s.first_) = t->next_;
    (t->next_ ? t->next_->prev_ : s.last_) = t->prev_;
    t->prev_ = t->next_ = nullptr;
    if (s.spare_.size() >= DatabaseServices::kSpare) {
        delete t;
        return;
    }
    t->cancel_.reset();
    t->query_ = {};
    t->kept_query_.clear();  // keeps its buffer
    t->query_serial_ = 0;
    t->terminated_ = false;
    t->username_.clear();
    t->metadata_.clear();
    s.spare_.push_back(t);
}

void LiveTransaction::statement_started(std::string_view query) {
    std::lock_guard<SpinLock> lock(services_.mu_);
    name_statement_locked(query);
}

void LiveTransaction::name_statement_locked(std::string_view query) {
    query_ = query;
    query_serial_ = services_.next_query_++;
}

void LiveTransaction::keep_statement_text() {
    std::lock_guard<SpinLock> lock(services_.mu_);
    if (query_.data() == kept_query_.data()) return;
    kept_query_.assign(query_);
    query_ = kept_query_;
}

void LiveTransaction::statement_ended() {
    std::lock_guard<SpinLock> lock(services_.mu_);
    query_ = {};
    query_serial_ = 0;
}

DatabaseServices::DatabaseServices(const DatabaseOptions& opts, std::string database_id,
                                   PlanCache& plans)
    : opts_(opts), id_(std::move(database_id)), plans_(plans), opened_millis_(now_epoch_millis()),
      opened_steady_(std::chrono::steady_clock::now()) {}

DatabaseServices::~DatabaseServices() {
    for (LiveTransaction* t : spare_) delete t;
}

LiveHandle DatabaseServices::open(const TransactionConfig& config, std::string_view statement) {
    const auto start = std::chrono::steady_clock::now();
    std::lock_guard<SpinLock> lock(mu_);
    LiveHandle t;
    if (spare_.empty()) {
        t.reset(new LiveTransaction(*this));
    } else {
        t.reset(spare_.back());
        spare_.pop_back();
    }
    if (config.cancellation) {
        t->cancel_ = config.cancellation;
    } else {
        // Its own, reused while nothing from an earlier transaction still holds it.
        if (t->own_cancel_ && t->own_cancel_.use_count() == 1)
            t->own_cancel_->reset();
        else
            t->own_cancel_ = std::make_shared<Cancellation>();
        t->cancel_ = t->own_cancel_;
    }
    t->start_ = start;
    if (!config.username.empty()) t->username_ = config.username;
    if (!config.metadata.empty()) t->metadata_ = config.metadata;
    t->serial_ = next_txn_++;
    if (!statement.empty()) t->name_statement_locked(statement);
    t->prev_ = last_;
    (last_ ? last_->next_ : first_) = t.get();
    last_ = t.get();
    return t;
}

std::vector<function::SettingInfo> DatabaseServices::settings() const {
    const DatabaseOptions d;
    std::vector<function::SettingInfo> out = {
        {"db.memory.transaction.max", bytes_text(opts_.transaction_memory_max_bytes),
         bytes_text(d.transaction_memory_max_bytes),
         "Limit the amount of memory that a single transaction can consume, in bytes (or "
         "kilobytes with the 'k' suffix, megabytes with 'm' and gigabytes with 'g'). Zero means "
         "'largest possible value'.",
         "a byte size (valid multipliers are `B`, `KiB`, `KB`, `K`, `kB`, `kb`, `k`, `MiB`, `MB`, "
         "`M`, `mB`, `mb`, `m`, `GiB`, `GB`, `G`, `gB`, `gb`, `g`, `TiB`, `TB`, `PiB`, `PB`, "
         "`EiB`, `EB`) which is minimum `0B`"},
        {"db.transaction.timeout", millis_text(opts_.transaction_timeout_ms),
         millis_text(d.transaction_timeout_ms),
         "The maximum time interval of a transaction within which it should be completed.",
         "a duration (Valid units are: `ns`, `μs`, `ms`, `s`, `m`, `h` and `d`; default unit is "
         "`s`)"},
        {"quiver.durability", durability_text(opts_.durability), durability_text(d.durability),
         "When a commit is acknowledged: STRICT after the store is durable, RELAXED before the "
         "store is flushed (within the flush interval), OFF never flushed until close.",
         "one of [STRICT, RELAXED, OFF]"},
        {"quiver.page_size", std::to_string(opts_.page_size), std::to_string(d.page_size),
         "The page size of a newly created database file, in bytes.",
         "a power of two between 4096 and 65536"},
        {"server.databases.default_to_read_only", opts_.read_only ? "true" : "false",
         d.read_only ? "true" : "false",
         "Whether or not any database on this instance are read_only by default.",
         "a boolean"},
        {"server.memory.pagecache.size", bytes_text(opts_.buffer_pool_bytes),
         bytes_text(d.buffer_pool_bytes),
         "The amount of memory to use for mapping the store files (the bounded buffer pool).",
         "a byte size (valid multipliers are `B`, `KiB`, `KB`, `K`, `kB`, `kb`, `k`, `MiB`, `MB`, "
         "`M`, `mB`, `mb`, `m`, `GiB`, `GB`, `G`, `gB`, `gb`, `g`, `TiB`, `TB`, `PiB`, `PB`, "
         "`EiB`, `EB`)"},
    };
    return out;  // ordered by name
}

std::vector<function::TransactionInfo> DatabaseServices::transactions() const {
    std::lock_guard<SpinLock> lock(mu_);
    auto now = std::chrono::steady_clock::now();
    std::vector<function::TransactionInfo> out;
    for (const LiveTransaction* e = first_; e; e = e->next_) {
        function::TransactionInfo t;
        t.id = fmt::format("neo4j-transaction-{}", e->serial_);
        if (e->query_serial_) {
            t.current_query_id = fmt::format("query-{}", e->query_serial_);
            t.current_query = std::string(e->query_);
        }
        t.status = e->terminated_ || (e->cancel_ && e->cancel_->cancelled()) ? kTerminatedStatus
                                                                             : "Running";
        t.username = e->username_;
        t.start_epoch_millis =
            opened_millis_ +
            std::chrono::duration_cast<std::chrono::milliseconds>(e->start_ - opened_steady_).count();
        t.elapsed_millis =
            std::chrono::duration_cast<std::chrono::milliseconds>(now - e->start_).count();
        t.metadata = e->metadata_;
        out.push_back(std::move(t));
    }
    return out;
}

bool DatabaseServices::terminate(const std::string& id) {
    const std::string prefix = "neo4j-transaction-";
    if (id.rfind(prefix, 0) != 0) return false;
    uint64_t serial = 0;
    for (size_t i = prefix.size(); i < id.size(); ++i) {
        if (id[i] < '0' || id[i] > '9' || serial > (UINT64_MAX - 9) / 10) return false;
        serial = serial * 10 + uint64_t(id[i] - '0');
    }
    std::lock_guard<SpinLock> lock(mu_);
    for (LiveTransaction* e = first_; e; e = e->next_) {
        if (e->serial_ != serial) continue;
        e->terminated_ = true;
        if (e->cancel_) e->cancel_->cancel();
        return true;
    }
    return false;
}

void DatabaseServices::run_schema_command(std::string_view command, storage::GraphTxn& txn,
                                          QueryStats& stats) {
    auto cmd = parse_schema_command(command);
    if (!cmd)
        throw QuiverError("Neo.DatabaseError.General.UnknownError",
                          fmt::format("Not a schema command: {}", command));
    auto out = main::run_schema_command(*cmd, txn);
    const QueryStats& s = out.summary.stats;
    stats.indexes_added += s.indexes_added;
    stats.indexes_removed += s.indexes_removed;
    stats.constraints_added += s.constraints_added;
    stats.constraints_removed += s.constraints_removed;
}

}  // namespace quiver::main
