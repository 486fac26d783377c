// RESET jumps the queue (bolt.md §8.3): a RESET that arrives while a query runs terminates it —
// the running request fails with Neo.ClientError.Transaction.Terminated, the requests queued
// before the RESET are IGNORED, the RESET gets SUCCESS and the connection is usable again.
// The slow query below would run for hours; each test would hang (and time out) if the RESET
// did not stop it. A client that disconnects during a query stops it too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import neo4j from 'neo4j-driver';
import { startServer } from './server.mjs';
import { RawClient, hex, SUCCESS, RECORD, IGNORED, FAILURE, H_DRIVER6, HELLO51, PULLALL, RESET, logon, runMessage as run } from './raw_client.mjs';

const BEGIN = '0003 B111 A0 0000';
const SLOW = 'UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b WITH a, b WHERE a + b < 0 RETURN count(*) AS n';


let server;
before(async () => { server = await startServer({ user: 'neo4j', password: 'pw' }) });
after(async () => { assert.equal((await server.stop()).code, 0) });

async function ready () {
  const c = await RawClient.connect(server.port);
  c.write(H_DRIVER6);
  await c.read(18);
  c.write(Buffer.concat([hex('0000080500'), hex(HELLO51), logon('pw')]));
  assert.equal((await c.message()).tag, SUCCESS);
  assert.equal((await c.message()).tag, SUCCESS);
  return c;
}

// Reads replies up to and including the RESET's SUCCESS {} (the first SUCCESS after a FAILURE
// or an IGNORED); returns them all.
async function untilReset (c) {
  const replies = [];
  for (;;) {
    const m = await c.message(120000);
    replies.push(m);
    const interrupted = replies.slice(0, -1).some(r => r.tag === FAILURE || r.tag === IGNORED);
    if (m.tag === SUCCESS && interrupted) return replies;
  }
}

async function stillUsable (c) {
  c.write(Buffer.concat([run('RETURN 1 AS n'), hex(PULLALL)]));
  assert.equal((await c.message()).tag, SUCCESS);
  assert.deepEqual(await c.message(), { tag: RECORD, fields: [[1]] });
  assert.equal((await c.message()).tag, SUCCESS);
}

const terminated = replies => replies.some(r => r.tag === FAILURE &&
  r.fields[0].neo4j_code === 'Neo.ClientError.Transaction.Terminated');

test('RESET during an auto-commit query terminates it', { timeout: 60000 }, async () => {
  const c = await ready();
  c.write(Buffer.concat([run(SLOW), hex(PULLALL)]));
  await new Promise(resolve => setTimeout(resolve, 200));  // let it start (correct either way)
  c.write(RESET);
  const replies = await untilReset(c);
  assert.ok(terminated(replies), JSON.stringify(replies));
  assert.deepEqual(replies.at(-1), { tag: SUCCESS, fields: [{}] });
  assert.ok(!replies.some(r => r.tag === RECORD), 'no record of the terminated query');
  await stillUsable(c);
  c.end();
});

test('RESET during a query in an explicit write transaction rolls it back and frees the writer', { timeout: 60000 }, async () => {
  const c = await ready();
  c.write(Buffer.concat([hex(BEGIN), run('CREATE (:Interrupted)'), hex(PULLALL), run(SLOW), hex(PULLALL)]));
  assert.equal((await c.message()).tag, SUCCESS);  // BEGIN
  await new Promise(resolve => setTimeout(resolve, 200));
  c.write(RESET);
  const replies = await untilReset(c);
  assert.ok(terminated(replies), JSON.stringify(replies));
  // The transaction is gone: its CREATE is rolled back and another writer gets through.
  const driver = neo4j.driver(server.url, neo4j.auth.basic('neo4j', 'pw'), { disableLosslessIntegers: true });
  try {
    const r = await driver.executeQuery('MATCH (n:Interrupted) RETURN count(n) AS n');
    assert.equal(r.records[0].get('n'), 0);
    await driver.executeQuery('CREATE (:AfterReset)');
  } finally { await driver.close() }
  await stillUsable(c);
  c.end();
});

test('requests pipelined before a RESET are IGNORED once it has arrived', { timeout: 60000 }, async () => {
  const c = await ready();
  c.write(Buffer.concat([run(SLOW), hex(PULLALL), run('RETURN 1 AS n'), hex(PULLALL)]));
  await new Promise(resolve => setTimeout(resolve, 200));
  c.write(RESET);
  const replies = await untilReset(c);
  assert.ok(terminated(replies), JSON.stringify(replies));
  // One reply per request, then the RESET's: the last RUN and PULL never ran.
  assert.equal(replies.length, 5, JSON.stringify(replies));
  assert.deepEqual(replies.slice(2, 4), [{ tag: IGNORED, fields: [] }, { tag: IGNORED, fields: [] }]);
  await stillUsable(c);
  c.end();
});

test('a client that disconnects during a query in a write transaction frees the writer', { timeout: 60000 }, async () => {
  const c = await ready();
  c.write(Buffer.concat([hex(BEGIN), run('CREATE (:Gone)'), hex(PULLALL), run(SLOW), hex(PULLALL)]));
  assert.equal((await c.message()).tag, SUCCESS);
  await new Promise(resolve => setTimeout(resolve, 200));
  c.end();
  const driver = neo4j.driver(server.url, neo4j.auth.basic('neo4j', 'pw'), { disableLosslessIntegers: true });
  try {
    await driver.executeQuery('CREATE (:AfterDisconnect)');  // waits for the writer
    const r = await driver.executeQuery('MATCH (n:Gone) RETURN count(n) AS n');
    assert.equal(r.records[0].get('n'), 0);
  } finally { await driver.close() }
});
