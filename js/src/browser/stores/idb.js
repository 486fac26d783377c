// IndexedDB page store. The database file is kept as fixed-size chunks (one page each, one
// record per chunk) in the object store `chunks` of the IndexedDB database `quiver:NAME`, and
// its length in `meta`. Every commit is ONE IndexedDB transaction that puts the pages written
// since the previous commit together with the header page, so a commit is atomic: after a crash
// IndexedDB holds either all of it or none of it.
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

export function idbAvailable () { return typeof indexedDB === 'object' && indexedDB !== null }

function request (req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
}

function openIdb (name) {
  const req = indexedDB.open('quiver:' + name, 1)
  req.onupgradeneeded = () => {
    const db = req.result
    if (!db.objectStoreNames.contains(CHUNKS)) db.createObjectStore(CHUNKS)
    if (!db.objectStoreNames.contains(META)) db.createObjectStore(META)
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
  constructor (idb, name, chunk, durability) {
    super(undefined, 'idb:' + name)
    this.idb = idb
    this.chunk = chunk
    this.durability = durability === 'strict' ? 'strict' : 'relaxed'
    this.dirty = new Set()
    this.persistedLength = 0
    this.inflight = Promise.resolve()
    this.failure = null
    this.metaWritten = false
  }

  static async open (name, { pageSize = 16384, durability = 'strict', createIfMissing = true } = {}) {
    const idb = await openIdb(name)
    const tx = idb.transaction([CHUNKS, META], 'readonly')
    const [meta, keys, values] = await Promise.all([
      request(tx.objectStore(META).get('file')),
      request(tx.objectStore(CHUNKS).getAllKeys()),
      request(tx.objectStore(CHUNKS).getAll())
    ])
    if (!meta && !createIfMissing) {
      idb.close()
      const e = new Error(`database idb:${name} does not exist`)
      e.code = 'Neo.ClientError.Database.DatabaseNotFound'
      throw e
    }
    const store = new IdbStore(idb, name, meta ? meta.chunk : pageSize, durability)
    if (meta) {
      store.ensure(meta.size)
      for (let i = 0; i < keys.length; i++) {
        const start = keys[i] * store.chunk
        if (start >= meta.size) continue
        const bytes = new Uint8Array(values[i])
        store.buf.set(bytes.subarray(0, Math.min(bytes.length, meta.size - start)), start)
      }
      store.length = meta.size
      store.persistedLength = meta.size
      store.metaWritten = true
    }
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

  // Issues one transaction with every dirty chunk and the file length.
  persist ({ clear = false } = {}) {
    this.checkUsable()
    if (!clear && this.dirty.size === 0 && this.length === this.persistedLength) return
    const tx = this.idb.transaction([CHUNKS, META], 'readwrite', { durability: this.durability })
    const chunks = tx.objectStore(CHUNKS)
    if (clear) chunks.clear()
    for (const i of this.dirty) {
      const start = i * this.chunk
      chunks.put(this.buf.slice(start, Math.min(start + this.chunk, this.length)).buffer, i)
    }
    const oldChunks = Math.ceil(this.persistedLength / this.chunk)
    const newChunks = Math.ceil(this.length / this.chunk)
    if (!clear && newChunks < oldChunks) chunks.delete(IDBKeyRange.bound(newChunks, oldChunks - 1))
    // The file's length changes only when the file grows or shrinks: most commits skip it.
    if (clear || this.length !== this.persistedLength || !this.metaWritten) {
      tx.objectStore(META).put({ size: this.length, chunk: this.chunk }, 'file')
      this.metaWritten = true
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
