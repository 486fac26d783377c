// Internal state shared by the graph store's implementation files (not part of the API).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "storage/graph/graph_format.h"
#include "storage/graph/graph_store.h"
#include "storage/graph/graph_txn.h"
#include "storage/graph/property_codec.h"
#include "storage/record/btree.h"
#include "storage/record/heap.h"
#include "storage/record/paged_array.h"

namespace quiver::storage {

enum TokKind : int { kLabelTok = 0, kTypeTok = 1, kKeyTok = 2 };

struct TokenTable {
    std::vector<std::string> names;
    std::unordered_map<std::string, TokenId> ids;
};

struct MetaState {
    uint64_t node_hwm = 0, rel_hwm = 0, node_count = 0, rel_count = 0;
    ArrayRoot node_table, rel_table, node_free, rel_free;
    uint64_t node_free_n = 0, rel_free_n = 0;
    ArrayRoot tok[3];
    uint64_t tok_n[3] = {0, 0, 0};
    HeapHints prop_hints, adj_hints;
    ArrayRoot idx_catalog;
    uint64_t idx_slots = 0;
    ArrayRoot con_catalog;
    uint64_t con_slots = 0;
    ArrayRoot ft_catalog;
    uint64_t ft_slots = 0;
    uint64_t server_credentials = 0;  // HeapRef of the server's credentials record (0 = none)
    void load(const uint8_t* b);
    void store(uint8_t* b) const;
};

struct NodeRec {
    uint8_t flags = 0;
    uint8_t nlabels = 0;
    HeapRef props = 0, adj = 0;
    uint32_t labels[fmt_graph::kInlineLabels] = {0, 0, 0, 0};
    HeapRef label_blob = 0;
    bool in_use() const { return flags & fmt_graph::kInUse; }
    void load(const uint8_t* p);
    void store(uint8_t* p) const;
};

struct RelRec {
    NodeId start = 0, end = 0;
    TokenId type = 0;
    HeapRef props = 0;
    uint8_t flags = 0;
    bool in_use() const { return flags & fmt_graph::kInUse; }
    void load(const uint8_t* p);
    void store(uint8_t* p) const;
};

struct IndexDef {
    uint64_t slot = 0;
    uint8_t kind = fmt_graph::kRangeIndex;
    std::string name;
    bool rel = false;    // relationship index: `label` is a relationship-type token
    bool owned = false;  // owned by a constraint
    TokenId label = 0;
    std::vector<TokenId> keys;
    ArrayRoot root;
    uint64_t entries = 0;
    HeapRef name_ref = 0, keys_ref = 0;
};

struct ConstraintDef {
    uint64_t slot = 0;
    std::string name;
    ConstraintKind kind = ConstraintKind::Unique;
    bool rel = false;
    TokenId label = 0;
    std::vector<TokenId> keys;
    std::string type;               // kind Type: normalised property type
    uint64_t owned_index = 0;       // slot + 1 of the owned index, 0 = none
    HeapRef name_ref = 0, keys_ref = 0, type_ref = 0;
};

struct FulltextDef {
    uint64_t slot = 0;
    std::string name;
    uint8_t entity = fmt_graph::kFulltextNodes, analyzer = 1, options = 0;
    std::vector<TokenId> tokens, keys;
    ArrayRoot root;
    std::vector<std::pair<uint64_t, uint64_t>> stats;  // per field: entities, total terms
    HeapRef name_ref = 0, schema_ref = 0, stats_ref = 0;
};

class GraphStoreImpl;

class TxnState {
public:
    TxnState(GraphStoreImpl* s, std::unique_ptr<PageAccess> a, uint32_t body);

    GraphStoreImpl* store;
    std::unique_ptr<PageAccess> acc;
    bool write;
    bool finished = false;
    // PROFILE's db hits: record, property, label, adjacency, index-entry and token reads.
    uint64_t db_hits = 0;
    MetaState meta;
    std::shared_ptr<const TokenTable> tokens[3];
    std::vector<std::string> new_tokens[3];
    std::unordered_map<std::string, TokenId> new_token_ids[3];
    HeapHints& prop_hints;  // the hints live in meta (persisted with each commit)
    HeapHints& adj_hints;
    std::vector<NodeId> deleted_nodes;
    std::vector<RelId> deleted_rels;

