// Result: a promise-like over one query's answer, shaped like neo4j-driver's Result.
//   await result                 -> {records, summary}
//   result.keys() / summary()    -> promises
//   result.subscribe({onKeys, onNext, onCompleted, onError})
//   for await (const record of result)
// The engine answers a query in one call (the wasm side encodes every row before returning), so
// records are materialised when the answer arrives; the API above streams them from there.

import { Record, ResultSummary } from 'neo4j-driver-core'
import { AGENT, DATABASE, PROTOCOL_VERSION } from './server.js'

const SERVER = { address: 'in-process', version: AGENT }

function summaryOf (s, query, parameters) {
  const metadata = {
    type: s.query_type,
    stats: s.counters, // only the non-zero ones, as a Neo4j server sends them
    result_available_after: s.result_available_after,
    result_consumed_after: s.result_consumed_after,
    server: SERVER,
    db: DATABASE,
    statuses: s.statuses // GQL status objects (Bolt 5.6+): notifications are derived from them
  }
  // EXPLAIN answers carry `plan`, PROFILE answers `profile` (Bolt's keys, read by ResultSummary).
  if (s.plan) metadata.plan = s.plan
  if (s.profile) metadata.profile = s.profile
  return new ResultSummary(query, parameters, metadata, PROTOCOL_VERSION)
}

// answer: {keys, rows, summary: () => summary map} (engine/connection.js, browser/client.js).
// The ResultSummary (and the decoding of its part of the answer) is made on first use: a
// point read whose caller looks only at the records never pays for it.
function build (answer, query, parameters) {
  const keys = answer.keys
  const lookup = {}
  keys.forEach((k, i) => { lookup[k] = i })
  const records = answer.rows.map(row => new Record(keys, row, lookup))
  let summary = null
  return {
    keys,
    records,
    get summary () { return summary || (summary = summaryOf(answer.summary(), query, parameters)) }
  }
}

export class Result {
  /** answer: Promise<{keys, rows, summary}> from the connection. */
  constructor (answer, query, parameters) {
    this._query = query
    this._parameters = parameters
    this._state = answer.then(a => build(a, query, parameters))
    this._state.catch(() => {}) // reported when consumed, as neo4j-driver does
    this._consumed = false
    this._state.then(() => { this._consumed = true }, () => { this._consumed = true })
  }

  keys () { return this._state.then(s => s.keys) }

  summary () { return this._state.then(s => s.summary) }

  isOpen () { return !this._consumed }

  // {records, summary} as neo4j-driver gives; `summary` is an enumerable getter, built on use.
  then (onFulfilled, onRejected) {
    return this._state.then(s => ({ records: s.records, get summary () { return s.summary } }))
      .then(onFulfilled, onRejected)
  }

  catch (onRejected) { return this.then(null, onRejected) }

  finally (onFinally) { return this.then().finally(onFinally) }

  subscribe (observer = {}) {
    this._state.then(s => {
      if (observer.onKeys) observer.onKeys(s.keys)
      if (observer.onNext) for (const r of s.records) observer.onNext(r)
      if (observer.onCompleted) observer.onCompleted(s.summary)
    }, e => {
      if (observer.onError) observer.onError(e)
    })
  }

  async * [Symbol.asyncIterator] () {
    const s = await this._state
    for (const r of s.records) yield r
    return s.summary
  }

  get [Symbol.toStringTag] () { return 'Result' }
}
