// Clause and statement rules of the parser (cypher.ebnf, "Statements" and "Clauses").
#include <fmt/format.h>

#include "parser/parser_internal.h"

namespace quiver::parser {

ParsedStatement Parser::statement() {
    ParsedStatement st;
    st.pos = cur().pos;
    if (accept_kw("EXPLAIN")) st.prefix = ParsedStatementPrefix::Explain;
    else if (accept_kw("PROFILE")) st.prefix = ParsedStatementPrefix::Profile;
    st.queries.push_back(single_query());
    while (is_kw("UNION")) {
        ++i_;
        st.union_all.push_back(accept_kw("ALL"));
        st.queries.push_back(single_query());
    }
    accept_sym(";");
    if (!at_end()) fail_expected(at_clause_start() ? "UNION or end of input" : "a clause, UNION or end of input");
    return st;
}

bool Parser::at_clause_start() const {
    static const char* kStarts[] = {"MATCH", "OPTIONAL", "UNWIND", "WITH", "RETURN", "CREATE",
                                    "MERGE", "SET", "REMOVE", "DELETE", "DETACH", "NODETACH",
                                    "CALL", "FOREACH", "LOAD", "USE"};
    for (const char* k : kStarts)
        if (is_kw(k)) return true;
    return false;
}

ParsedSingleQuery Parser::single_query() {
    ParsedSingleQuery q;
    if (!at_clause_start()) fail_expected("a clause (MATCH, CREATE, RETURN, ...)");
    while (at_clause_start()) q.clauses.push_back(clause());
    return q;
}

ParsedClausePtr Parser::clause() {
    if (accept_kw("MATCH")) return match_clause(false);
    if (is_kw("OPTIONAL")) {
        SourcePosition opt_pos = cur().pos;
        ++i_;
        if (is_kw("CALL")) {
            auto c = call_clause();
            if (c->kind != ParsedClauseKind::CallSubquery)
                fail_at(toks_[i_ - 1], "OPTIONAL CALL of a procedure is not supported");
            auto& sub = static_cast<ParsedCallSubqueryClause&>(*c);
            sub.optional = true;
            sub.pos = opt_pos;
            return c;
        }
        expect_kw("MATCH");
        return match_clause(true);
    }
    if (is_kw("UNWIND")) return unwind_clause();
    if (is_kw("WITH")) return projection_clause(true);
    if (is_kw("RETURN")) return projection_clause(false);
    if (is_kw("CREATE")) return create_clause();
    if (is_kw("MERGE")) return merge_clause();
    if (is_kw("SET")) return set_clause();
    if (is_kw("REMOVE")) return remove_clause();
    if (is_kw("DELETE")) return delete_clause(false);
    if (is_kw("DETACH") || is_kw("NODETACH")) {
        bool detach = is_kw("DETACH");
        ++i_;
        if (!is_kw("DELETE")) fail_expected("DELETE");
        return delete_clause(detach);
    }
    if (is_kw("CALL")) return call_clause();
    if (is_kw("FOREACH")) return foreach_clause();
    if (is_kw("LOAD")) fail_at(cur(), "LOAD CSV is not supported");
    fail_at(cur(), "USE is not supported");
}

ParsedClausePtr Parser::match_clause(bool optional) {
    auto c = std::make_unique<ParsedMatchClause>(ParsedClauseKind::Match, toks_[i_ - 1].pos);
    if (optional) c->pos = toks_[i_ - 2].pos;
    c->optional = optional;
    c->pattern = pattern();
    while (is_kw("USING")) c->hints.push_back(hint());
    if (accept_kw("WHERE")) c->where = expression();
    return c;
}

// USING [RANGE | TEXT | POINT] INDEX [SEEK] v:L(p[, q...]) | USING SCAN v:L | USING JOIN ON v[, w...]
ParsedHint Parser::hint() {
    ParsedHint h;
    h.pos = cur().pos;
    ++i_;  // USING
    if (accept_kw("JOIN")) {
        h.kind = ParsedHintKind::Join;
        expect_kw("ON");
        do {
            h.join_positions.push_back(cur().pos);
            h.join_variables.push_back(symbolic_name("a variable name"));
        } while (accept_sym(","));
        h.text = "USING JOIN ON " + h.join_variables[0];
        for (size_t k = 1; k < h.join_variables.size(); ++k) h.text += ", " + h.join_variables[k];
        return h;
    }
    if (accept_kw("SCAN")) {
        h.kind = ParsedHintKind::Scan;
        h.variable = symbolic_name("a variable name");
        expect_sym(":");
        h.label = symbolic_name("a label or relationship type");
        h.text = "USING SCAN " + h.variable + ":" + h.label;
        return h;
    }
    for (const char* t : {"RANGE", "TEXT", "POINT"})
        if (h.index_type.empty() && accept_kw(t)) h.index_type = t;
    if (!is_kw("INDEX")) fail_expected(h.index_type.empty() ? "INDEX, SCAN or JOIN" : "INDEX");
    ++i_;
    h.seek = accept_kw("SEEK");
    h.variable = symbolic_name("a variable name");
    expect_sym(":");
    h.label = symbolic_name("a label or relationship type");
    expect_sym("(");
    do h.properties.push_back(symbolic_name("a property key name"));
    while (accept_sym(","));
    expect_sym(")");
    h.text = "USING " + (h.index_type.empty() ? std::string() : h.index_type + " ") + "INDEX " +
             (h.seek ? "SEEK " : "") + h.variable + ":" + h.label + "(" + h.properties[0];
    for (size_t k = 1; k < h.properties.size(); ++k) h.text += ", " + h.properties[k];
    h.text += ")";
    return h;
}

ParsedClausePtr Parser::unwind_clause() {
    auto c = std::make_unique<ParsedUnwindClause>(ParsedClauseKind::Unwind, cur().pos);
    ++i_;
    c->list = expression();
    expect_kw("AS");
    c->alias = symbolic_name("a variable name");
    return c;
}

ParsedClausePtr Parser::projection_clause(bool is_with) {
    auto c = std::make_unique<ParsedProjectionClause>(
        is_with ? ParsedClauseKind::With : ParsedClauseKind::Return, cur().pos);
    ++i_;
    projection_body(c->body, is_with);
    if (is_with && accept_kw("WHERE")) c->where = expression();
    return c;
}

void Parser::projection_body(ParsedProjectionBody& body, bool is_with) {
    body.distinct = accept_kw("DISTINCT");
    if (accept_sym("*")) {
        body.star = true;
        if (!accept_sym(",")) goto after_items;
    }
    do {
        ParsedProjectionItem item;
        item.pos = cur().pos;
        uint32_t start = cur().pos.offset;
        item.expr = expression();
        uint32_t end = toks_[i_ - 1].end;
        item.text = std::string(q_.substr(start, end - start));
        if (accept_kw("AS")) item.alias = symbolic_name("a variable name");
        body.items.push_back(std::move(item));
    } while (accept_sym(","));
after_items:
    if (is_kw("ORDER")) {
        ++i_;
        expect_kw("BY");
        do {
            ParsedSortItem s;
            s.expr = expression();
            if (accept_kw("DESC") || accept_kw("DESCENDING")) s.descending = true;
            else if (accept_kw("ASC") || accept_kw("ASCENDING")) s.descending = false;
            body.order_by.push_back(std::move(s));
        } while (accept_sym(","));
    }
    if (accept_kw("SKIP") || accept_kw("OFFSET")) body.skip = expression();
    if (accept_kw("LIMIT")) body.limit = expression();
    (void)is_with;
}

ParsedClausePtr Parser::create_clause() {
    auto c = std::make_unique<ParsedCreateClause>(ParsedClauseKind::Create, cur().pos);
    ++i_;
    c->pattern = pattern();
    return c;
}

ParsedClausePtr Parser::merge_clause() {
    auto c = std::make_unique<ParsedMergeClause>(ParsedClauseKind::Merge, cur().pos);
    ++i_;
    c->pattern = pattern_part();
    while (is_kw("ON")) {
        ++i_;
        bool on_create = is_kw("CREATE");
        if (!on_create && !is_kw("MATCH")) fail_expected("CREATE or MATCH");
        ++i_;
        expect_kw("SET");
        set_items(on_create ? c->on_create : c->on_match);
    }
    return c;
}

ParsedClausePtr Parser::set_clause() {
    auto c = std::make_unique<ParsedSetClause>(ParsedClauseKind::Set, cur().pos);
    ++i_;
    set_items(c->items);
    return c;
}

// n.p = v | n = map | n += map | n:A:B   (the target may be any property expression)
void Parser::set_items(std::vector<ParsedSetItem>& out) {
    do {
        ParsedSetItem item;
        item.pos = cur().pos;
        if (cur().kind == TokenKind::Identifier && is_sym(":", 1)) {
            auto v = std::make_unique<ParsedExpression>(ParsedExprKind::Variable, cur().pos);
            v->name = toks_[i_++].text;
            item.kind = ParsedSetKind::Labels;
            item.target = std::move(v);
            item.labels = label_list();
            out.push_back(std::move(item));
            continue;
        }
        auto target = postfix();
        if (target->kind == ParsedExprKind::LabelCheck) {
            if (target->name == "expr") fail_at(cur(), "Label expressions are not allowed here");
            item.kind = ParsedSetKind::Labels;
            item.labels = target->keys;
            item.target = std::move(target->children[0]);
        } else if (target->kind == ParsedExprKind::Property) {
            expect_sym("=");
            item.kind = ParsedSetKind::Property;
            item.target = std::move(target);
            item.value = expression();
        } else if (accept_sym("=")) {
            item.kind = ParsedSetKind::ReplaceProperties;
            item.target = std::move(target);
            item.value = expression();
        } else if (accept_sym("+=")) {
            item.kind = ParsedSetKind::MergeProperties;
            item.target = std::move(target);
            item.value = expression();
        } else {
            fail_expected("'=', '+=' or a label");
        }
        out.push_back(std::move(item));
    } while (accept_sym(","));
}

ParsedClausePtr Parser::remove_clause() {
    auto c = std::make_unique<ParsedRemoveClause>(ParsedClauseKind::Remove, cur().pos);
    ++i_;
    do {
        ParsedRemoveItem item;
        item.pos = cur().pos;
        auto target = postfix();
        if (target->kind == ParsedExprKind::LabelCheck) {
            item.labels = target->keys;
            item.target = std::move(target->children[0]);
        } else if (target->kind == ParsedExprKind::Property) {
            item.target = std::move(target);
        } else {
            fail_at(toks_[i_ - 1], "Invalid input: REMOVE expects a property or labels");
        }
        c->items.push_back(std::move(item));
    } while (accept_sym(","));
    return c;
}

ParsedClausePtr Parser::delete_clause(bool detach) {
    auto c = std::make_unique<ParsedDeleteClause>(ParsedClauseKind::Delete, cur().pos);
    ++i_;
    c->detach = detach;
    do {
        c->targets.push_back(expression());
    } while (accept_sym(","));
    return c;
}

ParsedClausePtr Parser::call_clause() {
    SourcePosition p = cur().pos;
    ++i_;
    if (is_sym("{") || is_sym("(")) {
        auto c = std::make_unique<ParsedCallSubqueryClause>(ParsedClauseKind::CallSubquery, p);
        if (accept_sym("(")) {
            c->has_scope = true;
            if (accept_sym("*")) {
                c->scope_star = true;
            } else if (!is_sym(")")) {
                do {
                    SourcePosition vp = cur().pos;
                    c->scope_vars.emplace_back(symbolic_name("a variable name"), vp);
                } while (accept_sym(","));
            }
            expect_sym(")");
            if (!is_sym("{")) fail_expected("'{'");
        }
        ++i_;
        auto st = std::make_shared<ParsedStatement>();
        st->pos = cur().pos;
        st->queries.push_back(single_query());
        while (is_kw("UNION")) {
            ++i_;
            st->union_all.push_back(accept_kw("ALL"));
            st->queries.push_back(single_query());
        }
        expect_sym("}");
        c->body = std::move(st);
        if (is_kw("IN")) in_transactions(*c);
        return c;
    }
    auto c = std::make_unique<ParsedCallClause>(ParsedClauseKind::Call, p);
    c->procedure = symbolic_name("a procedure name");
    while (accept_sym(".")) c->procedure += "." + symbolic_name("a procedure name");
    if (accept_sym("(")) {
        c->explicit_args = true;
        if (!is_sym(")")) {
            do {
                c->args.push_back(expression());
            } while (accept_sym(","));
        }
        expect_sym(")");
    }
    if (accept_kw("YIELD")) {
        if (accept_sym("*")) {
            c->yield_star = true;
        } else {
            do {
                ParsedYieldItem y;
                y.pos = cur().pos;
                y.field = symbolic_name("a procedure output name");
                if (accept_kw("AS")) y.alias = symbolic_name("a variable name");
                c->yields.push_back(std::move(y));
            } while (accept_sym(","));
        }
        if (accept_kw("WHERE")) c->where = expression();
    }
    return c;
}

// IN [[n] CONCURRENT] TRANSACTIONS [OF n ROW[S]] [ON ERROR CONTINUE|BREAK|FAIL|RETRY
// [FOR d SECOND[S]] [THEN CONTINUE|BREAK|FAIL]] [REPORT STATUS AS name]
void Parser::in_transactions(ParsedCallSubqueryClause& c) {
    c.tx_pos = cur().pos;
    ++i_;
    if (!is_kw("TRANSACTIONS")) {
        if (!is_kw("CONCURRENT")) c.concurrency = expression();
        expect_kw("CONCURRENT");
        c.concurrent = true;
    }
    expect_kw("TRANSACTIONS");
    c.in_transactions = true;
    auto error_mode = [&]() {
        if (accept_kw("CONTINUE")) c.on_error = ParsedOnError::Continue;
        else if (accept_kw("BREAK")) c.on_error = ParsedOnError::Break;
        else if (accept_kw("FAIL")) c.on_error = ParsedOnError::Fail;
        else fail_expected("CONTINUE, BREAK or FAIL");
    };
    for (;;) {
        if (accept_kw("OF")) {
            c.batch_size = expression();
            if (!accept_kw("ROWS") && !accept_kw("ROW")) fail_expected("ROWS");
        } else if (accept_kw("ON")) {
            expect_kw("ERROR");
            if (accept_kw("RETRY")) {
                // No error of this engine is transient: a retry never succeeds where the
                // first attempt failed, so RETRY behaves as its THEN mode (default FAIL).
                if (accept_kw("FOR")) {
                    expression();
                    if (!accept_kw("SECONDS") && !accept_kw("SECOND")) fail_expected("SECONDS");
                }
                c.on_error = ParsedOnError::Fail;
                if (accept_kw("THEN")) error_mode();
            } else {
                error_mode();
            }
        } else if (accept_kw("REPORT")) {
            expect_kw("STATUS");
            expect_kw("AS");
            c.report_pos = cur().pos;
            c.report_status = symbolic_name("a variable name");
        } else {
            break;
        }
    }
}

ParsedClausePtr Parser::foreach_clause() {
    auto c = std::make_unique<ParsedForeachClause>(ParsedClauseKind::Foreach, cur().pos);
    ++i_;
    expect_sym("(");
    c->variable = symbolic_name("a variable name");
    expect_kw("IN");
    c->list = expression();
    expect_sym("|");
    while (!is_sym(")")) {
        if (!(is_kw("CREATE") || is_kw("MERGE") || is_kw("SET") || is_kw("REMOVE") ||
              is_kw("DELETE") || is_kw("DETACH") || is_kw("NODETACH") || is_kw("FOREACH")))
            fail_expected("an update clause (CREATE, MERGE, SET, REMOVE, DELETE, FOREACH) or ')'");
        c->clauses.push_back(clause());
    }
    expect_sym(")");
    return c;
}

}  // namespace quiver::parser
