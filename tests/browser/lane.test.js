// The shared-memory lane (js/src/browser/lane.js, the default transport on a cross-origin-
// isolated page): requests travel through a SharedArrayBuffer while the worker is idle, and through
// postMessage otherwise, in one order. These tests check that the lane is really used, that it
// gives the answers the message transport gives (reads, writes, errors, an answer larger than
// the lane, pipelined managed transactions, explicit transactions, several sessions at once),
// that relaxed commits made over it are flushed and survive a reload, and that a page that is
// not isolated falls back to messages.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { useBrowser, openPage, startServer } from './harness.js'

const env = useBrowser({ isolated: true })
const { skip } = env

// The same workload over both transports; its answers are compared.
async function workload (page, url, transport) {
  return page.evaluate(async ({ url, transport }) => {
    const q = window.quiverdb
    const d = q.driver(url, null, { transport })
    const info = await d.getServerInfo()
    const { records } = await d.executeQuery('UNWIND range(1, 500) AS i CREATE (p:Person {i: i}) RETURN id(p) AS id')
    const ids = records.map(r => r.get('id'))
    const reader = d.session({ defaultAccessMode: 'READ' })
    let readSum = 0
    for (let i = 0; i < 2000; i++) {
      const r = await reader.run('MATCH (p) WHERE id(p) = $id RETURN p.i AS i', { id: ids[(i * 7) % ids.length] })
      readSum += r.records[0].get('i').toNumber()
    }
    await reader.close()
    const conn = await d._connection()
    const viaLane = conn.lane ? conn.lane.sent : 0
    const errors = []
    for (const bad of ['RETURN 1 +', 'RETURN 1 / 0', 'UNWIND [[1]] AS l RETURN toInteger(l)']) {
      try { await d.executeQuery(bad) } catch (e) { errors.push(e.code) }
    }
    // ~3 MB of answer: larger than the lane's 1 MiB buffer
    const big = await d.executeQuery('UNWIND range(1, 100000) AS i RETURN i, "twenty characters..." AS s')
    const bigSum = big.records.reduce((s, r) => s + r.get('i').toNumber(), 0)
    // pipelined managed transactions, a failing one, an explicit one rolled back
    const w = d.session()
    for (let i = 0; i < 50; i++) await w.executeWrite(tx => tx.run('CREATE (:Item {i: $i})', { i: q.int(i) }))
    let failed = null
    try { await w.executeWrite(tx => tx.run('UNWIND [1, 0] AS x CREATE (:Item {i: 1000 / x})')) } catch (e) { failed = e.code }
    const tx = w.beginTransaction()
    await tx.run('CREATE (:Item {i: -1})')
    await tx.rollback()
    // several sessions at once: their requests interleave
    await Promise.all([0, 1, 2, 3].map(async k => {
      const s = d.session()
      for (let i = 0; i < 25; i++) {
        await s.run('CREATE (:Item {i: $i})', { i: q.int(1000 + k * 100 + i) })
        await s.run('MATCH (n:Item) RETURN count(n) AS c')
      }
      await s.close()
    }))
    const items = await w.run('MATCH (n:Item) RETURN count(n) AS c, sum(n.i) AS s')
    await w.close()
    const check = await d.check()
    await d.close()
    return {
      transport: info.transport,
      viaLane,
      readSum,
      errors,
      bigRows: big.records.length,
      bigSum,
      failed,
      items: items.records[0].get('c').toNumber(),
      itemSum: items.records[0].get('s').toNumber(),
      ok: check.ok
    }
  }, { url, transport })
}

