// describe() of the subquery operators (logical_subquery.h).
#include "planner/logical_subquery.h"

#include <fmt/format.h>

namespace quiver::planner {

std::string LogicalSubqueryCall::operator_name() const {
    if (in_transactions) return unit ? "TransactionForeach" : "TransactionApply";
    return unit ? "SubqueryForeach" : "Apply";
}

std::string LogicalSubqueryCall::describe() const {
    std::string s = operator_name() + "(";
    const char* sep = "";
    if (optional) {
        s += "optional";
        sep = ", ";
    }
    if (!return_vars.empty()) {
        s += std::string(sep) + "returns:";
        for (VarId v : return_vars) s += fmt::format(" v{}", v);
        sep = ", ";
    }
    if (in_transactions) {
        if (concurrent) {
            s += std::string(sep) + "concurrent" +
                 (concurrency ? ": " + concurrency->describe() : std::string());
            sep = ", ";
        }
        s += std::string(sep) + "batch: " + (batch_size ? batch_size->describe() : "1000");
        s += on_error == binder::OnErrorMode::Continue ? ", ON ERROR CONTINUE"
             : on_error == binder::OnErrorMode::Break  ? ", ON ERROR BREAK"
                                                       : ", ON ERROR FAIL";
        if (status_var != binder::kNoVar) s += fmt::format(", REPORT STATUS AS v{}", status_var);
    }
    return s + ")";
}

std::string LogicalForeach::describe() const {
    return fmt::format("Foreach(v{} IN {})", var, list->describe());
}

}  // namespace quiver::planner
