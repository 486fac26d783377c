// `quiver query`: the three output formats, parameters, errors and atomicity of failed writes.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { tempDir, quiver, ok, fails, queryJson, rows, assertNoCrash } from './helpers.mjs';

const dir = tempDir();
let counter = 0;
// A new database file with the small graph (Ann)-[:KNOWS {since: 2020}]->(Bob).
function smallGraph() {
  const db = path.join(dir, `g${++counter}.qdb`);
  ok(['query', db, "CREATE (:Person {name: 'Ann', age: 42})-[:KNOWS {since: 2020}]->(:Person {name: 'Bob', age: 7})"]);
  return db;
}

describe('table format', () => {
  test('write statements report their update counters', () => {
    const db = path.join(dir, 'counters.qdb');
    const r = ok(['query', db, "CREATE (:Person {name: 'Ann', age: 42}), (:Person {name: 'Cy', age: 3})"]);
    assert.match(r.stdout, /Added 2 nodes/);
    assert.match(r.stdout, /Set 4 properties/);
    assert.doesNotMatch(r.stdout, /\d+ rows?/, 'a statement without RETURN prints no table');
  });

  test('scalar results form a box table with a row count', () => {
    const db = smallGraph();
    const r = ok(['query', db, 'MATCH (p:Person) RETURN p.name AS name, p.age AS age ORDER BY name']);
    assert.equal(r.stdout,
      '+------+-----+\n' +
      '| name | age |\n' +
      '+------+-----+\n' +
      '| Ann  | 42  |\n' +
      '| Bob  | 7   |\n' +
      '+------+-----+\n' +
      '2 rows\n');
  });

  test('values use Cypher literal notation', () => {
    const db = smallGraph();
    const r = ok(['query', db, "RETURN ['a', 1, 2.5, null, true] AS l, {k: 'v'} AS m, 'top' AS s"]);
    const line = r.stdout.split('\n')[3];
    assert.equal(line, '| ["a", 1, 2.5, null, true] | {k: "v"} | top |');
  });

  test('nodes, relationships and paths are drawn as patterns', () => {
    const db = smallGraph();
    const r = ok(['query', db, "MATCH p = (a:Person {name: 'Ann'})-[r:KNOWS]->(b) RETURN a, r, p"]);
    assert.match(r.stdout, /\| \(:Person \{(name: "Ann", age: 42|age: 42, name: "Ann")\}\) +\|/);
    assert.match(r.stdout, /\| \[:KNOWS \{since: 2020\}\] +\|/);
    assert.match(r.stdout, /\(:Person \{[^}]*"Ann"[^}]*\}\)-\[:KNOWS \{since: 2020\}\]->\(:Person \{[^}]*"Bob"[^}]*\}\)/);
    assert.match(r.stdout, /^1 row$/m);
  });
});

describe('json format', () => {
  test('scalars: columns, rows and null metas', () => {
    const db = smallGraph();
    const doc = queryJson(db, "RETURN 1 AS one, 'two' AS two, [1, 2.5] AS list, null AS nothing");
    assert.deepEqual(doc, {
      results: [{
        columns: ['one', 'two', 'list', 'nothing'],
        data: [{ row: [1, 'two', [1, 2.5], null], meta: [null, null, null, null, null] }],
      }],
      errors: [],
    });
  });

  test('notifications of the statements sit at the top, as in the HTTP API', () => {
    const db = smallGraph();
    const doc = queryJson(db, 'MATCH (a:Person), (b:Nope) RETURN a, b');
    const codes = doc.notifications.map((n) => n.code).sort();
    assert.deepEqual(codes, [
      'Neo.ClientNotification.Statement.CartesianProduct',
      'Neo.ClientNotification.Statement.UnknownLabelWarning',
    ]);
    const unknown = doc.notifications.find((n) => n.code.endsWith('UnknownLabelWarning'));
    assert.equal(unknown.severity, 'WARNING');
    assert.equal(unknown.title, 'The provided label is not in the database.');
    assert.match(unknown.description, /\(the missing label name is: Nope\)$/);
    assert.deepEqual(unknown.position, { offset: 18, line: 1, column: 19 });
    assert.equal(queryJson(db, 'MATCH (a:Person) RETURN a.name AS n').notifications, undefined);
  });

  test('nodes are property maps with node metas', () => {
    const db = smallGraph();
    const doc = queryJson(db, "MATCH (p:Person {name: 'Ann'}) RETURN p, p.name AS name");
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(doc.results[0].columns, ['p', 'name']);
    const [d] = doc.results[0].data;
    assert.deepEqual(d.row, [{ name: 'Ann', age: 42 }, 'Ann']);
    assert.equal(d.meta.length, 2);
    assert.equal(typeof d.meta[0].id, 'number');
    assert.equal(typeof d.meta[0].elementId, 'string');
    assert.deepEqual({ ...d.meta[0], id: 0, elementId: '' }, { id: 0, elementId: '', type: 'node', deleted: false });
    assert.equal(d.meta[1], null);
  });

  test('relationships and paths', () => {
    const db = smallGraph();
    const doc = queryJson(db, 'MATCH p = (a)-[r:KNOWS]->(b) RETURN r, p');
    const [d] = doc.results[0].data;
    assert.deepEqual(d.row[0], { since: 2020 });
    assert.deepEqual(d.row[1], [{ name: 'Ann', age: 42 }, { since: 2020 }, { name: 'Bob', age: 7 }]);
    assert.equal(d.meta[0].type, 'relationship');
    assert.equal(d.meta[0].deleted, false);
    assert.ok(Array.isArray(d.meta[1]), 'a path has a nested list of metas');
    assert.deepEqual(d.meta[1].map((m) => m.type), ['node', 'relationship', 'node']);
    assert.equal(d.meta[1][1].id, d.meta[0].id, 'the same relationship id in both columns');
  });

  test('a list of nodes contributes its metas to the outer meta list', () => {
    const db = smallGraph();
    const doc = queryJson(db, 'MATCH (p:Person) WITH p ORDER BY p.name RETURN collect(p) AS people');
    const [d] = doc.results[0].data;
    assert.deepEqual(d.row, [[{ name: 'Ann', age: 42 }, { name: 'Bob', age: 7 }]]);
    assert.deepEqual(d.meta.map((m) => m.type), ['node', 'node']);
  });

  test('--stats adds the update counters', () => {
    const db = path.join(dir, 'stats.qdb');
    const doc = queryJson(db, 'CREATE (n:X {a: 1}) RETURN n', ['--stats']);
    const s = doc.results[0].stats;
    assert.equal(s.contains_updates, true);
    assert.equal(s.nodes_created, 1);
    assert.equal(s.properties_set, 1);
    assert.equal(s.labels_added, 1);
  });

  test('several statements give several results', () => {
    const db = path.join(dir, 'multi.qdb');
    const doc = queryJson(db, 'CREATE (:A); CREATE (:A); MATCH (a:A) RETURN count(a) AS c');
    assert.equal(doc.results.length, 3);
    assert.deepEqual(doc.results[2].data[0].row, [2]);
  });
});