    PagedArray node_tab, rel_tab, id_stack, tok_tab, bitmap, dense;
    Heap props, adj;
    PagedArray idx_tab, con_tab;
    BTree btree;
    std::vector<uint8_t> scratch;
    // range indexes (catalog loaded on first use)
    bool indexes_loaded = false;
    std::vector<IndexDef> indexes;
    std::vector<IndexDef>& index_list();
    void store_index(const IndexDef& d);
    // full-text indexes (graph_fulltext.cpp)
    PagedArray ft_tab;
    BTree ft_btree;
    bool ft_loaded = false;
    std::vector<FulltextDef> ft_indexes;
    std::vector<FulltextDef>& ft_list();
    void store_ft(FulltextDef& d);
    // Moves an entity's postings from (tokens0, props0) to (tokens1, props1); tokens are the
    // labels of a node or the one type of a relationship.
    void ft_reindex(bool rel, int64_t id, const std::vector<TokenId>& tokens0,
                    const PropertyList& props0, const std::vector<TokenId>& tokens1,
                    const PropertyList& props1);
    bool any_index() const { return meta.idx_slots || meta.ft_slots; }
    // The key of (v, node) in single-key index d; false when d does not index v's type.
    static bool index_entry_key(const IndexDef& d, const Value& v, int64_t node, uint8_t* out);
    // Moves an entity's index entries from (tokens0, props0) to (tokens1, props1); tokens are
    // a node's labels or {a relationship's type}.
    void reindex(bool rel, int64_t id, const std::vector<TokenId>& tokens0,
                 const PropertyList& props0, const std::vector<TokenId>& tokens1,
                 const PropertyList& props1);
    // The index key of an entity for index d; false when the entity is not indexed by d.
    bool index_key_of(const IndexDef& d, int64_t id, const std::vector<TokenId>& tokens,
                      const PropertyList& props, uint8_t* out) const;
    // Key lists: one key inline, more in a property-heap blob.
    std::vector<TokenId> read_keys(TokenId first, uint32_t count, HeapRef blob);
    HeapRef write_keys(const std::vector<TokenId>& keys);
    // constraints (catalog loaded on first use); entities written since the last validation
    bool constraints_loaded = false;
    std::vector<ConstraintDef> constraints;
    std::vector<ConstraintDef>& constraint_list();
    void store_constraint(const ConstraintDef& c);
    std::vector<NodeId> touched_nodes;
    std::vector<RelId> touched_rels;
    void touch(bool rel, int64_t id) {
        if (meta.con_slots) (rel ? touched_rels : touched_nodes).push_back(id);
    }

    void require_write() const;
    // records
    bool load_node(NodeId id, NodeRec& r);  // false when out of range or not in use
    NodeRec node_or_throw(NodeId id);
    void store_node(NodeId id, const NodeRec& r);
    bool load_rel(RelId id, RelRec& r);
    RelRec rel_or_throw(RelId id);
    void store_rel(RelId id, const RelRec& r);
    // The schema tokens and properties of a live node or relationship; false when absent.
    bool load_entity(bool rel, int64_t id, std::vector<TokenId>& tokens, PropertyList& props);
    void store_record(NodeId id, const NodeRec& r) { store_node(id, r); }
    void store_record(RelId id, const RelRec& r) { store_rel(id, r); }
    // The schema tokens of an entity: a node's labels, or {a relationship's type}.
    std::vector<TokenId> schema_tokens(const NodeRec& r) { return labels_of(r); }
    std::vector<TokenId> schema_tokens(const RelRec& r) { return {r.type}; }
    std::vector<TokenId> labels_of(const NodeRec& r);
    void set_labels(NodeRec& r, const std::vector<TokenId>& labels);
    // tokens
    std::optional<TokenId> find_token(int kind, std::string_view name) const;
    TokenId token(int kind, std::string_view name);
    const std::string& token_name(int kind, TokenId id) const;
    void add_token_count(int kind, TokenId id, int64_t delta);
    uint64_t token_count(int kind, TokenId id);
    void label_bit(TokenId label, NodeId id, bool on);
    // ids
    uint64_t pop_id(ArrayRoot& stack, uint64_t& n, uint64_t& hwm);
    // properties
    PropertyList read_props(HeapRef ref);
    Value read_prop(HeapRef ref, TokenId key);
    // One property of a node. A read transaction's snapshot never changes, so it keeps the
    // last node's property blob: reading several properties of one node (a row's projection)
    // loads its record and blob once, and walks the blob at most once, only as far as the keys
    // asked for so far (the offsets it passed are remembered).
    Value read_node_prop(NodeId id, TokenId key);
    NodeId last_prop_node = -1;
    const uint8_t* last_prop_data = nullptr;  // the blob: in held_prop's page, or last_prop_blob
    size_t last_prop_len = 0;
    std::vector<uint8_t> last_prop_blob;  // a blob too large for one page (overflow chain)
    PropertyWalk last_prop_walk;          // where the walk of the blob stands
    std::vector<std::pair<TokenId, uint32_t>> last_prop_offsets;  // (key, offset) walked so far
    // Recently decoded strings of this read transaction, shared instead of allocated again
    // (low-cardinality properties such as a gender or a browser name repeat from row to row).
    StringReuse string_reuse;
    HeapRef write_props(HeapRef ref, const PropertyList& props);
    // adjacency
    // Adjacency appends are buffered and applied in node order, one rewrite per node list
    // (adj_flush_all), before anything reads adjacency in this transaction, at commit, or
    // when the buffer grows past kMaxPendingAdj entries.
    struct PendingAdj {
        NodeId node;
        RelId rel;
        NodeId nbr;
        uint32_t key;
    };
    static constexpr size_t kMaxPendingAdj = 1u << 21;
    std::vector<PendingAdj> pending_adj;
    void adj_add(NodeId node, uint32_t key, RelId rel, NodeId nbr);
    void adj_flush(NodeId node) {
        if (!pending_adj.empty()) adj_flush_all();
    }
    void adj_flush_all();
    void adj_apply(NodeId node, const PendingAdj* adds, size_t n);
    void adj_remove(NodeId node, uint32_t key, RelId rel);
    uint64_t adj_total(NodeId node);

