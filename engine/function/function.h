// quiver::function — scalar and aggregate functions, registered in one table (registry.cpp).
//
// The binder resolves names to descriptors here (signatures only); the executor calls them.
// May call: storage (transaction API for entity functions), value, base.
// Promises:
//   1. lookups are case-insensitive, as in Cypher;
//   2. every function returns null for a null argument unless its description says otherwise
//      (coalesce, toString(null) = null, ...);
//   3. argument type errors are raised as TypeError/ArgumentError with a TCK detail.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "value/value.h"

namespace quiver::storage {
class GraphTxn;
}

namespace quiver {
struct QueryStats;
}

namespace quiver::function {

// What the running statement deleted, kept so that type(r), labels(n) and id() still answer
// for entities deleted earlier in the same statement (as Neo4j does).
struct DeletedEntities {
    std::unordered_map<int64_t, std::string> rel_types;
    std::unordered_map<int64_t, std::vector<std::string>> node_labels;
};

// Everything a function may read while it runs.
class DbmsContext;

struct FunctionContext {
    storage::GraphTxn* txn = nullptr;
    const DeletedEntities* deleted = nullptr;
    // Statement clock for date()/time()/... without arguments: fixed at the first use within
    // the statement (nanoseconds since the epoch, UTC; 0 = not read yet).
    int64_t statement_now_nanos = 0;
    // The database's settings and live transactions (function/dbms_context.h); null outside a
    // Database.
    DbmsContext* dbms = nullptr;
    // The statement's update counters (schema procedures add to them); null outside a plan.
    QueryStats* stats = nullptr;
};

using ScalarFn = Value (*)(const Value* args, size_t nargs, FunctionContext& ctx);

struct ScalarFunction {
    const char* name;
    int min_args;
    int max_args;  // -1 = variadic
    ScalarFn fn;
    const char* description;
    const char* example;
    bool deterministic = true;
};

class AggregateState {
public:
    virtual ~AggregateState() = default;
    virtual void update(const Value& v) = 0;  // never called with null (nulls are skipped)
    // Aggregates with more arguments (percentileCont(x, p)): the values of the others.
    virtual void set_arguments(const Value* /*args*/, size_t /*n*/) {}
    virtual Value result() const = 0;
};

struct AggregateFunction {
    const char* name;
    int min_args;
    int max_args;
    std::unique_ptr<AggregateState> (*make)();
    const char* description;
    const char* example;
    // Keeps every value it sees (collect, percentiles): the executor tracks their memory.
    bool retains_values = false;
};

const ScalarFunction* find_scalar(std::string_view name);
const AggregateFunction* find_aggregate(std::string_view name);
std::vector<const ScalarFunction*> all_scalars();
std::vector<const AggregateFunction*> all_aggregates();

}  // namespace quiver::function
