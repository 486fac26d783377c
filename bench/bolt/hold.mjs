// Phase (a) of bench/run bolt: N Bolt connections open at the same time, each answering a query.
// One neo4j-driver with a pool of N: N sessions each begin an explicit read transaction (a transaction
// pins its connection) and run a query in it; only when every one has answered are the sockets
// counted on the server side (/proc/net/tcp) and the transactions committed. So all N
// connections are provably open together, each with a live transaction.
import fs from 'node:fs'
import { Samples } from './stats.mjs'

// Established TCP connections whose local port is the server's (/proc/net/tcp{,6}, state 01):
// the server's ends of the client connections. Null where /proc is missing.
export function establishedTo (port) {
  let n = null
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text
    try { text = fs.readFileSync(file, 'utf8') } catch { continue }
    n ??= 0
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/)
      if (f.length > 3 && f[3] === '01' && parseInt(f[1].split(':')[1], 16) === port) ++n
    }
  }
  return n
}

export function serverRssMiB (pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) / 1024 : null
  } catch { return null }
}

export async function holdConnections (neo4j, server, n) {
  const driver = neo4j.driver(server.url, neo4j.auth.basic(server.user, server.password), {
    maxConnectionPoolSize: n,
    connectionAcquisitionTimeout: 120000,
    connectionTimeout: 60000,
    disableLosslessIntegers: true
  })
  const errors = []
  const latency = new Samples()
  const sessions = []
  const txs = []
  const t0 = performance.now()
  try {
    // Open all transactions and run one query in each, all concurrently.
    await Promise.all(Array.from({ length: n }, async (_, i) => {
      try {
        // Read transactions: they run side by side on snapshots (a write transaction would
        // hold the single writer until its commit, so N of them could not be open together).
        const session = driver.session({ defaultAccessMode: neo4j.session.READ })
        sessions.push(session)
        const tx = await session.beginTransaction()
        txs.push(tx)
        const t = performance.now()
        const r = await tx.run('RETURN $i AS i, $i * 2 AS twice', { i })
        latency.add(performance.now() - t)
        const rec = r.records[0]
        if (r.records.length !== 1 || rec.get('i') !== i || rec.get('twice') !== 2 * i) {
          throw new Error(`connection ${i}: wrong answer ${JSON.stringify(r.records.map(x => x.toObject()))}`)
        }
      } catch (e) {
        errors.push(`connection ${i}: ${e.code ?? ''} ${e.message}`)
      }
    }))
    const openMs = performance.now() - t0
    // Every transaction is still open here, so every connection is still checked out.
    const connected = establishedTo(server.port)
    const rssMiB = serverRssMiB(server.process.pid)
    const t1 = performance.now()
    await Promise.all(txs.map(tx => tx.commit().catch(e => errors.push(`commit: ${e.message}`))))
    const commitMs = performance.now() - t1
    await Promise.all(sessions.map(s => s.close()))
    if (connected !== null && connected < n && errors.length === 0) {
      errors.push(`only ${connected} of ${n} connections were open on the server at once`)
    }
    return {
      connections: n,
      answered: latency.count,
      server_sockets_open: connected,
      server_rss_mib: rssMiB,
      open_all_ms: openMs,
      commit_all_ms: commitMs,
      query_p50_ms: latency.percentile(50),
      query_p99_ms: latency.percentile(99),
      errors
    }
  } finally {
    await driver.close()
  }
}
