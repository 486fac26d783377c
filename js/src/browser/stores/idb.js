// IndexedDB page store. The database file (the native format byte for byte) lives in the
// IndexedDB database `quiver:NAME` as fixed-size chunks (one page each, object store `chunks`),
// its length in `meta`, and a log of recent commits in `log`.
//
// Every commit is ONE IndexedDB transaction holding ONE record: a `log` entry with the commit's
// dirty pages concatenated, their chunk numbers and the file length. So a commit is atomic
// (after a crash IndexedDB holds all of it or none of it), and it costs one put — Chromium's
// commit time grows with the number of records far more than with their size
// (bench/browser/floors.mjs: eight 16 KiB records take several times as long as one 128 KiB
// one). Every LOG_LIMIT entries (or LOG_BYTES bytes) a commit instead writes the chunks changed
// since the last such compaction and deletes the log, in one transaction. Open reads the chunks
// and then applies the log entries in order.
//
// Durability: transactions use IndexedDB's `relaxed` durability hint. In Chromium the browser
// process has committed the transaction to its backing store before `complete` fires, so a
// completed commit survives a crash of the tab (renderer) — and should survive one of the
// browser — but it is not fsynced: an OS crash or power loss may lose the last commits (never
// corrupts: the log entries are applied whole or not at all). OPFS strict flushes to disk. This is what `strict` means
// for this backend (js/README.md); tests/browser/persistence.test.js kills the renderer mid-
// stream and checks every acknowledged commit.
//
// The engine calls page stores synchronously and IndexedDB is asynchronous, so reads are served
// from an in-memory image of the file (BytesStore) loaded at open; writes go to the image and
// are persisted by commit()/sync(). The image bounds this backend to databases that fit in
// memory — OPFS (stores/opfs.js) has no such limit and is the automatic choice in workers.
// commit() returns once the transaction is issued; `settled()` resolves when IndexedDB reports
// it complete, and the host (host.js) waits for that before acknowledging a strict commit.

import { BytesStore } from '../../engine/stores/bytes.js'

const CHUNKS = 'chunks'
const META = 'meta'
const LOG = 'log'
const VERSION = 2 // 1: chunks + meta; 2 adds the commit log (version 1 databases open as they are)
const LOG_LIMIT = 64
const LOG_BYTES = 16 * 1024 * 1024
const DURABILITY = 'relaxed' // see above

export function idbAvailable () { return typeof indexedDB === 'object' && indexedDB !== null }

function request (req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
}

function openIdb (name) {
  const req = indexedDB.open('quiver:' + name, VERSION)
  req.onupgradeneeded = () => {
    const db = req.result
    if (!db.objectStoreNames.contains(CHUNKS)) db.createObjectStore(CHUNKS)
    if (!db.objectStoreNames.contains(META)) db.createObjectStore(META)
    if (!db.objectStoreNames.contains(LOG)) db.createObjectStore(LOG)
  }
  return request(req)
}

function done (tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onabort = () => reject(tx.error || new Error('IndexedDB transaction aborted'))
    tx.onerror = () => {} // reported through onabort
  })
}

export class IdbStore extends BytesStore {
  constructor (idb, name, chunk) {
    super(undefined, 'idb:' + name)
    this.idb = idb
    this.chunk = chunk
    this.dirty = new Set() // chunks written since the last persist
    this.unCompacted = new Set() // chunks whose newest bytes are only in the log
    this.logEntries = 0
    this.logBytes = 0
    this.nextSeq = 1
    this.persistedLength = 0
    this.inflight = Promise.resolve()
    this.failure = null
  }

  static async open (name, { pageSize = 16384, createIfMissing = true } = {}) {
    const idb = await openIdb(name)
    const tx = idb.transaction([CHUNKS, META, LOG], 'readonly')
    const [meta, keys, values, logKeys, log] = await Promise.all([
      request(tx.objectStore(META).get('file')),
      request(tx.objectStore(CHUNKS).getAllKeys()),
      request(tx.objectStore(CHUNKS).getAll()),
      request(tx.objectStore(LOG).getAllKeys()),
      request(tx.objectStore(LOG).getAll())
    ])
    if (!meta && !log.length && !createIfMissing) {
      idb.close()
      const e = new Error(`database idb:${name} does not exist`)
      e.code = 'Neo.ClientError.Database.DatabaseNotFound'
      throw e
    }
    const chunk = meta ? meta.chunk : log.length ? log[0].chunk : pageSize
    const store = new IdbStore(idb, name, chunk)
    const size = log.length ? log[log.length - 1].size : meta ? meta.size : 0
    store.ensure(size)
    store.length = size
    for (let i = 0; i < keys.length; i++) {
      const start = keys[i] * chunk
      if (start >= size) continue
      const bytes = new Uint8Array(values[i])
      store.buf.set(bytes.subarray(0, Math.min(bytes.length, size - start)), start)
    }
    // The log, oldest first (keys ascend): each entry's pages over the chunks.
    for (const entry of log) {
      const bytes = new Uint8Array(entry.bytes)
      let at = 0
      for (const i of entry.pages) {
        const start = i * chunk
        const n = Math.min(chunk, entry.size - start)
        if (n > 0) store.buf.set(bytes.subarray(at, at + n), start)
        at += Math.max(n, 0)
        store.unCompacted.add(i)
      }
      store.logBytes += bytes.length
    }
    store.logEntries = log.length
    if (logKeys.length) store.nextSeq = logKeys[logKeys.length - 1] + 1
    store.persistedLength = size
    return store
  }

