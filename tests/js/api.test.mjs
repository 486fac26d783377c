// quiverdb's package surface: the same exports as neo4j-driver, Bolt URLs handed to
// neo4j-driver, instanceof across the two packages, the CommonJS entry, retry limits and the
// TypeScript declarations.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import fs from 'node:fs'
import path from 'node:path'
import * as official from 'neo4j-driver'
import * as quiver from 'quiverdb'
import neo4j from 'quiverdb'
import { ROOT } from './helpers.mjs'
import { skipUnlessAvailable, missingFile } from '../support/prerequisite.mjs'

test('quiverdb exports every name neo4j-driver exports, the same objects except the driver', () => {
  const own = new Set(['__esModule', 'driver', 'Driver', 'Session', 'Transaction', 'ManagedTransaction', 'Result', 'session', 'default'])
  for (const name of Object.keys(official)) {
    assert.ok(name in quiver, `missing export ${name}`)
    if (!own.has(name)) assert.equal(quiver[name], official[name], name)
    if (name !== 'default' && name !== '__esModule') assert.ok(name in neo4j, `missing on the default export: ${name}`)
  }
  assert.deepEqual(quiver.session, { READ: 'READ', WRITE: 'WRITE' })
})

test('bolt:// and neo4j:// URLs return neo4j-driver drivers; unknown URLs are refused', async () => {
  for (const url of ['bolt://localhost:7687', 'bolt+s://example.invalid', 'neo4j://localhost', 'neo4j+s://example.invalid']) {
    const d = neo4j.driver(url, neo4j.auth.basic('neo4j', 'x'))
    assert.ok(d instanceof official.Driver, url)
    await d.close()
  }
  assert.throws(() => neo4j.driver('ftp://x'), neo4j.Neo4jError)
  assert.ok(!(neo4j.driver('memory:') instanceof official.Driver))
})

test('results are instances of neo4j-driver classes and pass its is*() helpers', async () => {
  const db = neo4j.driver('memory:')
  try {
    const { records } = await db.executeQuery(
      "CREATE p = (a {x: 1})-[r:T]->(b) RETURN a, r, p, date('2020-01-01') AS d, point({x: 1, y: 2}) AS pt")
    const [a, r, p, d, pt] = ['a', 'r', 'p', 'd', 'pt'].map(k => records[0].get(k))
    assert.ok(a instanceof official.Node && official.isNode(a))
    assert.ok(r instanceof official.Relationship && official.isRelationship(r))
    assert.ok(p instanceof official.Path && official.isPath(p))
    assert.ok(d instanceof official.Date && official.isDate(d))
    assert.ok(pt instanceof official.Point && official.isPoint(pt))
    assert.ok(official.isInt(a.properties.x))
    assert.ok(records[0] instanceof official.Record)
  } finally {
    await db.close()
  }
})

test('the CommonJS entry is the same module', () => {
  const require = createRequire(import.meta.url)
  const cjs = require('quiverdb')
  assert.equal(cjs.driver, quiver.driver)
  assert.equal(cjs.default.driver, quiver.driver)
  assert.equal(cjs.Node, official.Node)
})

test('managed transactions stop retrying after maxTransactionRetryTime', async () => {
  const db = neo4j.driver('memory:', undefined, { maxTransactionRetryTime: 150 })
  const session = db.session()
  let attempts = 0
  try {
    await assert.rejects(session.executeWrite(async () => {
      attempts++
      throw new neo4j.Neo4jError('busy', 'Neo.TransientError.General.DatabaseUnavailable')
    }), e => e.code === 'Neo.TransientError.General.DatabaseUnavailable')
    assert.ok(attempts >= 2, `only ${attempts} attempts`)
  } finally {
    await session.close()
    await db.close()
  }
})

test('transaction config is checked as neo4j-driver checks it', async () => {
  const db = neo4j.driver('memory:')
  const session = db.session()
  try {
    assert.throws(() => session.run('RETURN 1', {}, { timeout: -1 }), neo4j.Neo4jError)
    assert.throws(() => session.run('RETURN 1', {}, { metadata: 'x' }), neo4j.Neo4jError)
    assert.throws(() => db.session({ defaultAccessMode: 'BOTH' }), neo4j.Neo4jError)
  } finally {
    await session.close()
    await db.close()
  }
})

const tsc = path.join(ROOT, 'node_modules/.bin/tsc')
test('the TypeScript declarations type-check a neo4j-driver sample and reject misuse',
  { skip: skipUnlessAvailable(missingFile(tsc, 'npm ci')) }, () => {
    const dir = path.join(ROOT, 'tests/js/types')
    const ok = spawnSync(tsc, ['-p', dir], { encoding: 'utf8' })
    assert.equal(ok.status, 0, ok.stdout + ok.stderr)
    const bad = spawnSync(tsc, ['--noEmit', '--strict', '--module', 'NodeNext', '--moduleResolution', 'NodeNext',
      '--target', 'ES2022', '--lib', 'ES2022,ESNext.Disposable,DOM', path.join(dir, 'wrong.ts')], { encoding: 'utf8' })
    assert.notEqual(bad.status, 0)
    assert.match(bad.stdout, /wrong\.ts\(4,\d+\): error TS2322/)
    assert.match(bad.stdout, /wrong\.ts\(5,\d+\): error TS2345/)
  })
