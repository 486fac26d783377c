// Browser benchmark: headless Debian Chromium (playwright-core) on this machine.
//   node bench/browser/bench.mjs [--n 200]
// Prints, for the page's view of the driver API (every call crosses the worker boundary unless
// the engine runs on the page):
//   * small write transaction (create one node and one relationship to an existing node,
//     commit) p50/p99 on OPFS strict, IndexedDB strict, OPFS relaxed, IndexedDB relaxed;
//   * warm point read by id p50/p99 (through the worker, and on the page's thread);
//   * the bench page is cross-origin isolated, so the worker rows use the default transport there,
//     the shared-memory lane; the rows marked postMessage force `transport: 'message'` (what a
//     page that is not isolated gets); each row prints the transport it used;
//   each after a warm-up of the same statement for --warm-ms (default 1500) ms: V8 first runs
//   the wasm with its baseline compiler and optimizes the hot functions a few thousand calls
//   later, so the first few hundred statements of a fresh engine are up to 3x slower;
//   * cold start to the first query result with the wasm cached (reload, median of 5);
//   * gzip -9 size of quiver.wasm + the JavaScript a page loads.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { join } from 'node:path'
import { startServer, launch, openPage, ROOT, missingPrerequisite } from '../../tests/browser/harness.js'

const n = Number(process.argv[process.argv.indexOf('--n') + 1]) || 200
const warmMs = process.argv.includes('--warm-ms') ? Number(process.argv[process.argv.indexOf('--warm-ms') + 1]) : 1500
let why
try { why = missingPrerequisite() } catch (e) { why = e.message }
if (why) { console.error('cannot run: ' + why); process.exit(1) }

function jsFiles (dir) {
  const out = []
  for (const name of readdirSync(dir)) {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) out.push(...jsFiles(full))
    else if (name.endsWith('.js')) out.push(full)
  }
  return out
}

