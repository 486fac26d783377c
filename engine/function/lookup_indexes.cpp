#include "function/lookup_indexes.h"

#include <fmt/format.h>

namespace quiver::function {

const char* lookup_index_name(bool relationship) {
    return relationship ? kRelLookupIndexName : kNodeLookupIndexName;
}

std::string lookup_index_create_statement(bool relationship) {
    return relationship ? fmt::format("CREATE LOOKUP INDEX `{}` FOR ()-[r]-() ON EACH type(r)",
                                      kRelLookupIndexName)
                        : fmt::format("CREATE LOOKUP INDEX `{}` FOR (n) ON EACH labels(n)",
                                      kNodeLookupIndexName);
}

ValueList lookup_index_row(bool relationship, int64_t id) {
    const Value provider = Value::string("token-lookup-1.0");
    return {Value::integer(id),
            Value::string(lookup_index_name(relationship)),
            Value::string("ONLINE"),
            Value::float64(100.0),
            Value::string("LOOKUP"),
            Value::string(relationship ? "RELATIONSHIP" : "NODE"),
            Value::null(),  // labelsOrTypes
            Value::null(),  // properties
            provider,
            Value::null(),  // owningConstraint
            Value::null(),  // lastRead
            Value::integer(0),
            Value::null(),  // trackedSince
            Value::map({{"indexConfig", Value::map({})}, {"indexProvider", provider}}),
            Value::string(""),
            Value::string(lookup_index_create_statement(relationship))};
}

}  // namespace quiver::function
