// bench/run bolt [--seconds N] [--connections N] [--clients N] [--latency-seconds N] [--out FILE]
//                [--skip a,b,...]   (phases: hold, mixed, latency; latency paths: quiverdb, native)
// Load benchmark of `quiver serve` with the real neo4j-driver 6.x, on a fresh temporary file
// database, loopback ports and a generated password:
//   hold     --connections (1000) Bolt connections open at the same time, each answering a query
//   mixed    --clients (32) clients running mixed reads and writes for --seconds (60); no error
//            allowed, and the database must hold exactly the acknowledged writes, also after a
//            restart of the server on the same file
//   latency  throughput, p50 and p99 of a point read and a small write through the driver,
//            beside the same queries in-process (quiverdb, WebAssembly) and in the native engine
// Prints a table, writes JSON (--out, default build/bench-bolt.json); exits 1 on any error or
// lost write. The server is $QUIVER_BIN (default build/native/quiver), the native engine
// $QUIVER_BENCH (default build/native/quiver-bench).
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import neo4j from 'neo4j-driver'
import { startServer } from '../../tests/server/server.mjs'
import { holdConnections } from './hold.mjs'
import { seed, mixed, countBack } from './mixed.mjs'
import { boltPath, quiverdbPath, nativePath } from './latency.mjs'
import { table } from './stats.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const args = process.argv.slice(2)
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt }
const seconds = Number(opt('--seconds', 60))
const connections = Number(opt('--connections', 1000))
const clients = Number(opt('--clients', 32))
const latencySeconds = Number(opt('--latency-seconds', Math.min(5, Math.max(1, seconds / 12))))
const out = opt('--out', path.join(root, 'build/bench-bolt.json'))
const skip = new Set(opt('--skip', '').split(',').filter(Boolean))
const benchBin = process.env.QUIVER_BENCH || path.join(root, 'build/native/quiver-bench')
const log = (...a) => console.error(...a)

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quiver-bench-bolt-'))
const password = crypto.randomBytes(18).toString('base64url')
// The connection limit (default 1000) must admit the held connections plus a control one.
const serverArgs = ['--http', 'off', '--max-connections', String(Math.max(1000, connections + 16))]
const start = (db) => startServer({ db, password, args: serverArgs })