const server = await startServer({ cache: true, isolated: true })
const browser = await launch()
const results = {}
try {
  const page = await openPage(browser.context, server)
  results.isolated = await page.evaluate(() => self.crossOriginIsolated)
  // A managed write transaction (three worker round trips, pipelined) and the same write as one
  // auto-commit query (session.run: one round trip).
  for (const [label, url, config, autoCommit] of [
    ['write txn, OPFS strict', 'opfs:bench-write-strict', { durability: 'strict' }, false],
    ['write txn, IndexedDB strict', 'idb:bench-write-strict', { durability: 'strict' }, false],
    ['write txn, OPFS relaxed', 'opfs:bench-write-relaxed', { durability: 'relaxed' }, false],
    ['write txn, IndexedDB relaxed', 'idb:bench-write-relaxed', { durability: 'relaxed' }, false],
    ['auto-commit write (session.run), OPFS strict', 'opfs:bench-auto-strict', { durability: 'strict' }, true],
    ['auto-commit write (session.run), OPFS relaxed', 'opfs:bench-auto-relaxed', { durability: 'relaxed' }, true],
    ['auto-commit write, relaxed, page thread (IDB)', 'idb:bench-auto-page', { durability: 'relaxed', worker: false }, true],
    ['write txn, OPFS strict, postMessage', 'opfs:bench-write-strict-msg', { durability: 'strict', transport: 'message' }, false],
    ['write txn, OPFS relaxed, postMessage', 'opfs:bench-write-msg', { durability: 'relaxed', transport: 'message' }, false],
    ['auto-commit write, OPFS relaxed, postMessage', 'opfs:bench-auto-msg', { durability: 'relaxed', transport: 'message' }, true]
  ]) {
    results[label] = await page.evaluate(async ({ url, config, n, autoCommit, warmMs }) => {
      const q = window.quiverdb
      const d = q.driver(url, null, config)
      await d.executeQuery('MERGE (:Hub {id: 0})')
      const session = d.session()
      const write = 'MATCH (h:Hub {id: 0}) CREATE (h)-[:HAS]->(:Item {i: $i})'
      const times = []
      const warmEnd = performance.now() + warmMs
      for (let i = 0, measured = 0; measured < n; i++) {
        const t0 = performance.now()
        const params = { i: q.int(i) }
        if (autoCommit) await session.run(write, params)
        else await session.executeWrite(tx => tx.run(write, params))
        if (i >= 20 && t0 >= warmEnd) times.push(performance.now() - t0), measured++
      }
      await session.close()
      const { transport } = await d.getServerInfo()
      await d.close()
      times.sort((a, b) => a - b)
      return { p50: times[Math.floor(times.length / 2)], p99: times[Math.floor(times.length * 0.99)], transport }
    }, { url, config, n, autoCommit, warmMs })
  }
  for (const [label, url, config] of [
    ['point read by id, via worker', 'opfs:bench-read', {}],
    ['point read by id, via worker, postMessage', 'opfs:bench-read-msg', { transport: 'message' }],
    ['point read by id, page thread (IndexedDB)', 'idb:bench-read', { worker: false }]
  ]) {
    results[label] = await page.evaluate(async ({ url, config, n, warmMs }) => {
      const q = window.quiverdb
      const d = q.driver(url, null, config)
      const { records } = await d.executeQuery('UNWIND range(1, 1000) AS i CREATE (p:Person {i: i}) RETURN id(p) AS id')
      const ids = records.map(r => r.get('id'))
      const session = d.session({ defaultAccessMode: 'READ' })
      const times = []
      const warmEnd = performance.now() + warmMs
      for (let i = 0, measured = 0; measured < n * 5; i++) {
        const t0 = performance.now()
        const r = await session.run('MATCH (p) WHERE id(p) = $id RETURN p.i AS i', { id: ids[i % ids.length] })
        if (r.records.length !== 1) throw new Error('point read found ' + r.records.length)
        if (i >= 100 && t0 >= warmEnd) times.push(performance.now() - t0), measured++
      }
      await session.close()
      const { transport } = await d.getServerInfo()
      await d.close()
      times.sort((a, b) => a - b)
      return { p50: times[Math.floor(times.length / 2)], p99: times[Math.floor(times.length * 0.99)], transport }
    }, { url, config, n, warmMs })
  }
  // Cold start: a fresh page load (module, worker, wasm from the HTTP cache) to the first result.
  const starts = []
  for (let i = 0; i < 6; i++) {
    await page.goto(server.url + '/bench/browser/cold.html')
    const ms = await page.waitForFunction(() => window.coldStart, null, { timeout: 60000 }).then(h => h.jsonValue())
    if (typeof ms !== 'number') throw new Error('cold start failed: ' + JSON.stringify(ms))
    if (i > 0) starts.push(ms) // the first load fills the cache
  }
  starts.sort((a, b) => a - b)
  results['cold start to first result (wasm cached)'] = { median: starts[Math.floor(starts.length / 2)], max: starts[starts.length - 1] }
  await page.close()
} finally {
  await browser.close()
  await server.close()
}

const wasm = readFileSync(join(ROOT, 'js/dist/quiver.wasm'))
const js = [join(ROOT, 'js/dist/quiver.js'), ...jsFiles(join(ROOT, 'js/web'))].map(f => readFileSync(f))
const gz = b => gzipSync(b, { level: 9 }).length
const sizes = {
  wasmRaw: wasm.length,
  wasmGzip: gz(wasm),
  jsRaw: js.reduce((s, b) => s + b.length, 0),
  jsGzip: js.reduce((s, b) => s + gz(b), 0)
}

const fmt = x => x.toFixed(3)
console.log(`Chromium (headless, ${process.env.CHROMIUM || '/usr/bin/chromium'}), n=${n}, warm-up ${warmMs} ms, ` +
  `crossOriginIsolated=${results.isolated} (timer resolution ${results.isolated ? '5 µs' : '100 µs'})`)
delete results.isolated
for (const [label, r] of Object.entries(results)) {
  if ('p50' in r) console.log(`${label.padEnd(52)} p50 ${fmt(r.p50)} ms   p99 ${fmt(r.p99)} ms   [${r.transport}]`)
  else console.log(`${label.padEnd(52)} median ${fmt(r.median)} ms   max ${fmt(r.max)} ms`)
}
console.log(`${'size: quiver.wasm'.padEnd(48)} ${sizes.wasmRaw} B raw, ${sizes.wasmGzip} B gzip -9`)
console.log(`${'size: JavaScript (quiver.js + js/web)'.padEnd(48)} ${sizes.jsRaw} B raw, ${sizes.jsGzip} B gzip -9`)
console.log(`${'size: total gzip'.padEnd(48)} ${sizes.wasmGzip + sizes.jsGzip} B`)
