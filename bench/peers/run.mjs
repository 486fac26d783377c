// bench/run peers [--scale S] [--out FILE] [--iters N] [--warmup N] [--smoke] [--systems a,b]
//                  [--call-timeout S] [--load-timeout S]
// Generates (once per scale) the LDBC SNB-like data set, loads it into every system (timed),
// then runs every workload on every system, interleaved, after warm-up: iteration i draws one
// parameter set per workload and runs it on each system in a rotating order. The answers must
// agree across systems (rows compared as sorted sets); a disagreement fails the run.
// --smoke (CI, seconds): scale 100, 3 runs; also fails when a system cannot run or has no
// result for a workload it supports.
// Every call has a time limit (bench/peers/watchdog.mjs; --call-timeout S for a workload run,
// default 120, --load-timeout S for a system's start and bulk load, default 3600): a hang ends
// the run with a message naming the system and the workload.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { generate, readManifest, sizes } from './gen.mjs'
import { prng } from './prng.mjs'
import { workloads, mix } from './workloads.mjs'
import { computeRatios } from './ratios.mjs'
import { quiverNative, quiverWasm, kuzuNative, kuzuWasm } from './systems.mjs'
import { watchdog } from './watchdog.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const args = process.argv.slice(2)
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt }
const smoke = args.includes('--smoke')
const scale = Number(opt('--scale', smoke ? 100 : 1000))
const iters = Number(opt('--iters', smoke ? 3 : 30))
const warmup = Number(opt('--warmup', smoke ? 1 : 5))
const out = opt('--out', null)
const bin = opt('--quiver-bench', process.env.QUIVER_BENCH || path.join(root, 'build/native/quiver-bench'))
const wanted = opt('--systems', 'quiver-native,quiver-wasm,kuzu,kuzu-wasm').split(',')
const callMs = Number(opt('--call-timeout', 120)) * 1000
const loadMs = Number(opt('--load-timeout', 3600)) * 1000
const dog = watchdog()

const makers = { 'quiver-native': () => quiverNative(bin), 'quiver-wasm': quiverWasm, kuzu: kuzuNative, 'kuzu-wasm': kuzuWasm }
const log = (...a) => console.error(...a)

const dataDir = path.join(root, 'build/bench-data', `s${scale}`)
let t = performance.now()
generate(scale, dataDir)
log(`data: ${dataDir} (${Math.round(performance.now() - t)} ms)`)
const manifest = readManifest(dataDir)

const systems = []
const skipped = {}
const results = []
for (const name of wanted) {
  try {
    const s = await dog.guard(`${name} start`, loadMs, () => makers[name]())
    t = performance.now()
    const { ms, items } = await dog.guard(`${name} bulk load`, loadMs, () => s.load(dataDir, manifest))
    log(`${name}: loaded ${items} nodes+relationships in ${ms.toFixed(0)} ms`)
    results.push({ system: name, workload: 'bulk-load', p50_ms: ms, p99_ms: ms, ops_per_s: items / (ms / 1000), items })
    systems.push(s)
  } catch (e) {
    skipped[name] = String(e.message || e).split('\n')[0]
    log(`${name}: cannot run here: ${skipped[name]}`)
  }
}

// Every workload; the mix picks its operation from the workload list with its own PRNG.
const byName = Object.fromEntries(workloads.map(w => [w.name, w]))
const ctx = { sizes: sizes(scale), nextPersonId: 10 * scale + 1000 }
const r = prng(42)
const plan = [...workloads.map(w => ({ name: w.name, pick: () => w })),
  { name: 'mix', pick: () => byName[mix[r.int(mix.length)]] }]
const times = new Map() // `${system}|${workload}` -> ms[]
const rowCounts = new Map() // `${system}|${workload}` -> rows returned in the timed runs
const unsupported = {}
const disagreements = []
let checked = 0

