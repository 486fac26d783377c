// The generic JS page-store interface (wasm/src/js_page_store.h) with a store written in the
// test: the path the browser backends (OPFS, IndexedDB) will take. Also the error path: a store
// that throws must surface as a Neo4jError, never as a crash.
import { test } from 'node:test'
import assert from 'node:assert/strict'

import { driver } from 'quiverdb'
import { withSession, column } from './helpers.mjs'

class ArrayStore {
  constructor (bytes = new Uint8Array(0)) {
    this.bytes = bytes
    this.syncs = 0
    this.closed = false
    this.failWrites = false
  }

  size () { return this.bytes.length }

  read (offset, dest) {
    dest.fill(0)
    if (offset < this.bytes.length) dest.set(this.bytes.subarray(offset, Math.min(offset + dest.length, this.bytes.length)))
  }

  write (offset, src) {
    if (this.failWrites) throw new Error('disk full (simulated)')
    if (offset + src.length > this.bytes.length) {
      const grown = new Uint8Array(offset + src.length)
      grown.set(this.bytes)
      this.bytes = grown
    }
    this.bytes.set(src, offset)
  }

  sync () { this.syncs++ }
  truncate (size) { this.bytes = this.bytes.slice(0, size) }
  describe () { return 'test-array' }
  close () { this.closed = true }
}

test('a JS page store holds a database across reopen', async () => {
  const store = new ArrayStore()
  const db = driver('store:', undefined, { pageStore: store })
  await withSession(db, s => s.run("CREATE (:S {name: 'kept'})"))
  const info = await db.getServerInfo()
  assert.equal(info.address, 'test-array')
  await db.close()
  assert.equal(store.closed, true, 'the engine closes the store when the database closes')
  assert.ok(store.syncs > 0, 'a commit syncs')

  const reopened = new ArrayStore(store.bytes)
  const again = driver('store:', undefined, { pageStore: reopened })
  try {
    const r = await withSession(again, s => s.run('MATCH (n:S) RETURN n.name AS name'))
    assert.deepEqual(column(r, 'name'), ['kept'])
  } finally {
    await again.close()
  }
})

test('a throwing page store fails the statement with an error, not a crash', async () => {
  const store = new ArrayStore()
  const db = driver('store:', undefined, { pageStore: store })
  try {
    await withSession(db, s => s.run('CREATE (:Before)'))
    store.failWrites = true
    await assert.rejects(
      () => withSession(db, s => s.run('UNWIND range(1, 5000) AS i CREATE (:Big {i: i, pad: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})')),
      e => typeof e.code === 'string' && /disk full/.test(e.message))
    store.failWrites = false
    const r = await withSession(db, s => s.run('MATCH (n:Before) RETURN count(n) AS c'))
    assert.deepEqual(column(r, 'c'), [1])
  } finally {
    await db.close()
  }
})
