// quiverdb in Node over `memory:` databases: the neo4j-driver surface (records, summaries,
// errors, transactions) on top of quiver.wasm. Needs the wasm build (scripts/build.sh wasm).
import { test, describe, before, after } from 'node:test'
import assert from 'node:assert/strict'

import neo4j, {
  driver, int, isInt, Neo4jError, Node, Relationship, Path, Date as QDate, Duration
} from 'quiverdb'
import { withSession, column } from './helpers.mjs'

describe('memory database', () => {
  let db
  before(async () => {
    db = driver('memory:')
    await withSession(db, s => s.run(
      "CREATE (a:Person {name: 'Ann', age: 42})-[:KNOWS {since: 2020}]->(b:Person {name: 'Bob'})"))
  })
  after(() => db.close())

  test('CREATE reports its counters', async () => {
    const other = driver('memory:')
    try {
      const result = await withSession(other, s => s.run(
        "CREATE (a:Person {name: 'Ann', age: 42})-[:KNOWS {since: 2020}]->(b:Person {name: 'Bob'})"))
      const c = result.summary.counters
      assert.equal(c.updates().nodesCreated, 2)
      assert.equal(c.updates().relationshipsCreated, 1)
      assert.equal(c.updates().propertiesSet, 4)
      assert.equal(c.updates().labelsAdded, 2)
      assert.equal(c.containsUpdates(), true)
      assert.equal(result.records.length, 0)
      assert.equal(result.summary.queryType, 'w')
    } finally {
      await other.close()
    }
  })

  test('MATCH returns nodes and relationships as neo4j-driver classes', async () => {
    const result = await withSession(db, s => s.run(
      'MATCH (a:Person)-[r:KNOWS]->(b:Person) RETURN a, r, b, a.name AS name'))
    assert.equal(result.records.length, 1)
    const record = result.records[0]
    assert.deepEqual(record.keys, ['a', 'r', 'b', 'name'])
    const a = record.get('a')
    const r = record.get('r')
    const b = record.get(2)
    assert.ok(a instanceof Node)
    assert.ok(r instanceof Relationship)
    assert.deepEqual(a.labels, ['Person'])
    assert.equal(a.properties.name, 'Ann')
    assert.ok(isInt(a.properties.age))
    assert.equal(a.properties.age.toNumber(), 42)
    assert.equal(r.type, 'KNOWS')
    assert.equal(r.properties.since.toNumber(), 2020)
    assert.equal(r.startNodeElementId, a.elementId)
    assert.equal(r.endNodeElementId, b.elementId)
    assert.ok(r.start.equals(a.identity))
    assert.notEqual(a.elementId, b.elementId)
    assert.equal(record.get('name'), 'Ann')
    assert.deepEqual(Object.keys(record.toObject()), ['a', 'r', 'b', 'name'])
    assert.equal(record.has('name'), true)
  })

  test('paths come back as Path with segments', async () => {
    const result = await withSession(db, s => s.run('MATCH p = (:Person)-[:KNOWS]->(:Person) RETURN p'))
    const p = result.records[0].get('p')
    assert.ok(p instanceof Path)
    assert.equal(p.length, 1)
    assert.equal(p.start.properties.name, 'Ann')
    assert.equal(p.end.properties.name, 'Bob')
    assert.equal(p.segments[0].relationship.type, 'KNOWS')
  })

  test('parameters of every JS kind round-trip', async () => {
    const params = {
      i: int(7), big: int('9007199254740993'), f: 1.5, s: 'Größe', t: true, n: null,
      l: [1n, 'x', null], m: { k: int(1), nested: { deep: [2.5] } },
      bytes: new Int8Array([1, -2, 3]), d: new QDate(2022, 1, 8)
    }
    const result = await withSession(db, s => s.run(
      'RETURN $i AS i, $big AS big, $f AS f, $s AS s, $t AS t, $n AS n, $l AS l, $m AS m, ' +
      '$bytes AS bytes, $d AS d', params))
    const o = result.records[0].toObject()
    assert.equal(o.i.toNumber(), 7)
    assert.equal(o.big.toString(), '9007199254740993')
    assert.equal(o.f, 1.5)
    assert.equal(o.s, 'Größe')
    assert.equal(o.t, true)
    assert.equal(o.n, null)
    assert.equal(o.l[0].toNumber(), 1)
    assert.equal(o.l[1], 'x')
    assert.equal(o.l[2], null)
    assert.equal(o.m.k.toNumber(), 1)
    assert.deepEqual(o.m.nested, { deep: [2.5] })
    assert.deepEqual(Array.from(o.bytes), [1, -2, 3])
    assert.ok(o.d instanceof QDate)
    assert.equal(o.d.toString(), '2022-01-08')
  })

  test('a JS number parameter is a Float, as with neo4j-driver', async () => {
    const result = await withSession(db, s => s.run('RETURN $a + 1 AS x, $b + 1 AS y', { a: 1, b: int(1) }))
    const r = result.records[0]
    assert.equal(r.get('x'), 2) // Float 2.0 -> JS number
    assert.ok(isInt(r.get('y')))
  })

  test('literal values of every basic type', async () => {
    const result = await withSession(db, s => s.run(
      "RETURN 1 AS i, 1.5 AS f, 'x' AS s, true AS b, null AS n, [1, 'two'] AS l, {a: 1} AS m, " +
      '-9223372036854775808 AS min'))
    const o = result.records[0].toObject()
    assert.ok(isInt(o.i))
    assert.equal(o.f, 1.5)
    assert.equal(o.s, 'x')
    assert.equal(o.b, true)
    assert.equal(o.n, null)
    assert.equal(o.l[1], 'two')
    assert.equal(o.m.a.toNumber(), 1)
    assert.equal(o.min.toString(), '-9223372036854775808')
  })

  test('many rows', async () => {
    const result = await withSession(db, s => s.run('UNWIND range(1, 2000) AS i RETURN i'))
    assert.equal(result.records.length, 2000)
    assert.equal(result.records[1999].get('i').toNumber(), 2000)
  })

  // Regression: V8 11 (Node 20) crashed the process optimising a BigInt-based decoder.
  test('hot decoding of 64-bit integers in every integer mode', async () => {
    for (const config of [{}, { useBigInt: true }, { disableLosslessIntegers: true }]) {
      const other = driver('memory:', undefined, config)
      try {
        const r = await withSession(other, s => s.run(
          'UNWIND range(1, 100000) AS i RETURN i * 4294967296 * 1000 AS big, [i, -i] AS l'))
        assert.equal(r.records.length, 100000)
        // Beyond Number's safe range disableLosslessIntegers gives Infinity, as neo4j-driver.
        assert.equal(String(r.records[99999].get('big')),
          config.disableLosslessIntegers ? 'Infinity' : '429496729600000000')
        assert.equal(String(r.records[0].get('big')), '4294967296000')
      } finally {
        await other.close()
      }
    }
  })

  test('temporal values from Cypher', async () => {
    const result = await withSession(db, s => s.run("RETURN date('2022-01-08') AS d, duration('P1DT2H') AS dur"))
    const o = result.records[0].toObject()
    assert.ok(o.d instanceof QDate)
    assert.equal(o.d.toString(), '2022-01-08')
    assert.ok(o.dur instanceof Duration)
  })

  test('result API: keys(), summary(), subscribe, async iteration', async () => {
    await withSession(db, async s => {
      const result = s.run('UNWIND [1, 2, 3] AS x RETURN x')
      assert.deepEqual(await result.keys(), ['x'])
      const seen = []
      for await (const record of result) seen.push(record.get('x').toNumber())
      assert.deepEqual(seen, [1, 2, 3])
      const summary = await result.summary()
      assert.equal(summary.queryType, 'r')
      assert.equal(summary.counters.containsUpdates(), false)
      await new Promise((resolve, reject) => {
        const values = []
        s.run('RETURN 5 AS y').subscribe({
          onNext: r => values.push(r.get('y').toNumber()),
          onCompleted: () => { try { assert.deepEqual(values, [5]); resolve() } catch (e) { reject(e) } },
          onError: reject
        })
      })
    })
  })
})

