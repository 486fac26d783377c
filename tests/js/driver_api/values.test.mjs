// Driver-API conformance: every value type from Cypher to JS and from JS parameters back to
// Cypher, and integers in the three modes (Integer, number, BigInt) (see target.mjs).
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { api, useDriver, openDriver, single } from './target.mjs'

const MAX = '9223372036854775807'
const MIN = '-9223372036854775808'

describe('values from Cypher', () => {
  const t = useDriver({ before, after })

  test('null, booleans, floats, strings, lists and maps', async () => {
    const r = (await t.driver.executeQuery(
      "RETURN null AS n, true AS t, false AS f, 1.5 AS x, 1e308 * 10 AS inf, 'Grüße, 世界 🙂' AS s, " +
      "[1, 'a', [2.5, null]] AS l, {a: 1, b: {c: 'd'}, e: []} AS m")).records[0]
    assert.equal(r.get('n'), null)
    assert.equal(r.get('t'), true)
    assert.equal(r.get('f'), false)
    assert.equal(r.get('x'), 1.5)
    assert.equal(r.get('inf'), Infinity)
    assert.equal(r.get('s'), 'Grüße, 世界 🙂')
    const l = r.get('l')
    assert.ok(api.isInt(l[0]))
    assert.deepEqual([l[0].toNumber(), l[1], l[2]], [1, 'a', [2.5, null]])
    const m = r.get('m')
    assert.deepEqual(Object.keys(m), ['a', 'b', 'e'])
    assert.deepEqual(m.b, { c: 'd' })
    assert.deepEqual(m.e, [])
  })

  test('nodes, relationships and paths are the driver classes with elementIds', async () => {
    const r = (await t.driver.executeQuery(
      "CREATE p = (a:Person:Admin {name: 'Ann'})-[k:KNOWS {since: 2020}]->(b:Person {name: 'Bob'})<-[:LIKES]-(c:Cat) " +
      'RETURN a, k, b, p')).records[0]
    const [a, k, b, p] = ['a', 'k', 'b', 'p'].map(x => r.get(x))
    assert.ok(a instanceof api.Node && api.isNode(a))
    assert.deepEqual([...a.labels].sort(), ['Admin', 'Person'])
    assert.equal(a.properties.name, 'Ann')
    assert.equal(typeof a.elementId, 'string')
    assert.ok(api.isInt(a.identity))
    assert.ok(k instanceof api.Relationship && api.isRelationship(k))
    assert.equal(k.type, 'KNOWS')
    assert.equal(k.properties.since.toNumber(), 2020)
    assert.equal(k.startNodeElementId, a.elementId)
    assert.equal(k.endNodeElementId, b.elementId)
    assert.ok(k.start.equals(a.identity) && k.end.equals(b.identity))
    assert.ok(p instanceof api.Path && api.isPath(p))
    assert.equal(p.length, 2)
    assert.equal(p.start.elementId, a.elementId)
    assert.deepEqual(p.end.labels, ['Cat'])
    assert.ok(api.isPathSegment(p.segments[1]))
    assert.equal(p.segments[1].relationship.type, 'LIKES')
    // The second relationship points against the path's direction.
    assert.equal(p.segments[1].relationship.startNodeElementId, p.end.elementId)
    assert.equal(p.segments[1].start.elementId, b.elementId)
  })

  test('points in all four coordinate systems', async () => {
    const r = (await t.driver.executeQuery(
      'RETURN point({x: 1.5, y: 2}) AS c2, point({x: 1, y: 2, z: 3}) AS c3, ' +
      'point({longitude: 12.5, latitude: 55.7}) AS g2, point({longitude: 12.5, latitude: 55.7, height: 10}) AS g3')).records[0]
    const expect = { c2: [7203, 1.5, 2, undefined], c3: [9157, 1, 2, 3], g2: [4326, 12.5, 55.7, undefined], g3: [4979, 12.5, 55.7, 10] }
    for (const [key, [srid, x, y, z]] of Object.entries(expect)) {
      const pt = r.get(key)
      assert.ok(pt instanceof api.Point && api.isPoint(pt), key)
      assert.equal(api.integer.toNumber(pt.srid), srid, key)
      assert.deepEqual([pt.x, pt.y, pt.z], [x, y, z], key)
    }
  })

  test('temporal values, including named zones and offsets', async () => {
    const r = (await t.driver.executeQuery(
      "RETURN date('2024-02-29') AS d, localtime('12:34:56.789') AS lt, time('12:34:56+02:00') AS tm, " +
      "localdatetime('2024-02-29T23:59:59.123456789') AS ldt, datetime('2024-07-01T12:00:00+02:00') AS dto, " +
      "datetime('2024-07-01T12:00:00[Europe/Berlin]') AS dtz, datetime('2024-01-15T08:00:00[America/New_York]') AS dtw, " +
      "duration('P1Y2M3DT4H5M6.5S') AS dur")).records[0]
    const d = r.get('d')
    assert.ok(d instanceof api.Date && api.isDate(d))
    assert.equal(d.toString(), '2024-02-29')
    assert.ok(api.isLocalTime(r.get('lt')))
    assert.equal(r.get('lt').toString(), '12:34:56.789000000')
    const tm = r.get('tm')
    assert.ok(api.isTime(tm))
    assert.equal(api.integer.toNumber(tm.timeZoneOffsetSeconds), 7200)
    assert.ok(api.isLocalDateTime(r.get('ldt')))
    assert.equal(api.integer.toNumber(r.get('ldt').nanosecond), 123456789)
    const dto = r.get('dto')
    assert.ok(api.isDateTime(dto))
    assert.equal(api.integer.toNumber(dto.timeZoneOffsetSeconds), 7200)
    assert.equal(dto.timeZoneId, undefined)
    assert.equal(dto.toString(), '2024-07-01T12:00:00+02:00')
    const dtz = r.get('dtz')
    assert.equal(dtz.timeZoneId, 'Europe/Berlin')
    assert.equal(api.integer.toNumber(dtz.hour), 12)
    assert.equal(dtz.toStandardDate().toISOString(), '2024-07-01T10:00:00.000Z')
    const dtw = r.get('dtw')
    assert.equal(dtw.timeZoneId, 'America/New_York')
    assert.equal(dtw.toStandardDate().toISOString(), '2024-01-15T13:00:00.000Z')
    const dur = r.get('dur')
    assert.ok(api.isDuration(dur))
    assert.deepEqual([dur.months, dur.days, dur.seconds, dur.nanoseconds].map(api.integer.toNumber),
      [14, 3, 4 * 3600 + 5 * 60 + 6, 500000000])
  })
})

