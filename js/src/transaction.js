// Explicit transactions, shaped like neo4j-driver's Transaction: run / commit / rollback /
// close / isOpen. A failed query ends the transaction (it is rolled back in the engine), as
// with a Neo4j server; later calls report that.

import { newError } from 'neo4j-driver-core'
import { Result } from './result.js'
import { normalizeQuery } from './query.js'

export class Transaction {
  /**
   * ops: {txRun(id, text, params), commit(id), rollback(id)} returning promises;
   * txId: Promise<number> of the engine transaction; onClose: called once when it ends.
   */
  constructor (ops, txId, onClose) {
    this._ops = ops
    this._txId = txId
    this._onClose = onClose
    this._state = 'open' // open -> committed | rolledBack | failed
    this._pending = txId.then(() => {}, () => this._end('failed'))
  }

  isOpen () { return this._state === 'open' }

  _end (state) {
    if (this._state !== 'open') return
    this._state = state
    const cb = this._onClose
    this._onClose = null
    if (cb) cb()
  }

  _notOpen (what) {
    const why = {
      committed: 'has been committed',
      rolledBack: 'has been rolled back',
      failed: 'has been rolled back because of an error'
    }[this._state]
    return newError(`Cannot ${what} in this transaction, because it ${why}.`)
  }

  run (query, parameters) {
    const { text, params } = normalizeQuery(query, parameters)
    if (this._state !== 'open') return new Result(Promise.reject(this._notOpen('run query')), text, params)
    const answer = this._pending.then(() => {
      if (this._state !== 'open') throw this._notOpen('run query')
      return this._txId.then(tx => this._ops.txRun(tx, text, params).catch(error => {
        this._end('failed')
        const rethrow = () => { throw error }
        return this._ops.rollback(tx).then(rethrow, rethrow)
      }))
    })
    this._pending = answer.then(() => {}, () => {})
    return new Result(answer, text, params)
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
