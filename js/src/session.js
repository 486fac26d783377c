// Sessions, shaped like neo4j-driver's Session: run (auto-commit), beginTransaction,
// executeRead / executeWrite (managed transactions), close. Bookmarks are accepted and
// ignored: there is one in-process database, so every session sees every commit.

import { newError } from 'neo4j-driver-core'
import { Result } from './result.js'
import { Transaction } from './transaction.js'
import { normalizeQuery } from './query.js'

export const READ = 'READ'
export const WRITE = 'WRITE'

export class Session {
  /** connection: () => Promise<connection> (opened by the driver on first use). */
  constructor (connection, { defaultAccessMode = WRITE, database = null } = {}) {
    this._connection = connection
    this._mode = defaultAccessMode
    this._database = database
    this._tx = null
    this._open = true
    this._pending = []
  }

  _track (promise) {
    const p = promise.catch(() => {})
    this._pending.push(p)
    p.then(() => { this._pending = this._pending.filter(x => x !== p) })
  }

  _checkUsable () {
    if (!this._open) throw newError('Cannot run query in a closed session.')
    if (this._tx) {
      throw newError('Queries cannot be run directly on a session with an open transaction; ' +
        'either run from within the transaction or use a different session.')
    }
  }

  run (query, parameters, transactionConfig) {
    const { text, params } = normalizeQuery(query, parameters)
    this._checkUsable()
    const write = this._mode !== READ
    const answer = this._connection().then(conn => conn.autoCommit(write, text, params))
    this._track(answer)
    return new Result(answer, text, params)
  }

  beginTransaction (transactionConfig) {
    this._checkUsable()
    const write = this._mode !== READ
    const txId = this._connection().then(conn => conn.beginTx(write))
    const tx = new Transaction({
      txRun: (id, q, p) => this._connection().then(c => c.txRun(id, q, p)),
      commit: (id) => this._connection().then(c => c.commitTx(id)),
      rollback: (id) => this._connection().then(c => c.rollbackTx(id))
    }, txId, () => { if (this._tx === tx) this._tx = null })
    this._tx = tx
    return tx
  }

  async _managed (mode, work) {
    const saved = this._mode
    this._mode = mode
    let tx
    try {
      tx = this.beginTransaction()
    } finally {
      this._mode = saved
    }
    const managed = { run: (q, p) => tx.run(q, p) }
    let value
    try {
      value = await work(managed)
    } catch (e) {
      if (tx.isOpen()) await tx.rollback().catch(() => {})
      throw e
    }
    if (tx.isOpen()) await tx.commit()
    return value
  }

  executeRead (work, config) { return this._managed(READ, work) }
  executeWrite (work, config) { return this._managed(WRITE, work) }
  readTransaction (work, config) { return this.executeRead(work, config) }
  writeTransaction (work, config) { return this.executeWrite(work, config) }

  lastBookmarks () { return [] }
  lastBookmark () { return [] }

  async close () {
    if (!this._open) return
    this._open = false
    if (this._tx) await this._tx.close().catch(() => {})
    await Promise.all(this._pending)
  }

  async [Symbol.asyncDispose] () { return this.close() }
}
