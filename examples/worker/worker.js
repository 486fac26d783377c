// A Cloudflare worker answering Cypher over HTTP from an embedded Quiver database.
//
//   POST /query   {"query": "...", "params": {...}}  -> {"keys": [...], "rows": [[...]], "counters": {...}}
//   GET  /export  the database file (opens with `quiver shell FILE`)
//   POST /import  replace the database with the file in the request body
//
// The database lives in memory (workerd has no file system). When the worker is bound to a KV
// namespace GRAPH, the file is loaded from the key "db" on first use and saved back after
// every request that wrote. workerd cannot compile wasm from bytes, so quiver.wasm is imported
// as a module (wrangler and miniflare both do this for `import x from '*.wasm'`).
//
// In an app: import wasmModule from 'quiverdb/quiver.wasm'; import { driver, BytesStore } from 'quiverdb'.

import wasmModule from '../../js/dist/quiver.wasm'
import { driver, BytesStore } from '../../js/web/edge.js'

let state = null // {db, store}

async function open (env) {
  if (state) return state
  let bytes
  if (env.GRAPH) {
    const saved = await env.GRAPH.get('db', 'arrayBuffer')
    if (saved) bytes = new Uint8Array(saved)
  }
  const store = new BytesStore(bytes, 'kv:db')
  const db = driver('store:', null, { pageStore: store, wasmModule, disableLosslessIntegers: true })
  state = { db, store }
  return state
}

async function save (env) {
  if (!env.GRAPH || !state) return
  await state.db.flush()
  await env.GRAPH.put('db', state.store.bytes())
}

async function reset () {
  if (!state) return
  const { db } = state
  state = null
  await db.close()
}

function json (value, status = 200) {
  return new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } })
}

// Graph values (nodes, relationships, ...) as plain JSON.
function plain (v) {
  if (v === null || typeof v !== 'object') return v
  if (Array.isArray(v)) return v.map(plain)
  if (v.labels && v.properties) return { elementId: v.elementId, labels: v.labels, properties: plain(v.properties) }
  if (v.type && v.properties && v.startNodeElementId) {
    return { elementId: v.elementId, type: v.type, properties: plain(v.properties), start: v.startNodeElementId, end: v.endNodeElementId }
  }
  if (typeof v.toString === 'function' && v.constructor !== Object) return v.toString()
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]))
}

export default {
  async fetch (request, env) {
    const url = new URL(request.url)
    try {
      if (request.method === 'POST' && url.pathname === '/query') {
        const { query, params } = await request.json()
        const { db } = await open(env)
        const { keys, records, summary } = await db.executeQuery(query, params || {})
        if (summary.counters.containsUpdates()) await save(env)
        return json({ keys, rows: records.map(r => keys.map(k => plain(r.get(k)))), counters: summary.counters.updates() })
      }
      if (request.method === 'GET' && url.pathname === '/export') {
        const { db, store } = await open(env)
        await db.flush()
        return new Response(store.bytes(), { headers: { 'content-type': 'application/octet-stream' } })
      }
      if (request.method === 'POST' && url.pathname === '/import') {
        const bytes = new Uint8Array(await request.arrayBuffer())
        const probe = driver('store:', null, { pageStore: new BytesStore(bytes), wasmModule })
        try {
          const report = await probe.check()
          if (!report.ok) return json({ code: 'Neo.ClientError.General.InvalidArguments', message: report.problems.join('; ') }, 400)
        } finally {
          await probe.close()
        }
        await reset()
        if (env.GRAPH) await env.GRAPH.put('db', bytes)
        else state = { store: new BytesStore(bytes, 'kv:db') }
        if (!env.GRAPH) state.db = driver('store:', null, { pageStore: state.store, wasmModule, disableLosslessIntegers: true })
        return json({ imported: bytes.length })
      }
      if (request.method === 'POST' && url.pathname === '/reset') { // forget the in-memory copy
        await reset()
        return json({ reset: true })
      }
      return json({ code: 'Neo.ClientError.Request.Invalid', message: `no route ${request.method} ${url.pathname}` }, 404)
    } catch (e) {
      return json({ code: e.code || 'Neo.DatabaseError.General.UnknownError', message: e.message }, e.code && e.code.startsWith('Neo.ClientError') ? 400 : 500)
    }
  }
}
