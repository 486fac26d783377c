// Driver-API conformance: explicit and managed transactions, retries (see target.mjs).
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { api, useDriver, openDriver, single, REMOTE, DRIVER_MAJOR } from './target.mjs'

const count = (driver, label) => single(driver, `MATCH (n:${label}) RETURN count(n) AS c`).then(c => c.toNumber())

describe('explicit transactions', () => {
  const t = useDriver({ before, after })

  test('commit makes the writes visible, isOpen follows the state', async () => {
    const session = t.driver.session()
    try {
      const tx = session.beginTransaction()
      assert.equal(tx.isOpen(), true)
      await tx.run('CREATE (:Committed {i: 1})')
      const inside = await tx.run('MATCH (n:Committed) RETURN count(n) AS c')
      assert.equal(inside.records[0].get('c').toNumber(), 1)
      await tx.commit()
      assert.equal(tx.isOpen(), false)
      await assert.rejects(tx.commit(), api.Neo4jError)
      await assert.rejects(async () => tx.run('RETURN 1'), api.Neo4jError)
    } finally {
      await session.close()
    }
    assert.equal(await count(t.driver, 'Committed'), 1)
  })

  test('rollback and close discard the writes', async () => {
    const session = t.driver.session()
    try {
      const tx = session.beginTransaction()
      await tx.run('CREATE (:RolledBack)')
      await tx.rollback()
      assert.equal(tx.isOpen(), false)
      const tx2 = session.beginTransaction()
      await tx2.run('CREATE (:RolledBack)')
      await tx2.close()
      assert.equal(tx2.isOpen(), false)
    } finally {
      await session.close()
    }
    assert.equal(await count(t.driver, 'RolledBack'), 0)
  })

  test('await beginTransaction() gives the transaction once it has begun', async () => {
    const session = t.driver.session()
    try {
      const tx = await session.beginTransaction({ timeout: 10000, metadata: { test: 'await' } })
      assert.equal(tx.isOpen(), true)
      await tx.run('CREATE (:Awaited)')
      await tx.commit()
      assert.equal(tx.isOpen(), false)
    } finally {
      await session.close()
    }
    assert.equal(await count(t.driver, 'Awaited'), 1)
    const missing = t.driver.session({ database: 'nosuchdatabase' })
    try {
      await assert.rejects(async () => { await missing.beginTransaction() },
        e => e.code === 'Neo.ClientError.Database.DatabaseNotFound')
    } finally {
      await missing.close()
    }
  })

  test('a transaction still open after its timeout is terminated and rolled back', async () => {
    const session = t.driver.session()
    try {
      const tx = await session.beginTransaction({ timeout: 100 })
      await tx.run('CREATE (:TimedOut)')
      // A server checks timeouts periodically (Neo4j: every 2 s by default).
      await sleep(REMOTE ? 4000 : 400)
      // Other writers are not blocked by the abandoned transaction.
      await t.driver.executeQuery('CREATE (:AfterTimeout)')
      await assert.rejects(tx.commit(), e => /^Neo\.ClientError\.Transaction\.TransactionTimedOut/.test(e.code))
    } finally {
      await session.close()
    }
    assert.equal(await count(t.driver, 'TimedOut'), 0)
    assert.equal(await count(t.driver, 'AfterTimeout'), 1)
  })

  test('a read session refuses writes', async () => {
    const session = t.driver.session({ defaultAccessMode: api.session.READ })
    try {
      await assert.rejects(session.executeRead(tx => tx.run('CREATE (:ReadOnly)')),
        e => e.code === 'Neo.ClientError.Statement.AccessMode')
    } finally {
      await session.close()
    }
    assert.equal(await count(t.driver, 'ReadOnly'), 0)
  })

  test('a session with an open transaction refuses session.run', async () => {
    // neo4j-driver releases the transaction's connection together with the refused run's (its
    // rollback then reports "No connection available" and the pooled connection keeps the open
    // transaction): there a throwaway driver is used, whose close ends that connection.
    const driver = REMOTE ? openDriver() : t.driver
    const session = driver.session()
    try {
      const tx = await session.beginTransaction()
      await tx.run('CREATE (:RefusedRun)')
      await assert.rejects(async () => session.run('RETURN 1'))
      if (!REMOTE) {
        await tx.rollback()
        assert.equal(tx.isOpen(), false)
      }
    } finally {
      await session.close()
      if (REMOTE) await driver.close()
    }
    assert.equal(await count(t.driver, 'RefusedRun'), 0)
  })

  test('a failed statement rolls the whole transaction back; commit then fails', async () => {
    const session = t.driver.session()
    try {
      const tx = session.beginTransaction()
      await tx.run('CREATE (:FailedTx)')
      await assert.rejects(tx.run('RETURN 1 / 0'), e => e.code === 'Neo.ClientError.Statement.ArithmeticError')
      assert.equal(tx.isOpen(), false)
      await assert.rejects(tx.commit(), api.Neo4jError)
    } finally {
      await session.close()
    }
    assert.equal(await count(t.driver, 'FailedTx'), 0)
  })

  test('closing the session rolls back its open transaction', async () => {
    const session = t.driver.session()
    const tx = session.beginTransaction()
    await tx.run('CREATE (:LeftOpen)')
    await session.close()
    // neo4j-driver resets the connection (the server rolls back) but leaves the Transaction
    // object's state as it was; quiverdb closes it.
    if (!REMOTE) assert.equal(tx.isOpen(), false)
    assert.equal(await count(t.driver, 'LeftOpen'), 0)
  })
})

