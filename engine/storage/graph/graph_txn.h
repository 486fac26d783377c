// quiver::storage — the graph store API the executor uses.
//
// A GraphTxn is either a read snapshot (sees exactly the state of one committed transaction)
// or the single write transaction (sees the committed state plus its own changes). All ids are
// stable record numbers; a deleted id may be reused by a later transaction, never by the one
// that deleted it.
//
// Element ids: nodes "4:<database-uuid>:<id>", relationships "5:<database-uuid>:<id>".
//
// Invariants the store keeps (checked by Database::check()):
//   1. every relationship appears once in its start node's outgoing and once in its end node's
//      incoming adjacency (a self-loop appears in both lists of its node);
//   2. a node with relationships cannot be deleted (delete_node throws DeleteConnectedNode);
//   3. per-label and per-type counts equal the number of live records carrying them;
//   4. the label index holds exactly the live nodes carrying each label.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "value/value.h"

namespace quiver::storage {

using NodeId = int64_t;
using RelId = int64_t;
using TokenId = uint32_t;
inline constexpr TokenId kNoToken = 0xFFFFFFFFu;

enum class Direction : uint8_t { Outgoing, Incoming, Both };

struct RelRecord {
    RelId id = -1;
    NodeId start = -1, end = -1;
    TokenId type = kNoToken;
};

struct AdjEntry {
    RelId rel;
    NodeId neighbor;  // the other endpoint (the node itself for a self-loop)
    TokenId type;
    bool outgoing;    // true when the expanded node is the start node
};

using PropertyList = std::vector<std::pair<TokenId, Value>>;

// Index kinds (byte 1 of the index record): range (strings, booleans, numbers), text (strings
// only), point (points).
enum class IndexKind : uint8_t { Range = 1, Text = 2, Point = 3 };
enum class StringMatch : uint8_t { StartsWith, EndsWith, Contains };

// An index over (label or relationship type, property keys); entries = indexed entities.
// Text and point indexes have one key; composite (several keys) indexes are range indexes.
struct IndexInfo {
    std::string name;
    // label/key describe single-property node indexes; kNoToken for relationship and
    // composite indexes (their schema is relationship/entity/keys).
    TokenId label = 0, key = 0;
    uint64_t entries = 0;
    IndexKind kind = IndexKind::Range;
    bool relationship = false;
    TokenId entity = 0;              // label or relationship type
    std::vector<TokenId> keys;
    std::string owning_constraint;   // empty when the index is not owned by a constraint
};
struct IndexDef;

struct FulltextInfo {
    std::string name;
    bool relationships = false;
    std::vector<TokenId> tokens, keys;  // labels or types; property keys
    std::string analyzer;
    bool eventually_consistent = false;
    uint64_t entities = 0;  // entities with at least one indexed string value... per field max
};
struct FulltextHit {
    int64_t id;
    double score;
};

enum class ConstraintKind : uint8_t { Unique = 1, Exists = 2, Key = 3, Type = 4 };

struct ConstraintInfo {
    std::string name;
    ConstraintKind kind = ConstraintKind::Unique;
    bool relationship = false;
    TokenId entity = 0;             // label or relationship type
    std::vector<TokenId> keys;
    std::string property_type;      // kind Type: normalised, e.g. "INTEGER | STRING"
    std::string owned_index;        // kinds Unique and Key
    uint64_t id = 0;
};

class GraphStoreImpl;  // storage internals
class TxnState;

// Iterates node ids in ascending order: all live nodes, or those carrying one label.
class NodeCursor {
public:
    NodeCursor();
    ~NodeCursor();
    NodeCursor(NodeCursor&&) noexcept;
    NodeCursor& operator=(NodeCursor&&) noexcept;
    bool next(NodeId& out);
    bool is_open() const { return impl_ != nullptr; }
    void close();  // back to a closed cursor (gives its pages back)

private:
    friend class GraphTxn;
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Iterates the relationships of one node in one direction, optionally restricted to types.
// The entries of a sparse node are decoded when the cursor opens; a dense node's segments are
// decoded a page at a time (Impl). next() is inline: it runs once per relationship.
class ExpandCursor {
public:
    ExpandCursor();
    ~ExpandCursor();
    ExpandCursor(ExpandCursor&&) noexcept;
    ExpandCursor& operator=(ExpandCursor&&) noexcept;
    // Back to a closed cursor, keeping a small entry buffer for the next expand_into.
    void reset();
    bool next(AdjEntry& out) {
        if (pos_ >= buf_.size() && !refill()) return false;
        out = buf_[pos_++];
        ++*hits_;
        return true;
    }
    // Consumes the entries next() would still return and says how many (counted as next()
    // counts them, without copying them out).
    uint64_t count_rest() {
        uint64_t n = 0;
        do {
            if (pos_ < buf_.size()) {
                n += buf_.size() - pos_;
                *hits_ += buf_.size() - pos_;
                pos_ = buf_.size();
            }
        } while (refill());
        return n;
    }

private:
    friend class GraphTxn;
    struct Impl;
    bool refill();  // the next page of a dense node's segments; false at the end
    std::vector<AdjEntry> buf_;
    size_t pos_ = 0;
    uint64_t* hits_ = nullptr;   // the transaction's db-hit counter
    std::unique_ptr<Impl> impl_;  // dense nodes only
};

class GraphTxn {
public:
    ~GraphTxn();
    GraphTxn(const GraphTxn&) = delete;
    GraphTxn& operator=(const GraphTxn&) = delete;