for (let i = 0; i < warmup + iters; i++) {
  for (const step of plan) {
    const w = step.pick()
    const params = w.params(r, ctx)
    const answers = []
    for (let k = 0; k < systems.length; k++) {
      const s = systems[(i + k) % systems.length]
      const key = `${s.name}|${step.name}`
      if (unsupported[key]) continue
      const text = s.name.startsWith('kuzu') && w.kuzu ? w.kuzu : w.cypher
      try {
        const { ms, rows } = await dog.guard(`${s.name} ${step.name} ${JSON.stringify(params)}`, callMs, () => s.run(text, params))
        if (i >= warmup) {
          if (!times.has(key)) times.set(key, [])
          times.get(key).push(ms)
          rowCounts.set(key, (rowCounts.get(key) || 0) + rows.length)
        }
        answers.push({ system: s.name, answer: rows.map(x => x.join('|')).sort().join('\n') })
      } catch (e) {
        const msg = String(e.message || e).split('\n')[0]
        if (/not supported/i.test(msg)) { unsupported[key] = msg; log(`${s.name} ${step.name}: unsupported: ${msg}`); continue }
        throw new Error(`${s.name} ${w.name} ${JSON.stringify(params)}: ${msg}`)
      }
    }
    for (const a of answers.slice(1)) {
      if (a.answer !== answers[0].answer) {
        disagreements.push({ workload: w.name, params, [answers[0].system]: answers[0].answer.slice(0, 300), [a.system]: a.answer.slice(0, 300) })
      }
    }
    if (answers.length > 1) checked++
  }
}

const pct = (xs, p) => xs[Math.min(xs.length - 1, Math.floor(xs.length * p))]
for (const [key, xs] of times) {
  const [system, workload] = key.split('|')
  xs.sort((a, b) => a - b)
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length
  results.push({ system, workload, p50_ms: pct(xs, 0.5), p99_ms: pct(xs, 0.99), ops_per_s: 1000 / mean, rows_avg: rowCounts.get(key) / xs.length })
}

const ratios = computeRatios(results)

// The table.
const names = systems.map(s => s.name)
const rowsOut = [['workload', ...names.flatMap(n => [`${n} p50`, 'p99'])]]
for (const w of ['bulk-load', ...plan.map(p => p.name)]) {
  rowsOut.push([w, ...names.flatMap(n => {
    const x = results.find(q => q.system === n && q.workload === w)
    if (!x) return [unsupported[`${n}|${w}`] ? 'unsupported' : '-', '']
    return [x.p50_ms.toFixed(w === 'bulk-load' ? 0 : 3), x.p99_ms.toFixed(w === 'bulk-load' ? 0 : 3)]
  })])
}
const widths = rowsOut[0].map((_, j) => Math.max(...rowsOut.map(row => row[j].length)))
console.log(`scale ${scale} persons; ${iters} runs per workload after ${warmup} warm-up; latencies in ms (bulk-load: total ms)`)
for (const row of rowsOut) console.log(row.map((c, j) => (j ? c.padStart(widths[j]) : c.padEnd(widths[j]))).join('  '))
console.log('\nratios of p50 (target in brackets; * = missed)')
for (const [k, block] of Object.entries(ratios)) {
  console.log(`${k}: ` + Object.entries(block).map(([w, v]) => `${w} ${v.ratio ?? 'n/a'}${v.met ? '' : '*'} [${v.target}]`).join(', '))
}

const report = {
  scale, iters, warmup, versions: Object.fromEntries(systems.map(s => [s.name, s.version])), node: process.version,
  results, ratios, unsupported, skipped, answers_checked: checked, disagreements
}
if (out) fs.writeFileSync(out, JSON.stringify(report, null, 2) + '\n')
for (const s of systems) await dog.guard(`${s.name} close`, callMs, () => s.close())
await dog.close()

let failed = false
if (disagreements.length) { log(`FAIL: ${disagreements.length} answer disagreements, first: ${JSON.stringify(disagreements[0])}`); failed = true }
if (smoke) {
  for (const n of wanted) {
    if (skipped[n]) { log(`FAIL: ${n} did not run: ${skipped[n]}`); failed = true; continue }
    const missing = plan.filter(p => !results.some(x => x.system === n && x.workload === p.name) && !unsupported[`${n}|${p.name}`])
    if (missing.length) { log(`FAIL: ${n} has no result for ${missing.map(m => m.name).join(', ')}`); failed = true }
  }
  if (systems.length < 2) { log('FAIL: fewer than two systems ran, nothing to compare'); failed = true }
}
log(`answers compared on ${checked} workload runs: ${disagreements.length ? 'DISAGREE' : 'agree'}`)
process.exit(failed ? 1 : 0)
