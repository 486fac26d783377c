// quiverdb in Node, in process (the wasm engine on this thread): the statement latencies the
// browser figures (bench/browser/bench.mjs) are built on, without worker or browser storage.
//   node bench/js/inprocess.mjs [--n 20000] [--runs 3]
// For `memory:` and a `file:` database (relaxed durability, so the figure is the engine's and
// not the disk's), each run prints p50/p99 in µs of:
//   * a point read by id (`MATCH (p) WHERE id(p) = $id RETURN p.i`, 1,000 nodes), READ session;
//   * a small write (`MATCH (h:Hub {id: 0}) CREATE (h)-[:HAS]->(:Item {i: $i})`), auto-commit,
//     and the same as a managed transaction (`session.executeWrite(tx => tx.run(...))`),
//     alternating on one hub.
// Every answer is checked (a read must find its node, the item count must match at the end).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import quiverdb from '../../js/src/index.js'

const arg = (name, d) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : d }
const n = arg('--n', 20000)
const runs = arg('--runs', 3)
const stats = t => { t.sort((a, b) => a - b); return `p50 ${(t[t.length >> 1] * 1000).toFixed(1)} µs   p99 ${(t[Math.floor(t.length * 0.99)] * 1000).toFixed(1)} µs` }

async function run (url, config) {
  const d = quiverdb.driver(url, null, config)
  try {
    const { records } = await d.executeQuery('UNWIND range(1, 1000) AS i CREATE (p:Person {i: i}) RETURN id(p) AS id')
    const ids = records.map(r => r.get('id'))
    await d.executeQuery('MERGE (:Hub {id: 0})')
    const reader = d.session({ defaultAccessMode: quiverdb.session.READ })
    const reads = []
    for (let i = 0; i < n + 2000; i++) {
      const t0 = performance.now()
      const r = await reader.run('MATCH (p) WHERE id(p) = $id RETURN p.i AS i', { id: ids[i % ids.length] })
      const dt = performance.now() - t0
      if (r.records.length !== 1 || r.records[0].get('i').toNumber() !== (i % ids.length) + 1) throw new Error('wrong point read')
      if (i >= 2000) reads.push(dt)
    }
    await reader.close()
    const writer = d.session()
    const writes = []
    const managed = []
    const w = Math.max(1000, n >> 2)
    const write = 'MATCH (h:Hub {id: 0}) CREATE (h)-[:HAS]->(:Item {i: $i})'
    for (let i = 0; i < w + 500; i++) {
      let t0 = performance.now()
      await writer.run(write, { i: quiverdb.int(i) })
      if (i >= 500) writes.push(performance.now() - t0)
      t0 = performance.now()
      await writer.executeWrite(tx => tx.run(write, { i: quiverdb.int(i) }))
      if (i >= 500) managed.push(performance.now() - t0)
    }
    await writer.close()
    const { records: c } = await d.executeQuery('MATCH (:Hub)-[:HAS]->(i:Item) RETURN count(i) AS c')
    if (c[0].get('c').toNumber() !== 2 * (w + 500)) throw new Error('wrong item count')
    return { reads: stats(reads), writes: stats(writes), managed: stats(managed) }
  } finally {
    await d.close()
  }
}

console.log(`quiverdb in Node ${process.version}, n=${n}`)
for (let k = 1; k <= runs; k++) {
  const dir = mkdtempSync(join(tmpdir(), 'quiver-inprocess-'))
  try {
    for (const [label, url, config] of [
      ['memory:', 'memory:', {}],
      ['file: (relaxed)', 'file:' + join(dir, 'bench.qdb'), { durability: 'relaxed' }]
    ]) {
      const r = await run(url, config)
      console.log(`run ${k} ${label.padEnd(16)} point read ${r.reads}   small write ${r.writes}   same in executeWrite ${r.managed}`)
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
