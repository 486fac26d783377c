// node bench/peers/table.mjs FILE.json: the report of `bench/run peers --out FILE.json` as the
// Markdown tables of docs/benchmarks.md (p50 / p99 ms per workload; ratios of p50, * = missed).
import fs from 'node:fs'
import { computeRatios } from './ratios.mjs'

const rep = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'))
rep.ratios = computeRatios(rep.results) // with the current targets
const systems = [...new Set(rep.results.map(r => r.system))]
const workloads = [...new Set(rep.results.map(r => r.workload))]
const cell = (s, w) => {
  const r = rep.results.find(x => x.system === s && x.workload === w)
  if (!r) return rep.unsupported[`${s}|${w}`] ? 'unsupported' : '—'
  if (w === 'bulk-load') return `${(r.p50_ms / 1000).toFixed(1)} s (${Math.round(r.ops_per_s / 1000)} k/s)`
  return `${r.p50_ms.toFixed(2)} / ${r.p99_ms.toFixed(2)}`
}
console.log(`| workload (p50 / p99 ms) | ${systems.join(' | ')} |`)
console.log(`|---|${systems.map(() => '---:').join('|')}|`)
for (const w of workloads) console.log(`| ${w} | ${systems.map(s => cell(s, w)).join(' | ')} |`)
console.log('')
const pairs = Object.keys(rep.ratios)
console.log(`| ratio of p50 (target) | ${pairs.join(' | ')} |`)
console.log(`|---|${pairs.map(() => '---:').join('|')}|`)
for (const w of workloads) {
  console.log(`| ${w} | ${pairs.map(p => {
    const v = rep.ratios[p][w]
    if (!v) return '—'
    return `${v.ratio ?? 'n/a'} (≤ ${v.target})${v.met ? '' : ' **missed**'}`
  }).join(' | ')} |`)
}
