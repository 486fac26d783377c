// `quiver shell` fed through stdin (not a terminal): statements over several lines, ':'
// commands, parameters, transactions, failure handling and the readable-table limits.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { tempDir, quiver, ok, fails, rows, assertNoCrash } from './helpers.mjs';

const dir = tempDir();
let counter = 0;
const freshDb = () => path.join(dir, `s${++counter}.qdb`);

describe('shell on stdin', () => {
  test('multi-line statements end at the semicolon', () => {
    const db = freshDb();
    const r = ok(['shell', db], {
      input: "CREATE (:P {n: 1}),\n       (:P {n: 2});\nMATCH (p:P)\nRETURN p.n AS n\nORDER BY n;\n",
    });
    assert.match(r.stdout, /Added 2 nodes/);
    assert.ok(r.stdout.includes('| n |\n+---+\n| 1 |\n| 2 |\n+---+\n2 rows\n'), r.stdout);
    assert.doesNotMatch(r.stdout, /quiver>/, 'no prompts when stdin is not a terminal');
  });

  test('several statements on one line; semicolons inside strings and comments', () => {
    const r = ok(['shell', freshDb()], {
      input: "RETURN 'a;b' AS s; RETURN 2 AS two; // a comment; with semicolons\nRETURN /* ; */ 3 AS three;\n",
    });
    assert.match(r.stdout, /\| a;b \|/);
    assert.match(r.stdout, /\| 2 +\|/);
    assert.match(r.stdout, /\| 3 +\|/);
    assert.equal(r.stdout.match(/^1 row$/gm).length, 3);
  });

  test('a final statement without a semicolon still runs', () => {
    const db = freshDb();
    ok(['query', db, 'CREATE (), (), ()']);
    const r = ok(['shell', db], { input: 'MATCH (n) RETURN count(n) AS c' });
    assert.match(r.stdout, /\| 3 \|/);
  });

  test('echo "MATCH (n) RETURN count(n);" | quiver shell db', () => {
    const db = freshDb();
    ok(['query', db, 'CREATE (:A)-[:R]->(:B)']);
    const r = ok(['shell', db], { input: 'MATCH (n) RETURN count(n);\n' });
    assert.match(r.stdout, /\| count\(n\) \|/);
    assert.match(r.stdout, /\| 2 +\|/);
  });

  test(':help lists the commands', () => {
    const r = ok(['shell', freshDb()], { input: ':help\n' });
    for (const c of [':exit', ':param', ':params', ':begin', ':commit', ':rollback']) {
      assert.ok(r.stdout.includes(c), `help mentions ${c}`);
    }
  });

  test(':exit stops reading', () => {
    const db = freshDb();
    ok(['shell', db], { input: 'CREATE (:Before);\n:exit\nCREATE (:After);\n' });
    assert.deepEqual(rows(db, 'MATCH (n) RETURN labels(n)'), [[['Before']]]);
  });

  test(':param sets parameters from Cypher expressions; :params lists them', () => {
    const r = ok(['shell', freshDb()], {
      input: ":param x => 40 + 2\n:param {name: 'Ann', tags: ['a']}\n:params\nRETURN $x AS x, $name AS name;\n",
    });
    assert.match(r.stdout, /:param x => 42/);
    assert.match(r.stdout, /:param name => "Ann"/);
    assert.match(r.stdout, /:param tags => \["a"\]/);
    assert.match(r.stdout, /\| 42 \| Ann +\|/);
  });

  test(':begin … :rollback discards, :begin … :commit keeps', () => {
    const db = freshDb();
    ok(['shell', db], { input: ':begin\nCREATE (:T {v: 1});\n:rollback\n:begin\nCREATE (:T {v: 2});\nCREATE (:T {v: 3});\n:commit\n' });
    assert.deepEqual(rows(db, 'MATCH (t:T) RETURN t.v ORDER BY t.v'), [[2], [3]]);
  });

  test('the first failure ends a piped session with exit 1', () => {
    const db = freshDb();
    const r = fails(['shell', db], { input: 'CREATE (:A);\nRETURN 1 / 0;\nCREATE (:B);\n' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /ArithmeticError/);
    assert.deepEqual(rows(db, 'MATCH (n) RETURN labels(n)'), [[['A']]]);
  });

  test('--fail-at-end runs everything and still exits 1', () => {
    const db = freshDb();
    const r = fails(['shell', db, '--fail-at-end'], { input: 'CREATE (:A);\nMATCH (n RETURN n;\nCREATE (:B);\n' });
    assert.match(r.stderr, /SyntaxError/);
    assert.deepEqual(rows(db, 'MATCH (n) RETURN labels(n)[0] AS l ORDER BY l'), [['A'], ['B']]);
  });

  test('an unknown command is an error', () => {
    const r = fails(['shell', freshDb()], { input: ':frobnicate\n' });
    assert.match(r.stderr, /Unknown command :frobnicate/);
  });

  test('long results are capped with a "more rows" line', () => {
    const r = ok(['shell', freshDb()], { input: 'UNWIND range(1, 150) AS i RETURN i;\n' });
    assert.match(r.stdout, /\| 100 \|/);
    assert.doesNotMatch(r.stdout, /\| 101 \|/);
    assert.match(r.stdout, /… 50 more rows/);
    assert.match(r.stdout, /^150 rows$/m);
  });

  test('--max-rows and :rows change the cap', () => {
    const r = ok(['shell', freshDb(), '--max-rows', '3'], { input: 'UNWIND range(1, 5) AS i RETURN i;\n:rows 0\nUNWIND range(1, 5) AS i RETURN i;\n' });
    assert.match(r.stdout, /… 2 more rows/);
    assert.equal(r.stdout.match(/\| 5 \|/g).length, 1, 'the second result shows every row');
  });

  test('wide cells are cut with an ellipsis', () => {
    const long = 'x'.repeat(200);
    const r = ok(['shell', freshDb()], { input: `RETURN '${long}' AS s;\n` });
    const line = r.stdout.split('\n').find((l) => l.startsWith('| x'));
    assert.ok(line.endsWith('… |'), line);
    assert.ok([...line].length <= 64, `line of ${[...line].length} characters`);
  });

  test('a database without a file: in memory', () => {
    const r = ok(['shell'], { input: 'CREATE (:M);\nMATCH (m:M) RETURN count(m) AS c;\n' });
    assert.match(r.stdout, /\| 1 \|/);
  });

  test(':format json prints one document per statement', () => {
    const r = ok(['shell', freshDb()], { input: ':format json\nRETURN 1 AS one;\n' });
    const doc = JSON.parse(r.stdout.trim());
    assert.deepEqual(doc.results[0].data[0].row, [1]);
  });

  test('a session that cannot open its database fails cleanly', () => {
    const r = quiver(['shell', dir], { input: 'RETURN 1;\n' });
    assertNoCrash(r);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /cannot open/);
  });
});
