// What the browser itself costs, with no Quiver code: the floors under bench.mjs's figures.
//   node bench/browser/floors.mjs [--n 300]
// In headless Debian Chromium (playwright-core), on a cross-origin-isolated page (5 µs timer):
//   * a postMessage round trip page -> dedicated worker -> page (structured clone of a small
//     object; and with a 2 KiB ArrayBuffer copied vs transferred);
//   * the same when the worker spends 50/100/200 µs before answering (the page's wake-up);
//   * the same over shared memory (SharedArrayBuffer + Atomics.wait in the worker, the page on
//     Atomics.waitAsync, optionally spinning up to 100 µs first): the transport a worker could
//     use on a cross-origin-isolated page;
//   * the same over a MessageChannel on the page's own thread (the `worker: false` path);
//   * one IndexedDB readwrite transaction, inside a dedicated worker as the quiverdb host runs
//     it, with durability 'strict', 'relaxed' and 'default': a tiny put; one 16 KiB page; eight
//     16 KiB pages as eight records; the same 128 KiB as one record.
// Each line is p50 / p99 in ms over n operations after 20 warm-up ones.
import { existsSync } from 'node:fs'
import { startServer, launch, CHROMIUM } from '../../tests/browser/harness.js'

const n = Number(process.argv[process.argv.indexOf('--n') + 1]) || 300
if (!existsSync(CHROMIUM)) { console.error(`cannot run: ${CHROMIUM} missing (apt-get install chromium)`); process.exit(1) }

// Runs in a dedicated worker: echoes messages, and on {op: 'idb'} times IndexedDB commits.
const WORKER = `
const stats = t => { t.sort((a, b) => a - b); return { p50: t[Math.floor(t.length / 2)], p99: t[Math.floor(t.length * 0.99)] } }
const req = r => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error) })
async function idb (n) {
  const name = 'floors-' + Math.random()
  const open = indexedDB.open(name, 1)
  open.onupgradeneeded = () => open.result.createObjectStore('s')
  const db = await req(open)
  const page = () => { const b = new Uint8Array(16384); crypto.getRandomValues(b.subarray(0, 4096)); return b.buffer }
  const shapes = {
    'tiny put (8 B)': () => [[new Uint8Array(8).buffer, 0]],
    'one 16 KiB record': () => [[page(), 1]],
    'eight 16 KiB records': () => Array.from({ length: 8 }, (_, i) => [page(), 10 + i]),
    'one 128 KiB record': () => { const b = new Uint8Array(131072); crypto.getRandomValues(b.subarray(0, 8192)); return [[b.buffer, 100]] }
  }
  const out = {}
  for (const durability of ['strict', 'relaxed', 'default']) {
    for (const [shape, make] of Object.entries(shapes)) {
      const times = []
      for (let i = 0; i < n + 20; i++) {
        const puts = make()
        const t0 = performance.now()
        const tx = db.transaction(['s'], 'readwrite', { durability })
        const s = tx.objectStore('s')
        for (const [v, k] of puts) s.put(v, k)
        tx.commit()
        await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onabort = () => reject(tx.error) })
        if (i >= 20) times.push(performance.now() - t0)
      }
      out['IndexedDB ' + durability + ', ' + shape] = stats(times)
    }
  }
  db.close()
  await req(indexedDB.deleteDatabase(name))
  return out
}
onmessage = async (e) => {
  if (e.data && e.data.op === 'sab') {
    // Serve requests on a shared word: wait for the page to bump it, answer by bumping it back.
    const w = new Int32Array(e.data.sab)
    for (let i = 0; i < e.data.count; i++) {
      Atomics.wait(w, 0, 2 * i)
      if (e.data.workMs) { const end = performance.now() + e.data.workMs; while (performance.now() < end); }
      Atomics.store(w, 0, 2 * i + 2)
      Atomics.notify(w, 0)
    }
    return
  }
  if (e.data && e.data.op === 'idb') { postMessage({ result: await idb(e.data.n) }); return }
  if (e.data && e.data.op === 'busy') { const end = performance.now() + e.data.ms; while (performance.now() < end); postMessage(e.data); return }
  if (e.data && e.data.op === 'now') { postMessage({ now: performance.now() + performance.timeOrigin }); return }
  postMessage(e.data, e.data && e.data.buf ? [e.data.buf] : [])
}
`

