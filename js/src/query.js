// Query arguments as neo4j-driver accepts them.

import { newError } from 'neo4j-driver-core'

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
