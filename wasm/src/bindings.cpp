// The flat extern "C" API of quiver.wasm over the public C++ API (quiver/database.h).
//
// Conventions (the JS side is js/src/engine/bindings.js):
//   * Every qv_* call except the memory/response helpers returns an int32 status (QV_OK = 0,
//     QV_ERROR = 1) and leaves one PackStream value in the response buffer, read with
//     qv_response_data() / qv_response_size() before the next call (response.h).
//   * Strings and PackStream inputs are passed as (pointer, byte length) into memory the caller
//     got from qv_malloc and frees with qv_free. Parameters are a PackStream map (length 0 = {}).
//   * Databases and transactions are small positive integer handles; 0 is never a handle.
//   * Nothing throws across the boundary: every body runs inside `guarded`.
//
// Exports (answers on success):
//   qv_abi_version() -> int                                  (no response)
//   qv_open_memory(opts, len)              -> {db}
//   qv_open_store(store_id, opts, len)     -> {db}          store_id: a JS page store (js_page_store.h)
//   qv_close(db)                           -> null          also rolls back its open transactions
//   qv_run(db, q, qlen, params, plen)      -> result        auto-commit (response.h)
//   qv_run_read(db, q, qlen, params, plen) -> result        the same in a read transaction (a
//                                                           writing statement fails AccessMode)
//   qv_begin(db, write)                    -> {tx}
//   qv_tx_run(tx, q, qlen, params, plen)   -> result
//   qv_tx_commit(tx) / qv_tx_rollback(tx)  -> null          the handle is released either way
//   qv_check(db)                           -> check report
//   qv_flush(db)                           -> null
//   qv_info(db)                            -> {uuid, describe}
//
// Options map (all keys optional): page_size, buffer_pool_bytes, durability
// ("strict" | "relaxed" | "off"), read_only, create_if_missing, deterministic,
// transaction_memory_max_bytes (0 = unlimited), transaction_timeout_ms (0 = none).
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>

#include "base/error.h"
#include "js_page_store.h"
#include "quiver/database.h"
#include "response.h"
#include "value/packstream.h"

namespace quiver::wasm {
namespace {

constexpr int32_t kAbiVersion = 2;

struct TxEntry {
    int32_t db;
    std::unique_ptr<Transaction> tx;
};

struct Handles {
    int32_t next = 1;
    std::map<int32_t, std::unique_ptr<Database>> dbs;
    std::map<int32_t, TxEntry> txs;
};

Handles& handles() {
    static Handles h;
    return h;
}

[[noreturn]] void throw_invalid(const std::string& msg) {
    throw QuiverError(std::string(status::RequestInvalid), msg);
}

Database& db_of(int32_t h) {
    auto it = handles().dbs.find(h);
    if (it == handles().dbs.end()) throw_invalid("unknown or closed database handle " + std::to_string(h));
    return *it->second;
}

TxEntry& tx_of(int32_t h) {
    auto it = handles().txs.find(h);
    if (it == handles().txs.end())
        throw_invalid("unknown or finished transaction handle " + std::to_string(h));
    return it->second;
}

std::string_view bytes(const uint8_t* p, uint32_t len) {
    return len == 0 ? std::string_view() : std::string_view(reinterpret_cast<const char*>(p), len);
}

Value decode_map(const uint8_t* p, uint32_t len, bool allow_entities) {
    if (len == 0) return Value::map({});
    packstream::DecodeOptions opts;
    opts.allow_entities = allow_entities;
    Value v = packstream::decode(bytes(p, len), opts);
    if (!v.is_map()) throw_invalid("expected a PackStream map");
    return v;
}

DatabaseOptions decode_options(const uint8_t* p, uint32_t len) {
    DatabaseOptions o;
    Value m = decode_map(p, len, false);
    auto integer = [&](const char* key, auto& field) {
        if (const Value* v = m.map_get(key)) {
            if (!v->is_number() || v->as_number() < 0)
                throw_invalid(std::string("option ") + key + " must be a non-negative number");
            field = static_cast<std::remove_reference_t<decltype(field)>>(v->as_number());
        }
    };
    auto boolean = [&](const char* key, bool& field) {
        if (const Value* v = m.map_get(key)) {
            if (!v->is_bool()) throw_invalid(std::string("option ") + key + " must be a boolean");
            field = v->as_bool();
        }
    };
    integer("page_size", o.page_size);
    integer("buffer_pool_bytes", o.buffer_pool_bytes);
    boolean("read_only", o.read_only);
    boolean("create_if_missing", o.create_if_missing);
    boolean("deterministic", o.deterministic);
    integer("transaction_memory_max_bytes", o.transaction_memory_max_bytes);
    integer("transaction_timeout_ms", o.transaction_timeout_ms);
    if (const Value* v = m.map_get("durability")) {
        std::string d = v->is_string() ? v->as_string() : "";
        if (d == "strict")
            o.durability = Durability::Strict;
        else if (d == "relaxed")
            o.durability = Durability::Relaxed;
        else if (d == "off")
            o.durability = Durability::Off;
        else
            throw_invalid("option durability must be \"strict\", \"relaxed\" or \"off\"");
    }
    return o;
}

// Runs `body`, which writes its answer into `out`; turns every exception into an error map.
template <class Body>
int32_t guarded(Body body) {
    try {
        std::string out;
        body(out);
        response_buffer().swap(out);
        return QV_OK;
    } catch (...) {
        return respond_current_exception();
    }
}

void encode_handle(std::string& out, const char* key, int32_t h) {
    packstream::Encoder enc(out);
    enc.map_header(1);
    enc.string(key);
    enc.integer(h);
}

void encode_null(std::string& out) { packstream::Encoder(out).null(); }

int32_t add_database(std::unique_ptr<Database> db, std::string& out) {
    int32_t h = handles().next++;
    handles().dbs.emplace(h, std::move(db));
    encode_handle(out, "db", h);
    return h;
}

void run_into(std::string& out, const std::function<std::unique_ptr<Result>(std::string_view, const ValueMap&)>& run,
              const uint8_t* q, uint32_t qlen, const uint8_t* params, uint32_t plen) {
    std::string_view query = bytes(q, qlen);
    if (!packstream::valid_utf8(query)) throw_invalid("query text is not valid UTF-8");
    Value p = decode_map(params, plen, false);
    std::unique_ptr<Result> result = run(query, p.as_map());
    encode_result(*result, out);
}

}  // namespace
}  // namespace quiver::wasm

