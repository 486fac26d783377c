// Latency bookkeeping for bench/run bolt: samples in milliseconds, percentiles, a table.

export class Samples {
  constructor () { this.ms = [] }
  add (ms) { this.ms.push(ms) }
  get count () { return this.ms.length }
  // Nearest-rank percentile (p in 0..100) of the recorded samples.
  percentile (p) {
    if (this.ms.length === 0) return null
    const sorted = Float64Array.from(this.ms).sort()
    const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
    return sorted[rank - 1]
  }
  summary (seconds) {
    return {
      ops: this.count,
      ops_per_s: seconds > 0 ? this.count / seconds : null,
      p50_ms: this.percentile(50),
      p99_ms: this.percentile(99)
    }
  }
}

// Times one call of `fn`, adding the duration to `samples`.
export async function timed (samples, fn) {
  const t = performance.now()
  const v = await fn()
  samples.add(performance.now() - t)
  return v
}

const fmt = (v, digits) => v === null || v === undefined ? '-' : Number(v).toFixed(digits)

// rows: [{ label, ops_per_s, p50_ms, p99_ms, ops, ... }] -> aligned text table
export function table (title, rows) {
  const head = ['', 'ops/s', 'p50 ms', 'p99 ms', 'ops']
  const body = rows.map(r => [r.label, fmt(r.ops_per_s, 0), fmt(r.p50_ms, 3), fmt(r.p99_ms, 3), String(r.ops ?? '-')])
  const width = head.map((h, i) => Math.max(h.length, ...body.map(b => b[i].length)))
  const line = cells => cells.map((c, i) => i === 0 ? c.padEnd(width[i]) : c.padStart(width[i])).join('  ')
  return [title, line(head), ...body.map(line)].join('\n')
}