    bool is_write() const;
    // The committed iteration a read transaction sees: two read transactions with the same
    // one see the same graph. 0 for a write transaction.
    uint64_t read_iteration() const;

    // ---- the server's credentials record (`quiver serve`): an opaque string kept in the
    // property heap and referenced from the meta page (docs/storage-format.md); nullopt when the
    // file holds none. set_ replaces it (write txn only).
    std::optional<std::string> server_credentials() const;
    void set_server_credentials(std::string_view record);

    // ---- tokens (labels, relationship types, property keys) ----
    std::optional<TokenId> find_label(std::string_view name) const;
    std::optional<TokenId> find_rel_type(std::string_view name) const;
    std::optional<TokenId> find_property_key(std::string_view name) const;
    TokenId label(std::string_view name);  // get or create (write txn only)
    TokenId rel_type(std::string_view name);
    TokenId property_key(std::string_view name);
    const std::string& label_name(TokenId id) const;
    const std::string& rel_type_name(TokenId id) const;
    const std::string& property_key_name(TokenId id) const;
    // All tokens in id order (for db.labels() etc.).
    std::vector<std::string> labels() const;
    std::vector<std::string> rel_types() const;
    std::vector<std::string> property_keys() const;

    // ---- nodes ----
    bool node_exists(NodeId id) const;
    NodeCursor scan_nodes() const;
    NodeCursor scan_label(TokenId label) const;
    std::vector<TokenId> node_labels(NodeId id) const;
    bool node_has_label(NodeId id, TokenId label) const;
    Value node_property(NodeId id, TokenId key) const;  // Null when absent
    PropertyList node_properties(NodeId id) const;

    // ---- relationships ----
    bool rel_exists(RelId id) const;
    RelRecord rel(RelId id) const;
    Value rel_property(RelId id, TokenId key) const;
    PropertyList rel_properties(RelId id) const;

    // ---- adjacency ----
    // `types` empty = all types. Expansion of a type touches only that type's entries.
    ExpandCursor expand(NodeId node, Direction dir, std::span<const TokenId> types = {}) const;
    // The same, reopening an existing cursor (its buffers are reused: no allocation per node).
    void expand_into(ExpandCursor& c, NodeId node, Direction dir,
                     std::span<const TokenId> types = {}) const;
    uint64_t degree(NodeId node, Direction dir, std::span<const TokenId> types = {}) const;

    // ---- counts (maintained transactionally) ----
    uint64_t node_count() const;
    uint64_t node_count(TokenId label) const;
    uint64_t rel_count() const;
    uint64_t rel_count(TokenId type) const;

    // ---- writes (write txn only; throw on a read snapshot) ----
    NodeId create_node(std::span<const TokenId> labels, const PropertyList& props);
    RelId create_rel(NodeId start, NodeId end, TokenId type, const PropertyList& props);
    void delete_node(NodeId id);         // throws if the node still has relationships
    void delete_rel(RelId id);
    // Sets a property; a Null value removes it. Returns true when something changed.
    bool set_node_property(NodeId id, TokenId key, const Value& v);
    bool set_rel_property(RelId id, TokenId key, const Value& v);
    void set_node_properties(NodeId id, const PropertyList& props);  // replaces all
    void set_rel_properties(RelId id, const PropertyList& props);
    bool add_label(NodeId id, TokenId label);     // true when added
    bool remove_label(NodeId id, TokenId label);  // true when removed

