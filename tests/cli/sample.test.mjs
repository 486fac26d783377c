// `--sample movies`: the built-in movie graph is created once, in one transaction.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir, ok, fails, rows } from './helpers.mjs';

const dir = tempDir();
const db = path.join(dir, 'data', 'movies.qdb');

before(() => {
  const r = ok(['shell', db, '--sample', 'movies'], { input: 'MATCH (m:Movie) RETURN count(m) AS movies;\n' });
  assert.match(r.stdout, /\| 38 +\|/);
});

describe('movies sample', () => {
  test('creates the file (and its folder) with the whole graph', () => {
    assert.ok(fs.existsSync(db));
    assert.deepEqual(rows(db, 'MATCH (m:Movie) RETURN count(m)'), [[38]]);
    assert.deepEqual(rows(db, 'MATCH (p:Person) RETURN count(p)'), [[134]]);
    assert.deepEqual(rows(db, 'MATCH ()-[r]->() RETURN count(r)'), [[253]]);
  });

  test('relationship types and properties', () => {
    const byType = rows(db, 'MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS n ORDER BY t');
    assert.deepEqual(byType, [['ACTED_IN', 172], ['DIRECTED', 44], ['FOLLOWS', 3], ['PRODUCED', 15], ['REVIEWED', 9], ['WROTE', 10]]);
    assert.deepEqual(
      rows(db, "MATCH (:Person {name: 'Keanu Reeves'})-[r:ACTED_IN]->(:Movie {title: 'The Matrix'}) RETURN r.roles"),
      [[['Neo']]]);
    assert.deepEqual(
      rows(db, "MATCH (:Person {name: 'Tom Hanks'})-[:ACTED_IN]->(m) RETURN count(m)"), [[12]]);
    assert.deepEqual(
      rows(db, "MATCH (m:Movie {title: 'The Matrix'}) RETURN m.released, m.tagline"),
      [[1999, 'Welcome to the Real World']]);
  });

  test('an existing database is not loaded twice', () => {
    ok(['shell', db, '--sample', 'movies'], { input: '' });
    ok(['query', db, 'RETURN 1', '--sample', 'movies']);
    assert.deepEqual(rows(db, 'MATCH (m:Movie) RETURN count(m)'), [[38]]);
  });

  test('query --sample works as well, and the result checks clean', () => {
    const other = path.join(dir, 'q-movies.qdb');
    assert.deepEqual(rows(other, "MATCH (p:Person)-[:DIRECTED]->(:Movie {title: 'Cloud Atlas'}) RETURN p.name ORDER BY p.name", ['--sample', 'movies']),
      [['Lana Wachowski'], ['Lilly Wachowski'], ['Tom Tykwer']]);
    ok(['check', other]);
  });

  test('an unknown sample is refused and creates nothing', () => {
    const p = path.join(dir, 'nothing.qdb');
    const r = fails(['shell', p, '--sample', 'nope'], { input: '' });
    assert.match(r.stderr, /unknown sample dataset 'nope'/);
    assert.equal(fs.existsSync(p), false);
  });
});
