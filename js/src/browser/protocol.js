// The message protocol between the page (client.js) and the thread that owns a database
// (host.js, normally in a dedicated worker). Requests are {id, op, ...}; every request gets one
// reply {id, ok: true, value} or {id, ok: false, error}, except a quiet begin. Requests may be
// sent before earlier ones are answered; the owner handles them in order. Query parameters and
// answers cross as PackStream bytes (engine/packstream.js), so values keep their neo4j-driver
// classes: the client encodes parameters and decodes answers with the caller's integer mode.
//
//   open     {url, config}                -> {backend, describe, durability}
//   run      {write, query, params}       -> answer bytes (auto-commit)
//   begin    {write, tx}                  -> null; tx: the page's name for the transaction,
//                                            used by txRun/commit/rollback. With quiet: true
//                                            no reply (pipelined; later requests report failure);
//                                            a quiet begin may travel inside the next request
//                                            as `before: [begin]`, handled ahead of it
//   txRun    {tx, query, params}          -> answer bytes
//            with commit: true              the transaction is then committed (rolled back if
//                                           the statement failed) before the answer is sent
//   commit   {tx} / rollback {tx}         -> null
//   info / check / flush                  -> object / object / null
//   export                                -> Uint8Array (the database file)
//   import   {bytes}                      -> null (replaces the database)
//   close                                 -> null

import { newError } from 'neo4j-driver-core'

/** A thrown value -> a structured-cloneable error description. */
export function errorToWire (e) {
  if (e && typeof e === 'object') {
    const neo = typeof e.code === 'string' && e.code.startsWith('Neo.')
    return {
      // DOMExceptions (OPFS, IndexedDB, postMessage) carry numeric codes: keep their name.
      message: neo ? String(e.message) : `${e.name || 'Error'}: ${e.message || e}`,
      code: neo ? e.code : 'Neo.DatabaseError.General.UnknownError',
      gqlStatus: e.gqlStatus,
      description: e.gqlStatusDescription,
      diagnosticRecord: e.diagnosticRecord
    }
  }
  return { message: String(e), code: 'Neo.DatabaseError.General.UnknownError' }
}

/** The error description -> a Neo4jError on the caller's side. */
export function errorFromWire (w) {
  return newError(w.message, w.code, undefined, w.gqlStatus, w.description, w.diagnosticRecord)
}

/** Parses a browser database URL: memory:, opfs:NAME, idb:NAME, browser:NAME (automatic). */
export function parseBrowserUrl (url) {
  if (typeof url !== 'string') throw newError('The database URL must be a string such as "opfs:mydb"')
  if (url === 'memory:' || url.startsWith('memory:')) return { kind: 'memory', name: null }
  const m = /^(opfs|idb|browser):(.+)$/.exec(url)
  if (!m) {
    throw newError(`Unsupported database URL "${url}" in a browser: use "memory:", "opfs:NAME", ` +
      '"idb:NAME" or "browser:NAME" (OPFS when available, IndexedDB otherwise)')
  }
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(m[2])) {
    throw newError(`Invalid database name "${m[2]}": use 1-100 letters, digits, ".", "_" or "-"`)
  }
  return { kind: m[1], name: m[2] }
}
