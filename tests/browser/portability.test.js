// The browser's database files are the native format: a database exported in Chromium (OPFS
// and IndexedDB) opens with the native CLI, and a file written by the CLI imports into the
// browser, answers queries there and exports back byte for byte.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { useBrowser, openPage, ROOT } from './harness.js'
import { missingFile } from '../support/prerequisite.mjs'

const QUIVER = resolve(ROOT, process.env.QUIVER_BIN || 'build/native/quiver')
const env = useBrowser({ requires: [missingFile(QUIVER, 'scripts/build.sh native')] })
const { skip } = env
let dir

before(() => {
  if (!skip) dir = mkdtempSync(join(tmpdir(), 'quiver-portability-'))
})
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

function cli (...args) {
  return execFileSync(QUIVER, args, { encoding: 'utf8' })
}

function queryJson (file, cypher) {
  return JSON.parse(cli('query', file, cypher, '--format', 'json'))
}

function rowsOf (json) { return json.results[0].data.map(d => d.row) }

// Exports run in the page; bytes come back base64-encoded.
async function exportFrom (page, url, cypher) {
  const b64 = await page.evaluate(async ({ url, cypher }) => {
    const d = window.quiverdb.driver(url, null, { deterministic: true })
    if (cypher) await d.executeQuery(cypher)
    const bytes = await d.exportDatabase()
    const blob = await d.exportDatabase({ type: 'blob' })
    if (blob.size !== bytes.length) throw new Error('Blob and Uint8Array exports differ in size')
    await d.close()
    let s = ''
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
    return btoa(s)
  }, { url, cypher })
  return Buffer.from(b64, 'base64')
}

const WORKLOAD = "CREATE (a:City {name: 'Lyon', pop: 513275})-[:ROAD {km: 465}]->(b:City {name: 'Paris', pop: 2102650})"
const VERIFY = 'MATCH (a:City)-[r:ROAD]->(b:City) RETURN a.name, r.km, b.name, b.pop'

test('a database exported from OPFS and from IndexedDB opens with the native CLI', { skip }, async () => {
  const page = await openPage(env.browser.context, env.server)
  const fromOpfs = await exportFrom(page, 'opfs:export-test', WORKLOAD)
  const fromIdb = await exportFrom(page, 'idb:export-test', WORKLOAD)
  await page.close()
  // Same deterministic workload, same bytes, whichever browser store held them.
  assert.ok(fromOpfs.equals(fromIdb), 'OPFS and IndexedDB exports are byte-identical')
  const file = join(dir, 'from-browser.qdb')
  writeFileSync(file, fromOpfs)
  assert.match(cli('check', file), /ok/i)
  assert.deepEqual(rowsOf(queryJson(file, VERIFY)), [['Lyon', 465, 'Paris', 2102650]])
})

test('a file written by the native CLI imports into OPFS and IndexedDB and exports unchanged', { skip }, async () => {
  const file = join(dir, 'native.qdb')
  cli('query', file, WORKLOAD)
  const native = readFileSync(file)
  const page = await openPage(env.browser.context, env.server)
  const results = await page.evaluate(async ({ b64, verify }) => {
    const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0))
    const out = {}
    for (const url of ['opfs:import-test', 'idb:import-test']) {
      const d = window.quiverdb.driver(url)
      await d.executeQuery('CREATE (:Old)') // replaced by the import
      await d.importDatabase(new Blob([bytes]))
      const { records } = await d.executeQuery(verify)
      const old = await d.executeQuery('MATCH (o:Old) RETURN count(o) AS n')
      const again = await d.exportDatabase()
      await d.close()
      let s = ''
      for (let i = 0; i < again.length; i += 0x8000) s += String.fromCharCode(...again.subarray(i, i + 0x8000))
      out[url] = {
        rows: records.map(r => r.keys.map(k => { const v = r.get(k); return typeof v === 'string' ? v : v.toNumber() })),
        old: old.records[0].get('n').toNumber(),
        exported: btoa(s)
      }
    }
    return out
  }, { b64: native.toString('base64'), verify: VERIFY })
  await page.close()
  for (const [url, r] of Object.entries(results)) {
    assert.deepEqual(r.rows, [['Lyon', 465, 'Paris', 2102650]], url)
    assert.equal(r.old, 0, `${url}: the import replaced the previous database`)
    assert.ok(Buffer.from(r.exported, 'base64').equals(native), `${url}: export equals the native file`)
  }
})

test('importDatabase refuses bytes that are not a database and keeps the current one', { skip }, async () => {
  const page = await openPage(env.browser.context, env.server)
  const r = await page.evaluate(async () => {
    const d = window.quiverdb.driver('idb:import-garbage')
    await d.executeQuery('CREATE (:Kept)')
    let code = null
    try {
      await d.importDatabase(new TextEncoder().encode('this is not a database file'.repeat(1000)))
    } catch (e) { code = e.code + ' ' + e.message }
    const { records } = await d.executeQuery('MATCH (k:Kept) RETURN count(k) AS n')
    await d.close()
    return { code, n: records[0].get('n').toNumber() }
  })
  await page.close()
  assert.match(r.code, /^Neo\./)
  assert.equal(r.n, 1)
})
