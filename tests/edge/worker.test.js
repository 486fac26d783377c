// The example Cloudflare worker (examples/worker/) in the real workerd runtime, through npm
// miniflare: Cypher over HTTP from the wasm engine imported as a module, the database saved to
// and reloaded from KV, exported files open with the native CLI and native files import.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { skipUnlessAvailable, missingFile } from '../support/prerequisite.mjs'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const QUIVER = resolve(ROOT, process.env.QUIVER_BIN || 'build/native/quiver')
const skip = skipUnlessAvailable(missingFile(join(ROOT, 'js/web/edge.js'), 'node scripts/build_web.mjs'),
  missingFile(join(ROOT, 'js/dist/quiver.wasm'), 'scripts/build.sh wasm'))
let mf, dir

before(async () => {
  if (skip) return
  const { Miniflare } = await import('miniflare')
  dir = mkdtempSync(join(tmpdir(), 'quiver-edge-'))
  mf = new Miniflare({
    modules: true,
    scriptPath: join(ROOT, 'examples/worker/worker.js'),
    modulesRoot: ROOT,
    modulesRules: [{ type: 'ESModule', include: ['**/*.js'] }, { type: 'CompiledWasm', include: ['**/*.wasm'] }],
    kvNamespaces: ['GRAPH'],
    compatibilityDate: '2024-09-23',
    compatibilityFlags: ['nodejs_compat']
  })
})
after(async () => {
  if (mf) await mf.dispose()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

async function query (q, params) {
  const r = await mf.dispatchFetch('http://worker/query', { method: 'POST', body: JSON.stringify({ query: q, params }) })
  return { status: r.status, body: await r.json() }
}

test('the worker answers Cypher in workerd', { skip }, async () => {
  const created = await query("CREATE (a:Person {name: $a})-[:KNOWS]->(b:Person {name: 'Bob'}) RETURN a.name AS name", { a: 'Ann' })
  assert.equal(created.status, 200)
  assert.deepEqual(created.body.keys, ['name'])
  assert.deepEqual(created.body.rows, [['Ann']])
  assert.equal(created.body.counters.nodesCreated, 2)
  assert.equal(created.body.counters.relationshipsCreated, 1)
  const read = await query('MATCH (a)-[:KNOWS]->(b) RETURN a.name, b.name, labels(a) AS l')
  assert.deepEqual(read.body.rows, [['Ann', 'Bob', ['Person']]])
})

test('errors come back with their Neo4j status code', { skip }, async () => {
  const r = await query('MATCH (n RETURN n')
  assert.equal(r.status, 400)
  assert.equal(r.body.code, 'Neo.ClientError.Statement.SyntaxError')
})

test('the database is saved to KV and reloaded after the in-memory copy is dropped', { skip }, async () => {
  await query("CREATE (:Saved {k: 'v'})")
  await mf.dispatchFetch('http://worker/reset', { method: 'POST' })
  const r = await query('MATCH (s:Saved) RETURN s.k AS k')
  assert.deepEqual(r.body.rows, [['v']])
  const kv = await mf.getKVNamespace('GRAPH')
  const saved = await kv.get('db', 'arrayBuffer')
  assert.equal(Buffer.from(saved).subarray(0, 8).toString(), 'QUIVERDB')
})

test('an exported file opens natively; a native file imports', { skip: skip || skipUnlessAvailable(missingFile(QUIVER, 'scripts/build.sh native')) }, async () => {
  const exported = Buffer.from(await (await mf.dispatchFetch('http://worker/export')).arrayBuffer())
  const file = join(dir, 'edge.qdb')
  writeFileSync(file, exported)
  const out = JSON.parse(execFileSync(QUIVER, ['query', file, 'MATCH (s:Saved) RETURN s.k AS k', '--format', 'json'], { encoding: 'utf8' }))
  assert.deepEqual(out.results[0].data.map(d => d.row), [['v']])

  const native = join(dir, 'native.qdb')
  execFileSync(QUIVER, ['query', native, "CREATE (:FromNative {n: 42})"])
  const r = await mf.dispatchFetch('http://worker/import', { method: 'POST', body: readFileSync(native) })
  assert.equal(r.status, 200, await r.clone().text())
  const q = await query('MATCH (f:FromNative) RETURN f.n AS n')
  assert.deepEqual(q.body.rows, [[42]])
  const gone = await query('MATCH (s:Saved) RETURN count(s) AS n')
  assert.deepEqual(gone.body.rows, [[0]])
})
