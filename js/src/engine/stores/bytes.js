// Page store over one growable byte array: the database file held in memory. Used where there
// is no file system (edge workers: load a database from bytes, save it back as bytes) and as
// the in-memory image of the IndexedDB store (js/src/browser/stores/idb.js).
// Implements the page-store interface of wasm/src/js_page_store.h.

export class BytesStore {
  /** bytes: an existing database file (Uint8Array/ArrayBuffer) or nothing for a new one. */
  constructor (bytes, name = 'bytes:') {
    const initial = bytes ? new Uint8Array(bytes instanceof ArrayBuffer ? bytes : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) : new Uint8Array(0)
    this.buf = initial
    this.length = initial.length
    this.name = name
  }

  ensure (end) {
    if (end <= this.buf.length) return
    let cap = Math.max(this.buf.length * 2, 64 * 1024)
    while (cap < end) cap *= 2
    const grown = new Uint8Array(cap)
    grown.set(this.buf.subarray(0, this.length))
    this.buf = grown
  }

  size () { return this.length }

  read (offset, dest) {
    const end = Math.min(offset + dest.length, this.length)
    const n = Math.max(0, end - offset)
    if (n > 0) dest.set(this.buf.subarray(offset, end))
    if (n < dest.length) dest.fill(0, n) // zeros past the end
  }

  write (offset, src) {
    const end = offset + src.length
    this.ensure(end)
    if (offset > this.length) this.buf.fill(0, this.length, offset)
    this.buf.set(src, offset)
    if (end > this.length) this.length = end
  }

  sync () {}

  truncate (size) {
    if (size > this.length) {
      this.ensure(size)
      this.buf.fill(0, this.length, size)
    }
    this.length = size
  }

  describe () { return this.name }

  /** A copy of the file's bytes. */
  bytes () { return this.buf.slice(0, this.length) }
}
