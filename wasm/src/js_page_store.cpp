#include "js_page_store.h"

#include <string>

#include "base/error.h"

namespace quiver::wasm {

namespace {

// Reads a string that JS copies into a caller buffer, growing the buffer once if needed.
template <class Fn>
std::string js_string(Fn fn) {
    std::string s(256, '\0');
    int32_t n = fn(s.data(), uint32_t(s.size()));
    if (n < 0) return {};
    if (size_t(n) > s.size()) {
        s.assign(size_t(n), '\0');
        n = fn(s.data(), uint32_t(s.size()));
        if (n < 0) return {};
    }
    s.resize(size_t(n));
    return s;
}

}  // namespace

JsPageStore::JsPageStore(int32_t id) : id_(id) {
    describe_ = js_string([&](char* b, uint32_t cap) { return qv_js_store_describe(id_, b, cap); });
}

JsPageStore::~JsPageStore() { qv_js_store_release(id_); }

void JsPageStore::check(double rc, const char* op) {
    if (rc >= 0) return;
    std::string msg = js_string([&](char* b, uint32_t cap) { return qv_js_store_error(id_, b, cap); });
    throw_io(std::string(op) + " failed on " + describe_ + ": " + msg);
}

uint64_t JsPageStore::size() {
    double n = qv_js_store_size(id_);
    check(n, "size");
    return uint64_t(n);
}

void JsPageStore::read(uint64_t offset, uint8_t* buf, size_t len) {
    check(qv_js_store_read(id_, double(offset), buf, uint32_t(len)), "read");
}

void JsPageStore::write(uint64_t offset, const uint8_t* buf, size_t len) {
    check(qv_js_store_write(id_, double(offset), buf, uint32_t(len)), "write");
}

void JsPageStore::sync() { check(qv_js_store_sync(id_), "sync"); }

void JsPageStore::truncate(uint64_t size) { check(qv_js_store_truncate(id_, double(size)), "truncate"); }

void JsPageStore::commit(uint64_t header_offset, const uint8_t* header, size_t len) {
    check(qv_js_store_commit(id_, double(header_offset), header, uint32_t(len)), "commit");
}

}  // namespace quiver::wasm
