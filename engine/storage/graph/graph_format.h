// Record layouts of the graph store (docs/storage-format.md §4 repeats them).
//
// Logical page 0 — graph meta (body offsets):
//     0 u64 node high-water mark (next never-used node id)    8 u64 rel high-water mark
//    16 u64 live node count                                   24 u64 live relationship count
//    32 node table root (u32 page, u32 depth)                 40 relationship table root
//    48 free node-id stack root     56 u64 its size           64 free rel-id stack root  72 size
//    80 label token table root      88 u64 label count
//    96 rel-type token table root  104 u64 type count
//   112 property-key table root    120 u64 key count
//   128 u32 store-format tag 0x51475231 ("QGR1")
//   136 index catalog root (paged array of 64-byte index records)  144 u64 catalog slots
//   152 constraint catalog root (paged array of 64-byte constraint records)  160 u64 its slots
//   168 full-text catalog root (paged array of 64-byte full-text records)  176 u64 its slots
//   184 u48 server credentials blob ref (property heap; 0 = none): `quiver serve`'s record
//   256 property-heap allocation hints, 776 adjacency-heap hints, each: u32 current page,
//       u32 n (<= 64), n x {u32 page, u32 free bytes} — persisted so that the file layout
//       depends only on the sequence of transactions, not on when the database was reopened
//
// Node record (32 bytes, node table index = node id):
//     0 u8 flags (bit 0 in use, bit 1 labels in a heap blob)   1 u8 inline label count (<= 4)
//     2 u16 reserved     4 u48 property blob ref      10 u48 adjacency blob ref
//    16 4 x u32 label tokens, or (flag bit 1) u48 ref of a blob of u32 label tokens
// Relationship record (24 bytes, index = relationship id):
//     0 u48 start node   6 u48 end node   12 u32 type token   16 u48 property blob ref
//    22 u8 flags (bit 0 in use)   23 u8 reserved
// Token record (24 bytes, index = token id):
//     0 u48 name blob ref  6 u16 reserved  8 u64 count (nodes with the label / rels of the type)
//    16 label index root: paged bitmap of node ids (labels only)
// Adjacency blob (one per node with relationships), group key = type << 1 | (1 if incoming):
//   sparse:  u8 0, u8 0, u16 group count, groups of {u32 key, u16 count, u16 capacity},
//            then each group's capacity x 12-byte entries {u48 rel id, u48 neighbour id}
//   dense:   u8 1, u8 0, u16 group count, groups of {u32 key, u64 count, u32 root, u32 depth}
//            with each group's entries in a paged array of 12-byte records
//   A node turns dense when its sparse blob would exceed the heap's inline limit, so one
//   group's expansion never reads another group's entries.
#pragma once

#include <cstdint>

namespace quiver::storage::fmt_graph {

inline constexpr uint32_t kStoreTag = 0x51475231;
inline constexpr uint32_t kNodeRec = 32, kRelRec = 24, kTokenRec = 24, kAdjEntry = 12;

namespace meta {
inline constexpr uint32_t NodeHwm = 0, RelHwm = 8, NodeCount = 16, RelCount = 24;
inline constexpr uint32_t NodeTable = 32, RelTable = 40, NodeFree = 48, NodeFreeN = 56;
inline constexpr uint32_t RelFree = 64, RelFreeN = 72, Tokens = 80;  // + 16 * kind
inline constexpr uint32_t Tag = 128, IndexCatalog = 136, IndexSlots = 144;
inline constexpr uint32_t ConstraintCatalog = 152, ConstraintSlots = 160;
inline constexpr uint32_t FulltextCatalog = 168, FulltextSlots = 176;
inline constexpr uint32_t ServerCredentials = 184;
inline constexpr uint32_t PropHints = 256, AdjHints = 776;
inline constexpr uint32_t kMaxHints = 64;
}  // namespace meta

inline constexpr uint8_t kInUse = 1, kLabelBlob = 2;
// Index record (64 bytes, catalog index = slot): 0 u8 flags (bit 0 in use)
//   1 u8 kind (1 range: strings, booleans, numbers; 2 text: strings only; 3 point: points)
//   2 u8 schema flags (bit 0 relationship index: the label field holds a relationship-type
//   token; bit 1 owned by a constraint)  3 u8 reserved  4 u32 label (or type) token
//   8 u32 first property-key token  12 u32 key count (0 is read as 1)
//   16 B+tree root (u32 page, u32 depth) of index_key.h keys   24 u64 entry count
//   32 u48 name blob ref (property heap)
//   38 u48 key-list blob ref (key count > 1: count x u32 property-key tokens)   44..63 reserved
inline constexpr uint32_t kIndexRec = 64;
inline constexpr uint8_t kRangeIndex = 1, kTextIndex = 2, kPointIndex = 3;
inline constexpr uint8_t kRelSchema = 1, kOwnedIndex = 2;
// Constraint record (64 bytes, catalog index = slot): 0 u8 flags (bit 0 in use, bit 1
//   relationship constraint)  1 u8 kind (1 uniqueness, 2 property existence, 3 key,
//   4 property type)  2 u16 reserved  4 u32 label (or type) token  8 u32 first property key
//   12 u32 key count  16 u48 key-list blob ref (count > 1)  22 u48 name blob ref
//   28 u48 property-type blob ref (kind 4: the normalised type text, e.g. "INTEGER | STRING")
//   34 u16 reserved  36 u64 owned index slot + 1 (0 = none; kinds 1 and 3)  44..63 reserved
inline constexpr uint32_t kConstraintRec = 64;
inline constexpr uint8_t kRelConstraint = 2;
inline constexpr uint32_t kInlineLabels = 4;

// Full-text index record (64 bytes, slot = index in the full-text catalog):
//    0 u8 flags (bit 0 in use)   1 u8 entity (1 nodes, 2 relationships)
//    2 u8 analyzer (fulltext_analyzer.h)   3 u8 options (bit 0 eventually consistent)
//    4 u48 name blob ref   10 u48 schema blob ref: u32 n, n x u32 label/type tokens,
//                                                 u32 m, m x u32 property keys (the fields)
//   16 B+tree root of 64-byte postings   24 u48 stats blob ref: per field {u64 entities with a
//   string value, u64 total terms}   30..63 reserved
// Posting key (64 bytes): 0 u8 field, 1..47 term (UTF-8, zero padded, longer terms cut),
//   48 u64 entity id big-endian, 56 u32 term frequency big-endian, 60 u32 field length in terms
inline constexpr uint32_t kFulltextRec = 64, kPostingKey = 64, kTermBytes = 47;
inline constexpr uint8_t kFulltextNodes = 1, kFulltextRels = 2;

}  // namespace quiver::storage::fmt_graph
