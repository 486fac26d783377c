// Runs the neo4j-driver browser bundle (WebSocket channel) in Node against a Quiver server.
// Needs a global WebSocket: run with `node --experimental-websocket` on Node 20.
// Usage: node --experimental-websocket ws_driver_client.cjs URL USER PASSWORD
// Prints one JSON line with what the queries returned.
const neo4j = require('neo4j-driver/lib/browser/neo4j-web.js')

async function main () {
  const [url, user, password] = process.argv.slice(2)
  const driver = neo4j.driver(url, neo4j.auth.basic(user, password), { encrypted: false })
  try {
    const info = await driver.getServerInfo()
    const session = driver.session()
    await session.executeWrite(tx => tx.run('CREATE (:WsNode {s: $s})', { s: 'x'.repeat(5000) }))
    const r = await session.run('MATCH (n:WsNode) RETURN size(n.s) AS len, count(*) AS c')
    await session.close()
    console.log(JSON.stringify({
      protocolVersion: typeof info.protocolVersion === 'number' ? info.protocolVersion : Number(String(info.protocolVersion)),
      agent: info.agent,
      len: r.records[0].get('len').toNumber(),
      count: r.records[0].get('c').toNumber()
    }))
  } finally {
    await driver.close()
  }
}

main().catch(e => { console.log(JSON.stringify({ error: e.message, code: e.code })); process.exitCode = 1 })
