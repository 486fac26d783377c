// Sessions, shaped like neo4j-driver's Session: run (auto-commit), beginTransaction,
// executeRead / executeWrite (managed transactions, retried on transient errors), the
// deprecated readTransaction / writeTransaction, lastBookmarks, close.
//
// There is one in-process database ("neo4j"), so every session sees every commit; bookmarks
// are accepted and handed out (one per commit) for code that passes them along.

import { newError } from 'neo4j-driver-core'
import { Result } from './result.js'
import { Transaction } from './transaction.js'
import { normalizeQuery, validateTransactionConfig, timeoutMs } from './query.js'
import { withRetries } from './retry.js'
import { DATABASE } from './server.js'

export const READ = 'READ'
export const WRITE = 'WRITE'

// Unique per commit: this module's load time, then a counter (no clock read per commit).
const bookmarkPrefix = `quiver:${Date.now().toString(36)}:`
let bookmarkSeq = 0
const nextBookmark = () => bookmarkPrefix + (++bookmarkSeq)

function initialBookmarks (bookmarks) {
  if (bookmarks === undefined || bookmarks === null) return []
  return (Array.isArray(bookmarks) ? bookmarks.flat() : [bookmarks]).map(String)
}

function checkDatabase (database) {
  if (database === undefined || database === null || database === '' || database === DATABASE) return null
  return newError(`Database does not exist. Database name: '${database}'.`,
    'Neo.ClientError.Database.DatabaseNotFound')
}

/** The object a managed transaction's work function receives: run() only. */
export class ManagedTransaction {
  constructor (tx) { this._tx = tx }
  run (query, parameters) { return this._tx.run(query, parameters) }
}

export class Session {
  /** connection: () => Promise<connection> (opened by the driver on first use). */
  constructor (connection, { defaultAccessMode = WRITE, database = '', bookmarks, maxRetryTimeMs } = {}) {
    if (defaultAccessMode !== READ && defaultAccessMode !== WRITE) {
      throw newError(`Illegal session mode ${defaultAccessMode}`)
    }
    this._connection = connection
    this._mode = defaultAccessMode
    this._databaseError = checkDatabase(database)
    this._bookmarks = initialBookmarks(bookmarks)
    this._maxRetryTimeMs = maxRetryTimeMs
    this._tx = null
    this._open = true
    this._pending = []
    this._onClose = null
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

  // The connection, or the error every statement of this session fails with.
  _conn () {
    return this._databaseError ? Promise.reject(this._databaseError) : this._connection()
  }

  _committed () { this._bookmarks = [nextBookmark()] }

  run (query, parameters, transactionConfig) {
    const { text, params } = normalizeQuery(query, parameters)
    validateTransactionConfig(transactionConfig)
    this._checkUsable()
    const write = this._mode !== READ
    const answer = this._conn().then(conn => conn.autoCommit(write, text, params))
    answer.then(() => this._committed(), () => {})
    this._track(answer)
    return new Result(answer, text, params)
  }

  beginTransaction (transactionConfig) {
    validateTransactionConfig(transactionConfig)
    this._checkUsable()
    return this._begin(this._mode !== READ, transactionConfig)
  }

  // pipelined (managed transactions): a connection to another thread may send the first
  // statement without waiting for the begin's answer (browser/client.js).
  _begin (write, transactionConfig, pipelined = false) {
    const txId = this._conn().then(conn => conn.beginTx(write, pipelined))
    const tx = new Transaction({
      txRun: (id, q, p) => this._connection().then(c => c.txRun(id, q, p)),
      txRunCommit: (id, q, p) => this._connection().then(c => c.txRunCommit(id, q, p))
        .then(answer => { this._committed(); return answer }),
      commit: (id) => this._connection().then(c => c.commitTx(id)).then(() => this._committed()),
      rollback: (id) => this._connection().then(c => c.rollbackTx(id))
    }, txId, () => { if (this._tx === tx) this._tx = null }, timeoutMs(transactionConfig))
    this._tx = tx
    return tx
  }

  // One attempt of a managed transaction: begin, work, commit (or roll back and rethrow).
  async _attempt (write, work, transactionConfig) {
    const pipelines = await this._conn().then(c => c.pipelines === true, () => false)
    const tx = this._begin(write, transactionConfig, pipelines)
    let value
    let committing = null
    try {
      const returned = work(new ManagedTransaction(tx))
      // The work returned its only statement's result unawaited: nothing can follow it, so
      // a connection that pipelines sends the commit right behind it (one round trip).
      if (pipelines && returned instanceof Result && tx._canCommitBehind(returned)) {
        committing = tx._commitBehind()
        committing.catch(() => {}) // a failed statement reports the error
      }
      value = await returned
    } catch (e) {
      if (committing) await committing.catch(() => {})
      if (tx.isOpen()) await tx.rollback().catch(() => {})
      throw e
    }
    if (committing) await committing
    else if (tx.isOpen()) await tx.commit()
    else await tx._failure() // a statement failed and the work function swallowed the error
    return value
  }

  _managed (write, work, transactionConfig) {
    try {
      validateTransactionConfig(transactionConfig)
      this._checkUsable()
    } catch (e) {
      return Promise.reject(e)
    }
    if (typeof work !== 'function') return Promise.reject(newError('The transaction work must be a function'))
    const run = withRetries(() => this._attempt(write, work, transactionConfig), this._maxRetryTimeMs)
    this._track(run)
    return run
  }

  executeRead (work, transactionConfig) { return this._managed(false, work, transactionConfig) }
  executeWrite (work, transactionConfig) { return this._managed(true, work, transactionConfig) }
  /** @deprecated as in neo4j-driver: use executeRead. */
  readTransaction (work, transactionConfig) { return this.executeRead(work, transactionConfig) }
  /** @deprecated as in neo4j-driver: use executeWrite. */
  writeTransaction (work, transactionConfig) { return this.executeWrite(work, transactionConfig) }

  lastBookmarks () { return [...this._bookmarks] }
  /** @deprecated as in neo4j-driver: use lastBookmarks. */
  lastBookmark () { return this.lastBookmarks() }

  async close () {
    if (!this._open) return
    this._open = false
    if (this._tx) await this._tx.close().catch(() => {})
    await Promise.all(this._pending)
    if (this._onClose) this._onClose()
  }

  async [Symbol.asyncDispose] () { return this.close() }
}
