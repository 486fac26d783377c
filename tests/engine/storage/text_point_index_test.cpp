// Text and point indexes in the graph store: only their value types are indexed, seeks by
// string match / bounding box / range, maintenance, rollback, reopen and the integrity check.
#include <gtest/gtest.h>

#include <algorithm>

#include "base/error.h"
#include "memory_graph.h"

using namespace quiver;
using namespace quiver::storage;
using namespace quiver::storage::test_support;

namespace {
Value pt(double x, double y, int32_t srid = 7203) {
    PointValue p;
    p.srid = srid;
    p.x = x;
    p.y = y;
    return Value::point(p);
}
}  // namespace

TEST(TextPointIndex, KindsSeeksMaintenanceRollbackReopen) {
    auto g = MemoryGraph::open();
    auto& s = g.store;
    TokenId doc, name, loc;
    {
        auto w = s->begin_write();
        doc = w->label("Doc");
        name = w->property_key("name");
        loc = w->property_key("loc");
        for (int i = 0; i < 2000; ++i) {
            PropertyList props;
            // every 4th name is a number: the text index must skip it
            props.emplace_back(name, i % 4 ? Value::string("doc-" + std::to_string(i) + "-end")
                                           : Value::integer(i));
            props.emplace_back(loc, i % 5 ? pt(i % 50, i / 50) : Value::string("nowhere"));
            w->create_node(std::vector<TokenId>{doc}, props);
        }
        w->create_index("doc_name", doc, name, IndexKind::Text);
        w->create_index("doc_loc", doc, loc, IndexKind::Point);
        w->create_index("doc_name_range", doc, name, IndexKind::Range);
        s->commit(*w);
    }
    EXPECT_EQ(check_problems(*s), "");
    auto verify = [&](GraphTxn& r, uint64_t text_entries) {
        auto ix = r.indexes();
        ASSERT_EQ(ix.size(), 3u);
        for (const auto& i : ix) {
            if (i.name == "doc_name") {
                EXPECT_EQ(i.kind, IndexKind::Text);
                EXPECT_EQ(i.entries, text_entries);
            } else if (i.name == "doc_loc") {
                EXPECT_EQ(i.kind, IndexKind::Point);
                EXPECT_EQ(i.entries, 1600u);
            } else {
                EXPECT_EQ(i.kind, IndexKind::Range);
                EXPECT_EQ(i.entries, 2000u);
            }
        }
    };
    {
        auto r = s->begin_read();
        verify(*r, 1500);
        EXPECT_EQ(r->index_seek("doc_name", Value::string("doc-7-end")), (std::vector<NodeId>{7}));
        EXPECT_TRUE(r->index_seek("doc_name", Value::integer(8)).empty());  // not in a text index
        EXPECT_EQ(r->index_seek("doc_name_range", Value::integer(8)), (std::vector<NodeId>{8}));
        // CONTAINS '-17' : doc-17-end, doc-117-end, ... (numbers excluded)
        auto c = r->index_string_match("doc_name", StringMatch::Contains, "-17");
        for (NodeId n : c) EXPECT_NE(r->node_property(n, name).as_string().find("-17"), std::string::npos);
        size_t expect = 0;
        for (int i = 0; i < 2000; ++i)
            if (i % 4 && ("doc-" + std::to_string(i) + "-end").find("-17") != std::string::npos) ++expect;
        EXPECT_EQ(c.size(), expect);
        EXPECT_TRUE(std::is_sorted(c.begin(), c.end()));
        auto e = r->index_string_match("doc_name", StringMatch::EndsWith, "99-end");
        EXPECT_EQ(e, (std::vector<NodeId>{99, 199, 299, 399, 499, 599, 699, 799, 899, 999, 1099,
                                          1199, 1299, 1399, 1499, 1599, 1699, 1799, 1899, 1999}));
        auto p = r->index_string_match("doc_name", StringMatch::StartsWith, "doc-19");
        EXPECT_EQ(p.size(), 1u + 8u + 75u);  // 19, 190..199, 1900..1999 minus multiples of 4
        // bounding box x in [10, 12], y in [3, 4]: nodes i with i % 50 in 10..12, i / 50 in 3..4
        auto b = r->index_point_box("doc_loc", 7203, 10, 3, 12, 4);
        std::vector<NodeId> want;
        for (int i = 0; i < 2000; ++i)
            if (i % 5 && i % 50 >= 10 && i % 50 <= 12 && i / 50 >= 3 && i / 50 <= 4) want.push_back(i);
        EXPECT_EQ(b, want);
        EXPECT_TRUE(r->index_point_box("doc_loc", 4326, -1e9, -1e9, 1e9, 1e9).empty());
        // range candidates include every value in [lo, hi]
        Value lo = Value::integer(100), hi = Value::integer(120);
        auto rg = r->index_range("doc_name_range", &lo, &hi);
        ASSERT_TRUE(rg.has_value());
        EXPECT_EQ(*rg, (std::vector<NodeId>{100, 104, 108, 112, 116, 120}));
        EXPECT_FALSE(r->index_range("doc_loc", &lo, nullptr).has_value());  // numbers: not points
    }
    // maintenance and rollback
    {
        auto w = s->begin_write();
        w->set_node_property(4, name, Value::string("now a string"));
        w->set_node_property(7, name, Value::integer(7));
        w->set_node_property(1, loc, pt(1000, 1000));
        EXPECT_EQ(w->index_string_match("doc_name", StringMatch::Contains, "now a"),
                  (std::vector<NodeId>{4}));
        EXPECT_EQ(w->index_point_box("doc_loc", 7203, 999, 999, 1001, 1001), (std::vector<NodeId>{1}));
        s->rollback(*w);
    }
    {
        auto r = s->begin_read();
        verify(*r, 1500);
        EXPECT_TRUE(r->index_string_match("doc_name", StringMatch::Contains, "now a").empty());
        EXPECT_TRUE(r->index_point_box("doc_loc", 7203, 999, 999, 1001, 1001).empty());
    }
    {
        auto w = s->begin_write();
        w->set_node_property(4, name, Value::string("now a string"));
        w->set_node_property(7, name, Value::integer(7));
        w->set_node_property(1, loc, pt(1000, 1000));
        w->delete_node(2);
        s->commit(*w);
    }
    EXPECT_EQ(check_problems(*s), "");
    // reopen
    auto s2 = g.reopen();
    s.reset();
    {
        auto r = s2->begin_read();
        auto ix = r->indexes();
        ASSERT_EQ(ix.size(), 3u);
        for (const auto& i : ix) {
            if (i.name == "doc_name") EXPECT_EQ(i.entries, 1499u);  // +4, -7, -2
            if (i.name == "doc_loc") EXPECT_EQ(i.entries, 1599u);   // -2
        }
        EXPECT_EQ(r->index_string_match("doc_name", StringMatch::Contains, "now a"),
                  (std::vector<NodeId>{4}));
        EXPECT_EQ(r->index_point_box("doc_loc", 7203, 999, 999, 1001, 1001), (std::vector<NodeId>{1}));
    }
    EXPECT_EQ(check_problems(*s2), "");
}

