// The driver, shaped like neo4j-driver's Driver: driver(url, auth?, config?) -> session() ->
// run / close, then driver.close(). The database is opened on first use (loading the wasm
// module is asynchronous) and closed by driver.close().
//
// URLs: "memory:" (a new in-memory database) and "file:PATH" (Node; the same file format as the
// native CLI). `auth` is accepted for API compatibility and ignored: the database is embedded.
//
// Config (neo4j-driver keys plus Quiver's own):
//   disableLosslessIntegers, useBigInt   how Integers are returned (as in neo4j-driver)
//   durability: 'strict' | 'relaxed' | 'off', pageSize, bufferPoolBytes, readOnly,
//   createIfMissing                       storage options (DatabaseOptions)
//   deterministic                         fixed UUID and zero timestamps, for byte-identity tests
//   pageStore                             a JS page-store object for "store:" URLs
//   wasmModule, wasmUrl                   a precompiled WebAssembly.Module or another quiver.wasm

import { newError, EagerResult } from 'neo4j-driver-core'
import { InProcessConnection } from './engine/connection.js'
import { Session, READ, WRITE } from './session.js'

export class Driver {
  constructor (url, authToken, config = {}) {
    this._url = url
    this._config = config || {}
    this._conn = null
    this._closed = false
    this._sessions = new Set()
  }

  _connection () {
    if (this._closed) return Promise.reject(newError('The driver has been closed.'))
    if (!this._conn) {
      this._conn = InProcessConnection.open(this._url, this._config)
      this._conn.catch(() => { this._conn = null }) // the next use tries again
    }
    return this._conn
  }

  session ({ defaultAccessMode = WRITE, database = null, bookmarks, fetchSize } = {}) {
    if (this._closed) throw newError('Cannot open a session on a closed driver.')
    const session = new Session(() => this._connection(), { defaultAccessMode, database })
    this._sessions.add(session)
    const close = session.close.bind(session)
    session.close = async () => {
      this._sessions.delete(session)
      return close()
    }
    return session
  }

  async executeQuery (query, parameters, config = {}) {
    const session = this.session({ defaultAccessMode: config.routing === 'READ' ? READ : WRITE })
    try {
      const work = async tx => {
        const result = tx.run(query, parameters)
        const [keys, { records, summary }] = await Promise.all([result.keys(), result])
        return { keys, records, summary }
      }
      const { keys, records, summary } = config.routing === 'READ'
        ? await session.executeRead(work)
        : await session.executeWrite(work)
      return new EagerResult(keys, records, summary)
    } finally {
      await session.close()
    }
  }

  async verifyConnectivity () {
    await this._connection()
    return this.getServerInfo()
  }

  async getServerInfo () {
    const info = await (await this._connection()).info()
    return { address: info.describe, agent: 'Quiver/0.1.0', protocolVersion: 5.8 }
  }

  supportsMultiDb () { return Promise.resolve(false) }
  supportsTransactionConfig () { return Promise.resolve(true) }
  isEncrypted () { return false }

  // ---- Quiver extensions -------------------------------------------------------------------

  /** Integrity check of every page and structure: {ok, problems, pagesChecked, ...}. */
  async check () {
    const r = await (await this._connection()).check()
    return {
      ok: r.ok,
      problems: r.problems,
      pagesChecked: Number(r.pages_checked),
      nodesChecked: Number(r.nodes_checked),
      relationshipsChecked: Number(r.relationships_checked)
    }
  }

  /** Makes every commit durable (matters with durability: 'relaxed'). */
  async flush () { await (await this._connection()).flush() }

  async close () {
    if (this._closed) return
    await Promise.all([...this._sessions].map(s => s.close().catch(() => {})))
    this._closed = true
    const pending = this._conn
    this._conn = null
    if (pending) {
      const conn = await pending.catch(() => null)
      if (conn) await conn.close()
    }
  }

  async [Symbol.asyncDispose] () { return this.close() }
}

export function driver (url, authToken, config = {}) {
  return new Driver(url, authToken, config)
}
