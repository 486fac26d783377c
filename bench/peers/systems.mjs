// The four systems of `bench/run peers`, each behind the same small interface:
//   load(dir, manifest) -> { ms, items }     bulk load, timed (items = nodes + relationships)
//   run(text, params)   -> { ms, rows }      one query; rows as arrays of canonical strings
//   close()
// Every system is loaded in its fastest documented way: Kuzu and kuzu-wasm with COPY FROM CSV,
// Quiver native through the graph store API (quiver-bench peers), Quiver WASM through the
// public quiverdb API (its documented bulk path: batched UNWIND in one transaction, indexes
// first, relationships matched by index seeks keyed by the UNWIND row).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const now = () => performance.now()

/** A value as the canonical string every system's answer is compared in. */
export function canon (v) {
  if (v === null || v === undefined) return 'null'
  if (typeof v === 'object' && typeof v.valueOf === 'function' && typeof v.valueOf() !== 'object') v = v.valueOf()
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)))
  if (typeof v === 'object' && typeof v.toNumber === 'function') return v.toString()
  return String(v)
}

// ---- Kuzu (native Node binding and kuzu-wasm share the DDL and COPY statements) -------------

function kuzuSchema (manifest) {
  const type = (c) => (c.type === 'int' ? 'INT64' : 'STRING')
  const ddl = []
  for (const e of manifest.filter(e => e.kind === 'node')) {
    ddl.push(`CREATE NODE TABLE ${e.label}(${e.columns.map(c => `${c.name} ${type(c)}`).join(', ')}, PRIMARY KEY(id))`)
  }
  const rels = new Map()
  for (const e of manifest.filter(e => e.kind === 'rel')) {
    if (!rels.has(e.type)) rels.set(e.type, { pairs: [], columns: e.columns })
    rels.get(e.type).pairs.push(`FROM ${e.from} TO ${e.to}`)
  }
  for (const [t, { pairs, columns }] of rels) {
    ddl.push(`CREATE REL TABLE ${t}(${[...pairs, ...columns.map(c => `${c.name} ${type(c)}`)].join(', ')})`)
  }
  const copies = manifest.map(e => {
    const multi = e.kind === 'rel' && rels.get(e.type).pairs.length > 1
    return `COPY ${e.kind === 'node' ? e.label : e.type} FROM '${e.abs}' (header=true${multi ? `, from='${e.from}', to='${e.to}'` : ''})`
  })
  return [...ddl, ...copies]
}

function countItems (dir, manifest) {
  let n = 0
  for (const e of manifest) n += fs.readFileSync(path.join(dir, e.file), 'utf8').split('\n').length - 2
  return n
}

export async function kuzuNative () {
  const kuzu = require('kuzu')
  const where = fs.mkdtempSync(path.join(os.tmpdir(), 'peers-kuzu-'))
  const db = new kuzu.Database(path.join(where, 'db'))
  const conn = new kuzu.Connection(db)
  const prepared = new Map()
  return {
    name: 'kuzu',
    version: kuzu.VERSION,
    async load (dir, manifest) {
      const t = now()
      for (const q of kuzuSchema(manifest.map(e => ({ ...e, abs: path.resolve(dir, e.file) })))) await conn.query(q)
      return { ms: now() - t, items: countItems(dir, manifest) }
    },
    async run (text, params) {
      const t = now()
      let ps = prepared.get(text)
      if (!ps) { ps = await conn.prepare(text); prepared.set(text, ps) }
      if (!ps.isSuccess()) throw new Error(ps.getErrorMessage())
      const res = await conn.execute(ps, params)
      const rows = await res.getAll()
      const ms = now() - t
      return { ms, rows: rows.map(r => Object.values(r).map(canon)) }
    },
    async close () { await conn.close(); await db.close(); fs.rmSync(where, { recursive: true, force: true }) }
  }
}

export async function kuzuWasm () {
  // The Node entry's synchronous API (kuzu-wasm/nodejs/sync): the same module as
  // kuzu-wasm/nodejs without the worker-thread round trip per call.
  const kuzu = require('kuzu-wasm/nodejs/sync')
  await kuzu.init()
  const db = new kuzu.Database(':memory:')
  const conn = new kuzu.Connection(db)
  const prepared = new Map()
  const check = (res) => { if (!res.isSuccess()) throw new Error(res.getErrorMessage()); return res }
  return {
    name: 'kuzu-wasm',
    version: kuzu.getVersion(),
    async load (dir, manifest) {
      const t = now()
      for (const q of kuzuSchema(manifest.map(e => ({ ...e, abs: path.resolve(dir, e.file) })))) check(conn.query(q)).close()
      return { ms: now() - t, items: countItems(dir, manifest) }
    },
    async run (text, params) {
      const t = now()
      let ps = prepared.get(text)
      if (!ps) { ps = conn.prepare(text); prepared.set(text, ps) }
      if (!ps.isSuccess()) throw new Error(ps.getErrorMessage())
      const res = check(conn.execute(ps, params))
      const rows = res.getAllRows()
      res.close()
      const ms = now() - t
      return { ms, rows: rows.map(r => r.map(canon)) }
    },
    async close () { conn.close(); db.close() }
  }
}

