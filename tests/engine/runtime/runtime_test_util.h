// Helpers shared by the runtime tests (PROFILE counters, memory limit, timeouts, streaming).
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "base/error.h"
#include "quiver/database.h"

namespace quiver::runtime_test {

constexpr const char* kTerminated = "Neo.ClientError.Transaction.Terminated";

// Every row of `query`.
inline std::vector<std::vector<Value>> rows(Database& db, const std::string& query,
                                            const ValueMap& params = {}) {
    auto r = db.run(query, params);
    std::vector<std::vector<Value>> out;
    std::vector<Value> row;
    while (r->next(row)) out.push_back(row);
    return out;
}

// The one integer `query` returns (-1, and a failed expectation, for anything else).
inline int64_t single_int(Database& db, const std::string& query, const ValueMap& params = {}) {
    auto out = rows(db, query, params);
    EXPECT_EQ(out.size(), 1u) << query;
    if (out.size() != 1 || out[0].empty() || !out[0][0].is_int()) return -1;
    return out[0][0].as_int();
}

inline size_t drain(Result& r) {
    size_t n = 0;
    std::vector<Value> row;
    while (r.next(row)) ++n;
    return n;
}

inline const Value* argument(const PlanDescription& p, const std::string& key) {
    for (const auto& [k, v] : p.arguments)
        if (k == key) return &v;
    return nullptr;
}

inline int64_t int_argument(const PlanDescription& p, const std::string& key) {
    const Value* v = argument(p, key);
    EXPECT_NE(v, nullptr) << p.operator_type << " has no " << key;
    return v && v->is_int() ? v->as_int() : -1;
}

// Sum of an integer argument over the whole plan tree.
inline int64_t plan_total(const PlanDescription& p, const std::string& key) {
    int64_t n = int_argument(p, key);
    for (const auto& c : p.children) n += plan_total(*c, key);
    return n;
}

// The first operator (pre-order) of a type, or null.
inline const PlanDescription* find_operator(const PlanDescription& p, const std::string& type) {
    if (p.operator_type == type) return &p;
    for (const auto& c : p.children)
        if (auto* f = find_operator(*c, type)) return f;
    return nullptr;
}

// Runs `fn` and returns the Neo4j status code of the QuiverError it throws ("" if none).
template <class Fn>
std::string error_code(Fn&& fn) {
    try {
        fn();
    } catch (const QuiverError& e) {
        return e.code();
    }
    return "";
}

// Runs `query` on another thread; cancels it after the statement has had a head start.
// Returns the status code it failed with ("" if it finished).
inline std::string run_and_cancel(Database& db, const std::string& query) {
    TransactionConfig config;
    config.cancellation = std::make_shared<Cancellation>();
    std::string code;
    std::thread worker([&] { code = error_code([&] { drain(*db.run(query, {}, config)); }); });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // not an assertion: a head start
    config.cancellation->cancel();
    worker.join();
    return code;
}

}  // namespace quiver::runtime_test
