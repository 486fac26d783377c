// Pipelined requests to the worker (js/src/browser/client.js, session.js): a managed
// transaction's begin, its statement and, when the work returns that statement's result, its
// commit are sent without waiting for each other's answers. These tests check that the
// pipeline keeps the semantics: commits land, a failed statement commits nothing and reports its
// own error, multi-statement and explicit transactions still work, and relaxed OPFS writes
// (kept in memory until the group flush) are read back and reach the file; the same with the
// engine on the page thread (worker: false), where the client calls the host directly.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { useBrowser, launch, openPage } from './harness.js'

const env = useBrowser()
const { skip } = env

for (const [url, config] of [['opfs:pipe-strict', {}], ['idb:pipe-strict', {}], ['opfs:pipe-relaxed', { durability: 'relaxed' }],
  ['idb:pipe-page', { worker: false }]]) { // the engine on the page's thread: the host called directly
  test(`${url} ${config.durability || 'strict'}${config.worker === false ? ' (page thread)' : ''}: pipelined managed transactions keep their semantics`, { skip }, async () => {
    const page = await openPage(env.browser.context, env.server)
    const out = await page.evaluate(async ({ url, config }) => {
      const q = window.quiverdb
      const d = q.driver(url, null, config)
      const session = d.session()
      // Single statement returned unawaited: begin, run and commit travel together.
      for (let i = 0; i < 20; i++) {
        await session.executeWrite(tx => tx.run('CREATE (:Item {i: $i})', { i: q.int(i) }))
      }
      // A single statement failing after it created a node: its own error, nothing committed.
      let failure = null
      try {
        await session.executeWrite(tx => tx.run('UNWIND [1, 0] AS x CREATE (:Item {i: 1000 / x})'))
      } catch (e) { failure = e.code }
      let syntax = null
      try {
        await session.executeWrite(tx => tx.run('CREATE (:Item {i: 99}) RETURN 1 +'))
      } catch (e) { syntax = e.code }
      // Several statements (awaited in the work): committed together.
      const returned = await session.executeWrite(async tx => {
        await tx.run('CREATE (:Item {i: 100})')
        const r = await tx.run('MATCH (n:Item) RETURN count(n) AS c')
        return r.records[0].get('c').toNumber()
      })
      // An explicit transaction rolled back leaves nothing.
      const tx = session.beginTransaction()
      await tx.run('CREATE (:Item {i: 200})')
      await tx.rollback()
      const read = await session.executeRead(tx => tx.run('MATCH (n:Item) RETURN n.i AS i ORDER BY i'))
      await session.close()
      await d.close()
      const d2 = q.driver(url, null, config)
      const again = await d2.executeQuery('MATCH (n:Item) RETURN count(n) AS c')
      const check = await d2.check()
      await d2.close()
      return {
        failure,
        syntax,
        returned,
        items: read.records.map(r => r.get('i').toNumber()),
        reopened: again.records[0].get('c').toNumber(),
        ok: check.ok
      }
    }, { url, config })
    await page.close()
    assert.equal(out.failure, 'Neo.ClientError.Statement.ArithmeticError')
    assert.equal(out.syntax, 'Neo.ClientError.Statement.SyntaxError')
    assert.equal(out.returned, 21)
    assert.deepEqual(out.items, [...Array(20).keys(), 100])
    assert.equal(out.reopened, 21)
    assert.equal(out.ok, true)
  })
}
