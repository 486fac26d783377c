// Driver-API conformance: errors with Neo4j status codes, summaries, counters, plans
// (see target.mjs).
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { api, useDriver, openDriver, run, REMOTE } from './target.mjs'

async function failure (driver, query, params) {
  try {
    await run(driver, query, params)
  } catch (e) {
    return e
  }
  assert.fail(`expected ${query} to fail`)
}

describe('errors', () => {
  const t = useDriver({ before, after })

  test('a syntax error is a Neo4jError with its code, GQL status and no retry', async () => {
    const e = await failure(t.driver, 'MATCH (n RETURN n')
    assert.ok(e instanceof api.Neo4jError)
    assert.equal(e.code, 'Neo.ClientError.Statement.SyntaxError')
    assert.equal(typeof e.message, 'string')
    assert.equal(e.retriable, false)
    assert.equal(api.isRetryableError(e), false)
    assert.match(e.gqlStatus, /^[0-9A-Z]{5}$/)
    assert.equal(e.classification, 'CLIENT_ERROR')
  })

  test('runtime errors carry their codes', async () => {
    assert.equal((await failure(t.driver, 'RETURN 1 / 0')).code, 'Neo.ClientError.Statement.ArithmeticError')
    assert.equal((await failure(t.driver, 'RETURN $missing AS x')).code, 'Neo.ClientError.Statement.ParameterMissing')
    assert.equal((await failure(t.driver, 'RETURN $s - 1 AS x', { s: 'a' })).code, 'Neo.ClientError.Statement.TypeError')
    assert.equal((await failure(t.driver, 'RETURN x')).code, 'Neo.ClientError.Statement.SyntaxError')
  })

  test('a constraint violation fails the statement and leaves the graph unchanged', async () => {
    await run(t.driver, "CREATE (:User {name: 'a'})-[:FOLLOWS]->(:User {name: 'b'})")
    const e = await failure(t.driver, "CREATE (:User {name: 'c'}) WITH 1 AS one MATCH (u:User {name: 'a'}) DELETE u")
    assert.equal(e.code, 'Neo.ClientError.Schema.ConstraintValidationFailed')
    const { records } = await run(t.driver, 'MATCH (u:User) RETURN count(u) AS c')
    assert.equal(records[0].get('c').toNumber(), 2)
    await run(t.driver, 'MATCH (u:User) DETACH DELETE u')
  })

  test('parameters the driver cannot send are refused', async () => {
    const refused = e => e instanceof api.Neo4jError && e.code === api.error.PROTOCOL_ERROR
    // quiverdb refuses a function or a graph entity as a parameter in the client and its
    // session stays usable. neo4j-driver refuses them while packing RUN and leaves the
    // half-packed message in that connection's buffer, corrupting its next message: there the
    // refusals run on a throwaway driver, and the usability check on the suite's driver.
    const throwaway = REMOTE ? openDriver() : null
    const session = t.driver.session()
    const refusing = throwaway ? throwaway.session() : session
    try {
      await assert.rejects(async () => refusing.run('RETURN $f AS f', { f: () => 1 }), refused)
      const { records } = await session.run('CREATE (n:Param) RETURN n')
      // (Should a driver send the entity, the server refuses it: Request.Invalid.)
      const refusedEntity = REMOTE
        ? e => e instanceof api.Neo4jError && ['Neo.ClientError.Request.Invalid', api.error.PROTOCOL_ERROR].includes(e.code)
        : refused
      await assert.rejects(async () => refusing.run('RETURN $n AS n', { n: records[0].get('n') }), refusedEntity)
      // The session is still usable after a refused parameter.
      assert.equal((await session.run('RETURN 1 AS one')).records[0].get('one').toNumber(), 1)
    } finally {
      await session.close()
      if (throwaway) {
        await refusing.close()
        await throwaway.close()
      }
    }
  })
})