const server = await startServer({ isolated: true })
const browser = await launch()
let results
try {
  const page = await browser.context.newPage()
  await page.goto(server.url + '/bench/browser/blank.html')
  results = await page.evaluate(async ({ n, source }) => {
    const stats = t => { t.sort((a, b) => a - b); return { p50: t[Math.floor(t.length / 2)], p99: t[Math.floor(t.length * 0.99)] } }
    const out = { crossOriginIsolated: self.crossOriginIsolated }
    const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })))
    const roundTrips = async (port, label, make, transfer) => {
      const times = []
      for (let i = 0; i < n + 20; i++) {
        const msg = make()
        const t0 = performance.now()
        await new Promise(resolve => { port.onmessage = resolve; port.postMessage(msg, transfer ? [msg.buf] : []) })
        if (i >= 20) times.push(performance.now() - t0)
      }
      out[label] = stats(times)
    }
    const small = () => ({ id: 1, op: 'run', write: true, query: 'MATCH (p) WHERE id(p) = $id RETURN p.i AS i', params: new Uint8Array(16) })
    const withBuf = () => ({ id: 1, buf: new ArrayBuffer(2048) })
    await roundTrips(worker, 'worker round trip, small message', small, false)
    await roundTrips(worker, 'worker round trip, 2 KiB ArrayBuffer copied', withBuf, false)
    await roundTrips(worker, 'worker round trip, 2 KiB ArrayBuffer transferred', withBuf, true)
    // The page thread idles while the worker works, and waking it costs more the longer it slept.
    for (const us of [50, 100, 200]) {
      await roundTrips(worker, `worker round trip, reply after ${us} µs of work`, () => ({ op: 'busy', ms: us / 1000 }), false)
    }
    {
      // The same round trip over shared memory: the worker sleeps in Atomics.wait, the page
      // awaits Atomics.waitAsync (only on a cross-origin-isolated page).
      for (const [workMs, spinMs] of [[0, 0], [0.03, 0], [0.03, 0.1]]) {
      const sab = new SharedArrayBuffer(64)
      const w = new Int32Array(sab)
      worker.postMessage({ op: 'sab', sab, count: n + 20, workMs })
      const times = []
      for (let i = 0; i < n + 20; i++) {
        const t0 = performance.now()
        Atomics.store(w, 0, 2 * i + 1)
        Atomics.notify(w, 0)
        if (spinMs) { const end = performance.now() + spinMs; while (Atomics.load(w, 0) === 2 * i + 1 && performance.now() < end); }
        const r = Atomics.waitAsync(w, 0, 2 * i + 1)
        if (r.async) await r.value
        if (i >= 20) times.push(performance.now() - t0)
      }
      out['worker round trip, SharedArrayBuffer + Atomics.waitAsync' + (workMs ? ', +' + workMs * 1000 + ' µs work' : '') + (spinMs ? ', spin ≤' + spinMs * 1000 + ' µs' : '')] = stats(times)
      }
    }
    const ch = new MessageChannel()
    ch.port2.onmessage = e => ch.port2.postMessage(e.data)
    await roundTrips(ch.port1, 'MessageChannel round trip, same thread', small, false)
    const idb = await new Promise(resolve => { worker.onmessage = e => resolve(e.data.result); worker.postMessage({ op: 'idb', n }) })
    Object.assign(out, idb)
    worker.terminate()
    return out
  }, { n, source: WORKER })
  await page.close()
} finally {
  await browser.close()
  await server.close()
}

console.log(`Chromium (headless), n=${n}, crossOriginIsolated=${results.crossOriginIsolated}`)
delete results.crossOriginIsolated
for (const [label, r] of Object.entries(results)) {
  console.log(`${label.padEnd(56)} p50 ${r.p50.toFixed(3)} ms   p99 ${r.p99.toFixed(3)} ms`)
}
