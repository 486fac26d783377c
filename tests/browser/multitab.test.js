// Two tabs on one browser database: the first tab's worker owns it (Web Lock) and serves the
// second through a BroadcastChannel; each sees the other's commits; when the owner's tab
// closes, the other tab takes over the file and keeps working. Never two writers on one file.
// Both on plain pages (postMessage to the worker) and on cross-origin-isolated ones, where each
// page reaches its worker through the shared-memory lane by default and an owner's worker
// leaves its lane for other tabs' requests.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { useBrowser, launch, openPage, startServer } from './harness.js'

const env = useBrowser()
const { skip } = env
let isolatedServer = null
before(async () => { if (!skip) isolatedServer = await startServer({ isolated: true }) })
after(async () => { if (isolatedServer) await isolatedServer.close() })

const open = (page, url) => page.evaluate(async (url) => {
  window.db = window.quiverdb.driver(url)
  return window.db.getServerInfo()
}, url)
const run = (page, q) => page.evaluate(async (q) => {
  const session = window.db.session()
  const { records } = await session.run(q).finally(() => session.close())
  return records.map(r => r.keys.map(k => { const v = r.get(k); return typeof v === 'object' && v !== null && v.toNumber ? v.toNumber() : v }))
}, q)

for (const [url, isolated] of [['opfs:two-tabs', false], ['idb:two-tabs', false],
  ['opfs:two-isolated-tabs', true], ['idb:two-isolated-tabs', true]]) {
  const pages = isolated ? 'isolated pages (lane)' : 'plain pages'
  test(`${url}, ${pages}: a second tab is served by the owner, then takes over when it closes`, { skip }, async () => {
    const server = isolated ? isolatedServer : env.server
    const a = await openPage(env.browser.context, server)
    const b = await openPage(env.browser.context, server)
    const infoA = await open(a, url)
    await run(a, "CREATE (:Tab {name: 'A'})")
    const infoB = await open(b, url)
    assert.equal(infoA.address, url)
    assert.equal(infoB.address, url)
    assert.equal(infoA.transport, isolated ? 'shared' : 'message')
    assert.equal(infoB.transport, isolated ? 'shared' : 'message')
    assert.deepEqual(await run(b, 'MATCH (t:Tab) RETURN t.name ORDER BY t.name'), [['A']])
    await run(b, "CREATE (:Tab {name: 'B'})")
    assert.deepEqual(await run(a, 'MATCH (t:Tab) RETURN t.name ORDER BY t.name'), [['A'], ['B']])
    // Interleaved writers from both tabs.
    await Promise.all([
      a.evaluate(async () => { for (let i = 0; i < 10; i++) await window.db.executeQuery('CREATE (:W {tab: "A"})') }),
      b.evaluate(async () => { for (let i = 0; i < 10; i++) await window.db.executeQuery('CREATE (:W {tab: "B"})') })
    ])
    assert.deepEqual(await run(b, 'MATCH (w:W) RETURN w.tab, count(*) ORDER BY w.tab'), [['A', 10], ['B', 10]])
    await a.close() // the owner's tab goes away
    let rows
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        rows = await run(b, "CREATE (:Tab {name: 'B2'}) WITH 1 AS x MATCH (t:Tab) RETURN t.name ORDER BY t.name")
        break
      } catch (e) {
        if (!/DatabaseUnavailable|changed|went away/.test(String(e.message))) throw e
        await new Promise(resolve => setTimeout(resolve, 100))
      }
    }
    assert.deepEqual(rows, [['A'], ['B'], ['B2']])
    const check = await b.evaluate(async () => { const c = await window.db.check(); await window.db.close(); return c })
    assert.equal(check.ok, true)
    await b.close()
  })
}
