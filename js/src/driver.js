// The driver, shaped like neo4j-driver's Driver: driver(url, auth?, config?) -> session() ->
// run / close, then driver.close(). The database is opened on first use (loading the wasm
// module is asynchronous) and closed by driver.close().
//
// URLs: "memory:" (a new in-memory database) and "file:PATH" (Node; the same file format as the
// native CLI); bolt:// and neo4j:// URLs (with +s / +ssc) return the official neo4j-driver's
// Driver (remote.js). `auth` is accepted for API compatibility and ignored: the database is
// embedded.
//
// Config (neo4j-driver keys plus Quiver's own):
//   disableLosslessIntegers, useBigInt   how Integers are returned (as in neo4j-driver)
//   maxTransactionRetryTime               retry budget of executeRead / executeWrite (ms)
//   durability: 'strict' | 'relaxed' | 'off', pageSize, bufferPoolBytes, readOnly,
//   createIfMissing                       storage options (DatabaseOptions)
//   deterministic                         fixed UUID and zero timestamps, for byte-identity tests
//   pageStore                             a JS page-store object for "store:" URLs
//   wasmModule, wasmUrl                   a precompiled WebAssembly.Module or another quiver.wasm

import { newError, resultTransformers, routing, ServerInfo } from 'neo4j-driver-core'
import { InProcessConnection, parseUrl } from './engine/connection.js'
import { Session, READ, WRITE } from './session.js'
import { isRemoteUrl, remoteDriver } from './remote.js'
import { AGENT, PROTOCOL_VERSION } from './server.js'

export class Driver {
  constructor (url, authToken, config = {}) {
    this._checkUrl(url) // rejects unknown URLs now, as neo4j-driver does
    this._url = url
    this._config = config || {}
    this._conn = null
    this._closed = false
    this._sessions = new Set()
  }

  _checkUrl (url) { parseUrl(url) }

  _connection () {
    if (this._closed) return Promise.reject(newError('The driver has been closed.'))
    if (!this._conn) {
      this._conn = InProcessConnection.open(this._url, this._config)
      this._conn.catch(() => { this._conn = null }) // the next use tries again
    }
    return this._conn
  }

  session ({
    defaultAccessMode = WRITE, database = '', bookmarks, fetchSize, impersonatedUser,
    bookmarkManager, notificationFilter, auth
  } = {}) {
    if (this._closed) throw newError('Cannot open a session on a closed driver.')
    const session = new Session(() => this._connection(), {
      defaultAccessMode,
      database,
      bookmarks,
      maxRetryTimeMs: this._config.maxTransactionRetryTime
    })
    this._sessions.add(session)
    session._onClose = () => this._sessions.delete(session)
    return session
  }

  async executeQuery (query, parameters, config = {}) {
    const {
      routing: route = routing.WRITE, database, impersonatedUser, bookmarkManager,
      resultTransformer = resultTransformers.eagerResultTransformer(), transactionConfig
    } = config || {}
    if (route !== routing.READ && route !== routing.WRITE) {
      throw newError(`Illegal query routing config: "${route}"`)
    }
    const session = this.session({ database, impersonatedUser, bookmarkManager })
    try {
      const work = tx => resultTransformer(tx.run(query, parameters))
      return route === routing.READ
        ? await session.executeRead(work, transactionConfig)
        : await session.executeWrite(work, transactionConfig)
    } finally {
      await session.close()
    }
  }

  async verifyConnectivity ({ database } = {}) {
    return this.getServerInfo({ database })
  }

  async verifyAuthentication () {
    await this._connection()
    return true
  }

  async getServerInfo () {
    const info = await (await this._connection()).info()
    return new ServerInfo({ address: info.describe, version: AGENT }, PROTOCOL_VERSION)
  }

  supportsMultiDb () { return Promise.resolve(false) }
  supportsTransactionConfig () { return Promise.resolve(true) }
  supportsUserImpersonation () { return Promise.resolve(false) }
  supportsSessionAuth () { return Promise.resolve(false) }
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

/** neo4j-driver's driver(): an embedded Driver for memory:/file:, neo4j-driver's for Bolt. */
export function driver (url, authToken, config = {}) {
  if (isRemoteUrl(url)) return remoteDriver(url, authToken, config)
  return new Driver(url, authToken, config)
}
