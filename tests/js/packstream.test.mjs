// The JS half of the PackStream codec (js/src/engine/packstream.js): parameters pack exactly
// as neo4j-driver packs them (bolt.md §4.3-4.4, §5), and answers decode into
// neo4j-driver-core's classes. Needs no wasm build.
import { test } from 'node:test'
import assert from 'node:assert/strict'

import { encode, decode } from '../../js/src/engine/packstream.js'
import { civilFromDays, daysFromCivil } from '../../js/src/engine/temporal.js'
import {
  int, isInt, Integer, Node, Relationship, Path, Point,
  Date as QDate, DateTime, Duration, LocalDateTime, LocalTime, Time
} from 'neo4j-driver-core'

const hex = bytes => Array.from(bytes, b => b.toString(16).toUpperCase().padStart(2, '0')).join(' ')
const unhex = text => Uint8Array.from(text.split(/\s+/).filter(Boolean).map(h => parseInt(h, 16)))

test('golden vectors (bolt.md §4.3)', () => {
  assert.equal(hex(encode(1.23)), 'C1 3F F3 AE 14 7A E1 47 AE')
  assert.equal(hex(encode(-(2n ** 63n))), 'CB 80 00 00 00 00 00 00 00')
  assert.equal(hex(encode(int('9223372036854775807'))), 'CB 7F FF FF FF FF FF FF FF')
  assert.equal(hex(encode('')), '80')
  assert.equal(hex(encode('A')), '81 41')
  assert.equal(hex(encode('ABCDEFGHIJKLMNOPQRSTUVWXYZ')),
    'D0 1A 41 42 43 44 45 46 47 48 49 4A 4B 4C 4D 4E 4F 50 51 52 53 54 55 56 57 58 59 5A')
  assert.equal(hex(encode('Größenmaßstäbe')),
    'D0 12 47 72 C3 B6 C3 9F 65 6E 6D 61 C3 9F 73 74 C3 A4 62 65')
  assert.equal(hex(encode([])), '90')
  assert.equal(hex(encode([int(1), int(2), int(3)])), '93 01 02 03')
  assert.equal(hex(encode([1n, 2.0, 'three'])), '93 01 C1 40 00 00 00 00 00 00 00 85 74 68 72 65 65')
  const forty = Array.from({ length: 40 }, (_, i) => BigInt(i + 1))
  assert.equal(hex(encode(forty)), 'D4 28 ' + forty.map(i => hex([Number(i)])).join(' '))
  assert.equal(hex(encode({})), 'A0')
  assert.equal(hex(encode({ one: 'eins' })), 'A1 83 6F 6E 65 84 65 69 6E 73')
  const big = {}
  for (let c = 65; c < 91; c++) big[String.fromCharCode(c)] = 1n
  assert.equal(hex(encode(big).subarray(0, 2)), 'D8 1A')
  assert.equal(hex(encode(new Int8Array(0))), 'CC 00')
  assert.equal(hex(encode(new Int8Array([1, 2, 3]))), 'CC 03 01 02 03')
})

test('JS numbers pack as Float, Integer and BigInt as Integer (bolt.md §4.4)', () => {
  assert.equal(hex(encode({ a: 1 })), 'A1 81 61 C1 3F F0 00 00 00 00 00 00')
  assert.equal(hex(encode(int(42))), '2A')
  assert.equal(hex(encode(-17n)), 'C8 EF')
  assert.equal(hex(encode(int(128))), 'C9 00 80')
  assert.equal(hex(encode(int(-129))), 'C9 FF 7F')
  assert.equal(hex(encode(int(32768))), 'CA 00 00 80 00')
  assert.equal(hex(encode(int(2147483648))), 'CB 00 00 00 00 80 00 00 00')
  assert.equal(hex(encode(int('9007199254740993'))), 'CB 00 20 00 00 00 00 00 01')
  assert.throws(() => encode(2n ** 63n))
})

test('null, undefined, booleans, nested values', () => {
  assert.equal(hex(encode({ a: undefined, b: null, c: true, d: false })), 'A3 81 62 C0 81 63 C3 81 64 C2')
  assert.equal(hex(encode([undefined])), '91 C0')
  assert.equal(hex(encode(new globalThis.Date(0))), 'A0') // as neo4j-driver: a plain Date is {}
})

test('graph entities are refused as parameters', () => {
  assert.throws(() => encode({ n: new Node(int(1), [], {}, '4:x:1') }))
})

test('temporal and spatial parameters pack as Bolt 5 structures', () => {
  assert.equal(hex(encode(new QDate(2022, 1, 8))), 'B1 44 C9 4A 38')
  assert.equal(hex(encode(new LocalTime(0, 0, 0, 1))), 'B1 74 01')
  assert.equal(hex(encode(new Time(0, 0, 0, 2, 3600))), 'B2 54 02 C9 0E 10')
  assert.equal(hex(encode(new LocalDateTime(1970, 1, 1, 0, 0, 4, 5))), 'B2 64 04 05')
  // bolt.md §5.2: 1970-01-01T02:15:00.000000042+01:00 -> {4500, 42, 3600}
  assert.equal(hex(encode(new DateTime(1970, 1, 1, 2, 15, 0, 42, 3600))), 'B3 49 C9 11 94 2A C9 0E 10')
  const paris = encode(new DateTime(1970, 1, 1, 2, 15, 0, 42, undefined, 'Europe/Paris'))
  assert.equal(hex(paris.subarray(0, 6)), 'B3 69 C9 11 94 2A')
  assert.equal(hex(encode(new Duration(14, 3, 61, 5))), 'B4 45 0E 03 3D 05')
  assert.equal(hex(encode(new Point(7203, 1, 2))),
    'B3 58 C9 1C 23 C1 3F F0 00 00 00 00 00 00 C1 40 00 00 00 00 00 00 00')
  assert.equal(hex(encode(new Point(int(4979), 1, 2, 3)).subarray(0, 2)), 'B4 59')
})

