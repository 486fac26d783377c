// Shared helpers for the `quiver` CLI tests: run the real binary against real files.
// The binary comes from $QUIVER_BIN (default: build/native/quiver under the repository).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
export const quiverBin = process.env.QUIVER_BIN
  ? path.resolve(process.env.QUIVER_BIN)
  : path.join(repoRoot, 'build', 'native', 'quiver');

if (!fs.existsSync(quiverBin)) {
  throw new Error(`quiver binary not found at ${quiverBin}; build it or set QUIVER_BIN`);
}

// A fresh temporary directory, removed when the process exits.
export function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quiver-cli-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// Runs `quiver ...args`; never throws on a non-zero exit. Returns {status, signal, stdout, stderr}.
export function quiver(args, { input, cwd, env } = {}) {
  const r = spawnSync(quiverBin, args, {
    input: input ?? '',
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, QUIVER_HISTORY: '/dev/null', ...env },
  });
  // EPIPE: quiver exited before reading all of its input (e.g. it could not open the file).
  if (r.error && !(r.error.code === 'EPIPE' && r.status !== null)) throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

// Asserts the process ended by itself (no signal: no crash, no abort, no timeout).
export function assertNoCrash(r, what = 'quiver') {
  assert.equal(r.signal, null, `${what} was killed by ${r.signal}\nstderr:\n${r.stderr}`);
  assert.notEqual(r.status, null, `${what} did not exit normally`);
}

// Runs and expects success; returns the result.
export function ok(args, options) {
  const r = quiver(args, options);
  assertNoCrash(r);
  assert.equal(r.status, 0, `quiver ${args.join(' ')} failed (${r.status})\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
  return r;
}

// Runs with --format json and returns the parsed document (expects success).
export function queryJson(db, cypher, extra = []) {
  const r = ok(['query', db, cypher, '--format', 'json', ...extra]);
  return JSON.parse(r.stdout);
}

// The rows (row arrays) of the first result of a JSON query.
export function rows(db, cypher, extra = []) {
  const doc = queryJson(db, cypher, extra);
  assert.deepEqual(doc.errors, []);
  return doc.results[0].data.map((d) => d.row);
}

// Runs and expects failure (non-zero exit, no crash); returns the result.
export function fails(args, options) {
  const r = quiver(args, options);
  assertNoCrash(r);
  assert.notEqual(r.status, 0, `quiver ${args.join(' ')} should have failed\nstdout:\n${r.stdout}`);
  return r;
}
