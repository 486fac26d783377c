#include "main/query_pipeline.h"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "binder/binder.h"
#include "executor/executor.h"
#include "executor/physical_profile.h"
#include "executor/physical_update.h"
#include "main/notifications.h"
#include "main/plan_description.h"
#include "main/show_commands.h"
#include "main/store_statistics.h"
#include "main/schema_command.h"
#include "parser/parser.h"
#include "planner/planner.h"
#include "storage/graph/graph_txn.h"

namespace quiver::main {

struct ParsedAndBound {
    binder::BoundStatement bound;
    StatementPrefix prefix = StatementPrefix::None;
    std::optional<SchemaCommand> schema;
};

bool PreparedQuery::has_updates() const { return schema ? schema->writes() : plan.has_updates; }

bool PreparedQuery::changes_schema() const {
    return schema ? schema->writes() : plan.has_schema_updates;
}

std::string_view PreparedQuery::query_type() const {
    if (schema) return schema->writes() ? "s" : "r";
    if (plan.has_schema_updates) return "s";
    if (!plan.has_updates) return "r";
    return plan.columns.empty() ? "w" : "rw";
}

std::shared_ptr<ParsedAndBound> analyse(std::string_view original) {
    // CYPHER [5] [option=value ...] prefixes are checked, then blanked out.
    const std::string text = parser::blank_query_options(original);
    std::string_view query = text;
    // SHOW PROCEDURES / SHOW FUNCTIONS run as a CALL of an internal listing procedure.
    if (auto rewritten = rewrite_show_command(query)) return analyse(*rewritten);
    if (auto cmd = parse_schema_command(query)) {
        auto out = std::make_shared<ParsedAndBound>();
        out->schema = std::move(cmd);
        return out;
    }
    auto parsed = parser::parse_statement(query);
    auto out = std::make_shared<ParsedAndBound>();
    // EXPLAIN / PROFILE wrap an ordinary statement: bind that, remember the prefix.
    using parser::ParsedStatementPrefix;
    if (parsed.prefix == ParsedStatementPrefix::Explain) out->prefix = StatementPrefix::Explain;
    if (parsed.prefix == ParsedStatementPrefix::Profile) out->prefix = StatementPrefix::Profile;
    parsed.prefix = ParsedStatementPrefix::None;
    out->bound = binder::bind_statement(parsed);
    return out;
}

bool analysed_has_updates(const ParsedAndBound& a) {
    return a.schema ? a.schema->writes() : a.bound.has_updates;
}

bool analysed_in_transactions(const ParsedAndBound& a) {
    return !a.schema && a.bound.in_transactions;
}

namespace {
[[gnu::noinline]] void report_missing_parameters(const std::vector<std::string>& names,
                                                 StatementPrefix prefix, const ValueMap& params) {
    std::vector<std::string> missing;
    for (const auto& name : names)
        if (!map_find(params, name)) missing.push_back(name);
    // EXPLAIN never evaluates parameters: Neo4j plans it anyway (with a notification).
    if (!missing.empty() && prefix != StatementPrefix::Explain) {
        std::string list;
        for (size_t i = 0; i < missing.size(); ++i) list += (i ? ", " : "") + missing[i];
        throw QuiverError(std::string(status::ParameterMissing),
                          fmt::format("Expected parameter(s): {}", list), "MissingParameter",
                          ErrorPhase::CompileTime);
    }
}
}  // namespace

void check_parameters(const std::vector<std::string>& names, StatementPrefix prefix,
                      const ValueMap& params) {
    for (const auto& name : names)  // the usual case: every one given, nothing made
        if (!map_find(params, name)) return report_missing_parameters(names, prefix, params);
}

std::unique_ptr<PreparedQuery> prepare(std::shared_ptr<ParsedAndBound> analysed,
                                       storage::GraphTxn& txn, const ValueMap& params,
                                       const optimizer::OptimizerOptions& options,
                                       std::vector<CountRead>* counts_read) {
    if (analysed->schema) {
        auto q = std::make_unique<PreparedQuery>();
        q->schema = std::make_shared<const SchemaCommand>(*analysed->schema);
        return q;
    }
    check_parameters(analysed->bound.parameters, analysed->prefix, params);
    StoreStatistics stats(txn);
    auto q = std::make_unique<PreparedQuery>();
    q->prefix = analysed->prefix;
    q->notifications = find_notifications(analysed->bound, txn);
    q->plan = planner::plan_statement(std::move(analysed->bound), stats);
    optimizer::optimize(q->plan, options);
    if (q->prefix == StatementPrefix::Profile)
        q->root = executor::map_plan_profiled(*q->plan.root, q->profiled_ops);
    else
        q->root = executor::map_plan(*q->plan.root);
    for (const auto& sp : q->plan.subplans) q->subplans.push_back(executor::map_plan(*sp));
    if (counts_read) *counts_read = stats.reads();
    return q;
}

namespace {

Value materialise_node(int64_t id, storage::GraphTxn& txn, bool alive) {
    auto* n = new NodeObj();
    n->id = id;
    n->element_id = txn.node_element_id(id);
    if (alive) {
        for (auto t : txn.node_labels(id)) n->labels.push_back(txn.label_name(t));
        for (auto& [k, v] : txn.node_properties(id))
            n->properties.emplace_back(txn.property_key_name(k), std::move(v));
    }
    return Value::node(n);
}

Value materialise_rel(int64_t id, storage::GraphTxn& txn, bool alive) {
    auto* r = new RelObj();
    r->id = id;
    r->element_id = txn.rel_element_id(id);
    if (alive) {
        auto rec = txn.rel(id);
        r->start = rec.start;
        r->end = rec.end;
        r->start_element_id = txn.node_element_id(rec.start);
        r->end_element_id = txn.node_element_id(rec.end);
        r->type = txn.rel_type_name(rec.type);
        for (auto& [k, v] : txn.rel_properties(id))
            r->properties.emplace_back(txn.property_key_name(k), std::move(v));
    }
    return Value::relationship(r);
}

}  // namespace

Value materialise(const Value& v, storage::GraphTxn& txn) {
    switch (v.kind()) {
        case ValueKind::Node:
            if (!v.is_entity_ref()) return v;
            return materialise_node(v.node_id(), txn, txn.node_exists(v.node_id()));
        case ValueKind::Relationship:
            if (!v.is_entity_ref()) return v;
            return materialise_rel(v.rel_id(), txn, txn.rel_exists(v.rel_id()));
        case ValueKind::List: {
            ValueList out;
            out.reserve(v.as_list().size());
            for (const auto& x : v.as_list()) out.push_back(materialise(x, txn));
            return Value::list(std::move(out));
        }
        case ValueKind::Map: {
            ValueMap out;
            for (const auto& [k, x] : v.as_map()) out.emplace_back(k, materialise(x, txn));
            return Value::map(std::move(out));
        }
        case ValueKind::Path: {
            auto* p = new PathObj();
            for (const auto& n : v.as_path().nodes) p->nodes.push_back(materialise(n, txn));
            for (const auto& r : v.as_path().rels) p->rels.push_back(materialise(r, txn));
            return Value::path(p);
        }
        default: return v;
    }
}

bool runs_plan(const PreparedQuery& q) {
    return !q.schema && q.prefix != StatementPrefix::Explain;
}

namespace {
std::unique_ptr<RunKit> kit_for(const PreparedQuery& q, storage::GraphTxn& txn,
                                const ValueMap& params) {
    auto kit = q.parked.take();
    if (!kit) return std::make_unique<RunKit>(txn, params);
    kit->ctx.restart(txn, params);
    return kit;
}
}  // namespace

QueryRun::QueryRun(const PreparedQuery& q, storage::GraphTxn& txn, const ValueMap& params,
                   QuerySummary& summary, executor::QueryGuard* guard,
                   executor::BatchTransactions* batches, function::DbmsContext* dbms)
    : q_(q), txn_(txn), kit_(kit_for(q, txn, params)), ctx_(kit_->ctx), hits0_(txn.db_hits()),
      summary_(summary) {
    ctx_.fctx.dbms = dbms;
    if (guard) ctx_.guard = guard;
    ctx_.guard->check_now();
    ctx_.subplans = &q.subplans;
    ctx_.batches = batches;
    ctx_.profile.resize(q.profiled_ops.size());  // never grows while operators run
    RunKit& kit = *kit_;
    if (kit.state && kit.states.usable(ctx_)) {
        kit.states.bind(ctx_);
    } else {
        kit.state = q.root->state_for(ctx_, std::move(kit.state));
        kit.states.build(*q.root, *kit.state, ctx_);
    }
    kit.row.resize(q.plan.variables.size());
}

QueryRun::~QueryRun() = default;

bool QueryRun::next(std::vector<Value>& out) {
    while (!done_) {
        if (!q_.root->next(ctx_, *kit_->state, kit_->row)) {
            finish();
            return false;
        }
        if (q_.plan.column_vars.empty()) continue;
        out.clear();
        out.reserve(q_.plan.column_vars.size());
        for (auto v : q_.plan.column_vars) {
            const Value& cell = kit_->row[v];
            switch (cell.kind()) {  // only entities and containers of them are materialised
                case ValueKind::Node:
                case ValueKind::Relationship:
                case ValueKind::List:
                case ValueKind::Map:
                case ValueKind::Path: out.push_back(materialise(cell, *ctx_.txn)); break;
                default: out.push_back(cell);
            }
        }
        return true;
    }
    return false;
}

void QueryRun::finish() {
    done_ = true;
    QuerySummary& sum = summary_;
    executor::finish_statement(ctx_);
    // constraints hold at the end of every statement (a violation rolls the transaction back)
    if (ctx_.txn->is_write()) ctx_.txn->validate_constraints();
    // Blocking operators give their tracked memory back, cursors their pages (a tree that
    // cannot be reset goes now, while what it refers to is alive).
    RunKit& kit = *kit_;
    const bool reset = kit.states.usable(ctx_) ? kit.states.reset() : q_.root->reset_tree(*kit.state);
    if (!reset) {
        kit.state.reset();
        kit.states.clear();
    }
    if (!keep_pages_) ctx_.txn->release_pages();
    sum.stats = ctx_.stats;
    sum.query_type = std::string(q_.query_type());
    // IN TRANSACTIONS batches replace the transaction: count the last one's hits from zero.
    sum.db_hits = ctx_.txn == &txn_ ? txn_.db_hits() - hits0_ : ctx_.txn->db_hits();
    sum.peak_memory_bytes = ctx_.memory()->peak();
    if (!q_.notifications.empty()) sum.notifications = q_.notifications;
    if (q_.prefix == StatementPrefix::Profile) {
        ProfiledOps ops;
        for (size_t i = 0; i < q_.profiled_ops.size(); ++i)
            ops[q_.profiled_ops[i]] = ctx_.profile[i];
        sum.plan = describe_plan(q_.plan, &ops, sum.peak_memory_bytes);
        sum.profiled = true;
    }
    // The kit waits for the plan's next run; ctx_ is not used after this.
    for (auto& v : kit.row) v.clear();
    q_.parked.give(std::move(kit_));
}

QueryOutput execute(const PreparedQuery& q, storage::GraphTxn& txn, const ValueMap& params,
                    executor::QueryGuard* guard, executor::BatchTransactions* batches,
                    function::DbmsContext* dbms) {
    if (q.prefix == StatementPrefix::Explain) {
        // EXPLAIN: the plan only; nothing runs, so no rows and no updates.
        QueryOutput out;
        out.columns = q.plan.columns;
        out.summary.query_type = q.query_type();
        out.summary.plan = describe_plan(q.plan);
        out.summary.notifications = q.notifications;
        return out;
    }
    if (q.schema) return run_schema_command(*q.schema, txn);
    QueryOutput out;
    out.columns = q.plan.columns;
    QueryRun run(q, txn, params, out.summary, guard, batches, dbms);
    executor::TrackedBytes held(guard ? &guard->memory() : nullptr);
    std::vector<Value> r;
    while (run.next(r)) {
        held.add(executor::row_bytes(r));
        out.rows.push_back(std::move(r));
    }
    return out;
}

}  // namespace quiver::main
