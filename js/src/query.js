// Query arguments as neo4j-driver accepts them.

import { newError, isInt } from 'neo4j-driver-core'

/** Accepts run(text, params) and run({text, parameters}). */
export function normalizeQuery (query, parameters) {
  let text = query
  let params = parameters
  if (query !== null && typeof query === 'object' && typeof query.text === 'string') {
    text = query.text
    params = query.parameters || {}
  }
  if (typeof text !== 'string') throw newError('The query must be a string')
  if (params === undefined || params === null) params = {}
  if (typeof params !== 'object' || Array.isArray(params)) throw newError('Query parameters must be an object')
  return { text, params }
}

/**
 * Checks run()/beginTransaction()/executeRead() config as neo4j-driver does: `timeout` (ms, a
 * number or Integer, not negative) and `metadata` (an object). The embedded engine runs a
 * statement to its end in one call, so a timeout cannot interrupt a statement; it terminates an
 * explicit or managed transaction still open when it passes (transaction.js).
 */
export function validateTransactionConfig (config) {
  if (config === undefined || config === null) return
  if (typeof config !== 'object') throw newError('Transaction config must be an object')
  const { timeout, metadata } = config
  if (timeout !== undefined && timeout !== null) {
    const ms = timeoutMs(config)
    if (typeof ms !== 'number' || Number.isNaN(ms)) throw newError(`Transaction timeout expected to be a number but was: ${timeout}`)
    if (ms < 0) throw newError('Transaction timeout should not be negative')
  }
  if (metadata !== undefined && metadata !== null && (typeof metadata !== 'object' || Array.isArray(metadata))) {
    throw newError(`Transaction metadata expected to be an object but was: ${metadata}`)
  }
}

/** The `timeout` of a transaction config in milliseconds (undefined when not given). */
export function timeoutMs (config) {
  const timeout = config ? config.timeout : undefined
  if (timeout === undefined || timeout === null) return undefined
  return isInt(timeout) ? timeout.toNumber() : typeof timeout === 'bigint' ? Number(timeout) : timeout
}