    // A read transaction keeps the last node-table page and the last property-heap page it
    // read pinned (its snapshot's pages never change): a scan reads the consecutive records of
    // a page, and the blobs stored next to each other, without a buffer-pool pin, a page-map
    // lookup and a directory walk per record. Declared last: released before the access.
    struct HeldPage {
        uint64_t key = ~uint64_t(0);  // node table: the data page's index; heap: the page
        PinnedPage pin;
    };
    HeldPage held_node, held_prop;
    void release_held() {
        held_node = HeldPage();
        held_prop = HeldPage();
        last_prop_node = -1;  // its blob may have been on the held heap page
    }
    NodeId last_node = -1;  // a read transaction's last loaded node record (a scan, then its reads)
    NodeRec last_node_rec;
};

class GraphStoreImpl final : public GraphStore {
public:
    GraphStoreImpl(std::unique_ptr<pagestore::PageStore> store, const StoreOptions& opts);

    std::unique_ptr<GraphTxn> begin_read() override;
    std::unique_ptr<GraphTxn> begin_write() override;
    void commit(GraphTxn& txn) override;
    void rollback(GraphTxn& txn) override;
    CheckReport check() override;
    void flush() override { pager_->flush(); }
    std::string uuid() const override { return uuid_; }
    std::string describe() const override { return pager_->describe(); }
    uint32_t page_size() const override { return pager_->page_size(); }

    Pager& pager() { return *pager_; }
    // A read transaction ended: its state is kept for the next reader of the same version.
    void end_read(std::unique_ptr<TxnState> st);
    void end_write();  // a write transaction's state is gone (committed or not)
    std::mutex mu;  // guards tokens, heap hints, the meta cache and the idle readers
    std::shared_ptr<const TokenTable> tokens[3];
    static TxnState& state(GraphTxn& t);

private:
    void load_tokens(TxnState& st);
    void share_tokens(TxnState& st);  // the published token tables, cut to st's meta
    // The meta page (page 0) of the last snapshot a reader began on, decoded: readers of the
    // same committed version (the common case) copy it instead of reading the page (guarded
    // by mu).
    bool meta_cached_ = false;
    uint64_t meta_cache_iteration_ = 0;
    MetaState meta_cache_;
    std::unique_ptr<Pager> pager_;
    StoreOptions opts_;
    std::string uuid_;
    // Read states whose transactions ended, all of the newest committed version (guarded by
    // mu): the next reader takes one instead of registering a snapshot, copying the meta and
    // the token tables, and it finds the pages its predecessor pinned still pinned. None is
    // kept while a writer runs (begin_write drops them), so none is registered when a commit
    // reclaims pages. Declared after pager_: destroyed before it.
    std::vector<std::unique_ptr<TxnState>> idle_readers_;
    size_t max_idle_readers_ = 0;  // 0 (a small pool) .. 4
    int writers_ = 0;              // write transactions alive (0 or 1; guarded by mu)
};

}  // namespace quiver::storage
