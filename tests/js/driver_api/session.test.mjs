// Driver-API conformance: driver, sessions, results and records (see target.mjs).
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { api, useDriver, run, REMOTE, DRIVER_MAJOR } from './target.mjs'

describe('driver', () => {
  const t = useDriver({ before, after })

  test('verifyConnectivity and getServerInfo describe the server', async () => {
    const info = await t.driver.getServerInfo()
    assert.ok(info instanceof api.ServerInfo)
    assert.match(info.agent, /^(Neo4j|Quiver)\/\d+\.\d+/)
    assert.equal(typeof info.address, 'string')
    assert.ok(info.protocolVersion instanceof api.ProtocolVersion)
    assert.ok(info.protocolVersion.getMajor() >= 5)
    const checked = await t.driver.verifyConnectivity()
    if (REMOTE && DRIVER_MAJOR >= 6) {
      // neo4j-driver 6 resolves verifyConnectivity() with nothing (5.x: the ServerInfo).
      assert.equal(checked, undefined)
    } else {
      assert.ok(checked instanceof api.ServerInfo)
      assert.equal(checked.agent, info.agent)
    }
    assert.equal(typeof await t.driver.supportsMultiDb(), 'boolean')
    assert.equal(await t.driver.supportsTransactionConfig(), true)
  })

  test('executeQuery returns an EagerResult with keys, records and summary', async () => {
    const { keys, records, summary } = await t.driver.executeQuery(
      'UNWIND range(1, 3) AS i RETURN i, i * 2 AS twice', {}, { database: 'neo4j' })
    assert.deepEqual(keys, ['i', 'twice'])
    assert.deepEqual(records.map(r => r.get('twice').toNumber()), [2, 4, 6])
    assert.ok(summary instanceof api.ResultSummary)
    assert.equal(summary.database.name, 'neo4j')
    assert.equal(summary.queryType, 'r')
  })

  test('executeQuery writes and reads back with routing READ', async () => {
    const w = await t.driver.executeQuery('CREATE (:EQ {v: $v})', { v: 5 }, { routing: api.routing.WRITE })
    assert.equal(w.summary.counters.updates().nodesCreated, 1)
    const r = await t.driver.executeQuery('MATCH (n:EQ) RETURN n.v AS v', {}, { routing: api.routing.READ })
    assert.deepEqual(r.records.map(x => x.get('v')), [5])
  })

  test('executeQuery result transformers: eager and mapped', async () => {
    const eager = await t.driver.executeQuery('RETURN 1 AS one', {},
      { resultTransformer: api.resultTransformers.eagerResultTransformer() })
    assert.ok(eager instanceof api.EagerResult)
    const mapped = await t.driver.executeQuery('UNWIND [3, 1, 2] AS x RETURN x', {}, {
      resultTransformer: api.resultTransformers.mappedResultTransformer({
        map: record => record.get('x').toNumber() * 10,
        collect: (values, summary, keys) => ({ values, keys, type: summary.queryType })
      })
    })
    assert.deepEqual(mapped, { values: [30, 10, 20], keys: ['x'], type: 'r' })
  })
})

