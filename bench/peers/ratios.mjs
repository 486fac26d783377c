// The target ratios (numerator p50 / denominator p50; bulk load: load time) from a
// run's results: { "a/b": { workload: { ratio, target, met[, note] } } }.
import { workloads, targets } from './workloads.mjs'

const byName = Object.fromEntries(workloads.map(w => [w.name, w]))
const groupOf = (w) => (w === 'bulk-load' ? 'load' : w === 'mix' ? 'mix' : byName[w].group)

export function computeRatios (results) {
  const names = [...new Set(results.map(r => r.workload))]
  const p50 = (s, w) => results.find(x => x.system === s && x.workload === w)?.p50_ms
  const ratios = {}
  for (const [a, b, limits] of targets) {
    const block = {}
    for (const w of ['bulk-load', ...workloads.map(x => x.name), 'mix']) {
      const limit = limits[groupOf(w)]
      if (limit === undefined || !names.includes(w)) continue
      const x = p50(a, w)
      const y = p50(b, w)
      if (x === undefined || y === undefined) {
        block[w] = { ratio: null, target: limit, met: false, note: x === undefined ? `${a} has no result` : `${b} has no result` }
      } else {
        block[w] = { ratio: +(x / y).toFixed(3), target: limit, met: x / y <= limit }
      }
    }
    ratios[`${a}/${b}`] = block
  }
  return ratios
}
