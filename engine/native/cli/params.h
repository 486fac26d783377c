// quiver::cli — query parameters from the command line, given as JSON:
//   --param name=JSON      one parameter ("--param age=42", "--param names='[\"a\",\"b\"]'")
//   --params '{JSON map}'  several at once
// JSON integers that fit in 64 bits become Cypher Integers, every other number a Float;
// strings, booleans and null map to themselves, arrays to lists, objects to maps (key order
// kept). Bad input throws QuiverError with Neo.ClientError.Request.InvalidFormat.
#pragma once

#include <string>
#include <string_view>

#include "value/value.h"

namespace quiver::cli {

Value json_text_to_value(std::string_view json_text);
// Parses "name=JSON" and sets (or replaces) the parameter in `params`.
void add_param_arg(ValueMap& params, std::string_view arg);
// Parses a JSON object and sets each of its entries in `params`.
void add_params_object(ValueMap& params, std::string_view json_text);
// Sets or replaces one entry.
void set_param(ValueMap& params, const std::string& name, Value value);

}  // namespace quiver::cli
