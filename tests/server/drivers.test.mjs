// The real neo4j-driver from npm, in several versions side by side (npm aliases), against a
// real `quiver serve` over bolt:// and neo4j://: authentication, queries, summaries,
// transactions, every value type in both directions, errors with their codes, bookmarks.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startServer } from './server.mjs';

const require = createRequire(import.meta.url);

const DRIVERS = [
  { name: 'neo4j-driver', version: '6.3', protocol: 5.8, modern: true },
  { name: 'neo4j-driver-5.28', version: '5.28', protocol: 5.8, modern: true },
  { name: 'neo4j-driver-5.27', version: '5.27', protocol: 5.7, modern: true },
  { name: 'neo4j-driver-4.4', version: '4.4', protocol: 4.4, modern: false }
];

let server;
before(async () => { server = await startServer() });
after(async () => {
  const r = await server.stop();
  assert.equal(r.code, 0, `server exit: ${JSON.stringify(r)} ${server.output().stderr}`);
});

for (const d of DRIVERS) {
  const neo4j = require(d.name);
  for (const scheme of ['bolt', 'neo4j']) {
    describe(`${d.name} over ${scheme}://`, () => {
      let driver;
      const tag = `T_${d.version.replace('.', '_')}_${scheme}`;
      before(() => {
        const url = scheme === 'bolt' ? server.url : server.routingUrl;
        driver = neo4j.driver(url, neo4j.auth.basic(server.user, server.password),
          { maxConnectionPoolSize: 2 });
      });
      after(async () => { await driver.close() });

      const read = (s, fn) => d.modern ? s.executeRead(fn) : s.readTransaction(fn);
      const write = (s, fn) => d.modern ? s.executeWrite(fn) : s.writeTransaction(fn);

      test('connects and negotiates the expected protocol', async () => {
        await driver.verifyConnectivity();
        if (d.modern) {
          const info = await driver.getServerInfo();
          assert.match(info.agent, /^Neo4j\//);
          assert.equal(protocolNumber(info.protocolVersion), d.protocol);
        }
      });

      test('run: records, keys and summary', async () => {
        const session = driver.session();
        try {
          const r = await session.run('UNWIND range(1, 3) AS x RETURN x, x * 2 AS y');
          assert.deepEqual(r.records[0].keys, ['x', 'y']);
          assert.deepEqual(r.records.map(rec => rec.get('y').toNumber()), [2, 4, 6]);
          assert.equal(r.summary.queryType, 'r');
          const w = await session.run(`CREATE (a:${tag} {n: 1})-[:R]->(b:${tag} {n: 2}) RETURN a`);
          const c = w.summary.counters.updates();
          assert.equal(c.nodesCreated, 2);
          assert.equal(c.relationshipsCreated, 1);
          assert.equal(c.labelsAdded, 2);
          assert.equal(w.summary.counters.containsUpdates(), true);
          assert.equal(w.summary.queryType, 'rw');
        } finally { await session.close() }
      });

      test('fetchSize streams in batches', async () => {
        const session = driver.session({ fetchSize: 2 });
        try {
          const r = await session.run('UNWIND range(1, 5) AS x RETURN x');
          assert.deepEqual(r.records.map(rec => rec.get('x').toNumber()), [1, 2, 3, 4, 5]);
        } finally { await session.close() }
      });

      test('explicit transactions commit and roll back', async () => {
        const session = driver.session();
        try {
          let tx = session.beginTransaction();
          await tx.run(`CREATE (:${tag}Tx {k: 'committed'})`);
          await tx.commit();
          tx = session.beginTransaction();
          await tx.run(`CREATE (:${tag}Tx {k: 'rolled back'})`);
          await tx.rollback();
          const r = await session.run(`MATCH (n:${tag}Tx) RETURN n.k AS k`);
          assert.deepEqual(r.records.map(rec => rec.get('k')), ['committed']);
        } finally { await session.close() }
      });

      test('managed read and write transactions', async () => {
        const session = driver.session();
        try {
          await write(session, tx => tx.run(`CREATE (:${tag}M {v: 42})`));
          const v = await read(session, async tx => {
            const r = await tx.run(`MATCH (n:${tag}M) RETURN n.v AS v`);
            return r.records[0].get('v').toNumber();
          });
          assert.equal(v, 42);
        } finally { await session.close() }
      });

      test('values round-trip through parameters', async () => {
        const session = driver.session();
        const values = {
          int: neo4j.int(-9007199254740993n.toString()),
          float: 1.5,
          str: 'héllo ✓',
          bool: true,
          nil: null,
          list: [neo4j.int(1), 'two', [3.5]],
          map: { a: neo4j.int(1), b: { c: 'd' } },
          bytes: new Int8Array([1, 2, -3]),
          date: new neo4j.types.Date(2024, 2, 29),
          time: new neo4j.types.Time(12, 30, 15, 123000000, 3600),
          localTime: new neo4j.types.LocalTime(1, 2, 3, 4),
          localDateTime: new neo4j.types.LocalDateTime(2020, 1, 2, 3, 4, 5, 6),
          dateTimeOffset: new neo4j.types.DateTime(2021, 6, 7, 8, 9, 10, 11, -7200),
          dateTimeZone: new neo4j.types.DateTime(2021, 6, 7, 8, 9, 10, 11, undefined, 'Europe/Paris'),
          duration: new neo4j.types.Duration(14, 3, 7200, 5),
          point2d: new neo4j.types.Point(7203, 1.5, -2),
          point3d: new neo4j.types.Point(4979, 12.5, 55.25, 100)
        };
        try {
          for (const [name, value] of Object.entries(values)) {
            const r = await session.run('RETURN $v AS v', { v: value });
            const got = r.records[0].get('v');
            assert.equal(JSON.stringify(got, replacer), JSON.stringify(value, replacer), name);
            if (name === 'int') assert.ok(neo4j.isInt(got), 'an Integer comes back as Integer');
            if (name === 'float') assert.equal(typeof got, 'number');
            if (value !== null && typeof value === 'object' && value.constructor?.name) {
              assert.equal(got?.constructor?.name, value.constructor.name, `${name} type`);
            }
          }
        } finally { await session.close() }
      });

      test('nodes, relationships and paths', async () => {
        const session = driver.session();
        try {
          const r = await session.run(
            `MATCH p = (a:${tag} {n: 1})-[r:R]->(b:${tag}) RETURN a, r, p`);
          const a = r.records[0].get('a');
          const rel = r.records[0].get('r');
          const p = r.records[0].get('p');
          assert.deepEqual(a.labels, [tag]);
          assert.equal(a.properties.n.toNumber(), 1);
          assert.equal(rel.type, 'R');
          assert.equal(rel.start.toString(), a.identity.toString());
          assert.equal(p.length, 1);
          assert.equal(p.start.properties.n.toNumber(), 1);
          assert.equal(p.end.properties.n.toNumber(), 2);
          if (d.modern) {
            assert.equal(typeof a.elementId, 'string');
            assert.equal(rel.startNodeElementId, a.elementId);
          }
        } finally { await session.close() }
      });

      test('errors carry Neo4j codes; a failed transaction is rolled back', async () => {
        const session = driver.session();
        try {
          await assert.rejects(session.run('RETURN 1 +'), e => {
            assert.equal(e.code, 'Neo.ClientError.Statement.SyntaxError');
            if (d.protocol >= 5.7 && d.version === '6.3') assert.equal(e.gqlStatus, '42001');
            return true;
          });
          await assert.rejects(session.run('RETURN $missing'),
            e => e.code === 'Neo.ClientError.Statement.ParameterMissing');
          const tx = session.beginTransaction();
          await tx.run(`CREATE (:${tag}Fail)`);
          await assert.rejects(tx.run('RETURN 1/0'),
            e => e.code === 'Neo.ClientError.Statement.ArithmeticError');
          try { await tx.rollback() } catch {}
          const check = driver.session();
          const r = await check.run(`MATCH (n:${tag}Fail) RETURN count(n) AS c`);
          await check.close();
          assert.equal(r.records[0].get('c').toNumber(), 0);
        } finally { await session.close() }
      });

      test('bookmarks chain sessions', async () => {
        const s1 = driver.session();
        await s1.run(`CREATE (:${tag}B)`);
        const bookmarks = d.modern ? s1.lastBookmarks() : s1.lastBookmark();
        await s1.close();
        assert.ok(bookmarks.length > 0);
        const s2 = driver.session({ bookmarks });
        try {
          const r = await s2.run(`MATCH (n:${tag}B) RETURN count(n) AS c`);
          assert.equal(r.records[0].get('c').toNumber(), 1);
        } finally { await s2.close() }
      });

      test('unknown database is reported', async () => {
        const session = driver.session({ database: 'nope' });
        try {
          await assert.rejects(session.run('RETURN 1'),
            e => e.code === 'Neo.ClientError.Database.DatabaseNotFound');
        } finally { await session.close() }
      });

      test('wrong password is Unauthorized', async () => {
        const bad = neo4j.driver(scheme === 'bolt' ? server.url : server.routingUrl,
          neo4j.auth.basic(server.user, 'wrong'));
        try {
          await assert.rejects(bad.verifyConnectivity(),
            e => e.code === 'Neo.ClientError.Security.Unauthorized');
        } finally { await bad.close() }
      });
    });
  }
}

// neo4j-driver 6 reports a ProtocolVersion object, 5.x a number.
export function protocolNumber (pv) {
  return typeof pv === 'number' ? pv : Number(String(pv));
}

// Driver values compared by their visible structure: Integers and numbers alike (the type of
// top-level values is checked separately), a zone-id DateTime without its derived offset.
function replacer (key, value) {
  if (value && typeof value === 'object') {
    if (typeof value.toNumber === 'function' && 'low' in value && 'high' in value) {
      return value.inSafeRange() ? value.toNumber() : `big:${value.toString()}`;
    }
    if (ArrayBuffer.isView(value)) return `bytes:${Array.from(value).join(',')}`;
    if (value.timeZoneId) return { ...value, timeZoneOffsetSeconds: undefined };
  }
  return value;
}