TEST(FulltextIndex, MaintainRollbackReopenCheck) {
    auto g = MemoryGraph::open();
    auto& s = g.store;
    TokenId doc, note, body, title, likes;
    RelId rel;
    {
        auto w = s->begin_write();
        doc = w->label("Doc");
        note = w->label("Note");
        body = w->property_key("body");
        title = w->property_key("title");
        likes = w->rel_type("LIKES");
        for (int i = 0; i < 500; ++i)
            w->create_node(std::vector<TokenId>{i % 2 ? doc : note},
                           {{body, Value::string("word" + std::to_string(i % 10) + " common text")},
                            {title, Value::string(i % 7 ? "plain" : "Special Title")}});
        rel = w->create_rel(0, 1, likes, {{body, Value::string("a lovely special review")}});
        w->create_fulltext_index("ft", false, {doc, note}, {body, title}, "standard", false);
        w->create_fulltext_index("ft_rel", true, {likes}, {body}, "english", true);
        EXPECT_THROW(w->create_fulltext_index("ft", false, {doc}, {body}, "standard", false), QuiverError);
        EXPECT_THROW(w->create_fulltext_index("x", false, {doc}, {body}, "klingon", false), QuiverError);
        s->commit(*w);
    }
    EXPECT_EQ(check_problems(*s), "");
    auto count = [](GraphTxn& t, const char* q) { return t.fulltext_query("ft", false, q).size(); };
    {
        auto r = s->begin_read();
        EXPECT_EQ(count(*r, "word3"), 50u);
        EXPECT_EQ(count(*r, "special"), 72u);  // i % 7 == 0 for i < 500
        EXPECT_EQ(count(*r, "word3 AND special"), 7u);  // i = 63 (mod 70)
        EXPECT_EQ(count(*r, "title:common"), 0u);
        auto hits = r->fulltext_query("ft_rel", true, "reviews");
        ASSERT_EQ(hits.size(), 1u);
        EXPECT_EQ(hits[0].id, rel);
        EXPECT_THROW(r->fulltext_query("ft", true, "x"), QuiverError);
        EXPECT_THROW(r->fulltext_query("ft", false, "(x"), QuiverError);
        auto all = r->fulltext_indexes();
        ASSERT_EQ(all.size(), 2u);
        EXPECT_EQ(all[1].analyzer, "english");
        EXPECT_TRUE(all[1].eventually_consistent);
    }
    {
        auto w = s->begin_write();
        w->set_node_property(3, body, Value::string("changed"));
        w->set_rel_property(rel, body, Value());
        EXPECT_EQ(count(*w, "word3"), 49u);
        EXPECT_TRUE(w->fulltext_query("ft_rel", true, "review").empty());
        s->rollback(*w);
    }
    {
        auto r = s->begin_read();
        EXPECT_EQ(count(*r, "word3"), 50u);
        EXPECT_EQ(r->fulltext_query("ft_rel", true, "review").size(), 1u);
    }
    {
        auto w = s->begin_write();
        w->set_node_property(3, body, Value::string("changed"));
        w->delete_rel(rel);
        w->delete_node(13);
        w->remove_label(23, doc);
        s->commit(*w);
    }
    EXPECT_EQ(check_problems(*s), "");
    auto s2 = g.reopen();
    s.reset();
    {
        auto r = s2->begin_read();
        EXPECT_EQ(count(*r, "word3"), 47u);  // 3 changed, 13 deleted, 23 unlabelled
        EXPECT_EQ(count(*r, "changed"), 1u);
        EXPECT_TRUE(r->fulltext_query("ft_rel", true, "review").empty());
    }
    EXPECT_EQ(check_problems(*s2), "");
    {
        auto w = s2->begin_write();
        EXPECT_TRUE(w->drop_fulltext_index("ft"));
        EXPECT_FALSE(w->drop_fulltext_index("ft"));
        s2->commit(*w);
    }
    EXPECT_EQ(check_problems(*s2), "");
}