describe('session and result', () => {
  const t = useDriver({ before, after })

  test('a Result is a promise of {records, summary}', async () => {
    const session = t.driver.session({ defaultAccessMode: api.session.WRITE })
    try {
      const result = session.run('UNWIND $xs AS x RETURN x, x + 1 AS y', { xs: [1, 2, 3] })
      assert.deepEqual(await result.keys(), ['x', 'y'])
      const { records, summary } = await result
      assert.equal(records.length, 3)
      assert.equal(records[2].get('y'), 4)
      assert.equal(summary.query.text, 'UNWIND $xs AS x RETURN x, x + 1 AS y')
      assert.deepEqual(summary.query.parameters, { xs: [1, 2, 3] })
      assert.ok(api.isInt(summary.resultAvailableAfter))
      assert.ok(api.isInt(summary.resultConsumedAfter))
      assert.ok(summary.resultAvailableAfter.toNumber() >= 0)
      assert.equal((await result.summary()).queryType, 'r')
    } finally {
      await session.close()
    }
  })

  test('run accepts {text, parameters} and a transaction config', async () => {
    const session = t.driver.session()
    try {
      const { records } = await session.run({ text: 'RETURN $a AS a', parameters: { a: 'x' } }, undefined,
        { timeout: 5000, metadata: { app: 'conformance' } })
      assert.equal(records[0].get('a'), 'x')
    } finally {
      await session.close()
    }
  })

  test('subscribe calls onKeys, onNext for each record, then onCompleted', async () => {
    const session = t.driver.session()
    const events = []
    try {
      await new Promise((resolve, reject) => {
        session.run('UNWIND [1, 2] AS n RETURN n').subscribe({
          onKeys: keys => events.push(['keys', keys]),
          onNext: record => events.push(['next', record.get('n').toNumber()]),
          onCompleted: summary => { events.push(['completed', summary.queryType]); resolve() },
          onError: reject
        })
      })
      assert.deepEqual(events, [['keys', ['n']], ['next', 1], ['next', 2], ['completed', 'r']])
      const error = await new Promise(resolve => {
        session.run('RETURN 1 +').subscribe({ onError: resolve, onCompleted: () => resolve(null) })
      })
      assert.ok(error instanceof api.Neo4jError)
      assert.equal(error.code, 'Neo.ClientError.Statement.SyntaxError')
    } finally {
      await session.close()
    }
  })

  test('for await streams records', async () => {
    const session = t.driver.session()
    try {
      const seen = []
      for await (const record of session.run('UNWIND range(1, 5) AS n RETURN n')) seen.push(record.get('n').toNumber())
      assert.deepEqual(seen, [1, 2, 3, 4, 5])
    } finally {
      await session.close()
    }
  })

  test('Record: get by key and index, keys, length, has, toObject, forEach, entries, values', async () => {
    const { records } = await run(t.driver, "RETURN 1 AS a, 'b' AS b, null AS c")
    const r = records[0]
    assert.ok(r instanceof api.Record)
    assert.deepEqual(r.keys, ['a', 'b', 'c'])
    assert.equal(r.length, 3)
    assert.equal(r.get('b'), 'b')
    assert.equal(r.get(1), 'b')
    assert.equal(r.get('c'), null)
    assert.equal(r.has('a'), true)
    assert.equal(r.has('z'), false)
    assert.throws(() => r.get('z'))
    const obj = r.toObject()
    assert.deepEqual(Object.keys(obj), ['a', 'b', 'c'])
    assert.equal(obj.a.toNumber(), 1)
    const each = []
    r.forEach((value, key) => each.push(key))
    assert.deepEqual(each, ['a', 'b', 'c'])
    assert.deepEqual([...r.entries()].map(([k]) => k), ['a', 'b', 'c'])
    assert.deepEqual([...r.values()].slice(1), ['b', null])
  })

  test('lastBookmarks hands out bookmarks after a commit and accepts them back', async () => {
    const writer = t.driver.session()
    let bookmarks
    try {
      await writer.run('CREATE (:Bookmarked)')
      bookmarks = writer.lastBookmarks()
      assert.ok(Array.isArray(bookmarks))
      assert.ok(bookmarks.length >= 1)
      for (const b of bookmarks) assert.equal(typeof b, 'string')
    } finally {
      await writer.close()
    }
    const reader = t.driver.session({ bookmarks, defaultAccessMode: api.session.READ })
    try {
      const { records } = await reader.run('MATCH (n:Bookmarked) RETURN count(n) AS c')
      assert.equal(records[0].get('c').toNumber(), 1)
    } finally {
      await reader.close()
    }
  })

  test('a READ session refuses a writing auto-commit statement and keeps reading', async () => {
    const reader = t.driver.session({ defaultAccessMode: api.session.READ })
    try {
      await assert.rejects(reader.run('CREATE (:WrittenInRead)'),
        e => e.code === 'Neo.ClientError.Statement.AccessMode')
      const { records } = await reader.run('MATCH (n:WrittenInRead) WITH count(n) AS c RETURN c, c + $x AS y', { x: 2 })
      assert.equal(records[0].get('c').toNumber(), 0)
      assert.equal(records[0].get('y'), 2) // a JS number parameter is a float
    } finally {
      await reader.close()
    }
  })

  test('a closed session refuses to run', async () => {
    const session = t.driver.session()
    await session.close()
    await assert.rejects(async () => session.run('RETURN 1'))
  })
})