using namespace quiver;
using namespace quiver::wasm;

extern "C" {

int32_t qv_abi_version() { return kAbiVersion; }

void* qv_malloc(uint32_t size) { return std::malloc(size == 0 ? 1 : size); }
void qv_free(void* p) { std::free(p); }

const char* qv_response_data() { return response_buffer().data(); }
uint32_t qv_response_size() { return uint32_t(response_buffer().size()); }

int32_t qv_open_memory(const uint8_t* opts, uint32_t opts_len) {
    return guarded([&](std::string& out) {
        add_database(Database::open_memory(decode_options(opts, opts_len)), out);
    });
}

int32_t qv_open_store(int32_t store_id, const uint8_t* opts, uint32_t opts_len) {
    return guarded([&](std::string& out) {
        // From here on C++ owns the JS store: the destructor releases it, also when the
        // options are invalid or opening fails.
        auto store = std::make_unique<JsPageStore>(store_id);
        DatabaseOptions o = decode_options(opts, opts_len);
        add_database(Database::open_store(std::move(store), o), out);
    });
}

int32_t qv_close(int32_t db) {
    return guarded([&](std::string& out) {
        db_of(db);
        auto& txs = handles().txs;
        for (auto it = txs.begin(); it != txs.end();) {
            if (it->second.db != db) {
                ++it;
                continue;
            }
            try {
                if (it->second.tx->is_open()) it->second.tx->rollback();
            } catch (...) {
                // Closing anyway; the database is dropped right after.
            }
            it = txs.erase(it);
        }
        handles().dbs.erase(db);
        encode_null(out);
    });
}

int32_t qv_run(int32_t db, const uint8_t* q, uint32_t qlen, const uint8_t* params, uint32_t plen) {
    return guarded([&](std::string& out) {
        Database& d = db_of(db);
        run_into(out, [&](std::string_view query, const ValueMap& p) { return d.run(query, p); }, q, qlen,
                 params, plen);
    });
}

int32_t qv_run_read(int32_t db, const uint8_t* q, uint32_t qlen, const uint8_t* params,
                    uint32_t plen) {
    return guarded([&](std::string& out) {
        auto tx = db_of(db).begin(AccessMode::Read);
        run_into(out, [&](std::string_view query, const ValueMap& p) { return tx->run(query, p); }, q, qlen,
                 params, plen);
        tx->commit();
    });
}

int32_t qv_begin(int32_t db, int32_t write) {
    return guarded([&](std::string& out) {
        auto tx = db_of(db).begin(write ? AccessMode::Write : AccessMode::Read);
        int32_t h = handles().next++;
        handles().txs.emplace(h, TxEntry{db, std::move(tx)});
        encode_handle(out, "tx", h);
    });
}

int32_t qv_tx_run(int32_t tx, const uint8_t* q, uint32_t qlen, const uint8_t* params, uint32_t plen) {
    return guarded([&](std::string& out) {
        Transaction& t = *tx_of(tx).tx;
        run_into(out, [&](std::string_view query, const ValueMap& p) { return t.run(query, p); }, q, qlen,
                 params, plen);
    });
}

int32_t qv_tx_commit(int32_t tx) {
    return guarded([&](std::string& out) {
        std::unique_ptr<Transaction> t = std::move(tx_of(tx).tx);
        handles().txs.erase(tx);
        t->commit();
        encode_null(out);
    });
}

int32_t qv_tx_rollback(int32_t tx) {
    return guarded([&](std::string& out) {
        std::unique_ptr<Transaction> t = std::move(tx_of(tx).tx);
        handles().txs.erase(tx);
        if (t->is_open()) t->rollback();
        encode_null(out);
    });
}

int32_t qv_check(int32_t db) {
    return guarded([&](std::string& out) { encode_check(db_of(db).check(), out); });
}

int32_t qv_flush(int32_t db) {
    return guarded([&](std::string& out) {
        db_of(db).flush();
        encode_null(out);
    });
}

int32_t qv_info(int32_t db) {
    return guarded([&](std::string& out) {
        Database& d = db_of(db);
        packstream::Encoder enc(out);
        enc.map_header(2);
        enc.string("uuid");
        enc.string(d.uuid());
        enc.string("describe");
        enc.string(d.describe());
    });
}

}  // extern "C"