test('the shared-memory lane gives the message transport\'s answers', { skip }, async () => {
  const page = await openPage(env.browser.context, env.server)
  assert.equal(await page.evaluate(() => self.crossOriginIsolated), true)
  const shared = await workload(page, 'opfs:lane-shared', 'shared')
  const message = await workload(page, 'opfs:lane-message', 'message')
  await page.close()
  assert.equal(shared.transport, 'shared')
  assert.equal(message.transport, 'message')
  // most of the 2,000 reads went over the lane (a read right after the worker left it for a
  // turn of its event loop goes as a message)
  assert.ok(shared.viaLane >= 1500, `${shared.viaLane} of 2000 reads over the lane`)
  assert.equal(message.viaLane, 0)
  const { transport: a, viaLane: x, ...sharedAnswers } = shared
  const { transport: b, viaLane: y, ...messageAnswers } = message
  assert.deepEqual(sharedAnswers, messageAnswers)
  assert.deepEqual(shared.errors, ['Neo.ClientError.Statement.SyntaxError', 'Neo.ClientError.Statement.ArithmeticError',
    'Neo.ClientError.Statement.TypeError'])
  assert.equal(shared.bigRows, 100000)
  assert.equal(shared.bigSum, 5000050000)
  assert.equal(shared.failed, 'Neo.ClientError.Statement.ArithmeticError')
  assert.equal(shared.items, 150)
  assert.equal(shared.ok, true)
})

for (const url of ['opfs:lane-relaxed', 'idb:lane-relaxed']) {
  test(`${url}: relaxed commits made over the lane are flushed and survive a reload`, { skip }, async () => {
    const page = await openPage(env.browser.context, env.server)
    const first = await page.evaluate(async (url) => {
      const q = window.quiverdb
      const d = q.driver(url, null, { transport: 'shared', durability: 'relaxed' })
      const s = d.session()
      for (let i = 0; i < 200; i++) await s.run('CREATE (:R {i: $i})', { i: q.int(i) })
      await s.close()
      // not closed: the group flush (timer, then pagehide) must write them
      await new Promise(resolve => setTimeout(resolve, 200))
      return (await d.getServerInfo()).transport
    }, url)
    assert.equal(first, 'shared')
    await page.reload()
    await page.waitForFunction(() => window.quiverdb !== undefined)
    const count = await page.evaluate(async (url) => {
      const d = window.quiverdb.driver(url, null, { transport: 'shared' })
      const { records } = await d.executeQuery('MATCH (r:R) RETURN count(r) AS c')
      const check = await d.check()
      await d.close()
      return { c: records[0].get('c').toNumber(), ok: check.ok }
    }, url)
    await page.close()
    assert.deepEqual(count, { c: 200, ok: true })
  })
}

test('the lane is the default on an isolated page; transport: \'message\' opts out; unknown transports are refused', { skip }, async () => {
  const page = await openPage(env.browser.context, env.server)
  const out = await page.evaluate(async () => {
    const q = window.quiverdb
    const got = {}
    for (const [name, config] of [['default', {}], ['auto', { transport: 'auto' }], ['message', { transport: 'message' }]]) {
      const d = q.driver('memory:', null, config)
      const s = d.session({ defaultAccessMode: 'READ' })
      for (let i = 0; i < 50; i++) await s.run('RETURN $i AS i', { i })
      await s.close()
      const conn = await d._connection()
      got[name] = { transport: (await d.getServerInfo()).transport, viaLane: conn.lane ? conn.lane.sent : 0 }
      await d.close()
    }
    try { q.driver('memory:', null, { transport: 'pigeon' }) } catch (e) { got.refused = e.code + ': ' + e.message }
    return got
  })
  await page.close()
  assert.equal(out.default.transport, 'shared')
  assert.equal(out.auto.transport, 'shared')
  assert.ok(out.default.viaLane >= 40, `${out.default.viaLane} of 50 statements over the lane`)
  assert.deepEqual(out.message, { transport: 'message', viaLane: 0 })
  assert.match(out.refused, /^Neo\.ClientError\.General\.InvalidArguments: Unknown transport "pigeon"/)
})

test('a page that is not cross-origin isolated falls back to messages', { skip }, async () => {
  const plain = await startServer()
  try {
    const page = await openPage(env.browser.context, plain)
    const out = await page.evaluate(async () => {
      const got = []
      for (const config of [{ transport: 'shared' }, {}]) {
        const d = window.quiverdb.driver('memory:', null, config)
        const { records } = await d.executeQuery('RETURN 41 + 1 AS x')
        const info = await d.getServerInfo()
        await d.close()
        got.push({ isolated: self.crossOriginIsolated, x: records[0].get('x').toNumber(), transport: info.transport })
      }
      return got
    })
    await page.close()
    assert.deepEqual(out, [{ isolated: false, x: 42, transport: 'message' }, { isolated: false, x: 42, transport: 'message' }])
  } finally {
    await plain.close()
  }
})
