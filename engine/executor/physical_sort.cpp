#include "executor/physical_sort.h"

#include <fmt/format.h>

#include <algorithm>

#include "executor/expression_evaluator.h"

namespace quiver::executor {

namespace {
struct BufferState final : OperatorState {
    explicit BufferState(ExecutionContext& ctx) : held(ctx.memory()) {}
    TrackedBytes held;  // the buffered rows
    bool filled = false;
    std::vector<Row> rows;
    size_t pos = 0, end = 0;
};

bool reset_buffer(OperatorState& st) {
    auto& s = static_cast<BufferState&>(st);
    s.held.bind(nullptr);  // gives the run's tracked bytes back; bind_buffer binds the next run
    s.filled = false;
    s.rows.clear();
    if (s.rows.capacity() > 1024) std::vector<Row>().swap(s.rows);
    s.pos = s.end = 0;
    return true;
}
void bind_buffer(ExecutionContext& ctx, OperatorState& st) {
    static_cast<BufferState&>(st).held.bind(ctx.memory());
}
}  // namespace

bool PhysicalSort::reset_state(OperatorState& st) const { return reset_buffer(st); }
void PhysicalSort::bind_state(ExecutionContext& ctx, OperatorState& st) const { bind_buffer(ctx, st); }
bool PhysicalEager::reset_state(OperatorState& st) const { return reset_buffer(st); }
void PhysicalEager::bind_state(ExecutionContext& ctx, OperatorState& st) const { bind_buffer(ctx, st); }

int64_t evaluate_count(const binder::BoundExpression& e, Row& row, ExecutionContext& ctx,
                       const char* what) {
    Value v = evaluate(e, row, ctx);
    if (v.is_int() && v.as_int() >= 0) return v.as_int();
    if (v.is_int())
        throw QuiverError(std::string(status::SyntaxError),
                          fmt::format("Invalid input. '{}' is not a valid value. Must be a "
                                      "non-negative integer.",
                                      v.as_int()),
                          "NegativeIntegerArgument", ErrorPhase::Runtime);
    throw QuiverError(std::string(status::SyntaxError),
                      fmt::format("Invalid input. '{}' is not a valid value for {}. Must be a "
                                  "non-negative integer.",
                                  to_cypher_string(v), what),
                      "InvalidArgumentType", ErrorPhase::Runtime);
}

std::unique_ptr<OperatorState> PhysicalSort::make_state(ExecutionContext& ctx) const {
    return std::make_unique<BufferState>(ctx);
}

bool PhysicalSort::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    auto& s = static_cast<BufferState&>(st);
    if (!s.filled) {
        s.filled = true;
        // Each buffered row carries its sort keys after the row's own slots.
        size_t width = row.size();
        while (pull(ctx, st, row)) {
            Row r = row;
            for (const auto& k : keys_) r.push_back(evaluate(*k.expr, row, ctx));
            s.held.add(row_bytes(r));
            s.rows.push_back(std::move(r));
        }
        std::stable_sort(s.rows.begin(), s.rows.end(), [&](const Row& a, const Row& b) {
            ctx.guard->check();
            for (size_t i = 0; i < keys_.size(); ++i) {
                int c = order_compare(a[width + i], b[width + i]);
                if (c) return keys_[i].descending ? c > 0 : c < 0;
            }
            return false;
        });
        for (auto& r : s.rows) r.resize(width);
        s.pos = skip_ ? size_t(evaluate_count(*skip_, row, ctx, "SKIP")) : 0;
        s.end = s.rows.size();
        if (limit_) {
            auto lim = size_t(evaluate_count(*limit_, row, ctx, "LIMIT"));
            s.end = std::min(s.end, s.pos + lim);
        }
    }
    if (s.pos >= s.end) return false;
    row = std::move(s.rows[s.pos++]);
    return true;
}

std::unique_ptr<OperatorState> PhysicalEager::make_state(ExecutionContext& ctx) const {
    return std::make_unique<BufferState>(ctx);
}

bool PhysicalEager::next(ExecutionContext& ctx, OperatorState& st, Row& row) const {
    auto& s = static_cast<BufferState&>(st);
    if (!s.filled) {
        s.filled = true;
        while (pull(ctx, st, row)) {
            s.held.add(row_bytes(row));
            s.rows.push_back(row);
        }
        s.end = s.rows.size();
    }
    if (s.pos >= s.end) return false;
    row = std::move(s.rows[s.pos++]);
    return true;
}

}  // namespace quiver::executor
