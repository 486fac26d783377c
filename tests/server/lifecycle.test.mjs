// Server lifecycle with neo4j-driver 6: credentials stored inside the database file (generated
// once, changed with ALTER CURRENT USER; an older server's DB.auth side file is moved in),
// graceful SIGTERM (an open transaction is rolled back,
// committed data survives), the connection limit, and the Bolt version caps (--bolt-max-version,
// --no-manifest) as the driver sees them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { startServer, quiverBin } from './server.mjs';

function tempDb () {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quiver-server-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'graph.qdb');
}

test('generated credentials are printed once, stored hashed, and changed by ALTER CURRENT USER', async () => {
  const db = tempDb();
  let server = await startServer({ db, env: { QUIVER_AUTH: '' } });
  const m = /user (\S+) password (\S+)/.exec(server.output().stdout);
  assert.ok(m, server.output().stdout);
  const [, user, password] = m;
  const stored = fs.readFileSync(db).toString('latin1');
  assert.ok(stored.includes(`quiver-auth-v1 ${user} `), 'the salted hash is in the database file');
  assert.ok(!stored.includes(password), 'the password itself is not stored');
  assert.equal(fs.existsSync(`${db}.auth`), false, 'no side file');

  let driver = neo4j.driver(server.url, neo4j.auth.basic(user, password));
  const session = driver.session({ database: 'system' });
  await assert.rejects(session.run("ALTER CURRENT USER SET PASSWORD FROM 'wrong' TO 'x'"),
    e => e.code === 'Neo.ClientError.General.InvalidArguments');
  await session.run(`ALTER CURRENT USER SET PASSWORD FROM '${password}' TO 'n3w-secret'`);
  await session.close();
  await driver.close();
  await server.stop();

  server = await startServer({ db, env: { QUIVER_AUTH: '' } });
  assert.doesNotMatch(server.output().stdout, /Generated credentials/);
  driver = neo4j.driver(server.url, neo4j.auth.basic(user, 'n3w-secret'));
  await driver.verifyConnectivity();
  await driver.close();
  const old = neo4j.driver(server.url, neo4j.auth.basic(user, password));
  await assert.rejects(old.verifyConnectivity(), e => e.code === 'Neo.ClientError.Security.Unauthorized');
  await old.close();
  await server.stop();
});

test("an older server's DB.auth file is moved into the database on first start", async () => {
  const db = tempDb();
  execFileSync(quiverBin, ['query', db, 'CREATE (:Before {v: 1})']);
  const salt = crypto.randomBytes(16).toString('hex');
  const hash = crypto.createHash('sha256').update(salt + 'old-secret').digest('hex');
  fs.writeFileSync(`${db}.auth`, `quiver-auth-v1 admin ${salt} ${hash}\n`, { mode: 0o600 });
  for (let start = 0; start < 2; ++start) {  // migrated, then read from the database
    const server = await startServer({ db, env: { QUIVER_AUTH: '' } });
    assert.doesNotMatch(server.output().stdout, /Generated credentials/);
    assert.equal(fs.existsSync(`${db}.auth`), false);
    const driver = neo4j.driver(server.url, neo4j.auth.basic('admin', 'old-secret'), { disableLosslessIntegers: true });
    const r = await driver.executeQuery('MATCH (n:Before) RETURN n.v AS v');
    assert.deepEqual(r.records.map(x => x.get('v')), [1]);
    await driver.close();
    await server.stop();
  }
  execFileSync(quiverBin, ['check', db]);
});

test('--auth none accepts any token', async () => {
  const server = await startServer({ auth: 'none' });
  const driver = neo4j.driver(server.url, neo4j.auth.basic('anyone', 'anything'));
  const r = await driver.executeQuery('RETURN 7 AS x');
  assert.equal(r.records[0].get('x').toNumber(), 7);
  await driver.close();
  const none = neo4j.driver(server.url);
  await none.verifyConnectivity();
  await none.close();
  await server.stop();
});

test('SIGTERM: an open transaction is rolled back, committed data survives', async () => {
  const db = tempDb();
  let server = await startServer({ db });
  const driver = neo4j.driver(server.url, neo4j.auth.basic(server.user, server.password));
  await driver.executeQuery('CREATE (:Kept {v: 1})');
  const session = driver.session();
  const tx = session.beginTransaction();
  await tx.run('CREATE (:Lost {v: 2})');
  const exit = await server.stop('SIGTERM');
  assert.equal(exit.code, 0);
  await driver.close().catch(() => {});

  server = await startServer({ db });
  const again = neo4j.driver(server.url, neo4j.auth.basic(server.user, server.password));
  const r = await again.executeQuery('MATCH (n) RETURN labels(n)[0] AS l ORDER BY l');
  assert.deepEqual(r.records.map(x => x.get('l')), ['Kept']);
  await again.close();
  await server.stop();
});

test('the connection limit answers a clear error and the server keeps serving', async () => {
  const server = await startServer({ args: ['--max-connections', '1'] });
  const first = neo4j.driver(server.url, neo4j.auth.basic(server.user, server.password),
    { maxConnectionPoolSize: 1 });
  await first.verifyConnectivity();  // holds its one pooled connection open
  const second = neo4j.driver(server.url, neo4j.auth.basic(server.user, server.password),
    { maxTransactionRetryTime: 0 });
  await assert.rejects(second.verifyConnectivity(),
    e => /limit of 1 connections/.test(e.message));
  await second.close();
  const r = await first.executeQuery('RETURN 1 AS one');
  assert.equal(r.records[0].get('one').toNumber(), 1);
  await first.close();
  await server.stop();
});

for (const [args, expected] of [
  [['--bolt-max-version', '5.0'], '5.0'],
  [['--bolt-max-version', '5.4'], '5.4'],
  [['--bolt-max-version', '5.6'], '5.6'],
  [['--bolt-max-version', '4.4'], '4.4'],
  [['--no-manifest'], '5.8']
]) {
  test(`driver 6 against ${args.join(' ')} negotiates ${expected} and works`, async () => {
    const server = await startServer({ args });
    const driver = neo4j.driver(server.url, neo4j.auth.basic(server.user, server.password));
    try {
      const info = await driver.getServerInfo();
      assert.equal(String(info.protocolVersion), expected);
      const r = await driver.executeQuery(
        "MERGE (a:V {k: 1})-[r:T]->(b:V {k: 2}) RETURN a, r, datetime('2024-01-02T03:04:05[Europe/Paris]') AS dt");
      const a = r.records[0].get('a');
      assert.equal(a.properties.k.toNumber(), 1);
      assert.equal(r.records[0].get('r').type, 'T');
      assert.equal(r.records[0].get('dt').toString(), '2024-01-02T03:04:05+01:00[Europe/Paris]');
      await assert.rejects(driver.executeQuery('RETURN 1 +'),
        e => e.code === 'Neo.ClientError.Statement.SyntaxError');
    } finally {
      await driver.close();
      await server.stop();
    }
  });
}
