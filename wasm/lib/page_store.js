// Emscripten JS library: the JS half of wasm/src/js_page_store.{h,cpp}.
//
// Each function finds the page-store object registered under `id` in Module.quiverStores (a
// Map filled by js/src/engine/ before it opens the database) and calls the method of the same
// name; the object interface is documented in js_page_store.h. Exceptions never cross into
// C++: a throwing method makes the function return -1 and leaves its message for
// qv_js_store_error.
//
// Maintenance reminder: keep this list in step with the extern "C" block of js_page_store.h.

mergeInto(LibraryManager.library, {
  $qvStore: function (id) {
    var stores = Module['quiverStores'];
    var store = stores && stores.get(id);
    if (!store) throw new Error('no page store registered under id ' + id);
    return store;
  },

  $qvStoreCall__deps: ['$qvStore'],
  $qvStoreCall: function (id, fn) {
    try {
      var r = fn(qvStore(id));
      return r === undefined ? 0 : r;
    } catch (e) {
      var errors = Module['quiverStoreErrors'] || (Module['quiverStoreErrors'] = new Map());
      errors.set(id, String((e && e.message) || e));
      return -1;
    }
  },

  $qvCopyString: function (s, buf, cap) {
    var bytes = new TextEncoder().encode(s);
    HEAPU8.set(bytes.subarray(0, Math.min(cap, bytes.length)), buf);
    return bytes.length;
  },

  qv_js_store_size__deps: ['$qvStoreCall'],
  qv_js_store_size: function (id) {
    return qvStoreCall(id, function (s) { return Number(s.size()); });
  },

  qv_js_store_read__deps: ['$qvStoreCall'],
  qv_js_store_read: function (id, offset, buf, len) {
    return qvStoreCall(id, function (s) { s.read(offset, HEAPU8.subarray(buf, buf + len)); return 0; });
  },

  qv_js_store_write__deps: ['$qvStoreCall'],
  qv_js_store_write: function (id, offset, buf, len) {
    return qvStoreCall(id, function (s) { s.write(offset, HEAPU8.subarray(buf, buf + len)); return 0; });
  },

  qv_js_store_sync__deps: ['$qvStoreCall'],
  qv_js_store_sync: function (id) {
    return qvStoreCall(id, function (s) { s.sync(); return 0; });
  },

  qv_js_store_truncate__deps: ['$qvStoreCall'],
  qv_js_store_truncate: function (id, size) {
    return qvStoreCall(id, function (s) { s.truncate(size); return 0; });
  },

  qv_js_store_commit__deps: ['$qvStoreCall'],
  qv_js_store_commit: function (id, offset, buf, len) {
    return qvStoreCall(id, function (s) {
      var header = HEAPU8.subarray(buf, buf + len);
      if (typeof s.commit === 'function') {
        s.commit(offset, header);
      } else {
        s.sync();
        s.write(offset, header);
        s.sync();
      }
      return 0;
    });
  },

  qv_js_store_describe__deps: ['$qvStoreCall', '$qvCopyString'],
  qv_js_store_describe: function (id, buf, cap) {
    return qvStoreCall(id, function (s) { return qvCopyString(String(s.describe()), buf, cap); });
  },

  qv_js_store_error__deps: ['$qvCopyString'],
  qv_js_store_error: function (id, buf, cap) {
    var errors = Module['quiverStoreErrors'];
    var msg = (errors && errors.get(id)) || 'unknown page store error';
    if (errors) errors.delete(id);
    return qvCopyString(msg, buf, cap);
  },

  qv_js_store_release: function (id) {
    var stores = Module['quiverStores'];
    var store = stores && stores.get(id);
    if (!store) return;
    stores.delete(id);
    try {
      if (typeof store.close === 'function') store.close();
    } catch (e) {
      // The engine is already done with the store; a failing close has nobody to report to.
    }
  },
});
