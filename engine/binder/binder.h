// quiver::binder — turns the AST into a BoundStatement: resolves variables in scopes, checks
// variable kinds and clause composition, resolves functions, splits aggregation.
//
// May call: parser, function (signatures and procedure descriptors only), value, base.
// Promises:
//   1. semantic errors are raised at compile time as Neo.ClientError.Statement.SyntaxError
//      (an unknown procedure: Neo.ClientError.Procedure.ProcedureNotFound) with the TCK detail (UndefinedVariable, VariableTypeConflict, VariableAlreadyBound,
//      InvalidAggregation, NoExpressionAlias, ...) and the source position;
//   2. each variable gets one VarId for its lifetime; WITH/RETURN re-use the id of a variable
//      that is passed on unchanged, so the executor never copies values between slots for it;
//   3. constructs that parse but are not implemented yet raise a SyntaxError whose message
//      says "not supported yet" (never a wrong answer).
#pragma once

#include "binder/bound_statement.h"
#include "parser/parsed_statement.h"

namespace quiver::binder {

BoundStatement bind_statement(const parser::ParsedStatement& statement);

}  // namespace quiver::binder
