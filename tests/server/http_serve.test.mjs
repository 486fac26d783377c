// `quiver serve` also answers Neo4j's HTTP API, on the same database and with the same
// credentials as Bolt: a write over HTTP is read back over Bolt and the reverse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import neo4j from 'neo4j-driver';
import { startServer } from './server.mjs';

const basic = (u, p) => 'Basic ' + Buffer.from(`${u}:${p}`).toString('base64');

async function commit (server, statements, auth = basic(server.user, server.password)) {
  const res = await fetch(`${server.httpUrl}/db/neo4j/tx/commit`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: auth },
    body: JSON.stringify({ statements })
  });
  return { status: res.status, body: await res.json() };
}

test('HTTP and Bolt share the database and the credentials', async () => {
  const server = await startServer();
  const driver = neo4j.driver(server.url, neo4j.auth.basic(server.user, server.password));
  try {
    assert.ok(server.httpUrl, 'the server printed its HTTP address');
    const created = await commit(server, [{ statement: 'CREATE (:Via {by: $by})', parameters: { by: 'http' } }]);
    assert.equal(created.status, 200);
    assert.deepEqual(created.body.errors, []);

    await driver.executeQuery("CREATE (:Via {by: 'bolt'})");
    const read = await commit(server, [{ statement: 'MATCH (v:Via) RETURN v.by AS by ORDER BY by' }]);
    assert.deepEqual(read.body.results[0].data.map(d => d.row[0]), ['bolt', 'http']);

    const { records } = await driver.executeQuery('MATCH (v:Via) RETURN count(v) AS n');
    assert.equal(records[0].get('n').toNumber(), 2);

    const wrong = await commit(server, [{ statement: 'RETURN 1' }], basic(server.user, 'wrong'));
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.errors[0].code, 'Neo.ClientError.Security.Unauthorized');
  } finally {
    await driver.close();
    const { code } = await server.stop();
    assert.equal(code, 0);
  }
});

test('--http off serves Bolt only', async () => {
  const server = await startServer({ args: ['--http', 'off'] });
  try {
    assert.equal(server.httpUrl, null);
    assert.doesNotMatch(server.output().stdout, /http:\/\//);
  } finally {
    await server.stop();
  }
});