// ---- Quiver WASM through quiverdb ------------------------------------------------------------

export async function quiverWasm () {
  const { default: neo4j } = await import('../../js/src/index.js')
  const driver = neo4j.driver('memory:', undefined, { disableLosslessIntegers: true })
  const session = driver.session()
  const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url)))
  return {
    name: 'quiver-wasm',
    version: pkg.version,
    async load (dir, manifest) {
      // The documented bulk path (js/README.md "Bulk loading"): an index on each label's key
      // before any relationship is matched, then `UNWIND $rows` batches of 10,000 in write
      // transactions of 100,000 rows (under the 256 MiB transaction memory cap) — nodes with
      // CREATE, relationships with two index seeks keyed by the row and a CREATE.
      const t = now()
      let items = 0
      const batch = 10000
      for (const e of manifest.filter(e => e.kind === 'node')) {
        await session.run(`CREATE INDEX FOR (n:${e.label}) ON (n.id)`)  // schema: its own transaction
      }
      const perTx = 100000
      let tx = session.beginTransaction()
      let inTx = 0
      for (const e of manifest) {
        const rows = readCsv(path.join(dir, e.file), e)
        items += rows.length
        const props = e.columns.map(c => `${c.name}: r.${c.name}`).join(', ')
        const q = e.kind === 'node'
          ? `UNWIND $rows AS r CREATE (:${e.label} {${props}})`
          : `UNWIND $rows AS r MATCH (a:${e.from} {id: r.from}) MATCH (b:${e.to} {id: r.to}) CREATE (a)-[:${e.type}${props ? ` {${props}}` : ''}]->(b)`
        for (let i = 0; i < rows.length; i += batch) {
          if (inTx >= perTx) { await tx.commit(); tx = session.beginTransaction(); inTx = 0 }
          const part = rows.slice(i, i + batch)
          await tx.run(q, { rows: part })
          inTx += part.length
        }
      }
      await tx.commit()
      return { ms: now() - t, items }
    },
    async run (text, params) {
      const p = {}
      for (const k in params) p[k] = BigInt(params[k])
      const t = now()
      const res = await session.run(text, p)
      const ms = now() - t
      return { ms, rows: res.records.map(r => r._fields.map(canon)) }
    },
    async close () { await session.close(); await driver.close() }
  }
}

function readCsv (file, entry) {
  const lines = fs.readFileSync(file, 'utf8').split('\n')
  const names = entry.kind === 'rel' ? ['from', 'to', ...entry.columns.map(c => c.name)] : entry.columns.map(c => c.name)
  const ints = entry.kind === 'rel' ? [true, true, ...entry.columns.map(c => c.type === 'int')] : entry.columns.map(c => c.type === 'int')
  const out = []
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i]) continue
    const cells = lines[i].split(',')
    const row = {}
    for (let j = 0; j < names.length; j++) row[names[j]] = ints[j] ? BigInt(cells[j]) : cells[j]
    out.push(row)
  }
  return out
}

// ---- Quiver native: quiver-bench peers over a line protocol ---------------------------------

export async function quiverNative (bin) {
  if (!fs.existsSync(bin)) throw new Error(`${bin} is missing (ninja -C build/native quiver-bench)`)
  let child = null
  let lines = null
  const ids = new Map()
  const ask = async (line) => {
    child.stdin.write(line + '\n')
    const { value, done } = await lines.next()
    if (done) throw new Error('quiver-bench peers exited')
    return value
  }
  return {
    name: 'quiver-native',
    version: 'quiver-bench (this tree)',
    async load (dir) {
      const db = path.join(os.tmpdir(), `peers-quiver-${process.pid}.qdb`)
      child = spawn(bin, ['peers', '--data', dir, '--db', db], { stdio: ['pipe', 'pipe', 'inherit'] })
      lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]()
      const { value } = await lines.next()
      const [tag, ms, items] = (value || '').split('\t')
      if (tag !== 'loaded') throw new Error(`quiver-bench peers: ${value}`)
      return { ms: Number(ms), items: Number(items) }  // timed inside quiver-bench
    },
    async run (text, params) {
      let id = ids.get(text)
      if (id === undefined) {
        const ok = await ask('Q\t' + text.replace(/\s+/g, ' '))
        if (ok !== 'ok') throw new Error(ok)
        id = ids.size
        ids.set(text, id)
      }
      const answer = await ask(['R', id, ...Object.entries(params).map(([k, v]) => `${k}=${v}`)].join('\t'))
      const tab = answer.indexOf('\t')
      const head = answer.slice(0, tab)
      const body = answer.slice(tab + 1)
      if (head === 'ERR') throw new Error(body)
      return { ms: Number(head), rows: body === '' ? [] : body.split('\x1e').map(r => r.split('\x1f')) }
    },
    async close () { if (child) { child.stdin.end(); await new Promise(resolve => child.on('exit', resolve)) } }
  }
}
