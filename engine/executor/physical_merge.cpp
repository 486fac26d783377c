#include "executor/physical_merge.h"

#include <fmt/format.h>

#include "base/error.h"
#include "executor/expression_evaluator.h"

namespace quiver::executor {

namespace {
enum class Phase : uint8_t { Idle, Matching, Creating };
struct MergeState final : OperatorState {
    Phase phase = Phase::Idle;
    bool matched = false;
};
}  // namespace

std::unique_ptr<OperatorState> PhysicalMerge::make_state(ExecutionContext&) const {
    return std::make_unique<MergeState>();
}

bool PhysicalMerge::reset_state(OperatorState& st) const {
    auto& s = static_cast<MergeState&>(st);
    s.phase = Phase::Idle;
    s.matched = false;
    return true;
}

void PhysicalMerge::check_nulls(ExecutionContext& ctx, Row& row) const {
    for (const auto& [what, e] : op_.null_checks) {
        Value m = evaluate(*e, row, ctx);
        if (!m.is_map()) continue;
        for (const auto& [key, v] : m.as_map()) {
            if (!v.is_null()) continue;
            bool node = !what.empty() && what[0] == '(';
            throw QuiverError(std::string(status::SemanticError),
                              fmt::format("Cannot merge the following {} because of null property "
                                          "value for '{}': {}",
                                          node ? "node" : "relationship", key, what),
                              "MergeReadOwnWrites", ErrorPhase::Runtime);
        }
    }
}

bool PhysicalMerge::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    auto& s = static_cast<MergeState&>(st);
    for (;;) {
        switch (s.phase) {
            case Phase::Idle:
                if (!pull(ctx, st, row, 0)) return false;
                restart_child(ctx, st, 1);  // the match part, for this row
                s.matched = false;
                s.phase = Phase::Matching;
                break;
            case Phase::Matching:
                if (pull(ctx, st, row, 1)) {
                    s.matched = true;
                    return true;
                }
                if (s.matched) {
                    s.phase = Phase::Idle;
                    break;
                }
                check_nulls(ctx, row);
                restart_child(ctx, st, 2);  // the create part, for this row
                s.phase = Phase::Creating;
                break;
            case Phase::Creating:
                if (pull(ctx, st, row, 2)) return true;
                s.phase = Phase::Idle;
                break;
        }
    }
}

}  // namespace quiver::executor