  /** Deletes the IndexedDB database of NAME (it must be closed). */
  static remove (name) {
    return request(indexedDB.deleteDatabase('quiver:' + name)).then(() => {})
  }

  checkUsable () {
    if (this.failure) throw new Error('IndexedDB commit failed earlier: ' + (this.failure.message || this.failure))
  }

  write (offset, src) {
    this.checkUsable()
    super.write(offset, src)
    if (src.length === 0) return
    const last = Math.floor((offset + src.length - 1) / this.chunk)
    for (let i = Math.floor(offset / this.chunk); i <= last; i++) this.dirty.add(i)
  }

  truncate (size) {
    this.checkUsable()
    if (size % this.chunk !== 0) this.dirty.add(Math.floor(size / this.chunk))
    super.truncate(size)
    for (const i of this.dirty) if (i * this.chunk >= size) this.dirty.delete(i)
  }

  sync () { this.persist() }

  commit (offset, header) {
    this.write(offset, header)
    this.persist()
  }

  // The bytes of chunk i as they are now (the last chunk may be short).
  chunkBytes (i) {
    const start = i * this.chunk
    return this.buf.subarray(start, Math.min(start + this.chunk, this.length))
  }

  // Issues one transaction: a log entry with every dirty chunk and the file length, or — when the
  // log is long, or the file shrank — the compaction that writes the chunks and clears the log.
  persist ({ clear = false } = {}) {
    this.checkUsable()
    if (!clear && this.dirty.size === 0 && this.length === this.persistedLength) return
    const tx = this.idb.transaction([CHUNKS, META, LOG], 'readwrite', { durability: DURABILITY })
    const shrinks = this.length < this.persistedLength
    if (!clear && !shrinks && this.logEntries < LOG_LIMIT && this.logBytes < LOG_BYTES) {
      const pages = [...this.dirty].filter(i => i * this.chunk < this.length).sort((a, b) => a - b)
      let total = 0
      for (const i of pages) total += this.chunkBytes(i).length
      const bytes = new Uint8Array(total)
      let at = 0
      for (const i of pages) {
        const b = this.chunkBytes(i)
        bytes.set(b, at)
        at += b.length
        this.unCompacted.add(i)
      }
      tx.objectStore(LOG).put({ size: this.length, chunk: this.chunk, pages, bytes: bytes.buffer }, this.nextSeq++)
      this.logEntries++
      this.logBytes += total
    } else {
      const chunks = tx.objectStore(CHUNKS)
      if (clear) chunks.clear()
      for (const i of this.dirty) this.unCompacted.add(i)
      for (const i of this.unCompacted) {
        if (i * this.chunk < this.length) chunks.put(this.chunkBytes(i).slice().buffer, i)
      }
      const oldChunks = Math.ceil(this.persistedLength / this.chunk)
      const newChunks = Math.ceil(this.length / this.chunk)
      if (!clear && newChunks < oldChunks) chunks.delete(IDBKeyRange.bound(newChunks, oldChunks - 1))
      tx.objectStore(LOG).clear()
      tx.objectStore(META).put({ size: this.length, chunk: this.chunk }, 'file')
      this.unCompacted.clear()
      this.logEntries = 0
      this.logBytes = 0
    }
    tx.commit()
    this.dirty.clear()
    this.persistedLength = this.length
    const finished = done(tx)
    this.inflight = Promise.all([this.inflight, finished]).then(() => {}, e => {
      if (!this.failure) this.failure = e
      throw e
    })
    this.inflight.catch(() => {})
  }

  /** Resolves when every issued transaction is complete; rejects if one failed. */
  settled () {
    return this.inflight.then(() => { this.checkUsable() })
  }

  /** Replaces the whole file with `bytes` (one transaction). */
  async replace (bytes) {
    this.buf = new Uint8Array(0)
    this.length = 0
    this.write(0, bytes)
    this.persist({ clear: true })
    await this.settled()
  }

  close () {
    if (!this.idb) return
    const idb = this.idb
    // Closing waits for running transactions; IndexedDB finishes them first.
    this.inflight.finally(() => idb.close())
    this.idb = null
  }
}
