// quiverdb in Node over `file:PATH` databases (the Node page store of
// js/src/engine/stores/node_file.js behind wasm/src/js_page_store.h).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import { driver } from 'quiverdb'
import { tempDir, withSession, column } from './helpers.mjs'

const dir = tempDir('quiverdb-file-')

test('data written to a file survives closing and reopening', async () => {
  const file = path.join(dir, 'persist.qdb')
  const db = driver('file:' + file)
  await withSession(db, async s => {
    await s.run("CREATE (:City {name: 'Oslo'})-[:ROAD {km: 500}]->(:City {name: 'Bergen'})")
    await s.run('UNWIND range(1, 3000) AS i CREATE (:Item {i: i, label: "item number " + toString(i)})')
  })
  await db.close()
  assert.ok(fs.statSync(file).size > 0)

  const again = driver('file:' + file)
  try {
    const cities = await withSession(again, s => s.run(
      'MATCH (a:City)-[r:ROAD]->(b:City) RETURN a.name AS a, r.km AS km, b.name AS b'))
    assert.equal(cities.records.length, 1)
    assert.deepEqual(cities.records[0].toObject().a, 'Oslo')
    assert.equal(cities.records[0].get('km').toNumber(), 500)
    const items = await withSession(again, s => s.run('MATCH (n:Item) RETURN count(n) AS c, sum(n.i) AS total'))
    assert.equal(items.records[0].get('c').toNumber(), 3000)
    assert.equal(items.records[0].get('total').toNumber(), 3000 * 3001 / 2)
    const report = await again.check()
    assert.equal(report.ok, true, report.problems.join('\n'))
  } finally {
    await again.close()
  }
})

test('file:// URLs work too', async () => {
  const file = path.join(dir, 'url form.qdb')
  const db = driver(pathToFileURL(file).href)
  await withSession(db, s => s.run('CREATE (:X)'))
  await db.close()
  assert.ok(fs.existsSync(file))
})

test('a committed transaction is on disk before close, a rolled back one is not', async () => {
  const file = path.join(dir, 'tx.qdb')
  const db = driver('file:' + file)
  await withSession(db, async s => {
    const tx = s.beginTransaction()
    await tx.run('CREATE (:Kept)')
    await tx.commit()
    const tx2 = s.beginTransaction()
    await tx2.run('CREATE (:Dropped)')
    await tx2.rollback()
  })
  await db.close()
  const again = driver('file:' + file)
  try {
    const r = await withSession(again, s => s.run('MATCH (n) RETURN labels(n)[0] AS l'))
    assert.deepEqual(column(r, 'l'), ['Kept'])
  } finally {
    await again.close()
  }
})

test('a file open in this process cannot be opened a second time', async () => {
  const file = path.join(dir, 'twice.qdb')
  const first = driver('file:' + file)
  await withSession(first, s => s.run('RETURN 1'))
  const second = driver('file:' + file)
  await assert.rejects(() => withSession(second, s => s.run('RETURN 1')),
    e => e.code === 'Neo.TransientError.General.DatabaseUnavailable')
  await first.close()
  const third = driver('file:' + file)
  await withSession(third, s => s.run('RETURN 1'))
  await third.close()
})

test('createIfMissing: false and readOnly refuse a missing file', async () => {
  for (const config of [{ createIfMissing: false }, { readOnly: true }]) {
    const db = driver('file:' + path.join(dir, 'missing.qdb'), undefined, config)
    await assert.rejects(() => withSession(db, s => s.run('RETURN 1')),
      e => e.code === 'Neo.ClientError.Database.DatabaseNotFound')
  }
  assert.equal(fs.existsSync(path.join(dir, 'missing.qdb')), false)
})

test('a read-only driver reads an existing file', async () => {
  const file = path.join(dir, 'ro.qdb')
  const db = driver('file:' + file)
  await withSession(db, s => s.run('CREATE (:R {v: 1})'))
  await db.close()
  const before = fs.readFileSync(file)
  const ro = driver('file:' + file, undefined, { readOnly: true })
  try {
    const r = await withSession(ro, s => s.run('MATCH (n:R) RETURN n.v AS v'))
    assert.deepEqual(column(r, 'v'), [1])
    await assert.rejects(() => withSession(ro, s => s.run('CREATE (:R {v: 2})')))
  } finally {
    await ro.close()
  }
  assert.ok(before.equals(fs.readFileSync(file)), 'a read-only open must not change the file')
})

test('a file that is not a database is refused with an error, not a crash', async () => {
  const file = path.join(dir, 'garbage.qdb')
  fs.writeFileSync(file, Buffer.alloc(40000, 0x5a))
  const db = driver('file:' + file)
  await assert.rejects(() => withSession(db, s => s.run('RETURN 1')), e => typeof e.code === 'string')
  await db.close()
  // The engine released the file again.
  fs.rmSync(file)
})