describe('values as parameters', () => {
  const t = useDriver({ before, after })
  const echo = (x, query = 'RETURN $x AS x') => single(t.driver, query, { x })

  test('JS numbers are floats, int() and BigInt are integers', async () => {
    assert.equal(await echo(1, 'RETURN toString($x) AS x'), '1.0')
    assert.equal(await echo(api.int(1), 'RETURN toString($x) AS x'), '1')
    assert.equal(await echo(1n, 'RETURN toString($x) AS x'), '1')
    assert.equal(await echo(api.int(MAX), 'RETURN toString($x) AS x'), MAX)
    assert.equal(await echo(BigInt(MIN), 'RETURN toString($x) AS x'), MIN)
    assert.equal((await echo(api.int(MAX))).toString(), MAX)
  })

  test('strings, booleans, null, bytes, nested lists and maps round-trip', async () => {
    const x = { s: 'é🙂', b: true, n: null, l: [1.5, 'two', [api.int(3)]], m: { deep: { er: ['x'] } } }
    const back = await echo(x)
    assert.equal(back.s, 'é🙂')
    assert.equal(back.b, true)
    assert.equal(back.n, null)
    assert.equal(back.l[0], 1.5)
    assert.equal(back.l[2][0].toNumber(), 3)
    assert.deepEqual(back.m, { deep: { er: ['x'] } })
    const bytes = await echo(new Int8Array([1, -2, 127]))
    assert.deepEqual([...new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length)], [1, -2, 127])
    assert.equal(await echo([1, 2, 3], 'RETURN size($x) AS x').then(v => v.toNumber()), 3)
    // Other iterables are sent as lists; undefined map values are left out.
    assert.deepEqual(await echo(new Set(['a', 'b'])), ['a', 'b'])
    assert.deepEqual(await echo(new Map([['k', 'v']])), [['k', 'v']])
    assert.deepEqual(await echo({ kept: 'x', dropped: undefined }), { kept: 'x' })
  })

  test('temporal parameters keep their type and zone', async () => {
    const values = {
      d: new api.Date(2024, 2, 29),
      lt: new api.LocalTime(12, 34, 56, 789000000),
      tm: new api.Time(12, 34, 56, 0, 7200),
      ldt: new api.LocalDateTime(2024, 2, 29, 23, 59, 59, 123456789),
      dto: new api.DateTime(2024, 7, 1, 12, 0, 0, 0, 7200),
      dtz: new api.DateTime(2024, 7, 1, 12, 0, 0, 0, undefined, 'Europe/Berlin'),
      dur: new api.Duration(14, 3, 14706, 500000000)
    }
    const r = (await t.driver.executeQuery(
      "RETURN $d = date('2024-02-29') AS d, $lt = localtime('12:34:56.789') AS lt, " +
      "$tm = time('12:34:56+02:00') AS tm, $ldt = localdatetime('2024-02-29T23:59:59.123456789') AS ldt, " +
      "$dto = datetime('2024-07-01T12:00:00+02:00') AS dto, $dtz = datetime('2024-07-01T12:00:00[Europe/Berlin]') AS dtz, " +
      "$dtz.timezone AS zone, $dur = duration('P1Y2M3DT4H5M6.5S') AS dur, " +
      '$d AS d2, $lt AS lt2, $tm AS tm2, $ldt AS ldt2, $dto AS dto2, $dtz AS dtz2, $dur AS dur2', values)).records[0]
    for (const k of ['d', 'lt', 'tm', 'ldt', 'dto', 'dtz', 'dur']) assert.equal(r.get(k), true, k)
    assert.equal(r.get('zone'), 'Europe/Berlin')
    for (const k of Object.keys(values)) {
      // A zoned DateTime sent without an offset comes back with the offset the zone has then.
      const expected = k === 'dtz' ? '2024-07-01T12:00:00+02:00[Europe/Berlin]' : values[k].toString()
      assert.equal(r.get(k + '2').toString(), expected, k)
    }
    assert.equal(r.get('dtz2').timeZoneId, 'Europe/Berlin')
  })

  test('point parameters keep their coordinate system', async () => {
    const r = (await t.driver.executeQuery(
      'RETURN $c2 = point({x: 1.5, y: 2}) AS c2, $g3 = point({longitude: 12.5, latitude: 55.7, height: 10}) AS g3, ' +
      '$c2.x AS x, $g3.crs AS crs', {
        c2: new api.Point(7203, 1.5, 2),
        g3: new api.Point(4979, 12.5, 55.7, 10)
      })).records[0]
    assert.equal(r.get('c2'), true)
    assert.equal(r.get('g3'), true)
    assert.equal(r.get('x'), 1.5)
    assert.equal(r.get('crs'), 'wgs-84-3d')
  })

  test('values stored as properties come back unchanged', async () => {
    const props = {
      i: api.int(MAX), f: 0.1, s: 'x', b: false, l: [api.int(1), api.int(2)],
      d: new api.Date(2000, 1, 1), p: new api.Point(4326, 1, 2)
    }
    const n = await single(t.driver, 'CREATE (n:Stored) SET n = $props RETURN n', { props })
    assert.equal(n.properties.i.toString(), MAX)
    assert.equal(n.properties.f, 0.1)
    assert.deepEqual(n.properties.l.map(x => x.toNumber()), [1, 2])
    assert.equal(n.properties.d.toString(), '2000-01-01')
    assert.equal(n.properties.p.srid.toNumber(), 4326)
  })
})

