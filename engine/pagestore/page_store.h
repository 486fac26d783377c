// quiver::pagestore — where pages live. The one place the engine touches a storage medium.
//
// A PageStore is a synchronous byte medium with an explicit durability barrier. Backends:
//   * MemoryPageStore (reference backend, tests, `memory:` databases)
//   * FilePageStore   (native: pread/pwrite/fdatasync, advisory lock on the file itself)
//   * FaultyPageStore (wrapper: fails or tears the k-th write, simulates crashes)
//   * browser backends (OPFS sync access handles, IndexedDB) in wasm/, behind the same calls.
//
// Contract (what the pager relies on):
//   1. read() returns exactly the bytes last written at those offsets, or zeros past the end
//      of anything ever written up to size().
//   2. write() may be buffered; it is durable only after a later sync() returns.
//   3. commit(header) makes every earlier write durable, and only then writes the header bytes
//      durably. A backend with atomic batches (IndexedDB) may do both in one transaction.
//   4. Errors are thrown as QuiverError (status::StorageIO); after an error the pager treats
//      the current transaction as failed and re-reads state from the last durable header.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace quiver::pagestore {

class PageStore {
public:
    virtual ~PageStore() = default;

    virtual uint64_t size() = 0;
    virtual void read(uint64_t offset, uint8_t* buf, size_t len) = 0;
    virtual void write(uint64_t offset, const uint8_t* buf, size_t len) = 0;
    virtual void sync() = 0;
    virtual void truncate(uint64_t size) = 0;
    // Durable commit step (contract item 3). Default: sync, write header, sync.
    virtual void commit(uint64_t header_offset, const uint8_t* header, size_t len) {
        sync();
        write(header_offset, header, len);
        sync();
    }
    virtual std::string describe() const = 0;
};

}  // namespace quiver::pagestore
