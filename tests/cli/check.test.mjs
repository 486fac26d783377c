// `quiver check`: sound files pass; damaged, foreign and newer files fail with a clear report
// and a non-zero exit — never a crash.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir, ok, fails } from './helpers.mjs';
import { xxhash64 } from './xxhash64.mjs';

const dir = tempDir();
const sound = path.join(dir, 'sound.qdb');

// Header layout (engine/pagestore/file_format.h): two 4096-byte slots, each with the magic at
// 0, the u16 major version at 8, and at 120 the xxHash64 (seed 0) of bytes 0..119.
const SLOT = 4096;
const CHECKSUMMED = 120;

function copyOf(name) {
  const p = path.join(dir, name);
  fs.copyFileSync(sound, p);
  return p;
}

before(() => {
  ok(['shell', sound, '--sample', 'movies'], { input: '' });
  ok(['query', sound, "CREATE (:Extra {name: 'x', list: range(1, 50)})"]);
});

describe('check', () => {
  test('a sound database: exit 0 and a one-line summary', () => {
    const r = ok(['check', sound]);
    assert.match(r.stdout, /: OK \(\d+ pages, \d+ nodes, \d+ relationships checked\)\n$/);
    assert.equal(r.stdout.trim().split('\n').length, 1);
  });

  test('json report of a sound database', () => {
    const r = ok(['check', sound, '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.ok, true);
    assert.deepEqual(doc.problems, []);
    assert.ok(doc.nodes_checked >= 172, `nodes_checked ${doc.nodes_checked}`);
  });

  test('check never modifies the file', () => {
    const p = copyOf('unchanged.qdb');
    const before = fs.readFileSync(p);
    ok(['check', p]);
    assert.ok(before.equals(fs.readFileSync(p)));
  });

  test('bytes flipped in the middle of the file: non-zero exit and a report', () => {
    const p = copyOf('flipped.qdb');
    const bytes = fs.readFileSync(p);
    const mid = Math.floor(bytes.length / 2);
    for (let i = mid; i < mid + 64; i++) bytes[i] ^= 0xff;
    fs.writeFileSync(p, bytes);
    const r = fails(['check', p]);
    const out = r.stdout + r.stderr;
    assert.match(out, /corrupt|checksum|problem/i);
    assert.ok(out.includes(p), 'the report names the file');
  });

  test('a problem report has one problem per line', () => {
    const p = copyOf('flipped-json.qdb');
    const bytes = fs.readFileSync(p);
    const mid = Math.floor(bytes.length / 2);
    for (let i = mid; i < mid + 64; i++) bytes[i] ^= 0xff;
    fs.writeFileSync(p, bytes);
    const r = fails(['check', p, '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.ok, false);
    const lines = [...(doc.problems ?? []), ...(doc.error ? [doc.error.message] : [])];
    assert.ok(lines.length >= 1);
    for (const line of doc.problems ?? []) assert.ok(!line.includes('\n'), `multi-line problem: ${line}`);
  });

  test('a truncated file', () => {
    const p = copyOf('truncated.qdb');
    const size = fs.statSync(p).size;
    fs.truncateSync(p, Math.floor(size / 2) + 100);
    const r = fails(['check', p]);
    assert.match(r.stdout + r.stderr, /truncat|corrupt|short|size|problem|checksum/i);
  });

  test('a text file is not a database', () => {
    const p = path.join(dir, 'notes.txt');
    fs.writeFileSync(p, 'These are my notes, not a graph.\n'.repeat(500));
    const r = fails(['check', p]);
    assert.match(r.stderr, /not a (quiver )?database/i);
    assert.equal(fs.readFileSync(p, 'utf8'), 'These are my notes, not a graph.\n'.repeat(500));
  });

  test('an empty file does not crash the checker', () => {
    const p = path.join(dir, 'empty.qdb');
    fs.writeFileSync(p, '');
    fails(['check', p]);
  });

  test('a file written by a newer format version', () => {
    const p = copyOf('newer.qdb');
    const bytes = fs.readFileSync(p);
    assert.equal(bytes.subarray(0, 8).toString('latin1'), 'QUIVERDB');
    for (const base of [0, SLOT]) {
      const slot = bytes.subarray(base, base + SLOT);
      const view = new DataView(slot.buffer, slot.byteOffset, SLOT);
      if (slot.subarray(0, 8).toString('latin1') !== 'QUIVERDB') continue;
      // Our checksum must agree with the engine's before we rewrite anything.
      assert.equal(xxhash64(slot.subarray(0, CHECKSUMMED)), view.getBigUint64(CHECKSUMMED, true));
      view.setUint16(8, view.getUint16(8, true) + 1, true);
      view.setBigUint64(CHECKSUMMED, xxhash64(slot.subarray(0, CHECKSUMMED)), true);
    }
    fs.writeFileSync(p, bytes);
    const r = fails(['check', p]);
    assert.match(r.stderr, /newer|version|unsupported/i);
    const q = fails(['query', p, 'MATCH (n) RETURN count(n)']);
    assert.match(q.stderr, /newer|version|unsupported/i);
  });

  test('a missing file is reported and not created', () => {
    const p = path.join(dir, 'missing.qdb');
    const r = fails(['check', p]);
    assert.match(r.stderr, /no database file/);
    assert.equal(fs.existsSync(p), false);
  });

  test('query on a damaged file fails cleanly too', () => {
    const p = path.join(dir, 'notes2.txt');
    fs.writeFileSync(p, 'hello world\n'.repeat(2000));
    const r = fails(['query', p, 'MATCH (n) RETURN n']);
    assert.match(r.stderr, /not a (quiver )?database/i);
    assert.equal(fs.readFileSync(p, 'utf8'), 'hello world\n'.repeat(2000), 'the file is left alone');
    const j = fails(['query', p, 'MATCH (n) RETURN n', '--format', 'json']);
    assert.equal(JSON.parse(j.stdout).errors.length, 1);
  });
});