test('decoding: integers by mode, floats, strings, bytes', () => {
  const v = decode(unhex('CB 00 20 00 00 00 00 00 01'))
  assert.ok(isInt(v))
  assert.equal(v.toString(), '9007199254740993')
  assert.equal(decode(unhex('CB 00 20 00 00 00 00 00 01'), 'bigint'), 9007199254740993n)
  assert.equal(decode(unhex('C9 FF 7F'), 'number'), -129)
  assert.ok(decode(unhex('F0')).equals(int(-16)))
  assert.ok(Object.is(decode(unhex('C1 80 00 00 00 00 00 00 00')), -0))
  assert.equal(decode(unhex('D0 12 47 72 C3 B6 C3 9F 65 6E 6D 61 C3 9F 73 74 C3 A4 62 65')), 'Größenmaßstäbe')
  assert.deepEqual(Array.from(decode(unhex('CC 03 01 02 FF'))), [1, 2, -1])
  assert.deepEqual(decode(unhex('A2 81 61 90 81 62 C0')), { a: [], b: null })
  assert.throws(() => decode(unhex('93 01')))
  assert.throws(() => decode(unhex('01 02')))
})

test('decoding: graph structures and path segments (bolt.md §5.2)', () => {
  const node = id => [0xB4, 0x4E, id, 0x90, 0xA0, 0x81, 0x30 + id]
  const unbound = id => [0xB4, 0x72, id, 0x81, 0x54, 0xA0, 0x81, 0x40 + id]
  // nodes [n1, n2, n3], rels [r1, r2], indices [1, 1, -2, 2]: (1)-[r1]->(2)<-[r2]-(3)
  const bytes = Uint8Array.from([0xB3, 0x50, 0x93, ...node(1), ...node(2), ...node(3),
    0x92, ...unbound(1), ...unbound(2), 0x94, 0x01, 0x01, 0xFE, 0x02])
  const p = decode(bytes)
  assert.ok(p instanceof Path)
  assert.equal(p.length, 2)
  assert.equal(p.start.elementId, '1')
  assert.equal(p.end.elementId, '3')
  const [s1, s2] = p.segments
  assert.ok(s1.relationship instanceof Relationship)
  assert.equal(s1.relationship.startNodeElementId, '1')
  assert.equal(s1.relationship.endNodeElementId, '2')
  assert.equal(s2.relationship.startNodeElementId, '3')
  assert.equal(s2.relationship.endNodeElementId, '2')
  assert.equal(s2.relationship.elementId, 'B')
  assert.equal(s2.start.elementId, '2')
  assert.equal(s2.end.elementId, '3')
})

test('decoding: temporal structures give the same fields neo4j-driver shows', () => {
  assert.equal(decode(unhex('B1 44 C9 4A 38')).toString(), '2022-01-08')
  assert.equal(decode(unhex('B1 44 F0')).toString(), '1969-12-16')
  assert.equal(decode(unhex('B3 49 C9 11 94 2A C9 0E 10')).toString(), '1970-01-01T02:15:00.000000042+01:00')
  const zoned = decode(Uint8Array.from([...unhex('B3 69 C9 11 94 2A 8C'), ...new TextEncoder().encode('Europe/Paris')]))
  assert.equal(zoned.toString(), '1970-01-01T02:15:00.000000042+01:00[Europe/Paris]')
  assert.equal(zoned.timeZoneOffsetSeconds.toNumber(), 3600)
  assert.equal(decode(unhex('B2 64 F6 05')).toString(), '1969-12-31T23:59:50.000000005')
  assert.equal(decode(unhex('B2 54 02 C9 0E 10')).toString(), '00:00:00.000000002+01:00')
  assert.equal(decode(unhex('B4 45 0E 03 3D 05')).toString(), 'P1Y2M3DT1M1.000000005S')
  const pt = decode(unhex('B3 58 C9 1C 23 C1 3F F0 00 00 00 00 00 00 C1 40 00 00 00 00 00 00 00'))
  assert.equal(pt.toString(), 'Point{srid=7203, x=1.0, y=2.0}')
})

test('temporal values round-trip through encode and decode', () => {
  for (const v of [
    new QDate(int(-3000), int(2), int(28)), new QDate(int(2024), int(2), int(29)),
    new LocalTime(int(23), int(59), int(59), int(999999999)),
    new LocalDateTime(int(1), int(1), int(1), int(0), int(0), int(0), int(0)),
    new DateTime(int(2024), int(3), int(31), int(2), int(30), int(0), int(0), int(-18000))
  ]) {
    assert.equal(decode(encode(v)).toString(), v.toString())
  }
})

test('calendar arithmetic matches JS Date over 800 years', () => {
  for (let day = -150000; day < 150000; day += 37) {
    const d = new globalThis.Date(day * 86400000)
    assert.deepEqual(civilFromDays(day), [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()])
    assert.equal(daysFromCivil(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()), day)
  }
})

test('Integer instances survive as Integer', () => {
  const v = decode(encode([int(5), new Integer(0, 1)]))
  assert.equal(v[1].toString(), '4294967296')
})
