// JsPageStore — the C++ half of a page store implemented in JavaScript.
//
// Each method forwards to a function of the Emscripten JS library wasm/lib/page_store.js,
// which looks the JS store object up by its id in `Module.quiverStores` and calls the method of
// the same name. The JS object interface (generic, so Node files, OPFS and IndexedDB backends
// all slot in):
//
//   size() -> number                       bytes in the medium
//   read(offset, dest: Uint8Array)         fill dest; zeros past the end
//   write(offset, src: Uint8Array)
//   sync()                                 durability barrier
//   truncate(size)
//   commit?(headerOffset, header)          optional; default sync, write header, sync
//   describe() -> string                   e.g. "file:/tmp/x.qdb"
//   close?()                               called once when the engine drops the store
//
// Maintenance reminder: the import list below must match the functions page_store.js defines
// (a missing one fails the link with "undefined symbol"). Offsets and sizes cross as doubles
// (exact up to 2^53 bytes). Every import returns a negative value when the JS method threw; the
// message is then fetched with qv_js_store_error and rethrown here as QuiverError(StorageIO).
#pragma once

#include <cstdint>
#include <string>

#include "pagestore/page_store.h"

extern "C" {
double qv_js_store_size(int32_t id);
int32_t qv_js_store_read(int32_t id, double offset, uint8_t* buf, uint32_t len);
int32_t qv_js_store_write(int32_t id, double offset, const uint8_t* buf, uint32_t len);
int32_t qv_js_store_sync(int32_t id);
int32_t qv_js_store_truncate(int32_t id, double size);
int32_t qv_js_store_commit(int32_t id, double offset, const uint8_t* buf, uint32_t len);
// Copies up to `cap` bytes of UTF-8 into buf; returns the full length.
int32_t qv_js_store_describe(int32_t id, char* buf, uint32_t cap);
int32_t qv_js_store_error(int32_t id, char* buf, uint32_t cap);
void qv_js_store_release(int32_t id);
}

namespace quiver::wasm {

class JsPageStore final : public pagestore::PageStore {
public:
    explicit JsPageStore(int32_t id);
    ~JsPageStore() override;

    uint64_t size() override;
    void read(uint64_t offset, uint8_t* buf, size_t len) override;
    void write(uint64_t offset, const uint8_t* buf, size_t len) override;
    void sync() override;
    void truncate(uint64_t size) override;
    void commit(uint64_t header_offset, const uint8_t* header, size_t len) override;
    std::string describe() const override { return describe_; }

private:
    void check(double rc, const char* op);

    int32_t id_;
    std::string describe_;
};

}  // namespace quiver::wasm
