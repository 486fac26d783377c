#include "executor/physical_call.h"

#include <fmt/format.h>

#include "base/error.h"
#include "executor/expression_evaluator.h"
#include "function/procedure.h"

namespace quiver::executor {

namespace {
struct CallState final : OperatorState {
    std::vector<ValueList> rows;
    size_t next = 0;
    bool active = false;
};

const char* kind_display(const Value& v) {
    if (v.is_bool()) return "Boolean";
    if (v.is_int()) return "Integer";
    if (v.is_float()) return "Float";
    if (v.is_string()) return "String";
    return kind_name(v.kind());
}
}  // namespace

std::unique_ptr<OperatorState> PhysicalProcedureCall::make_state(ExecutionContext&) const {
    return std::make_unique<CallState>();
}

bool PhysicalProcedureCall::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    auto& s = static_cast<CallState&>(st);
    const function::Procedure& proc = *op_.procedure;
    for (;;) {
        if (!s.active) {
            if (!pull(ctx, st, row)) return false;
            ValueList args;
            for (size_t i = 0; i < op_.args.size(); ++i) {
                Value v = evaluate(*op_.args[i], row, ctx);
                const auto& f = proc.inputs[i];
                if (!function::argument_accepts(f, v))
                    throw QuiverError(std::string(status::TypeError),
                                      fmt::format("Wrong argument type: Can't coerce `{}` to {}",
                                                  kind_display(v), f.type),
                                      "InvalidArgumentType", ErrorPhase::Runtime);
                args.push_back(function::coerce_argument(f, v));
            }
            s.rows = proc.fn(args, ctx.fctx);
            s.next = 0;
            s.active = true;
            if (proc.outputs.empty()) {
                s.active = false;  // a void procedure: the input row, once
                if (all_true(op_.predicates, row, ctx)) return true;
                continue;
            }
        }
        while (s.next < s.rows.size()) {
            const ValueList& r = s.rows[s.next++];
            for (const auto& [idx, v] : op_.yields) row[v] = idx < r.size() ? r[idx] : Value();
            if (all_true(op_.predicates, row, ctx)) return true;
        }
        s.active = false;
    }
}

}  // namespace quiver::executor