describe('managed transactions', () => {
  const t = useDriver({ before, after }, { maxTransactionRetryTime: 10000 })

  test('executeWrite commits and returns the work value; executeRead reads it', async () => {
    const session = t.driver.session()
    try {
      const created = await session.executeWrite(async tx => {
        const r = await tx.run('CREATE (n:Managed {name: $name}) RETURN n.name AS name', { name: 'm' })
        return r.records[0].get('name')
      })
      assert.equal(created, 'm')
      const names = await session.executeRead(async tx => {
        const r = await tx.run('MATCH (n:Managed) RETURN n.name AS name')
        return r.records.map(x => x.get('name'))
      })
      assert.deepEqual(names, ['m'])
    } finally {
      await session.close()
    }
  })

  test('a retryable error is retried, with the failed attempt rolled back', async () => {
    const session = t.driver.session()
    let attempts = 0
    try {
      const value = await session.executeWrite(async tx => {
        attempts++
        await tx.run('CREATE (:Retried {attempt: $a})', { a: api.int(attempts) })
        if (attempts === 1) {
          throw new api.Neo4jError('simulated deadlock', 'Neo.TransientError.Transaction.DeadlockDetected')
        }
        return 'done'
      })
      assert.equal(value, 'done')
      assert.equal(attempts, 2)
    } finally {
      await session.close()
    }
    assert.deepEqual((await t.driver.executeQuery('MATCH (n:Retried) RETURN n.attempt AS a'))
      .records.map(r => r.get('a').toNumber()), [2])
  })

  test('a client error is not retried and its writes are rolled back', async () => {
    const session = t.driver.session()
    let attempts = 0
    try {
      await assert.rejects(session.executeWrite(async tx => {
        attempts++
        await tx.run('CREATE (:NotRetried)')
        await tx.run('RETURN 1 +')
      }), e => e.code === 'Neo.ClientError.Statement.SyntaxError')
      assert.equal(attempts, 1)
    } finally {
      await session.close()
    }
    assert.equal(await count(t.driver, 'NotRetried'), 0)
  })

  test('an error thrown by the work function rolls back and reaches the caller', async () => {
    const session = t.driver.session()
    try {
      await assert.rejects(session.executeWrite(async tx => {
        await tx.run('CREATE (:WorkThrew)')
        throw new Error('application error')
      }), /application error/)
    } finally {
      await session.close()
    }
    assert.equal(await count(t.driver, 'WorkThrew'), 0)
  })

  test('the deprecated readTransaction / writeTransaction still work', async () => {
    const session = t.driver.session()
    if (REMOTE && DRIVER_MAJOR >= 6) {
      // neo4j-driver 6 removed them (5.x and quiverdb keep them, deprecated).
      assert.equal(session.readTransaction, undefined)
      assert.equal(session.writeTransaction, undefined)
      await session.close()
      return
    }
    try {
      await session.writeTransaction(tx => tx.run('CREATE (:Deprecated)'))
      const c = await session.readTransaction(tx => tx.run('MATCH (n:Deprecated) RETURN count(n) AS c'))
      assert.equal(c.records[0].get('c').toNumber(), 1)
    } finally {
      await session.close()
    }
  })
})
