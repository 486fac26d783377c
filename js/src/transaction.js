// Explicit transactions, shaped like neo4j-driver's Transaction: run / commit / rollback /
// close / isOpen. A failed query ends the transaction (it is rolled back in the engine), as
// with a Neo4j server; later calls report that.

import { newError } from 'neo4j-driver-core'
import { Result } from './result.js'
import { normalizeQuery } from './query.js'

export class Transaction {
  /**
   * ops: {txRun(id, text, params), commit(id), rollback(id)} returning promises, and for
   * connections that pipeline, txRunCommit(id, text, params) (run, then commit if it succeeded);
   * txId: Promise<number> of the engine transaction; onClose: called once when it ends.
   */
  constructor (ops, txId, onClose, timeoutMs) {
    this._ops = ops
    this._txId = txId
    this._onClose = onClose
    this._state = 'open' // open -> committed | rolledBack | failed
    this._error = undefined
    this._pending = txId.then(() => {}, error => { this._beginError = error; this._end('failed') })
    this._timer = null
    if (timeoutMs > 0) {
      this._timer = setTimeout(() => this._timeOut(), timeoutMs)
      if (typeof this._timer.unref === 'function') this._timer.unref()
    }
  }

  // The client-configured timeout passed with the transaction still open: it is terminated
  // and rolled back (between statements: a running statement is not interrupted), and every
  // later call reports the timeout, as a Neo4j server does.
  _timeOut () {
    if (this._state !== 'open') return
    this._beginError = newError('The transaction has not completed within the timeout specified at its ' +
      'start by the client. You may want to retry with a longer timeout.',
    'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration')
    this._end('failed')
    const rollback = this._pending.then(() => this._txId).then(tx => this._ops.rollback(tx))
    this._pending = rollback.then(() => {}, () => {})
  }

  isOpen () { return this._state === 'open' }

  // Like neo4j-driver's TransactionPromise: `await session.beginTransaction()` waits for the
  // transaction to begin (rejecting with the reason if it cannot) and gives a plain,
  // non-thenable transaction object.
  then (onFulfilled, onRejected) {
    return this._txId.then(() => this._plain()).then(onFulfilled, onRejected)
  }

  catch (onRejected) { return this.then(null, onRejected) }

  finally (onFinally) { return this.then().finally(onFinally) }

  _plain () {
    if (!this._plainTx) {
      const tx = this
      this._plainTx = {
        run: (query, parameters) => tx.run(query, parameters),
        commit: () => tx.commit(),
        rollback: () => tx.rollback(),
        close: () => tx.close(),
        isOpen: () => tx.isOpen(),
        [Symbol.asyncDispose]: () => tx.close()
      }
    }
    return this._plainTx
  }

  async [Symbol.asyncDispose] () { return this.close() }

  _end (state) {
    if (this._state !== 'open') return
    this._state = state
    if (this._timer) clearTimeout(this._timer)
    const cb = this._onClose
    this._onClose = null
    if (cb) cb()
  }

  _notOpen (what) {
    const why = {
      committed: 'has already been committed',
      rolledBack: 'has already been rolled back',
      failed: 'has been rolled back either because of an error or explicit termination'
    }[this._state]
    // A transaction that could not begin (e.g. DatabaseNotFound) or was terminated (timeout)
    // reports why on every call.
    if (this._beginError) return this._beginError
    return newError(`Cannot ${what} this transaction, because it ${why}.`, undefined, this._error)
  }

  // For managed transactions whose work swallowed a failed statement: commit's error.
  async _failure () {
    await this._pending
    throw this._notOpen('commit')
  }

  run (query, parameters) {
    const { text, params } = normalizeQuery(query, parameters)
    if (this._state !== 'open') return new Result(Promise.reject(this._notOpen('run query in')), text, params)
    this._statements = (this._statements || 0) + 1
    const answer = this._pending.then(() => {
      if (this._state !== 'open') throw this._notOpen('run query in')
      return this._txId.then(tx => {
        // A commit pipelined behind this statement (_commitBehind) travels in its request.
        const running = this._commitWithStatement
          ? this._ops.txRunCommit(tx, text, params)
          : this._ops.txRun(tx, text, params)
        return running.catch(error => {
          this._error = error
          this._end('failed')
          const rethrow = () => { throw error }
          if (this._commitWithStatement) rethrow() // the owner has rolled it back already
          return this._ops.rollback(tx).then(rethrow, rethrow)
        })
      })
    })
    this._pending = answer.then(() => {}, () => {})
    const result = new Result(answer, text, params)
    this._last = result
    this._lastAnswer = answer
    return result
  }

  /**
   * Whether a commit may be sent right behind `result` without waiting for its answer: it is
   * this transaction's only statement (a managed transaction whose work returned it).
   */
  _canCommitBehind (result) {
    return this._state === 'open' && this._statements === 1 && this._last === result
  }

  // Pipelined commit (connections to another thread, browser/client.js), called right after
  // the work function returned `result`, before its request has left (that waits for the
  // begin): the statement's request then asks the owner to commit once the statement has run
  // (ops.txRunCommit), so statement and commit are one round trip. A failed statement commits
  // nothing and reports its own error; a failed commit fails the statement's result with the
  // commit's error (the work returned it unawaited, so the caller sees it as the commit's).
  async _commitBehind () {
    this._commitWithStatement = true
    try {
      await this._lastAnswer
    } catch (e) {
      this._end('failed')
      throw e
    }
    this._end('committed')
  }

  async commit () {
    await this._pending
    if (this._state !== 'open') throw this._notOpen('commit')
    const tx = await this._txId
    try {
      await this._ops.commit(tx)
      this._end('committed')
    } catch (e) {
      this._end('failed')
      throw e
    }
  }

  async rollback () {
    await this._pending
    if (this._state === 'failed') return
    if (this._state !== 'open') throw this._notOpen('rollback')
    const tx = await this._txId
    try {
      await this._ops.rollback(tx)
    } finally {
      this._end('rolledBack')
    }
  }

  async close () {
    await this._pending
    if (this.isOpen()) await this.rollback()
  }
}
