#include <deque>
#include <optional>

#include <fmt/format.h>

#include "base/error.h"
#include "executor/expression_evaluator.h"
#include "executor/physical_apply.h"
#include "executor/physical_update.h"

namespace quiver::executor {

namespace {

constexpr int64_t kDefaultBatchRows = 1000;

struct TransactionApplyState final : OperatorState {
    int64_t batch_rows = 0;  // 0 until the first batch
    bool outer_done = false;
    bool broken = false;  // ON ERROR BREAK after a failed batch
    Row last_outer;       // the outer input's row buffer as it left it
    Row inner;
    std::deque<Row> ready;  // output rows of the last batch
};

Value status_map(bool started, bool committed, Value txn_id, Value error) {
    ValueMap m;
    m.emplace_back("started", Value::boolean(started));
    m.emplace_back("committed", Value::boolean(committed));
    m.emplace_back("transactionId", std::move(txn_id));
    m.emplace_back("errorMessage", std::move(error));
    return Value::map(std::move(m));
}

// What a batch changes in the context besides the store, restored when it is rolled back.
struct ContextSnapshot {
    QueryStats stats;
    std::unordered_set<int64_t> deleted_nodes, deleted_rels;
    function::DeletedEntities deleted_info;
    explicit ContextSnapshot(const ExecutionContext& ctx)
        : stats(ctx.stats),
          deleted_nodes(ctx.deleted_nodes),
          deleted_rels(ctx.deleted_rels),
          deleted_info(ctx.deleted_info) {}
    void restore(ExecutionContext& ctx) {
        ctx.stats = stats;
        ctx.deleted_nodes = std::move(deleted_nodes);
        ctx.deleted_rels = std::move(deleted_rels);
        ctx.deleted_info = std::move(deleted_info);
        ctx.pending_node_deletes.clear();
    }
};

}  // namespace

std::unique_ptr<OperatorState> PhysicalTransactionApply::make_state(ExecutionContext&) const {
    return std::make_unique<TransactionApplyState>();
}

bool PhysicalTransactionApply::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    auto& s = static_cast<TransactionApplyState&>(st);
    for (;;) {
        if (!s.ready.empty()) {
            row = std::move(s.ready.front());
            s.ready.pop_front();
            return true;
        }
        if (s.outer_done) return false;
        if (s.batch_rows == 0) {
            s.batch_rows = kDefaultBatchRows;
            if (op_.batch_size) {
                Value n = evaluate(*op_.batch_size, row, ctx);
                if (!n.is_int() || n.as_int() <= 0)
                    throw_argument("InvalidArgumentValue",
                                   fmt::format("Invalid input. {} is not a valid value. Must be a "
                                               "positive integer.",
                                               n.is_string() ? to_literal_string(n)
                                                             : "'" + to_literal_string(n) + "'"));
                s.batch_rows = n.as_int();
            }
            // IN n CONCURRENT TRANSACTIONS: n must be an integer (a negative n means "the
            // cores minus |n|" in Neo4j). One writer runs the batches in order whatever n is.
            if (op_.concurrency) {
                Value n = evaluate(*op_.concurrency, row, ctx);
                if (!n.is_int())
                    throw_argument("InvalidArgumentValue",
                                   fmt::format("Invalid input. {} is not a valid value. Must be "
                                               "an integer.",
                                               n.is_string() ? to_literal_string(n)
                                                             : "'" + to_literal_string(n) + "'"));
            }
        } else {
            row = s.last_outer;
        }
        std::vector<Row> outer;
        while (int64_t(outer.size()) < s.batch_rows) {
            if (!pull(ctx, st, row, 0)) {
                s.outer_done = true;
                break;
            }
            outer.push_back(row);
        }
        s.last_outer = row;
        if (outer.empty()) return false;
        run_batch(ctx, st, outer);
    }
}

void PhysicalTransactionApply::run_batch(ExecutionContext& ctx, OperatorState& st,
                                         std::vector<Row>& outer) const {
    auto& s = static_cast<TransactionApplyState&>(st);
    const bool report = op_.status_var != binder::kNoVar;
    auto failed_rows = [&](const Value& status) {
        for (auto& o : outer) {
            for (VarId v : op_.return_vars) o[v] = Value();
            if (report) o[op_.status_var] = status;
            s.ready.push_back(std::move(o));
        }
    };
    if (s.broken) {
        failed_rows(status_map(false, false, Value(), Value()));
        return;
    }
    // Only a batch whose failure the statement survives needs the context restored.
    std::optional<ContextSnapshot> snapshot;
    if (op_.on_error != binder::OnErrorMode::Fail) snapshot.emplace(ctx);
    std::string txn_id = ctx.batches ? ctx.batches->transaction_id() : std::string();
    std::vector<Row> produced;
    try {
        for (auto& o : outer) {
            s.inner = o;
            st.children[1] = children[1]->init_state(ctx);
            if (op_.unit) {
                while (children[1]->next(ctx, *st.children[1], s.inner)) {
                }
                produced.push_back(o);
                continue;
            }
            while (children[1]->next(ctx, *st.children[1], s.inner)) {
                Row r = o;
                for (VarId v : op_.return_vars) r[v] = s.inner[v];
                produced.push_back(std::move(r));
            }
        }
        finish_statement(ctx);
        st.children[1].reset();  // no inner cursor outlives the transaction it reads
        if (ctx.batches) ctx.batches->commit_and_restart(ctx);
    } catch (const QuiverError& e) {
        if (op_.on_error == binder::OnErrorMode::Fail) throw;
        snapshot->restore(ctx);
        st.children[1].reset();
        if (ctx.batches) ctx.batches->rollback_and_restart(ctx);
        if (op_.on_error == binder::OnErrorMode::Break) s.broken = true;
        failed_rows(status_map(true, false, Value::string(txn_id), Value::string(e.message())));
        return;
    }
    Value ok = status_map(true, true, Value::string(txn_id), Value());
    for (auto& r : produced) {
        if (report) r[op_.status_var] = ok;
        s.ready.push_back(std::move(r));
    }
}

}  // namespace quiver::executor
