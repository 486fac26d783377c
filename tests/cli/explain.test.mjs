// `quiver query` with EXPLAIN and PROFILE: the plan is printed as an operator table.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { tempDir, ok } from './helpers.mjs';

const dir = tempDir();

describe('EXPLAIN / PROFILE in table mode', () => {
  test('EXPLAIN prints the plan and runs nothing', () => {
    const db = path.join(dir, 'explain.qdb');
    ok(['query', db, 'CREATE (:A {x: 1}), (:A {x: 2})']);
    const r = ok(['query', db, 'EXPLAIN MATCH (n:A) RETURN n.x AS x']);
    assert.match(r.stdout, /\| Operator\s+\| Identifiers\s+\| Estimated Rows \|/);
    assert.match(r.stdout, /\| \+ProduceResults /);
    assert.match(r.stdout, /\| \+NodeByLabelScan +\| n +\| +2 \|/);
    assert.doesNotMatch(r.stdout, /\d+ rows?/);
    const w = ok(['query', db, 'EXPLAIN CREATE (:B)']);
    assert.match(w.stdout, /\+Create/);
    const c = ok(['query', db, 'MATCH (b:B) RETURN count(b) AS c']);
    assert.match(c.stdout, /\| 0 +\|/);
  });

  test('PROFILE prints the rows, then the plan with actual rows', () => {
    const db = path.join(dir, 'profile.qdb');
    ok(['query', db, 'UNWIND range(1, 3) AS i CREATE (:A {i: i})']);
    const r = ok(['query', db, 'PROFILE MATCH (n:A) RETURN n.i AS i ORDER BY i']);
    assert.match(r.stdout, /3 rows/);
    assert.match(r.stdout,
      /\| Operator\s+\| Identifiers\s+\| Estimated Rows \| Rows \| DB Hits \| Page Cache Hits\/Misses \| Time \(ms\) \|/);
    // ProduceResults: 3 rows; its own db hits are the n.i reads (sorted before it, so 0 here).
    assert.match(r.stdout, /\| \+ProduceResults .*\| +3 \| +\d+ \| +\d+\/\d+ \| +\d+\.\d{3} \|\n/);
    // The label scan read the three nodes.
    const scan = r.stdout.split('\n').find((l) => l.includes('+NodeByLabelScan'));
    assert.ok(scan, r.stdout);
    const cells = scan.split('|').map((c) => c.trim());
    assert.equal(cells[4], '3');                 // Rows
    assert.ok(Number(cells[5]) >= 3, scan);      // DB Hits
    assert.match(r.stdout, /Total database accesses: \d+, total allocated memory: \d+/);
  });

});
