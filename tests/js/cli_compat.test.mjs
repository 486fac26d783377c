// Cross-direction file compatibility between the native CLI and quiverdb (WASM in Node):
//   1. a file written by `quiver query` opens in Node with the same data;
//   2. a file written from Node reads back in `quiver query --format json` and passes
//      `quiver check`;
//   3. the same deterministic workload written natively and through WASM gives byte-identical
//      files (needs the CLI's --deterministic flag).
// The CLI is QUIVER_BIN (default build/native/quiver); without it the tests are skipped, or fail
// under the test command (tests/support/prerequisite.mjs).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { spawnSync } from 'node:child_process'

import { driver } from 'quiverdb'
import { ROOT, tempDir, withSession, column } from './helpers.mjs'
import { skipUnlessAvailable, missingFile } from '../support/prerequisite.mjs'

const BIN = process.env.QUIVER_BIN || path.join(ROOT, 'build/native/quiver')
const skip = skipUnlessAvailable(missingFile(BIN, 'scripts/build.sh native, or set QUIVER_BIN'))
const dir = tempDir('quiverdb-cli-')

function cli (...args) {
  const r = spawnSync(BIN, args, { encoding: 'utf8', timeout: 60000 })
  if (r.error) throw r.error
  return r
}

function cliOk (...args) {
  const r = cli(...args)
  assert.equal(r.status, 0, `quiver ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`)
  return r
}

// The rows of the first result of `quiver query --format json` (Neo4j HTTP API shape).
function jsonRows (stdout) {
  const doc = JSON.parse(stdout)
  assert.deepEqual(doc.errors, [])
  return doc.results[0].data.map(d => d.row)
}

const WORKLOAD = [
  "CREATE (a:Person {name: 'Ann', born: 1980, tags: ['a', 'b']})",
  "CREATE (b:Person {name: 'Bob', score: 2.5})",
  "MATCH (a:Person {name: 'Ann'}), (b:Person {name: 'Bob'}) CREATE (a)-[:KNOWS {since: 2020}]->(b)",
  'UNWIND range(1, 500) AS i CREATE (:Item {i: i, text: "item " + toString(i)})',
  'MATCH (n:Item) WHERE n.i % 5 = 0 DETACH DELETE n',
  "MATCH (b:Person {name: 'Bob'}) SET b.score = 3.5, b:Admin"
]

test('a file written by the native CLI opens in Node with the same data', { skip }, async () => {
  const file = path.join(dir, 'native.qdb')
  for (const q of WORKLOAD) cliOk('query', file, q)
  const db = driver('file:' + file)
  try {
    const people = await withSession(db, s => s.run(
      'MATCH (a:Person)-[r:KNOWS]->(b:Person) RETURN a.name AS a, a.tags AS tags, r.since AS since, ' +
      'b.name AS b, b.score AS score, labels(b) AS labels'))
    assert.equal(people.records.length, 1)
    const o = people.records[0].toObject()
    assert.equal(o.a, 'Ann')
    assert.deepEqual(o.tags, ['a', 'b'])
    assert.equal(o.since.toNumber(), 2020)
    assert.equal(o.b, 'Bob')
    assert.equal(o.score, 3.5)
    assert.deepEqual([...o.labels].sort(), ['Admin', 'Person'])
    const items = await withSession(db, s => s.run('MATCH (n:Item) RETURN count(n) AS c'))
    assert.deepEqual(column(items, 'c'), [400])
    assert.equal((await db.check()).ok, true)
  } finally {
    await db.close()
  }
  cliOk('check', file)
})

test('a file written from Node reads back in the native CLI and passes its check', { skip }, async () => {
  const file = path.join(dir, 'wasm.qdb')
  const db = driver('file:' + file)
  await withSession(db, async s => {
    for (const q of WORKLOAD) await s.run(q)
  })
  await db.close()
  const r = cliOk('query', file,
    "MATCH (a:Person {name: 'Ann'})-[r:KNOWS]->(b) RETURN a.name, a.tags, r.since, b.name, b.score",
    '--format', 'json')
  assert.deepEqual(jsonRows(r.stdout), [['Ann', ['a', 'b'], 2020, 'Bob', 3.5]])
  const count = cliOk('query', file, 'MATCH (n:Item) RETURN count(n)', '--format', 'json')
  assert.deepEqual(jsonRows(count.stdout), [[400]])
  cliOk('check', file)
})

function cliSupportsDeterministic () {
  if (skip) return false
  const probe = path.join(dir, 'probe.qdb')
  const r = cli('query', probe, 'RETURN 1', '--deterministic')
  return r.status === 0
}

const deterministicSkip = skip || skipUnlessAvailable(cliSupportsDeterministic()
  ? null
  : 'the native CLI has no --deterministic flag (needed for byte-identical files)')

test('the same deterministic workload gives byte-identical files natively and in WASM',
  { skip: deterministicSkip }, async () => {
    const nativeFile = path.join(dir, 'det-native.qdb')
    const wasmFile = path.join(dir, 'det-wasm.qdb')
    for (const q of WORKLOAD) cliOk('query', nativeFile, q, '--deterministic')
    const db = driver('file:' + wasmFile, undefined, { deterministic: true })
    await withSession(db, async s => {
      for (const q of WORKLOAD) await s.run(q)
    })
    await db.close()
    const a = fs.readFileSync(nativeFile)
    const b = fs.readFileSync(wasmFile)
    assert.equal(b.length, a.length, 'file sizes differ')
    const first = a.findIndex((byte, i) => byte !== b[i])
    assert.equal(first, -1, `files differ first at byte ${first}`)
  })
