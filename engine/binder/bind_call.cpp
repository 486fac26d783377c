// CALL procedure binding: signature checks, implicit arguments, YIELD.
#include <fmt/format.h>

#include <algorithm>

#include "binder/binder_internal.h"
#include "function/procedure.h"

namespace quiver::binder {

namespace {

const char* type_display(const std::string& t) {
    if (t == "INTEGER") return "Integer";
    if (t == "FLOAT") return "Float";
    if (t == "NUMBER") return "Number";
    if (t == "STRING") return "String";
    if (t == "BOOLEAN") return "Boolean";
    return "Any";
}

// Whether an argument of static type st can never be accepted by a field of type t.
bool statically_rejected(const std::string& t, StaticType st) {
    switch (st) {
        case StaticType::Any:
        case StaticType::Null: return false;
        case StaticType::Bool: return t != "BOOLEAN" && t != "ANY";
        case StaticType::Int: return t != "INTEGER" && t != "FLOAT" && t != "NUMBER" && t != "ANY";
        case StaticType::Float: return t != "FLOAT" && t != "NUMBER" && t != "ANY";
        case StaticType::Number: return t != "FLOAT" && t != "NUMBER" && t != "INTEGER" && t != "ANY";
        case StaticType::String: return t != "STRING" && t != "ANY";
        default: return false;
    }
}

StaticType static_of(const std::string& t) {
    if (t == "INTEGER") return StaticType::Int;
    if (t == "FLOAT") return StaticType::Float;
    if (t == "NUMBER") return StaticType::Number;
    if (t == "STRING") return StaticType::String;
    if (t == "BOOLEAN") return StaticType::Bool;
    if (t == "MAP") return StaticType::Map;
    if (t.rfind("LIST", 0) == 0) return StaticType::List;
    return StaticType::Any;
}

}  // namespace

void Binder::bind_call(const parser::ParsedCallClause& c, bool standalone) {
    const function::Procedure* proc = function::find_procedure(c.procedure);
    if (!proc) {
        std::string msg = fmt::format(
            "There is no procedure with the name `{}` registered for this database instance. "
            "Please ensure you've spelled the procedure name correctly and that the procedure is "
            "properly deployed.",
            c.procedure);
        if (c.pos.known())
            msg += fmt::format(" (line {}, column {} (offset: {}))", c.pos.line, c.pos.column,
                               c.pos.offset);
        throw QuiverError(std::string(status::ProcedureNotFound), msg, "ProcedureNotFound",
                          ErrorPhase::CompileTime);
    }
    // DBMS procedures (SHOW/TERMINATE TRANSACTIONS, settings...) read no graph data and write
    // none: they run in a read transaction, so they never wait for the writer.
    if (proc->mode == function::ProcedureMode::Write || proc->mode == function::ProcedureMode::Schema)
        out_.has_updates = true;
    if (proc->mode == function::ProcedureMode::Schema) out_.has_schema_updates = true;
    auto call = std::make_unique<BoundCallClause>();
    call->procedure = proc;
    ExprContext ctx;
    ctx.clause = "CALL";
    if (!c.explicit_args) {
        if (!standalone)
            semantic_error("InvalidArgumentPassingMode",
                           "Procedure call inside a query does not support passing arguments "
                           "implicitly (pass explicitly after procedure name instead)",
                           c.pos);
        for (const auto& in : proc->inputs) {
            auto p = std::make_unique<BoundExpression>(BoundExprKind::Parameter, c.pos);
            p->name = in.name;
            if (std::find(out_.parameters.begin(), out_.parameters.end(), in.name) ==
                out_.parameters.end())
                out_.parameters.push_back(in.name);
            call->args.push_back(std::move(p));
        }
    } else {
        size_t defaults = 0;
        for (const auto& in : proc->inputs) defaults += in.has_default ? 1 : 0;
        size_t required = proc->inputs.size() - defaults;
        if (c.args.size() < required || c.args.size() > proc->inputs.size())
            semantic_error("InvalidNumberOfArguments",
                           fmt::format("Procedure call does not provide the required number of "
                                       "arguments: got {} expected {} (total: {}, {} of which have "
                                       "default values).\n\nDescription: {}",
                                       c.args.size(), required, proc->inputs.size(), defaults,
                                       proc->signature()),
                           c.pos);
        for (size_t i = 0; i < c.args.size(); ++i) {
            auto a = bind_expr(*c.args[i], ctx);
            const auto& f = proc->inputs[i];
            if (statically_rejected(f.type, a->type))
                semantic_error("InvalidArgumentType",
                               fmt::format("Type mismatch: expected {} but was {}",
                                           type_display(f.type), static_type_name(a->type)),
                               a->pos);
            call->args.push_back(std::move(a));
        }
        for (size_t i = c.args.size(); i < proc->inputs.size(); ++i)
            call->args.push_back(make_literal(proc->inputs[i].default_value, c.pos));
    }

    // YIELD
    std::vector<std::pair<size_t, std::string>> items;
    if (c.yield_star || (c.yields.empty() && standalone)) {
        if (c.yield_star && !standalone)
            semantic_error("UnexpectedSyntax",
                           "Procedure call inside a query does not support naming results "
                           "implicitly (name explicitly using `YIELD` instead)",
                           c.pos);
        for (size_t i = 0; i < proc->outputs.size(); ++i) items.emplace_back(i, proc->outputs[i].name);
    } else if (c.yields.empty()) {
        if (!proc->outputs.empty())
            semantic_error("UnexpectedSyntax",
                           "Procedure call inside a query does not support naming results "
                           "implicitly (name explicitly using `YIELD` instead)",
                           c.pos);
    } else {
        for (const auto& y : c.yields) {
            size_t idx = proc->outputs.size();
            for (size_t i = 0; i < proc->outputs.size(); ++i)
                if (proc->outputs[i].name == y.field) idx = i;
            if (idx == proc->outputs.size())
                semantic_error("UndefinedVariable",
                               fmt::format("Unknown procedure output: `{}`", y.field), y.pos);
            items.emplace_back(idx, y.alias.empty() ? y.field : y.alias);
        }
    }
    const size_t mark = scope_.entries.size();
    for (const auto& [idx, name] : items) {
        const VarId* found = scope_.find(name);
        if (found)
            semantic_error("VariableAlreadyBound",
                           fmt::format("Variable `{}` already declared", name), c.pos);
        VarId v = new_var(name, VarKind::Value, static_of(proc->outputs[idx].type));
        scope_.add(name, v);
        call->yields.emplace_back(idx, v);
    }
    (void)mark;
    if (c.where) {
        ExprContext wctx;
        wctx.clause = "WHERE";
        wctx.allow_patterns = true;
        auto w = bind_expr(*c.where, wctx);
        check_boolean_operand(*w, "WHERE");
        split_conjuncts(std::move(w), call->predicates);
    }
    if (standalone) {
        for (size_t i = 0; i < items.size(); ++i) {
            out_.columns.push_back(items[i].second);
            out_.column_vars.push_back(call->yields[i].second);
        }
    }
    out_.clauses.push_back(std::move(call));
}

}  // namespace quiver::binder