    // ---- range/text/point indexes (maintained by every node write of the transaction) ----
    std::vector<IndexInfo> indexes() const;
    // Estimated entries per distinct value of the named index (planner statistics): 1 for an
    // index owned by a uniqueness or key constraint, else from a sample of its B+tree leaves;
    // 0 when the index is unknown or empty.
    double index_rows_per_value(std::string_view name) const;
    // Creates and populates an index; throws when the name is taken (write txn only).
    void create_index(std::string_view name, TokenId label, TokenId key,
                      IndexKind kind = IndexKind::Range);
    // A range index over several keys and/or of relationships.
    void create_index(std::string_view name, bool relationship, TokenId entity,
                      const std::vector<TokenId>& keys, IndexKind kind = IndexKind::Range);
    bool drop_index(std::string_view name);  // false when absent
    // The seeks below throw IndexNotFound when the index does not exist.
    // Nodes (or relationships) whose properties equal `values` key by key (Cypher equality),
    // in (value, id) order for a single key, ascending ids for several.
    std::vector<NodeId> index_seek(std::string_view name, const Value& v) const;
    std::vector<int64_t> index_seek(std::string_view name, const std::vector<Value>& values) const;
    // Candidates (a superset, the caller re-checks) for lo <= property <= hi in the index's
    // order, bounds of one type, null = open; ascending ids. nullopt when a bound's type is
    // not indexed.
    std::optional<std::vector<NodeId>> index_range(std::string_view name, const Value* lo,
                                                   const Value* hi) const;
    // Nodes whose string property starts with / ends with / contains s; ascending ids.
    std::vector<NodeId> index_string_match(std::string_view name, StringMatch how,
                                           const std::string& s) const;
    // Point index: candidates whose (x, y) lies in [x0, x1] x [y0, y1] in CRS srid; ascending.
    std::vector<NodeId> index_point_box(std::string_view name, int32_t srid, double x0, double y0,
                                        double x1, double y1) const;

    // ---- full-text indexes (graph_fulltext.cpp; maintained by every node and relationship
    // write of the transaction) ----
    std::vector<FulltextInfo> fulltext_indexes() const;
    // Creates and populates a full-text index over the string values of `keys` of the nodes
    // with one of the labels (or relationships with one of the types) in `tokens`; throws when
    // the name is taken by any index or the analyzer is unknown (write txn only).
    void create_fulltext_index(std::string_view name, bool relationships,
                               const std::vector<TokenId>& tokens,
                               const std::vector<TokenId>& keys, std::string_view analyzer,
                               bool eventually_consistent);
    bool drop_fulltext_index(std::string_view name);  // false when absent
    // Entities matching a Lucene-syntax query, best BM25 score first (ties by id). Throws
    // ProcedureCallFailed for an unknown index, one of the other entity kind, or a query
    // that does not parse. `analyzer` empty = the index's.
    std::vector<FulltextHit> fulltext_query(std::string_view name, bool relationships,
                                            std::string_view query,
                                            std::string_view analyzer = {}) const;

    // ---- constraints (checked by validate_constraints at the end of every statement) ----
    std::vector<ConstraintInfo> constraints() const;
    // Verifies the existing data (throws ConstraintCreationFailed) and records the
    // constraint; uniqueness and key constraints get an owned index of the same name.
    void create_constraint(const ConstraintInfo& c);
    bool drop_constraint(std::string_view name);  // false when absent
    // Checks every entity written since the last call against the constraints; throws
    // ConstraintValidationFailed on the first violation.
    void validate_constraints();

    // element ids
    // Store accesses made through this transaction so far (Neo4j's "db hits": one per record,
    // property, label, adjacency, index-entry or token read) and the buffer pool's page cache
    // hits/misses (pool-wide, so concurrent transactions are included).
    uint64_t db_hits() const;
    // A read transaction keeps the last node-table page and property-heap page it read pinned
    // between calls (a scan reads a page's records without a pin each); a statement's end
    // gives them back so an open transaction holds no frame between statements.
    void release_pages();
    std::pair<uint64_t, uint64_t> page_cache_hits_misses() const;

    std::string node_element_id(NodeId id) const;
    std::string rel_element_id(RelId id) const;
    // Parses an element id of this database; nullopt when it is not one.
    static std::optional<std::pair<char, int64_t>> parse_element_id(std::string_view eid);

private:
    friend class GraphStoreImpl;
    explicit GraphTxn(std::unique_ptr<TxnState> st);
    const IndexDef& index_def(std::string_view name) const;
    Value indexed_property(const IndexDef& d, int64_t id, size_t key) const;
    std::unique_ptr<TxnState> st_;
};

}  // namespace quiver::storage
