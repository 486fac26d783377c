// SHOW TRANSACTIONS and TERMINATE TRANSACTIONS through the server with the real neo4j-driver:
// an open explicit transaction is listed with the user that authenticated and the tx_metadata
// its client sent, another session terminates it, and its next statement fails with
// Neo.ClientError.Transaction.Terminated while nothing it wrote is committed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import neo4j from 'neo4j-driver';
import { startServer } from './server.mjs';

let server, driver;
before(async () => {
  server = await startServer({ user: 'neo4j', password: 'secret-pw' });
  driver = neo4j.driver(server.url, neo4j.auth.basic('neo4j', 'secret-pw'));
});
after(async () => {
  await driver.close();
  assert.equal((await server.stop()).code, 0);
});

test('an open transaction is listed with its user and metadata, and can be terminated', async () => {
  const owner = driver.session();
  const tx = owner.beginTransaction({ metadata: { app: 'billing', step: 3 } });
  await tx.run('CREATE (:Pending {n: 1})');

  const admin = driver.session();
  try {
    const { records } = await admin.run(
      'SHOW TRANSACTIONS YIELD transactionId, username, metaData, currentQuery, status ' +
      "WHERE metaData.app = 'billing' RETURN transactionId, username, metaData, currentQuery, status");
    assert.equal(records.length, 1, 'the open transaction is listed once');
    const row = records[0];
    assert.match(row.get('transactionId'), /^neo4j-transaction-\d+$/);
    assert.equal(row.get('username'), 'neo4j');
    assert.equal(row.get('metaData').step, 3); // a JS number travels as a float
    assert.equal(row.get('currentQuery'), ''); // idle between statements
    assert.equal(row.get('status'), 'Running');

    const killed = await admin.run('TERMINATE TRANSACTIONS $ids', { ids: [row.get('transactionId')] });
    assert.equal(killed.records[0].get('message'), 'Transaction terminated.');

    await assert.rejects(tx.run('CREATE (:Pending {n: 2})'),
      e => e.code === 'Neo.ClientError.Transaction.Terminated');
    await tx.close().catch(() => {});
    const count = await admin.run('MATCH (p:Pending) RETURN count(p) AS c');
    assert.equal(count.records[0].get('c').toNumber(), 0, 'the terminated transaction committed nothing');
    const after = await admin.run("SHOW TRANSACTIONS YIELD metaData WHERE metaData.app = 'billing' RETURN count(*) AS c");
    assert.equal(after.records[0].get('c').toNumber(), 0, 'it is no longer listed');
  } finally {
    await owner.close();
    await admin.close();
  }
});
