// The one module that calls the exports of quiver.wasm (wasm/src/bindings.cpp documents them).
// Every export returns a status and leaves one PackStream value in the response buffer; this
// class copies inputs in, reads the response out, and turns error maps into Neo4jErrors.

import { newError } from 'neo4j-driver-core'
import { encode, decode } from './packstream.js'

const QV_OK = 0
const ABI_VERSION = 2

const utf8 = new TextEncoder()

/** Builds the Neo4jError for an engine error map (response.h). */
export function errorFromMap (e) {
  const diagnosticRecord = {
    OPERATION: '',
    OPERATION_CODE: '0',
    CURRENT_SCHEMA: '/',
    _classification: e.classification
  }
  if (e.position) {
    diagnosticRecord._position = {
      offset: Number(e.position.offset),
      line: Number(e.position.line),
      column: Number(e.position.column)
    }
  }
  return newError(e.message, e.code, undefined, e.gql_status, e.description, diagnosticRecord)
}

export class Bindings {
  constructor (mod) {
    this.m = mod
    const abi = mod._qv_abi_version()
    if (abi !== ABI_VERSION) {
      throw new Error(`quiverdb: quiver.wasm speaks ABI ${abi}, this package expects ${ABI_VERSION}`)
    }
    this.nextStoreId = 1
    this.scratchPtr = 0
    this.scratchSize = 0
    this.queryBytes = new Map() // query text -> its UTF-8 bytes (applications repeat queries)
  }

  // The UTF-8 bytes of a query text, cached for texts up to 4 KiB (at most 256 of them).
  utf8Query (query) {
    let bytes = this.queryBytes.get(query)
    if (bytes) return bytes
    bytes = utf8.encode(query)
    if (query.length <= 4096) {
      if (this.queryBytes.size >= 256) this.queryBytes.clear()
      this.queryBytes.set(query, bytes)
    }
    return bytes
  }

  // A region of wasm memory the inputs of a call are copied into (kept between calls, grown
  // when an input does not fit): no malloc/free per call. Calls do not nest: the engine calls
  // back into JavaScript only for page I/O, never into these bindings.
  scratch (size) {
    if (size > this.scratchSize) {
      if (this.scratchPtr) this.m._qv_free(this.scratchPtr)
      this.scratchSize = Math.max(size, 2 * this.scratchSize, 4096)
      this.scratchPtr = this.m._qv_malloc(this.scratchSize)
    }
    return this.scratchPtr
  }

  // Calls export `name` with (handle..., byte inputs...) and returns the decoded answer.
  call (name, ints, inputs = [], mode = 'integer') {
    return decode(this.callBytes(name, ints, inputs), mode)
  }

  // As call(), but returns the answer as PackStream bytes (for callers that decode elsewhere,
  // e.g. on the other side of a worker boundary). Errors are still thrown as Neo4jErrors.
  callBytes (name, ints, inputs = []) {
    const args = ints.slice()
    let total = 0
    for (const input of inputs) total += input.length
    if (total > 0) {
      let at = this.scratch(total)
      const heap = this.m.HEAPU8 // after the malloc: a grown memory has a new buffer
      for (const input of inputs) {
        heap.set(input, at)
        args.push(input.length ? at : 0, input.length)
        at += input.length
      }
    } else {
      for (let i = 0; i < inputs.length; i++) args.push(0, 0)
    }
    const status = this.m['_' + name](...args)
    const ptr = this.m._qv_response_data()
    const size = this.m._qv_response_size()
    // Copy before anything else can run: the buffer is reused by the next call.
    const response = this.m.HEAPU8.slice(ptr, ptr + size)
    if (status === QV_OK) return response
    throw errorFromMap(decode(response, 'number'))
  }

  static options (opts = {}) {
    const o = {}
    if (opts.pageSize !== undefined) o.page_size = opts.pageSize
    if (opts.bufferPoolBytes !== undefined) o.buffer_pool_bytes = opts.bufferPoolBytes
    if (opts.durability !== undefined) o.durability = opts.durability
    if (opts.readOnly !== undefined) o.read_only = !!opts.readOnly
    if (opts.createIfMissing !== undefined) o.create_if_missing = !!opts.createIfMissing
    if (opts.deterministic !== undefined) o.deterministic = !!opts.deterministic
    return encode(o)
  }

  openMemory (opts) {
    return Number(this.call('qv_open_memory', [], [Bindings.options(opts)], 'number').db)
  }

  /** Opens a database over a JS page store object (wasm/src/js_page_store.h); takes ownership. */
  openStore (store, opts) {
    const id = this.nextStoreId++
    this.m.quiverStores.set(id, store)
    return Number(this.call('qv_open_store', [id], [Bindings.options(opts)], 'number').db)
  }

  close (db) { this.call('qv_close', [db]) }

  run (db, query, params, mode) {
    return this.call('qv_run', [db], [this.utf8Query(query), encode(params || {})], mode)
  }

  begin (db, write) { return Number(this.call('qv_begin', [db, write ? 1 : 0], [], 'number').tx) }

  txRun (tx, query, params, mode) {
    return this.call('qv_tx_run', [tx], [this.utf8Query(query), encode(params || {})], mode)
  }

  /** run/txRun with parameters already PackStream-encoded; answer bytes out. */
  runBytes (db, query, params) { return this.callBytes('qv_run', [db], [this.utf8Query(query), params]) }
  runReadBytes (db, query, params) { return this.callBytes('qv_run_read', [db], [this.utf8Query(query), params]) }
  txRunBytes (tx, query, params) { return this.callBytes('qv_tx_run', [tx], [this.utf8Query(query), params]) }

  commit (tx) { this.call('qv_tx_commit', [tx]) }
  rollback (tx) { this.call('qv_tx_rollback', [tx]) }
  check (db) { return this.call('qv_check', [db], [], 'number') }
  flush (db) { this.call('qv_flush', [db]) }
  info (db) { return this.call('qv_info', [db], [], 'number') }
}
