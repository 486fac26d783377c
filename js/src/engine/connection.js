// The in-process connection: one open database inside this thread's wasm module. The driver
// API (driver.js, session.js, ...) talks only to this interface, so a worker-backed
// connection can later implement the same async methods behind postMessage.
//
//   run(query, params)            -> {keys, rows, summary()}     (auto-commit)
//   begin(write)                  -> tx id
//   txRun(tx, query, params)      -> {keys, rows, summary()}
//   commit(tx) / rollback(tx)
//   check() / flush() / info() / close()
// and, on top, the calls the driver API uses, which add the write gate:
//   autoCommit(write, query, params), beginTx(write), commitTx(tx), rollbackTx(tx)
//
// Calls are serialised on one queue, in the order they were made, even when the caller does
// not await them. Writers also pass a write gate: the engine runs one write transaction at a
// time, and single-threaded in wasm it cannot wait for another one to finish, so a second
// writer (explicit transaction or auto-commit query) waits here until the first has ended.

import { newError } from 'neo4j-driver-core'
import { loadModule } from './module.js'
import { Bindings } from './bindings.js'
import { integerMode, encode, decodeAnswer } from './packstream.js'
import { openNodeFileStore } from './stores/node_file.js'

const isNode = typeof process === 'object' && process !== null &&
  typeof process.versions === 'object' && typeof process.versions.node === 'string'

const bindingsByModule = new WeakMap()

function bindingsFor (mod) {
  let b = bindingsByModule.get(mod)
  if (!b) {
    b = new Bindings(mod)
    bindingsByModule.set(mod, b)
  }
  return b
}

/**
 * Parses the database URL: `memory:` (a fresh in-memory database), `file:PATH` or
 * `file:///abs/path` (Node), or a page-store object passed as `config.pageStore`.
 */
export function parseUrl (url) {
  if (typeof url !== 'string') throw newError('The database URL must be a string such as "memory:" or "file:./db.qdb"')
  if (url === 'memory:' || url.startsWith('memory:')) return { kind: 'memory' }
  if (url.startsWith('file://')) return { kind: 'file', path: decodeURIComponent(new URL(url).pathname) }
  if (url.startsWith('file:')) return { kind: 'file', path: url.slice('file:'.length) }
  if (url.startsWith('store:')) return { kind: 'store' }
  throw newError(`Unsupported database URL "${url}": use "memory:" or "file:PATH"`)
}

export class InProcessConnection {
  constructor (bindings, db, mode) {
    this.b = bindings
    this.db = db
    this.mode = mode
    this.tail = Promise.resolve()
    this.closed = false
    this.writeTail = Promise.resolve()
    this.writeReleases = new Map() // tx id -> release function of the write gate
  }

  static async open (url, config = {}) {
    const target = parseUrl(url)
    const mod = await loadModule({ wasmModule: config.wasmModule, wasmUrl: config.wasmUrl })
    const b = bindingsFor(mod)
    const opts = {
      pageSize: config.pageSize,
      bufferPoolBytes: config.bufferPoolBytes,
      durability: config.durability,
      readOnly: config.readOnly,
      createIfMissing: config.createIfMissing,
      deterministic: config.deterministic
    }
    let db
    if (target.kind === 'memory') {
      db = b.openMemory(opts)
    } else {
      let store = config.pageStore
      if (target.kind === 'file') {
        if (!isNode) throw newError('"file:" databases need Node; browsers get OPFS and IndexedDB stores')
        store = await openNodeFileStore(target.path, opts, (code, message) => newError(message, code))
      }
      if (!store) throw newError('A "store:" URL needs config.pageStore')
      try {
        db = b.openStore(store, opts)
      } finally {
        // On failure the engine already released (and closed) the store; make sure anyway.
        if (db === undefined && typeof store.close === 'function') {
          try { store.close() } catch (e) { /* already closed */ }
        }
      }
    }
    return new InProcessConnection(b, db, config.answers === 'bytes' ? 'bytes' : integerMode(config))
  }

  // Runs fn on the queue; the returned promise settles with its result.
  enqueue (fn) {
    const p = this.tail.then(() => {
      if (this.closed) throw newError('The database has been closed', 'N/A')
      return fn()
    })
    this.tail = p.then(() => {}, () => {})
    return p
  }

  // Answers for the driver API: {keys, rows, summary: () => map} (packstream.js decodeAnswer).
  shape (bytes) { return decodeAnswer(bytes, this.mode) }

  // With mode 'bytes' (a connection serving another thread, js/src/browser/host.js),
  // parameters arrive PackStream-encoded and answers leave as PackStream bytes.
  run (query, params) {
    if (this.mode === 'bytes') return this.enqueue(() => this.b.runBytes(this.db, query, params))
    return this.enqueue(() => this.shape(this.b.runBytes(this.db, query, encode(params || {}))))
  }

  begin (write) { return this.enqueue(() => this.b.begin(this.db, write)) }

  txRun (tx, query, params) {
    if (this.mode === 'bytes') return this.enqueue(() => this.b.txRunBytes(tx, query, params))
    return this.enqueue(() => this.shape(this.b.txRunBytes(tx, query, encode(params || {}))))
  }

  commit (tx) { return this.enqueue(() => this.b.commit(tx)) }
  rollback (tx) { return this.enqueue(() => this.b.rollback(tx)) }
  check () { return this.enqueue(() => this.b.check(this.db)) }
  flush () { return this.enqueue(() => this.b.flush(this.db)) }
  info () { return this.enqueue(() => this.b.info(this.db)) }

  // Resolves with a release function once every earlier writer has released the gate.
  acquireWrite () {
    let release
    const mine = new Promise(resolve => { release = resolve })
    const previous = this.writeTail
    this.writeTail = previous.then(() => mine)
    return previous.then(() => release)
  }

  async autoCommit (write, query, params) {
    if (write) {
      const release = await this.acquireWrite()
      try {
        return await this.run(query, params)
      } finally {
        release()
      }
    }
    // Read sessions run auto-commit queries in a read transaction (one engine call: begin, run
    // and commit; a writing statement fails with Neo.ClientError.Statement.AccessMode).
    if (this.mode === 'bytes') return this.enqueue(() => this.b.runReadBytes(this.db, query, params))
    return this.enqueue(() => this.shape(this.b.runReadBytes(this.db, query, encode(params || {}))))
  }

  async beginTx (write) {
    if (!write) return this.begin(false)
    const release = await this.acquireWrite()
    try {
      const tx = await this.begin(true)
      this.writeReleases.set(tx, release)
      return tx
    } catch (e) {
      release()
      throw e
    }
  }

  releaseWrite (tx) {
    const release = this.writeReleases.get(tx)
    this.writeReleases.delete(tx)
    if (release) release()
  }

  commitTx (tx) { return this.commit(tx).finally(() => this.releaseWrite(tx)) }
  rollbackTx (tx) { return this.rollback(tx).finally(() => this.releaseWrite(tx)) }

  close () {
    return this.enqueue(() => {
      this.closed = true
      this.b.close(this.db)
    })
  }
}
