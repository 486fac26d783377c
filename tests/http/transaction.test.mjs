// The transactional endpoint over real HTTP (Node's fetch against quiver-http).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, tempDb, post, del, statements } from './server.mjs';

const db = tempDb();
let server;
let base;

before(async () => {
  server = await startServer(db, ['--transaction-idle-timeout', '1000']);
  base = server.url;
});
after(async () => {
  await server.stop();
});

async function count(label) {
  const r = await post(`${base}/db/neo4j/tx/commit`, statements(`MATCH (n:${label}) RETURN count(n)`));
  return r.json.results[0].data[0].row[0];
}

describe('transactional endpoint', () => {
  test('discovery document at /', async () => {
    const res = await fetch(`${base}/`);
    assert.equal(res.status, 200);
    const doc = await res.json();
    assert.equal(doc.bolt_direct, 'bolt://127.0.0.1:7687');
    assert.equal(doc.transaction, `${base}/db/{databaseName}/tx`);
    assert.equal(doc.neo4j_edition, 'community');
    assert.match(doc.neo4j_version, /^5\./);
  });

  test('one-request commit with parameters', async () => {
    const r = await post(`${base}/db/neo4j/tx/commit`, statements(
      'CREATE (n) RETURN id(n)',
      { statement: 'CREATE (n:Named $props) RETURN n', parameters: { props: { name: 'My Node' } } },
    ));
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.errors, []);
    assert.equal(r.json.results.length, 2);
    assert.deepEqual(r.json.results[0].columns, ['id(n)']);
    assert.equal(typeof r.json.results[0].data[0].row[0], 'number');
    assert.deepEqual(r.json.results[0].data[0].meta, [null]);
    assert.deepEqual(r.json.results[1].data[0].row, [{ name: 'My Node' }]);
    const meta = r.json.results[1].data[0].meta[0];
    assert.equal(meta.type, 'node');
    assert.equal(meta.deleted, false);
    assert.ok(Array.isArray(r.json.lastBookmarks));
    assert.equal(await count('Named'), 1);
  });

  test('begin, run, keep-alive, commit', async () => {
    const begin = await post(`${base}/db/neo4j/tx`, statements('CREATE (n:Open) RETURN n'));
    assert.equal(begin.status, 201);
    const location = begin.headers.get('location');
    assert.match(location, /\/db\/neo4j\/tx\/\d+$/);
    assert.equal(begin.json.commit, `${location}/commit`);
    assert.match(begin.json.transaction.expires, /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    assert.deepEqual(begin.json.results[0].data[0].row, [{}]);
    const run = await post(location, statements('CREATE (n:Open) RETURN n'));
    assert.equal(run.status, 200);
    assert.ok(run.json.transaction);
    const keep = await post(location, '');
    assert.equal(keep.status, 200);
    assert.ok(keep.json.transaction.expires);
    const keep2 = await post(location, { statements: [] });
    assert.deepEqual(keep2.json.results, []);
    const commit = await post(begin.json.commit, '');
    assert.equal(commit.status, 200);
    assert.deepEqual(commit.json.errors, []);
    assert.equal(await count('Open'), 2);
    const again = await post(location, '');
    assert.equal(again.status, 404);
    assert.equal(again.json.errors[0].code, 'Neo.ClientError.Transaction.TransactionNotFound');
  });

  test('commit returns lastBookmarks, accepted by a following request', async () => {
    const begin = await post(`${base}/db/neo4j/tx`, statements('CREATE (:Marked)'));
    const commit = await post(begin.json.commit, '');
    assert.equal(commit.json.lastBookmarks.length, 1);
    const next = await post(`${base}/db/neo4j/tx/commit`, statements('MATCH (m:Marked) RETURN count(m)'),
      { Bookmarks: JSON.stringify(commit.json.lastBookmarks) });
    assert.deepEqual(next.json.errors, []);
    assert.deepEqual(next.json.results[0].data[0].row, [1]);
  });

  test('Access-Mode: READ rejects writes', async () => {
    const r = await post(`${base}/db/neo4j/tx/commit`, statements('CREATE (:ReadOnly)'), { 'Access-Mode': 'READ' });
    assert.equal(r.json.errors[0].code, 'Neo.ClientError.Statement.AccessMode');
    assert.equal(await count('ReadOnly'), 0);
  });

  test('EXPLAIN returns no rows and the plan', async () => {
    const r = await post(`${base}/db/neo4j/tx/commit`, statements('EXPLAIN MATCH (n) RETURN n'));
    assert.deepEqual(r.json.results[0].data, []);
    assert.match(r.json.results[0].plan.root.operatorType, /^ProduceResults/);
  });

  test('CORS pre-flight', async () => {
    const res = await fetch(`${base}/db/neo4j/tx/commit`, { method: 'OPTIONS' });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(res.headers.get('content-length'), '0');
  });

  test('rollback with DELETE', async () => {
    const begin = await post(`${base}/db/neo4j/tx`, statements('CREATE (:Gone)'));
    const location = begin.headers.get('location');
    const r = await del(location);
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, { results: [], errors: [] });
    assert.equal(await count('Gone'), 0);
    assert.equal((await post(location, '')).status, 404);
  });

  test('an idle transaction expires and is rolled back', async () => {
    const begin = await post(`${base}/db/neo4j/tx`, statements('CREATE (:Expired)'));
    const location = begin.headers.get('location');
    await new Promise((r) => setTimeout(r, 2000));
    const r = await post(location, '');
    assert.equal(r.status, 404);
    assert.equal(r.json.errors[0].code, 'Neo.ClientError.Transaction.TransactionNotFound');
    assert.equal(await count('Expired'), 0);
  });

  test('the 3.5 path family', async () => {
    const begin = await post(`${base}/db/data/transaction`, statements('RETURN 1'));
    assert.equal(begin.status, 201);
    const location = begin.headers.get('location');
    assert.match(location, /\/db\/data\/transaction\/\d+$/);
    assert.match(begin.json.transaction.expires, /\+0000$/);
    const commit = await post(`${location}/commit`, statements('RETURN 2'));
    assert.deepEqual(commit.json.results[0].data[0].row, [2]);
    assert.equal(commit.json.lastBookmarks, undefined);
    const once = await post(`${base}/db/data/transaction/commit`, statements('RETURN 1', 'RETURN 2'));
    assert.deepEqual(once.json.results.map((x) => x.columns), [['1'], ['2']]);
  });

  test('row, graph and rest formats with includeStats', async () => {
    const r = await post(`${base}/db/data/transaction/commit`, statements({
      statement: 'CREATE (bike:Bike {weight: 10}) CREATE (frontWheel:Wheel {spokes: 3}) ' +
        'CREATE (backWheel:Wheel {spokes: 32}) CREATE p1 = (bike)-[:HAS {position: 1}]->(frontWheel) ' +
        'CREATE p2 = (bike)-[:HAS {position: 2} ]->(backWheel) RETURN bike, p1, p2',
      resultDataContents: ['row', 'graph', 'rest'],
      includeStats: true,
    }));
    assert.deepEqual(r.json.errors, []);
    const rec = r.json.results[0].data[0];
    assert.deepEqual(rec.row, [
      { weight: 10 },
      [{ weight: 10 }, { position: 1 }, { spokes: 3 }],
      [{ weight: 10 }, { position: 2 }, { spokes: 32 }],
    ]);
    assert.equal(rec.meta[0].type, 'node');
    assert.deepEqual(rec.meta[1].map((m) => m.type), ['node', 'relationship', 'node']);
    assert.equal(rec.graph.nodes.length, 3);
    assert.equal(rec.graph.relationships.length, 2);
    for (const rel of rec.graph.relationships) {
      assert.equal(rel.type, 'HAS');
      assert.equal(typeof rel.id, 'string');
      assert.equal(typeof rel.startNode, 'string');
    }
    const bike = rec.graph.nodes.find((n) => n.labels.includes('Bike'));
    assert.deepEqual(bike.properties, { weight: 10 });
    assert.equal(rec.rest[0].data.weight, 10);
    assert.match(rec.rest[0].self, /\/db\/data\/node\/\d+$/);
    assert.equal(rec.rest[1].length, 1);
    const stats = r.json.results[0].stats;
    assert.equal(stats.nodes_created, 3);
    assert.equal(stats.relationships_created, 2);
    assert.equal(stats.properties_set, 5);
    assert.equal(stats.labels_added, 3);
    assert.equal(stats.contains_updates, true);
    assert.equal(stats.relationship_deleted, 0);
  });

  test('includeStats on the 4.x/5.x path adds the system keys', async () => {
    const r = await post(`${base}/db/neo4j/tx/commit`,
      statements({ statement: 'CREATE (n:Stat) RETURN id(n)', includeStats: true }));
    assert.equal(r.json.results[0].stats.nodes_created, 1);
    assert.equal(r.json.results[0].stats.contains_system_updates, false);
  });

  test('a failing statement rolls back everything in the request', async () => {
    const r = await post(`${base}/db/neo4j/tx/commit`, statements(
      { statement: 'MERGE (p:Person {name: $name}) RETURN p', parameters: { name: 'Ann' } },
      'UNWIND [1, 0] AS i MERGE (n:Number {val: 1/i}) RETURN n',
    ));
    assert.equal(r.status, 200);
    assert.equal(r.json.errors[0].code, 'Neo.ClientError.Statement.ArithmeticError');
    assert.equal(await count('Person'), 0);
    assert.equal(await count('Number'), 0);
  });

  test('a syntax error closes an open transaction', async () => {
    const begin = await post(`${base}/db/neo4j/tx`, statements('CREATE (:Before)'));
    const location = begin.headers.get('location');
    const r = await post(location, statements('This is not a valid Cypher Statement.'));
    assert.equal(r.json.errors[0].code, 'Neo.ClientError.Statement.SyntaxError');
    assert.ok(r.json.commit);
    assert.equal(r.json.transaction, undefined);
    assert.equal((await post(location, '')).status, 404);
    assert.equal(await count('Before'), 0);
  });

  test('malformed requests are InvalidFormat', async () => {
    const url = `${base}/db/neo4j/tx/commit`;
    for (const body of ['{not json', '{}', '[1]', '{"statements":[{"parameters":{}}]}']) {
      const r = await post(url, body);
      assert.equal(r.status, 200);
      assert.equal(r.json.errors[0].code, 'Neo.ClientError.Request.InvalidFormat', body);
    }
    const bogus = await post(url, statements({ statement: 'RETURN 1', resultDataContents: ['bogus'] }));
    assert.equal(bogus.json.errors[0].message, 'Invalid result data content specifier: bogus');
    const empty = await post(url, '');
    assert.deepEqual(empty.json, { results: [], errors: [] });
  });

  test('404 and 405', async () => {
    assert.equal((await fetch(`${base}/no/such/thing`)).status, 404);
    const wrong = await fetch(`${base}/db/neo4j/tx/commit`, { method: 'GET' });
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get('allow'), 'POST');
    const unknownDb = await post(`${base}/db/nosuch/tx/commit`, statements('RETURN 1'));
    assert.equal(unknownDb.status, 404);
    assert.equal(unknownDb.json.errors[0].code, 'Neo.ClientError.Database.DatabaseNotFound');
    const unknownTx = await del(`${base}/db/neo4j/tx/999999`);
    assert.equal(unknownTx.status, 404);
  });

  test('keep-alive: many requests over one connection', async () => {
    // fetch pools connections; sequential requests reuse one keep-alive socket.
    for (let i = 0; i < 20; i++) {
      const r = await post(`${base}/db/neo4j/tx/commit`, statements({ statement: 'RETURN $i', parameters: { i } }));
      assert.deepEqual(r.json.results[0].data[0].row, [i]);
      assert.notEqual(r.headers.get('connection'), 'close');
    }
  });
});