describe('summaries', () => {
  const t = useDriver({ before, after })

  test('write counters and query types', async () => {
    const created = (await run(t.driver,
      "CREATE (a:P:Q {name: 'a', n: 1})-[:R {w: 2}]->(b:P) RETURN a")).summary
    assert.equal(created.queryType, 'rw')
    const c = created.counters.updates()
    assert.equal(c.nodesCreated, 2)
    assert.equal(c.relationshipsCreated, 1)
    assert.equal(c.propertiesSet, 3)
    assert.equal(c.labelsAdded, 3)
    assert.equal(c.nodesDeleted, 0)
    assert.equal(created.counters.containsUpdates(), true)
    assert.equal(created.counters.containsSystemUpdates(), false)
    assert.equal(created.counters.systemUpdates(), 0)

    const writeOnly = (await run(t.driver, "MATCH (a:Q) SET a.name = 'z' REMOVE a:Q")).summary
    assert.equal(writeOnly.queryType, 'w')
    assert.equal(writeOnly.counters.updates().propertiesSet, 1)
    assert.equal(writeOnly.counters.updates().labelsRemoved, 1)

    const deleted = (await run(t.driver, 'MATCH (n:P) DETACH DELETE n')).summary
    assert.equal(deleted.counters.updates().nodesDeleted, 2)
    assert.equal(deleted.counters.updates().relationshipsDeleted, 1)

    const read = (await run(t.driver, 'MATCH (n) RETURN n')).summary
    assert.equal(read.queryType, 'r')
    assert.equal(read.counters.containsUpdates(), false)
  })

  test('an awaited result is {records, summary} with one summary, also after the records were read', async () => {
    const session = t.driver.session()
    try {
      const result = session.run('UNWIND [1, 2] AS x RETURN x')
      const answer = await result
      assert.deepEqual(Object.keys(answer).sort(), ['records', 'summary'])
      assert.deepEqual(answer.records.map(r => r.get('x').toNumber()), [1, 2])
      const { summary } = answer
      assert.ok(summary instanceof api.ResultSummary)
      assert.equal(answer.summary, summary)
      assert.equal(summary.query.text, 'UNWIND [1, 2] AS x RETURN x')
      assert.equal(summary.queryType, 'r')
      assert.equal(summary.counters.containsUpdates(), false)
      assert.ok({ ...answer }.summary instanceof api.ResultSummary)
      const again = await result.summary()
      assert.equal(again.queryType, 'r')
    } finally {
      await session.close()
    }
  })

  test('schema commands count indexes', async () => {
    const idx = (await run(t.driver, 'CREATE INDEX person_name IF NOT EXISTS FOR (p:Person) ON (p.name)')).summary
    assert.equal(idx.queryType, 's')
    assert.equal(idx.counters.updates().indexesAdded, 1)
    assert.equal(idx.counters.containsUpdates(), true)
    const dropped = (await run(t.driver, 'DROP INDEX person_name')).summary
    assert.equal(dropped.counters.updates().indexesRemoved, 1)
  })

  test('EXPLAIN gives a plan and no rows; PROFILE gives a profile with rows', async () => {
    await run(t.driver, 'UNWIND range(1, 3) AS i CREATE (:Planned {i: i})')
    const explained = await run(t.driver, 'EXPLAIN MATCH (n:Planned) RETURN n.i AS i')
    assert.equal(explained.records.length, 0)
    assert.equal(explained.summary.hasPlan(), true)
    assert.equal(explained.summary.hasProfile(), false)
    const plan = explained.summary.plan
    assert.ok(plan instanceof api.Plan)
    assert.match(plan.operatorType, /^ProduceResults/)
    assert.ok(plan.identifiers.includes('i'))
    assert.ok(plan.children.length >= 1)

    const profiled = await run(t.driver, 'PROFILE MATCH (n:Planned) RETURN n.i AS i')
    assert.equal(profiled.records.length, 3)
    assert.equal(profiled.summary.hasProfile(), true)
    const profile = profiled.summary.profile
    assert.ok(profile instanceof api.ProfiledPlan)
    assert.match(profile.operatorType, /^ProduceResults/)
    assert.equal(profile.rows, 3)
    assert.equal(typeof profile.dbHits, 'number')
    await run(t.driver, 'MATCH (n:Planned) DELETE n')
  })

  test('notifications is an array and the server is described', async () => {
    const { summary } = await run(t.driver, 'RETURN 1')
    assert.ok(Array.isArray(summary.notifications))
    assert.ok(Array.isArray(summary.gqlStatusObjects))
    assert.match(summary.server.agent, /^(Neo4j|Quiver)\//)
    assert.equal(summary.database.name, 'neo4j')
    assert.equal(summary.hasPlan(), false)
  })

  test('warnings and performance hints arrive as notifications and GQL status objects', async () => {
    const { summary } = await run(t.driver, 'MATCH (a:NoSuchLabel), (b) RETURN a, b')
    const byCode = Object.fromEntries(summary.notifications.map(n => [n.code, n]))
    const unknown = byCode['Neo.ClientNotification.Statement.UnknownLabelWarning']
    assert.ok(unknown, JSON.stringify(summary.notifications))
    assert.equal(unknown.severityLevel, 'WARNING')
    assert.equal(unknown.category, 'UNRECOGNIZED')
    assert.match(unknown.description, /NoSuchLabel/)
    assert.deepEqual([unknown.position.line, unknown.position.column], [1, 7])
    const cartesian = byCode['Neo.ClientNotification.Statement.CartesianProduct']
    assert.ok(cartesian, JSON.stringify(summary.notifications))
    assert.equal(cartesian.severityLevel, 'INFORMATION')
    assert.equal(cartesian.category, 'PERFORMANCE')
    const gql = summary.gqlStatusObjects.map(g => g.gqlStatus)
    assert.ok(gql.includes('01N50'), gql.join())
    assert.ok(gql.includes('03N90'), gql.join())
    assert.ok(gql.includes('02000'), gql.join()) // the outcome: no rows
    const { summary: quiet } = await run(t.driver, 'RETURN 1 AS one')
    assert.deepEqual(quiet.notifications, [])
  })
})