describe('errors', () => {
  let db
  before(() => { db = driver('memory:') })
  after(() => db.close())

  async function failure (query, params) {
    try {
      await withSession(db, s => s.run(query, params))
    } catch (e) {
      return e
    }
    assert.fail(`expected ${query} to fail`)
  }

  test('syntax error carries the Neo4j code, GQL status and position', async () => {
    const e = await failure('RETURN (')
    assert.ok(e instanceof Neo4jError)
    assert.equal(e.code, 'Neo.ClientError.Statement.SyntaxError')
    assert.equal(e.gqlStatus, '42001')
    assert.equal(e.classification, 'CLIENT_ERROR')
    assert.equal(typeof e.message, 'string')
  })

  test('missing parameter', async () => {
    const e = await failure('RETURN $nope AS x')
    assert.equal(e.code, 'Neo.ClientError.Statement.ParameterMissing')
  })

  test('division by zero', async () => {
    const e = await failure('RETURN 1 / 0 AS x')
    assert.equal(e.code, 'Neo.ClientError.Statement.ArithmeticError')
  })

  test('nodes are refused as parameters before reaching the engine', async () => {
    const n = new Node(int(1), [], {}, '4:x:1')
    await assert.rejects(() => withSession(db, s => s.run('RETURN $n', { n })))
  })

  test('parameters nested deeper than the decoder allows are a Request.Invalid error', async () => {
    let p = 1
    for (let i = 0; i < 300; i++) p = [p]
    const e = await failure('RETURN $p AS p', { p })
    assert.equal(e.code, 'Neo.ClientError.Request.Invalid')
  })

  test('the session stays usable after an error', async () => {
    await failure('RETURN (')
    const result = await withSession(db, s => s.run('RETURN 1 AS one'))
    assert.equal(result.records[0].get('one').toNumber(), 1)
  })

  test('a bad URL is rejected', () => {
    const bad = driver('bolt://localhost:7687')
    return assert.rejects(() => withSession(bad, s => s.run('RETURN 1')))
  })
})