describe('csv format', () => {
  test('RFC 4180 quoting, header line, CRLF, null as empty field', () => {
    const db = smallGraph();
    const r = ok(['query', db, `RETURN 'a,b' AS x, 'say "hi"' AS y, 1 AS z, null AS n, ['l'] AS list, 'two\nlines' AS t`, '--format', 'csv']);
    assert.equal(r.stdout,
      'x,y,z,n,list,t\r\n' +
      '"a,b","say ""hi""",1,,"[""l""]","two\nlines"\r\n');
  });

  test('one line per row', () => {
    const db = smallGraph();
    const r = ok(['query', db, 'MATCH (p:Person) RETURN p.name AS name ORDER BY name', '--format', 'csv']);
    assert.equal(r.stdout, 'name\r\nAnn\r\nBob\r\n');
  });
});

describe('parameters', () => {
  const db = path.join(dir, 'params.qdb');

  test('a JSON integer is a Cypher Integer', () => {
    assert.deepEqual(rows(db, 'RETURN $i / 5 AS q, $i + 1 AS next', ['--param', 'i=42']), [[8, 43]]);
    const r = ok(['query', db, 'RETURN $i AS v', '--param', 'i=42']);
    assert.match(r.stdout, /\| 42 \|/);
  });

  test('a JSON float is a Cypher Float, even when integral', () => {
    const r = ok(['query', db, 'RETURN $f AS f, $f / 4 AS q', '--param', 'f=2.0']);
    assert.match(r.stdout, /\| 2\.0 \| 0\.5 \|/);
  });

  test('strings, booleans and null', () => {
    assert.deepEqual(
      rows(db, "RETURN $s + '!' AS s, NOT $b AS b, $n IS NULL AS isnull",
        ['--param', 's="Tom"', '--param', 'b=true', '--param', 'n=null']),
      [['Tom!', false, true]]);
  });

  test('arrays become lists and objects maps', () => {
    assert.deepEqual(
      rows(db, 'RETURN size($l) AS n, $l[1] AS second, $m.k.n AS nested, $m.list[0] AS first',
        ['--param', 'l=[1,"two",3.5]', '--param', 'm={"k":{"n":1},"list":[true]}']),
      [[3, 'two', 1, true]]);
  });

  test('--params sets several at once; --param overrides', () => {
    assert.deepEqual(
      rows(db, 'RETURN $a AS a, $b AS b', ['--params', '{"a": 1, "b": "x"}', '--param', 'b="y"']),
      [[1, 'y']]);
  });

  test('parameters reach write statements', () => {
    const wdb = path.join(dir, 'params-write.qdb');
    ok(['query', wdb, 'CREATE (:P {name: $name, tags: $tags})', '--param', 'name="Zoe"', '--param', 'tags=["a","b"]']);
    assert.deepEqual(rows(wdb, 'MATCH (p:P) RETURN p.name, p.tags'), [['Zoe', ['a', 'b']]]);
  });

  test('a value that is not JSON is refused', () => {
    const r = fails(['query', db, 'RETURN $x', '--param', 'x=Tom']);
    assert.match(r.stderr, /InvalidFormat/);
    assert.match(r.stderr, /not valid JSON/);
  });

  test('a parameter without a name is refused', () => {
    const r = fails(['query', db, 'RETURN 1', '--param', '=1']);
    assert.match(r.stderr, /name=JSON/);
  });
});

