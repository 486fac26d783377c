// The answer of every wasm export: a status plus one PackStream buffer (style habit 8 — JS
// cannot catch C++ exceptions, so nothing is thrown across the boundary).
//
//   status  meaning        buffer (one PackStream value)
//   0       QV_OK          the call's answer, documented per export in bindings.cpp
//   1       QV_ERROR       {code, message, gql_status, description, classification,
//                           position: {offset, line, column} | null}
//
// The buffer stays valid until the next export is called: qv_response_data() / _size().
#pragma once

#include <cstdint>
#include <exception>
#include <string>

#include "quiver/database.h"

namespace quiver::wasm {

inline constexpr int32_t QV_OK = 0;
inline constexpr int32_t QV_ERROR = 1;

std::string& response_buffer();

// Fills the buffer with the error map for the exception in flight (call inside catch(...)).
int32_t respond_current_exception();
int32_t respond_error(const std::string& code, const std::string& message);

// {columns: [String], rows: [[Value]], summary: {query_type, counters: {...},
//  result_available_after, result_consumed_after, plan or profile (EXPLAIN / PROFILE only):
//  {operatorType, identifiers, args, children[, rows, dbHits]}}}
void encode_result(Result& result, std::string& out);
// {ok, problems: [String], pages_checked, nodes_checked, relationships_checked}
void encode_check(const CheckReport& report, std::string& out);

}  // namespace quiver::wasm