describe('integer modes', () => {
  test('default: lossless Integer objects', async () => {
    const driver = openDriver()
    try {
      const v = await single(driver, `RETURN ${MAX} AS v`)
      assert.ok(api.isInt(v) && v instanceof api.Integer)
      assert.equal(v.toString(), MAX)
      assert.equal(api.integer.inSafeRange(v), false)
    } finally {
      await driver.close()
    }
  })

  test('disableLosslessIntegers: JS numbers, everywhere', async () => {
    const driver = openDriver({ disableLosslessIntegers: true })
    try {
      const r = (await driver.executeQuery(
        `RETURN 42 AS small, ${MAX} AS big, [1, 2] AS list, {k: 3} AS map, ` +
        "duration({days: 2}) AS dur, date('2024-01-02') AS d")).records[0]
      assert.equal(r.get('small'), 42)
      // Beyond Number's safe range neo4j-driver gives Infinity (toNumberOrInfinity).
      assert.equal(r.get('big'), Infinity)
      assert.deepEqual(r.get('list'), [1, 2])
      assert.deepEqual(r.get('map'), { k: 3 })
      assert.equal(r.get('dur').days, 2)
      assert.equal(r.get('d').year, 2024)
      const n = await single(driver, 'CREATE (n:Lossy {v: 7}) RETURN n')
      assert.equal(n.properties.v, 7)
      assert.equal(typeof n.identity, 'number')
    } finally {
      await driver.close()
    }
  })

  test('useBigInt: BigInt, exact at the 64-bit limits', async () => {
    const driver = openDriver({ useBigInt: true })
    try {
      const r = (await driver.executeQuery(
        `RETURN 42 AS small, ${MAX} AS big, ${MIN} AS min, [1] AS list, $p + 1 AS sum`,
        { p: BigInt(MAX) - 1n })).records[0]
      assert.equal(r.get('small'), 42n)
      assert.equal(r.get('big'), BigInt(MAX))
      assert.equal(r.get('min'), BigInt(MIN))
      assert.deepEqual(r.get('list'), [1n])
      assert.equal(r.get('sum'), BigInt(MAX))
      const n = await single(driver, 'CREATE (n:Big {v: 7}) RETURN n')
      assert.equal(n.properties.v, 7n)
    } finally {
      await driver.close()
    }
  })

  test('integer overflow is an error, not a wrong answer', async () => {
    const driver = openDriver({ useBigInt: true })
    try {
      await assert.rejects(driver.executeQuery(`RETURN ${MAX} + 1 AS v`),
        e => e.code === 'Neo.ClientError.Statement.ArithmeticError')
    } finally {
      await driver.close()
    }
  })
})
