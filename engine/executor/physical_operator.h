// quiver::executor — physical operators: pull-based, one row at a time, over slot-indexed
// rows.
//
// Invariants:
//   1. a PhysicalOperator is immutable after mapping; everything that changes while a query
//      runs lives in its OperatorState (made by init_state) or in the ExecutionContext, so one
//      plan can run many times (style.md habit 5);
//   2. next() fills the shared row buffer and returns false when exhausted. An operator writes
//      only the slots of the variables it binds; slots written by operators below it stay
//      intact between calls, so streaming operators never copy rows;
//   3. blocking operators (Sort, Top, Aggregate, Eager) consume their whole input before their
//      first row and then overwrite the whole row buffer.
#pragma once

#include <memory>
#include <string>
#include <typeinfo>
#include <vector>

#include "executor/execution_context.h"

namespace quiver::executor {

struct OperatorState;

// The states of an operator's children, in child order: the first three inline (nearly every
// operator has one or two children, MERGE three), more on the heap. Saves an allocation per
// operator per statement.
class ChildStates {
public:
    using Ptr = std::unique_ptr<OperatorState>;
    size_t size() const { return n_; }
    Ptr& operator[](size_t i) { return i < kInline ? inline_[i] : more_[i - kInline]; }
    void push_back(Ptr p) {
        if (n_ < kInline) inline_[n_] = std::move(p);
        else more_.push_back(std::move(p));
        ++n_;
    }

private:
    static constexpr size_t kInline = 3;
    Ptr inline_[kInline];
    std::vector<Ptr> more_;
    size_t n_ = 0;
};

struct OperatorState {
    virtual ~OperatorState() = default;
    ChildStates children;
};

class PhysicalOperator {
public:
    virtual ~PhysicalOperator() = default;

    std::unique_ptr<OperatorState> init_state(ExecutionContext& ctx) const {
        ++ctx.states_made;  // a StateList built before this no longer describes the tree
        auto st = make_state(ctx);
        for (const auto& c : children) st->children.push_back(c->init_state(ctx));
        return st;
    }
    virtual bool next(ExecutionContext& ctx, OperatorState& st, Row& row) const = 0;
    virtual std::string describe() const = 0;
    // How many rows next() would still produce, for an aggregation that only counts them
    // (count(*), or count(v) of a `v` this operator binds non-null, with no grouping keys).
    // Expansions override it to count adjacency entries without filling rows; the default
    // pulls and counts.
    virtual int64_t count_rows(ExecutionContext& ctx, OperatorState& st, Row& row) const {
        int64_t n = 0;
        while (next(ctx, st, row)) ++n;
        return n;
    }
    // Whether every row this operator produces binds `v` to a non-null value (it binds `v`
    // itself, as an expansion binds its relationship and end node).
    virtual bool binds_non_null(VarId /*v*/) const { return false; }

    // Run-state reuse (main/ QueryRun): after a run, reset_tree() puts the state tree back as
    // init_state() made it and gives back what the run held (tracked memory, cursors and the
    // pages they pin), so the plan's next run takes the tree instead of making a new one; false
    // when some operator cannot (the tree is then destroyed). bind_tree() ties a reset tree to
    // the run that takes it.
    bool reset_tree(OperatorState& st) const {
        if (st.children.size() != children.size() || !reset_state(st)) return false;
        for (size_t i = 0; i < children.size(); ++i)
            if (!st.children[i] || !children[i]->reset_tree(*st.children[i])) return false;
        return true;
    }
    void bind_tree(ExecutionContext& ctx, OperatorState& st) const {
        bind_state(ctx, st);
        for (size_t i = 0; i < children.size(); ++i) children[i]->bind_tree(ctx, *st.children[i]);
    }
    // The state tree for a run: `kept` (a reset tree, or null) bound to `ctx`, else a new one.
    std::unique_ptr<OperatorState> state_for(ExecutionContext& ctx,
                                             std::unique_ptr<OperatorState> kept) const {
        if (!kept) return init_state(ctx);
        bind_tree(ctx, *kept);
        return kept;
    }

    std::vector<std::unique_ptr<PhysicalOperator>> children;

protected:
    friend class StateList;
    virtual std::unique_ptr<OperatorState> make_state(ExecutionContext&) const {
        return std::make_unique<OperatorState>();
    }
    // This operator's part of reset_tree()/bind_tree() (children aside). A plain OperatorState
    // has nothing to reset; an operator with its own state kind must override this to be reused.
    virtual bool reset_state(OperatorState& st) const { return typeid(st) == typeid(OperatorState); }
    virtual void bind_state(ExecutionContext&, OperatorState&) const {}
    // True for an operator that overrides bind_state (StateList binds only those).
    virtual bool binds_state() const { return false; }
    // Child i starts over within this run (an optional part or subquery, once per outer row):
    // its state is reset and re-bound when every operator under it can be, else made anew.
    void restart_child(ExecutionContext& ctx, OperatorState& st, size_t i) const {
        auto& c = st.children[i];
        if (c && !children[i]->reset_tree(*c)) c.reset();
        c = children[i]->state_for(ctx, std::move(c));
    }
    bool pull(ExecutionContext& ctx, OperatorState& st, Row& row, size_t i = 0) const {
        ctx.guard->check();
        return children[i]->next(ctx, *st.children[i], row);
    }
};
using PhysicalOpPtr = std::unique_ptr<PhysicalOperator>;

// A state tree listed in pre-order beside its operators, so that binding it to a run and
// resetting it afterwards are loops instead of recursions (a point query's plan pays those
// twice per statement). The list describes the tree while no state has been made since it was
// built (ExecutionContext::states_made): a state made anew under a restarted child, or a tree
// rebuilt, makes it stale, and the caller uses the recursive walks and builds it again.
class StateList {
public:
    // Lists the tree, or nothing when it does not match its operators.
    void build(const PhysicalOperator& root, OperatorState& st, const ExecutionContext& ctx) {
        clear();
        valid_ = add(root, st);
        if (!valid_) clear();
        made_ = ctx.states_made;
    }
    void clear() {
        all_.clear();
        binding_.clear();
        valid_ = false;
    }
    bool usable(const ExecutionContext& ctx) const { return valid_ && made_ == ctx.states_made; }
    // PhysicalOperator::reset_tree's work; false as soon as an operator cannot reset (its
    // children, which may no longer be what the list holds, are not touched).
    bool reset() const {
        for (const auto& [op, st] : all_)
            if (!op->reset_state(*st)) return false;
        return true;
    }
    void bind(ExecutionContext& ctx) const {  // PhysicalOperator::bind_tree's work
        for (const auto& [op, st] : binding_) op->bind_state(ctx, *st);
    }

private:
    bool add(const PhysicalOperator& op, OperatorState& st) {
        if (st.children.size() != op.children.size()) return false;
        all_.emplace_back(&op, &st);
        if (op.binds_state()) binding_.emplace_back(&op, &st);
        for (size_t i = 0; i < op.children.size(); ++i)
            if (!st.children[i] || !add(*op.children[i], *st.children[i])) return false;
        return true;
    }
    std::vector<std::pair<const PhysicalOperator*, OperatorState*>> all_, binding_;
    uint64_t made_ = 0;
    bool valid_ = false;
};

}  // namespace quiver::executor
