// quiver::value — operations on Cypher values: equality, comparability, ORDER BY order,
// DISTINCT/grouping equivalence with its hash, and Cypher's toString() formatting.
//
// Promises:
//   1. cypher_equals() is Cypher `=`: null when either side is (or contains, where it decides)
//      null; 1 = 1.0 is true; NaN = NaN is false; entities compare by id.
//   2. cypher_compare() is Cypher `<`/`>`: nullopt ("null") for incomparable kinds.
//   3. order_compare() is a total order (Neo4j orderability), ascending:
//        MAP < NODE < RELATIONSHIP < LIST < PATH < DATETIME < LOCAL DATETIME < DATE < TIME
//          < LOCAL TIME < DURATION < STRING < BOOLEAN < NUMBER < NULL
//      numbers compare by mathematical value, NaN above every other number.
//   4. equivalent()/equivalence_hash(): the DISTINCT/grouping relation (null ~ null, NaN ~ NaN,
//      1 ~ 1.0); a ~ b implies equivalence_hash(a) == equivalence_hash(b).
//   5. to_cypher_string() prints as Neo4j's toString(): floats Java style (1.0, 0.1, 1.0E10).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "value/value.h"

namespace quiver {

enum class Tri : uint8_t { False = 0, True = 1, Null = 2 };
inline Tri tri_of(bool b) { return b ? Tri::True : Tri::False; }
inline Value tri_value(Tri t) { return t == Tri::Null ? Value() : Value::boolean(t == Tri::True); }

Tri cypher_equals(const Value& a, const Value& b);
std::optional<int> cypher_compare(const Value& a, const Value& b);
int order_compare(const Value& a, const Value& b);
// Cypher < <= > >=: a boolean, or null when incomparable. NaN against a number is false.
enum class CompareOp : uint8_t { Lt, Le, Gt, Ge };
Value cypher_compare_op(CompareOp op, const Value& a, const Value& b);
bool equivalent(const Value& a, const Value& b);
size_t equivalence_hash(const Value& v);

// Cypher arithmetic: + - * / % ^ and unary minus. Null in, null out. Integer overflow and
// integer division by zero raise ArithmeticError; wrong kinds raise TypeError
// (InvalidArgumentType). `+` also concatenates strings (with a number or boolean printed) and
// lists (element appended/prepended).
enum class ArithOp : uint8_t { Add, Sub, Mul, Div, Mod, Pow };
Value cypher_arith(ArithOp op, const Value& a, const Value& b);
Value cypher_negate(const Value& a);

// Java's Double.toString() rendering used by Cypher.
std::string format_float(double d);
// toString(): scalars as Neo4j prints them; lists/maps in Cypher literal form.
std::string to_cypher_string(const Value& v);
// Literal form used by tests and the CLI: strings quoted with ', nodes as (:L {k: v}), ...
std::string to_literal_string(const Value& v);

// Hash/equality functors for unordered containers keyed by values or rows of values.
struct ValueEquivalenceHash {
    size_t operator()(const Value& v) const { return equivalence_hash(v); }
};
struct ValueEquivalenceEq {
    bool operator()(const Value& a, const Value& b) const { return equivalent(a, b); }
};
struct RowEquivalenceHash {
    size_t operator()(const ValueList& r) const;
};
struct RowEquivalenceEq {
    bool operator()(const ValueList& a, const ValueList& b) const;
};

}  // namespace quiver