describe('errors', () => {
  test('syntax error: non-zero exit, status code and position on stderr', () => {
    const db = smallGraph();
    const r = fails(['query', db, 'MATCH (n RETURN n']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^Neo\.ClientError\.Statement\.SyntaxError: /m);
    assert.match(r.stderr, /line 1, column \d+ \(offset: \d+\)/);
    assert.equal(r.stdout, '');
  });

  test('syntax error in json mode: the errors array, still non-zero', () => {
    const db = smallGraph();
    const r = fails(['query', db, 'RETURN 1 +', '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(doc.results, []);
    assert.equal(doc.errors.length, 1);
    assert.equal(doc.errors[0].code, 'Neo.ClientError.Statement.SyntaxError');
    assert.equal(typeof doc.errors[0].message, 'string');
    assert.equal(doc.errors[0].position.line, 1);
  });

  test('runtime error: ArithmeticError, non-zero exit', () => {
    const db = smallGraph();
    const r = fails(['query', db, 'UNWIND [1, 0] AS x RETURN 10 / x AS q']);
    assert.match(r.stderr, /Neo\.ClientError\.Statement\.ArithmeticError/);
    const j = fails(['query', db, 'UNWIND [1, 0] AS x RETURN 10 / x AS q', '--format', 'json']);
    assert.equal(JSON.parse(j.stdout).errors[0].code, 'Neo.ClientError.Statement.ArithmeticError');
  });

  test('a failed write statement leaves the graph unchanged', () => {
    const db = smallGraph();
    fails(['query', db, 'UNWIND [1, 0] AS x CREATE (:Tmp {v: 10 / x})']);
    fails(['query', db, "MATCH (a:Person {name: 'Ann'}) SET a.age = 99 WITH a UNWIND [1, 0] AS x CREATE (:Tmp {v: 10 / x})"]);
    assert.deepEqual(rows(db, 'MATCH (t:Tmp) RETURN count(t)'), [[0]]);
    assert.deepEqual(rows(db, "MATCH (a:Person {name: 'Ann'}) RETURN a.age"), [[42]]);
  });

  test('later statements do not run after a failing one', () => {
    const db = path.join(dir, 'stop.qdb');
    fails(['query', db, 'CREATE (:S); RETURN 1 / 0; CREATE (:S)']);
    assert.deepEqual(rows(db, 'MATCH (s:S) RETURN count(s)'), [[1]]);
  });

  test('a directory is not a database', () => {
    const r = fails(['query', dir, 'RETURN 1']);
    assert.match(r.stderr, /directory/);
  });
});

describe('command line', () => {
  test('--version and --help', () => {
    assert.match(ok(['--version']).stdout, /^quiver \d+\.\d+\.\d+/);
    const help = ok(['--help']).stdout;
    for (const word of ['query', 'shell', 'check', '--param', '--format', '--sample']) assert.ok(help.includes(word), word);
  });

  test('usage errors exit with status 2', () => {
    assert.equal(quiver([]).status, 2);
    assert.equal(quiver(['query']).status, 2);
    assert.equal(quiver(['frobnicate']).status, 2);
    assert.equal(quiver(['query', path.join(dir, 'u.qdb'), 'RETURN 1', '--format', 'xml']).status, 2);
    assert.equal(quiver(['query', path.join(dir, 'u.qdb'), 'RETURN 1', '--bogus']).status, 2);
  });

  test('--file reads the query text from a file or stdin', () => {
    const db = path.join(dir, 'file.qdb');
    const f = path.join(dir, 'q.cypher');
    fs.writeFileSync(f, 'CREATE (:F);\nMATCH (f:F) RETURN count(f) AS c;\n');
    const r = ok(['query', db, '--file', f, '--format', 'csv']);
    assert.equal(r.stdout, 'c\r\n1\r\n');
    const s = ok(['query', db, '-f', '-', '--format', 'csv'], { input: 'MATCH (f:F) RETURN count(f) AS c' });
    assert.equal(s.stdout, 'c\r\n1\r\n');
  });

  test('query creates a missing database file (and its folder)', () => {
    const db = path.join(dir, 'new', 'sub', 'x.qdb');
    const r = quiver(['query', db, 'RETURN 1 AS x']);
    assertNoCrash(r);
    assert.equal(r.status, 0);
    assert.ok(fs.existsSync(db));
  });
});

describe('in-memory databases', () => {
  for (const name of [':memory:', 'memory:']) {
    test(`${name} runs on a database in memory and leaves no file behind`, () => {
      const cwd = tempDir();
      const r = quiver(['query', name, 'CREATE (n:T {v: 1}) RETURN n.v AS v'], { cwd });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /\| 1 +\|/);
      assert.deepEqual(fs.readdirSync(cwd), [], 'no database file was created');
    });
  }
});
