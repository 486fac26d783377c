#include "response.h"

#include <chrono>
#include <iterator>
#include <new>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "main/notifications.h"
#include "main/summary_counters.h"
#include "value/packstream.h"

namespace quiver::wasm {

std::string& response_buffer() {
    static std::string buffer;
    return buffer;
}

namespace {

void encode_error(const QuiverError& e, std::string& out) {
    packstream::Encoder enc(out);
    enc.map_header(6);
    enc.string("code");
    enc.string(e.code());
    enc.string("message");
    enc.string(e.message());
    enc.string("gql_status");
    enc.string(e.gql_status());
    enc.string("description");
    enc.string(e.gql_description());
    enc.string("classification");
    enc.string(e.classification());
    enc.string("position");
    if (!e.position().known()) {
        enc.null();
        return;
    }
    enc.map_header(3);
    enc.string("offset");
    enc.integer(e.position().offset);
    enc.string("line");
    enc.integer(e.position().line);
    enc.string("column");
    enc.integer(e.position().column);
}

// Messages from outside the engine may hold arbitrary bytes; keep the map valid UTF-8.
std::string printable(std::string_view s) {
    if (packstream::valid_utf8(s)) return std::string(s);
    std::string out;
    for (unsigned char c : s) out.push_back(c < 0x80 ? char(c) : '?');
    return out;
}

}  // namespace

int32_t respond_error(const std::string& code, const std::string& message) {
    auto& out = response_buffer();
    out.clear();
    encode_error(QuiverError(code, printable(message)), out);
    return QV_ERROR;
}

int32_t respond_current_exception() {
    try {
        throw;
    } catch (const QuiverError& e) {
        auto& out = response_buffer();
        out.clear();
        try {
            encode_error(e, out);
        } catch (...) {
            return respond_error(e.code(), "error message could not be encoded");
        }
        return QV_ERROR;
    } catch (const std::bad_alloc&) {
        return respond_error(std::string(status::MemoryLimit), "out of memory");
    } catch (const std::exception& e) {
        return respond_error(std::string(status::UnknownError), e.what());
    } catch (...) {
        return respond_error(std::string(status::UnknownError), "unknown internal error");
    }
}

namespace {

// A plan as Bolt sends it: {operatorType, identifiers, args, children}; a profiled plan adds
// rows and dbHits (neo4j-driver-core's Plan / ProfiledPlan read these keys).
void encode_plan(const PlanDescription& plan, bool profiled, packstream::Encoder& enc) {
    int64_t rows = 0;
    for (const auto& [key, value] : plan.arguments)
        if (key == "Rows" && value.is_int()) rows = value.as_int();
    enc.map_header(profiled ? 6 : 4);
    enc.string("operatorType");
    enc.string(plan.operator_type);
    enc.string("identifiers");
    enc.list_header(plan.identifiers.size());
    for (const auto& id : plan.identifiers) enc.string(id);
    enc.string("args");
    enc.map(plan.arguments);
    if (profiled) {
        enc.string("rows");
        enc.integer(rows);
        enc.string("dbHits");
        enc.integer(0);
    }
    enc.string("children");
    enc.list_header(plan.children.size());
    for (const auto& child : plan.children) encode_plan(*child, profiled, enc);
}

// The `statuses` of a summary without notifications: its outcome status alone, one of three
// constant objects, each encoded once (the encoding cost more than the point read it follows).
const std::string& encoded_outcome(const QuerySummary& summary, bool had_rows) {
    static std::string cache[std::size(main::kOutcomes)];  // wasm: one thread
    const main::OutcomeStatus& outcome = main::outcome_status(summary, had_rows);
    std::string& bytes = cache[&outcome - main::kOutcomes];
    if (bytes.empty()) {
        packstream::Encoder enc(bytes);
        enc.value(Value::list(main::summary_statuses(summary, had_rows)));
    }
    return bytes;
}

int64_t millis_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
        .count();
}

}  // namespace

void encode_result(Result& result, std::string& out) {
    auto t0 = std::chrono::steady_clock::now();
    // Rows are encoded first into their own buffer: the list header needs the row count.
    static std::string rows;  // reused: its capacity stays (wasm: one thread)
    rows.clear();
    packstream::Encoder row_enc(rows);
    size_t row_count = 0;
    std::vector<Value> row;
    int64_t available_after = -1;
    while (result.next(row)) {
        if (available_after < 0) available_after = millis_since(t0);
        row_enc.list_header(row.size());
        for (const auto& v : row) row_enc.value(v);
        ++row_count;
    }
    if (available_after < 0) available_after = millis_since(t0);
    QuerySummary summary = result.summary();

    packstream::Encoder enc(out);
    enc.map_header(3);
    enc.string("columns");
    enc.list_header(result.columns().size());
    for (const auto& c : result.columns()) enc.string(c);
    enc.string("rows");
    enc.list_header(row_count);
    out.append(rows);
    if (rows.capacity() > (size_t(1) << 20)) std::string().swap(rows);  // a large result's memory goes back
    enc.string("summary");
    enc.map_header(summary.plan ? 6 : 5);
    enc.string("query_type");
    enc.string(summary.query_type);
    // Only the counters that are not zero, as a Neo4j server sends them (QueryStatistics reads
    // a missing one as 0): a read statement's summary then carries an empty map.
    size_t nonzero = 0;
    for (const auto& c : main::kCounterNames) nonzero += summary.stats.*(c.field) != 0;
    bool updates = summary.stats.contains_updates();
    enc.string("counters");
    enc.map_header(nonzero + (updates ? 1 : 0));
    for (const auto& c : main::kCounterNames) {
        if (summary.stats.*(c.field) == 0) continue;
        enc.string(c.key);
        enc.integer(summary.stats.*(c.field));
    }
    if (updates) {
        enc.string("contains-updates");
        enc.boolean(true);
    }
    enc.string("result_available_after");
    enc.integer(available_after);
    enc.string("result_consumed_after");
    enc.integer(millis_since(t0));
    if (summary.plan) {
        enc.string(summary.profiled ? "profile" : "plan");
        encode_plan(*summary.plan, summary.profiled, enc);
    }
    // GQL status objects as a Bolt 5.8 server sends them (the outcome, then the notifications):
    // the driver's ResultSummary derives `notifications` and `gqlStatusObjects` from them.
    enc.string("statuses");
    if (summary.notifications.empty()) {
        out.append(encoded_outcome(summary, row_count > 0));
    } else {
        enc.value(Value::list(main::summary_statuses(summary, row_count > 0)));
    }
}

void encode_check(const CheckReport& report, std::string& out) {
    packstream::Encoder enc(out);
    enc.map_header(5);
    enc.string("ok");
    enc.boolean(report.ok);
    enc.string("problems");
    enc.list_header(report.problems.size());
    for (const auto& p : report.problems) enc.string(printable(p));
    enc.string("pages_checked");
    enc.integer(int64_t(report.pages_checked));
    enc.string("nodes_checked");
    enc.integer(int64_t(report.nodes_checked));
    enc.string("relationships_checked");
    enc.integer(int64_t(report.relationships_checked));
}

}  // namespace quiver::wasm