describe('transactions', () => {
  let db
  before(() => { db = driver('memory:') })
  after(() => db.close())

  const count = () => withSession(db, s => s.run('MATCH (n:T) RETURN count(n) AS c'))
    .then(r => r.records[0].get('c').toNumber())

  test('rollback discards, commit keeps', async () => {
    await withSession(db, async s => {
      const tx = s.beginTransaction()
      await tx.run('CREATE (:T {v: 1})')
      const inside = await tx.run('MATCH (n:T) RETURN count(n) AS c')
      assert.equal(inside.records[0].get('c').toNumber(), 1)
      await tx.rollback()
      assert.equal(tx.isOpen(), false)
    })
    assert.equal(await count(), 0)
    await withSession(db, async s => {
      const tx = s.beginTransaction()
      await tx.run('CREATE (:T {v: 2})')
      await tx.commit()
    })
    assert.equal(await count(), 1)
  })

  test('a failed query ends the transaction', async () => {
    await withSession(db, async s => {
      const tx = s.beginTransaction()
      await tx.run('CREATE (:T {v: 3})')
      await assert.rejects(() => tx.run('RETURN ('))
      assert.equal(tx.isOpen(), false)
      await assert.rejects(() => tx.commit())
    })
    assert.equal(await count(), 1)
  })

  test('session.run is refused while a transaction is open', async () => {
    await withSession(db, async s => {
      const tx = s.beginTransaction()
      assert.throws(() => s.run('RETURN 1'))
      await tx.rollback()
    })
  })

  test('executeWrite commits, executeRead reads, a throwing callback rolls back', async () => {
    await withSession(db, async s => {
      await s.executeWrite(tx => tx.run('CREATE (:T {v: 4})'))
      await assert.rejects(() => s.executeWrite(async tx => {
        await tx.run('CREATE (:T {v: 5})')
        throw new Error('abort')
      }))
      const c = await s.executeRead(async tx => {
        const r = await tx.run('MATCH (n:T) RETURN count(n) AS c')
        return r.records[0].get('c').toNumber()
      })
      assert.equal(c, 2)
    })
  })

  test('writers in two sessions are serialised, not deadlocked', async () => {
    const s1 = db.session()
    const s2 = db.session()
    const tx1 = s1.beginTransaction()
    await tx1.run('CREATE (:T {v: 6})')
    const second = s2.run('CREATE (:T {v: 7})') // waits for tx1
    await tx1.commit()
    await second
    await s1.close()
    await s2.close()
    assert.equal(await count(), 4)
  })

  test('executeQuery returns an EagerResult', async () => {
    const { keys, records, summary } = await db.executeQuery('MATCH (n:T) RETURN n.v AS v ORDER BY v')
    assert.deepEqual(keys, ['v'])
    assert.deepEqual(column({ records }, 'v'), [2, 4, 6, 7])
    assert.equal(summary.queryType, 'r')
  })
})

describe('driver config', () => {
  test('useBigInt and disableLosslessIntegers', async () => {
    for (const [config, expected] of [[{ useBigInt: true }, 42n], [{ disableLosslessIntegers: true }, 42]]) {
      const db = driver('memory:', undefined, config)
      try {
        const r = await withSession(db, s => s.run('RETURN 42 AS x'))
        assert.equal(r.records[0].get('x'), expected)
      } finally {
        await db.close()
      }
    }
  })

  test('default export mirrors neo4j-driver', () => {
    assert.equal(typeof neo4j.driver, 'function')
    assert.equal(neo4j.session.READ, 'READ')
    assert.equal(typeof neo4j.int, 'function')
    assert.equal(typeof neo4j.auth.basic, 'function')
  })

  test('a closed driver refuses new sessions', async () => {
    const db = driver('memory:')
    await db.close()
    assert.throws(() => db.session())
  })
})
