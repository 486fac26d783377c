// Phase (b) of bench/run bolt: C clients (one session each, one shared driver) run a mix of
// reads and writes for S seconds. Every write the server acknowledged is recorded client-side:
//   40% point read        MATCH (n:Item {id: $id}) RETURN n.v
//   10% read-own-writes   MATCH (a:Ack {c: $c}) RETURN count(a)  -- must equal the client's
//                         acknowledged Acks so far (causal consistency through bookmarks)
//   30% auto-commit write CREATE (:Ack {c: $c, s: $s})
//   20% explicit tx write BEGIN; SET an Item's v = v + 1; CREATE (:Ack ...); COMMIT
// At the end the database must hold exactly the acknowledged Acks (no loss, no duplicate) and
// the Items' v must sum to the acknowledged increments. Any error fails the run.
import { Samples } from './stats.mjs'
import { prng } from './prng.mjs'

export const ITEMS = 10000

export async function seed (neo4j, server) {
  const driver = neo4j.driver(server.url, neo4j.auth.basic(server.user, server.password))
  const session = driver.session()
  try {
    await session.run('CREATE INDEX item_id IF NOT EXISTS FOR (n:Item) ON (n.id)')
    await session.run('CREATE INDEX ack_c IF NOT EXISTS FOR (n:Ack) ON (n.c)')
    await session.run('UNWIND range(0, $n - 1) AS i CREATE (:Item {id: i, v: 0})', { n: neo4j.int(ITEMS) })
  } finally {
    await session.close()
    await driver.close()
  }
}

// Counts what the database holds (after the run, or after a restart).
export async function countBack (neo4j, server) {
  const driver = neo4j.driver(server.url, neo4j.auth.basic(server.user, server.password),
    { disableLosslessIntegers: true })
  const session = driver.session({ defaultAccessMode: neo4j.session.READ })
  try {
    const acks = (await session.run(
      'MATCH (a:Ack) RETURN count(a) AS n, count(DISTINCT toString(a.c) + ":" + toString(a.s)) AS distinct')).records[0]
    const items = (await session.run('MATCH (n:Item) RETURN sum(n.v) AS total, count(n) AS items')).records[0]
    return { acks: acks.get('n'), distinct_acks: acks.get('distinct'), increments: items.get('total'), items: items.get('items') }
  } finally {
    await session.close()
    await driver.close()
  }
}

export async function mixed (neo4j, server, { clients, seconds }) {
  const driver = neo4j.driver(server.url, neo4j.auth.basic(server.user, server.password), {
    maxConnectionPoolSize: clients + 4,
    disableLosslessIntegers: true
  })
  const lat = { point_read: new Samples(), own_writes_read: new Samples(), write: new Samples(), tx_write: new Samples() }
  const errors = []
  let acked = 0
  let increments = 0
  const deadline = performance.now() + seconds * 1000
  const client = async (c) => {
    const rnd = prng(1000 + c)
    const session = driver.session()
    let mine = 0   // this client's acknowledged Acks
    let seq = 0
    try {
      while (performance.now() < deadline) {
        const dice = rnd() * 100
        const t = performance.now()
        try {
          if (dice < 40) {
            const id = Math.floor(rnd() * ITEMS)
            const r = await session.run('MATCH (n:Item {id: $id}) RETURN n.v AS v', { id: neo4j.int(id) })
            if (r.records.length !== 1) throw new Error(`point read of Item ${id}: ${r.records.length} rows`)
            lat.point_read.add(performance.now() - t)
          } else if (dice < 50) {
            const r = await session.run('MATCH (a:Ack {c: $c}) RETURN count(a) AS n', { c: neo4j.int(c) })
            const n = r.records[0].get('n')
            if (n !== mine) throw new Error(`client ${c} sees ${n} of its own writes, ${mine} acknowledged`)
            lat.own_writes_read.add(performance.now() - t)
          } else if (dice < 80) {
            const s = seq++
            await session.run('CREATE (:Ack {c: $c, s: $s})', { c: neo4j.int(c), s: neo4j.int(s) })
            ++mine; ++acked
            lat.write.add(performance.now() - t)
          } else {
            const s = seq++
            const id = Math.floor(rnd() * ITEMS)
            const tx = await session.beginTransaction()
            try {
              const r = await tx.run('MATCH (n:Item {id: $id}) SET n.v = n.v + 1 RETURN n.v AS v', { id: neo4j.int(id) })
              if (r.records.length !== 1) throw new Error(`update of Item ${id}: ${r.records.length} rows`)
              await tx.run('CREATE (:Ack {c: $c, s: $s})', { c: neo4j.int(c), s: neo4j.int(s) })
              await tx.commit()
            } catch (e) {
              if (tx.isOpen()) await tx.rollback().catch(() => {})
              throw e
            }
            ++mine; ++acked; ++increments
            lat.tx_write.add(performance.now() - t)
          }
        } catch (e) {
          errors.push(`client ${c}: ${e.code ?? ''} ${e.message}`)
          if (errors.length > 100) return
        }
      }
    } finally {
      await session.close()
    }
  }
  const t0 = performance.now()
  await Promise.all(Array.from({ length: clients }, (_, c) => client(c)))
  const elapsed = (performance.now() - t0) / 1000
  await driver.close()
  const ops = Object.values(lat).reduce((n, s) => n + s.count, 0)
  return {
    clients,
    seconds: elapsed,
    ops,
    ops_per_s: ops / elapsed,
    acknowledged_acks: acked,
    acknowledged_increments: increments,
    latency: Object.fromEntries(Object.entries(lat).map(([k, s]) => [k, s.summary(elapsed)])),
    errors
  }
}
