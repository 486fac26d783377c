// Basic authentication and durability across a server restart, over real HTTP.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, tempDb, post, statements } from './server.mjs';

const basic = (user, password) => ({
  Authorization: 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64'),
});

describe('authentication', () => {
  test('basic auth: missing, wrong and right credentials', async () => {
    const server = await startServer(tempDb(), ['--auth', 'basic', '--user', 'neo4j', '--password', 'pw']);
    try {
      const url = `${server.url}/db/neo4j/tx/commit`;
      assert.equal((await fetch(`${server.url}/`)).status, 200);
      const none = await post(url, statements('RETURN 1'));
      assert.equal(none.status, 401);
      assert.equal(none.json.errors[0].code, 'Neo.ClientError.Security.Unauthorized');
      assert.match(none.headers.get('www-authenticate'), /^Basic realm=/);
      const wrong = await post(url, statements('RETURN 1'), basic('neo4j', 'nope'));
      assert.equal(wrong.status, 401);
      assert.equal(wrong.json.errors[0].code, 'Neo.ClientError.Security.Unauthorized');
      const garbage = await post(url, statements('RETURN 1'), { Authorization: 'Basic %%%' });
      assert.equal(garbage.status, 401);
      const right = await post(url, statements('RETURN 1'), basic('neo4j', 'pw'));
      assert.equal(right.status, 200);
      assert.deepEqual(right.json.results[0].data[0].row, [1]);
    } finally {
      await server.stop();
    }
  });
});

describe('durability', () => {
  test('data committed over HTTP is there after a restart', async () => {
    const db = tempDb();
    let server = await startServer(db);
    const created = await post(`${server.url}/db/neo4j/tx/commit`,
      statements({ statement: 'CREATE (:Kept {n: $n})', parameters: { n: 42 } }));
    assert.deepEqual(created.json.errors, []);
    const begin = await post(`${server.url}/db/neo4j/tx`, statements('CREATE (:Kept {n: 7})'));
    await post(begin.json.commit, '');
    const open = await post(`${server.url}/db/neo4j/tx`, statements('CREATE (:Uncommitted)'));
    assert.equal(open.status, 201);
    const code = await server.stop();
    assert.equal(code, 0);
    server = await startServer(db);
    try {
      const r = await post(`${server.url}/db/neo4j/tx/commit`,
        statements('MATCH (k:Kept) RETURN k.n ORDER BY k.n', 'MATCH (u:Uncommitted) RETURN count(u)'));
      assert.deepEqual(r.json.results[0].data.map((d) => d.row[0]), [7, 42]);
      assert.deepEqual(r.json.results[1].data[0].row, [0]);
    } finally {
      await server.stop();
    }
  });
});