const report = {
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, mem_gib: os.totalmem() / 2 ** 30, node: process.version, ulimit_nofile: null },
  driver: `neo4j-driver ${JSON.parse(fs.readFileSync(path.join(root, 'node_modules/neo4j-driver/package.json'), 'utf8')).version}`,
  options: { seconds, connections, clients, latency_seconds: latencySeconds }
}
const failures = []
let server = null
// A hang (e.g. a connection never answered) fails the run instead of blocking CI.
const watchdogSeconds = 180 + seconds + 4 * latencySeconds + connections / 10
setTimeout(() => {
  log(`FAIL bench/run bolt did not finish within ${watchdogSeconds} s`)
  if (server) server.process.kill('SIGKILL')
  fs.rmSync(dir, { recursive: true, force: true })
  process.exit(1)
}, watchdogSeconds * 1000).unref()
try {
  // Phases (a) and (b) share one server on one file.
  const db = path.join(dir, 'served.qdb')
  server = await start(db)
  log(`server: ${server.url} (pid ${server.process.pid}), database ${db}`)
  try {
    report.machine.ulimit_nofile = Number(fs.readFileSync(`/proc/${server.process.pid}/limits`, 'utf8')
      .match(/Max open files\s+(\d+)/)?.[1] ?? NaN)
  } catch {}

  if (!skip.has('hold')) {
    log(`hold: ${connections} connections ...`)
    const h = await holdConnections(neo4j, server, connections)
    report.hold = h
    log(`hold: ${h.answered}/${connections} answered, ${h.server_sockets_open} open on the server at once, ` +
        `${h.open_all_ms.toFixed(0)} ms to open all, query p50 ${h.query_p50_ms?.toFixed(2)} ms p99 ${h.query_p99_ms?.toFixed(2)} ms, ` +
        `server RSS ${h.server_rss_mib?.toFixed(0)} MiB`)
    if (h.errors.length || h.answered !== connections) failures.push(`hold: ${h.errors.length} errors: ${h.errors.slice(0, 5).join('; ')}`)
  }

  if (!skip.has('mixed')) {
    await seed(neo4j, server)
    log(`mixed: ${clients} clients for ${seconds} s ...`)
    const m = await mixed(neo4j, server, { clients, seconds })
    const counted = await countBack(neo4j, server)
    // Restart on the same file: everything acknowledged must still be there.
    await server.stop()
    server = await start(db)
    const afterRestart = await countBack(neo4j, server)
    report.mixed = { ...m, counted, counted_after_restart: afterRestart }
    log(`mixed: ${m.ops} operations (${m.ops_per_s.toFixed(0)}/s), ${m.errors.length} errors, ` +
        `acknowledged ${m.acknowledged_acks} writes / ${m.acknowledged_increments} increments, ` +
        `counted ${counted.acks} (${counted.distinct_acks} distinct) / ${counted.increments}, after restart ${afterRestart.acks} / ${afterRestart.increments}`)
    if (m.errors.length) failures.push(`mixed: ${m.errors.length} errors: ${m.errors.slice(0, 5).join('; ')}`)
    for (const [when, c] of [['at the end', counted], ['after a restart', afterRestart]]) {
      if (c.acks !== m.acknowledged_acks || c.distinct_acks !== m.acknowledged_acks || c.increments !== m.acknowledged_increments) {
        failures.push(`mixed: lost or extra writes ${when}: acknowledged ${m.acknowledged_acks} Acks / ${m.acknowledged_increments} increments, ` +
          `database holds ${c.acks} (${c.distinct_acks} distinct) / ${c.increments}`)
      }
    }
  }
  await server.stop()
  server = null

  if (!skip.has('latency')) {
    const paths = {}
    log(`latency: ${latencySeconds} s per query and path ...`)
    server = await start(path.join(dir, 'latency.qdb'))
    paths.bolt = await boltPath(neo4j, server, latencySeconds)
    await server.stop()
    server = null
    for (const [name, fn] of [['quiverdb', () => quiverdbPath(root, dir, latencySeconds)], ['native', () => nativePath(benchBin, dir, latencySeconds)]]) {
      if (skip.has(name)) continue
      try { paths[name] = await fn() } catch (e) { failures.push(`latency ${name}: ${e.message}`) }
    }
    report.latency = paths
  }
} catch (e) {
  failures.push(e.stack || String(e))
} finally {
  if (server) await server.stop()
  fs.rmSync(dir, { recursive: true, force: true })
}

// ---- output ----
const lines = []
if (report.hold) {
  const h = report.hold
  lines.push(`held ${h.connections} Bolt connections at once: ${h.answered} answered, ${h.server_sockets_open ?? '?'} open on the server; ` +
    `all opened in ${h.open_all_ms.toFixed(0)} ms; query p50 ${h.query_p50_ms?.toFixed(2)} ms, p99 ${h.query_p99_ms?.toFixed(2)} ms; server RSS ${h.server_rss_mib?.toFixed(0)} MiB`)
}
if (report.mixed) {
  const m = report.mixed
  lines.push('', table(`mixed workload: ${m.clients} clients, ${m.seconds.toFixed(1)} s, ${m.errors.length} errors, ` +
    `${m.acknowledged_acks} acknowledged writes counted back as ${m.counted.acks} (${m.counted_after_restart.acks} after restart)`,
  [...Object.entries(m.latency).map(([k, v]) => ({ label: k, ...v })), { label: 'all', ops: m.ops, ops_per_s: m.ops_per_s }]))
}
if (report.latency) {
  const rows = []
  for (const q of ['point_read', 'small_write']) {
    for (const [p, r] of Object.entries(report.latency)) rows.push({ label: `${q} ${p}`, ...r[q] })
  }
  lines.push('', table('one client, sequential (ops/s = 1000 / mean latency)', rows))
}
console.log(lines.join('\n'))
report.failures = failures
fs.mkdirSync(path.dirname(out), { recursive: true })
fs.writeFileSync(out, JSON.stringify(report, null, 2) + '\n')
log(`written ${out}`)
if (failures.length) {
  for (const f of failures) log(`FAIL ${f}`)
  process.exit(1)
}
