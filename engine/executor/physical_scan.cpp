#include "executor/physical_scan.h"

#include "executor/expression_evaluator.h"
#include "storage/graph/graph_txn.h"

namespace quiver::executor {

namespace {
struct ArgumentState final : OperatorState {
    bool done = false;
};
struct ScanState final : OperatorState {
    bool active = false;
    storage::NodeCursor cursor;
};
}  // namespace

std::unique_ptr<OperatorState> PhysicalArgument::make_state(ExecutionContext&) const {
    return std::make_unique<ArgumentState>();
}

bool PhysicalArgument::next(ExecutionContext&, OperatorState& st, Row&) const {
    auto& s = static_cast<ArgumentState&>(st);
    if (s.done) return false;
    s.done = true;
    return true;
}

std::unique_ptr<OperatorState> PhysicalNodeScan::make_state(ExecutionContext&) const {
    return std::make_unique<ScanState>();
}

bool PhysicalNodeScan::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    auto& s = static_cast<ScanState&>(st);
    for (;;) {
        if (!s.active) {
            if (!pull(ctx, st, row)) return false;
            if (op_.label) {
                auto tok = ctx.txn->find_label(*op_.label);
                if (!tok) continue;  // no node can carry an unknown label
                s.cursor = ctx.txn->scan_label(*tok);
            } else {
                s.cursor = ctx.txn->scan_nodes();
            }
            s.active = true;
        }
        storage::NodeId id;
        while (s.cursor.next(id)) {
            if (ctx.deleted_nodes.count(id)) continue;
            row[op_.var] = Value::node_ref(id);
            if (all_true(op_.predicates, row, ctx)) return true;
        }
        s.active = false;
    }
}

}  // namespace quiver::executor
