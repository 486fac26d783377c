// Phase (c) of bench/run bolt: one client, one query at a time, the same point read and small
// write on three paths, each on its own fresh file database seeded alike (ITEMS Items, indexed):
//   bolt     neo4j-driver 6 -> quiver serve (loopback TCP, Bolt 5.x)
//   quiverdb the in-process driver (js/, WebAssembly engine, file: URL)
//   native   the native engine via quiver-bench peers' line protocol; timed inside the
//            process around Database::run + draining the rows (no pipe hop)
// Every path commits to a file with the default (strict) durability.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import { Samples } from './stats.mjs'
import { prng } from './prng.mjs'
import { ITEMS } from './mixed.mjs'

export const QUERIES = {
  point_read: 'MATCH (n:Item {id: $id}) RETURN n.v AS v',
  small_write: 'CREATE (:W {k: $k})'
}
const SEED = [
  'CREATE INDEX item_id IF NOT EXISTS FOR (n:Item) ON (n.id)',
  `UNWIND range(0, ${ITEMS - 1}) AS i CREATE (:Item {id: i, v: 0})`
]

// Runs each query repeatedly for `seconds`; `run(text, params)` resolves to the row count, or to
// { rows, ms } when the path times itself.
async function measure (run, seconds) {
  const out = {}
  const rnd = prng(7)
  let k = 0
  for (const [name, text] of Object.entries(QUERIES)) {
    const params = () => name === 'point_read' ? { id: Math.floor(rnd() * ITEMS) } : { k: k++ }
    for (let i = 0; i < 50; ++i) await run(text, params())  // warm-up
    const s = new Samples()
    const end = performance.now() + seconds * 1000
    let busy = 0
    while (performance.now() < end) {
      const p = params()
      const t = performance.now()
      const r = await run(text, p)
      const ms = typeof r === 'object' ? r.ms : performance.now() - t
      const rows = typeof r === 'object' ? r.rows : r
      if (rows !== (name === 'point_read' ? 1 : 0)) throw new Error(`${name}: ${rows} rows`)
      s.add(ms)
      busy += ms
    }
    // Throughput of one client: queries per second of the time spent in them.
    out[name] = { ...s.summary(busy / 1000) }
  }
  return out
}

export async function boltPath (neo4j, server, seconds) {
  const driver = neo4j.driver(server.url, neo4j.auth.basic(server.user, server.password),
    { disableLosslessIntegers: true })
  const session = driver.session()
  try {
    for (const q of SEED) await session.run(q)
    const toInts = p => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, neo4j.int(v)]))
    return await measure(async (text, p) => (await session.run(text, toInts(p))).records.length, seconds)
  } finally {
    await session.close()
    await driver.close()
  }
}

export async function quiverdbPath (root, dir, seconds) {
  const dist = path.join(root, 'js/dist/quiver.wasm')
  if (!fs.existsSync(dist)) throw new Error(`${dist} is missing (bash scripts/build.sh wasm)`)
  const quiver = await import(path.join(root, 'js/src/index.js'))
  const driver = quiver.driver('file:' + path.join(dir, 'inprocess.qdb'), undefined, { disableLosslessIntegers: true })
  const session = driver.session()
  try {
    for (const q of SEED) await session.run(q)
    const toInts = p => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, quiver.int(v)]))
    return await measure(async (text, p) => (await session.run(text, toInts(p))).records.length, seconds)
  } finally {
    await session.close()
    await driver.close()
  }
}

export async function nativePath (bin, dir, seconds) {
  if (!fs.existsSync(bin)) throw new Error(`${bin} is missing (ninja -C build/native quiver-bench)`)
  const data = path.join(dir, 'native-data')
  fs.mkdirSync(data, { recursive: true })
  fs.writeFileSync(path.join(data, 'manifest.txt'), '')  // an empty data set: seeded by Cypher below
  const child = spawn(bin, ['peers', '--data', data, '--db', path.join(dir, 'native.qdb')],
    { stdio: ['pipe', 'pipe', 'inherit'] })
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]()
  const next = async () => {
    const { value, done } = await lines.next()
    if (done) throw new Error('quiver-bench peers exited')
    return value
  }
  const ask = async line => { child.stdin.write(line + '\n'); return next() }
  try {
    const loaded = await next()
    if (!loaded.startsWith('loaded')) throw new Error(`quiver-bench peers: ${loaded}`)
    const ids = new Map()
    const run = async (text, p) => {
      if (!ids.has(text)) {
        const ok = await ask('Q\t' + text)
        if (ok !== 'ok') throw new Error(ok)
        ids.set(text, ids.size)
      }
      const answer = await ask(['R', ids.get(text), ...Object.entries(p).map(([k, v]) => `${k}=${v}`)].join('\t'))
      const [head, body] = answer.split('\t')
      if (head === 'ERR') throw new Error(body)
      return { ms: Number(head), rows: body === '' ? 0 : body.split('\x1e').length }
    }
    for (const q of SEED) await run(q, {})
    return await measure(run, seconds)
  } finally {
    child.stdin.end()
    await new Promise(resolve => child.exitCode !== null ? resolve() : child.on('exit', resolve))
  }
}
