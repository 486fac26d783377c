// Runtime limits from the CLI: --timeout, and Ctrl-C in the shell cancelling the running
// statement (not the shell).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { tempDir, ok, fails, quiverBin } from './helpers.mjs';

const dir = tempDir();
const db = path.join(dir, 'runtime.qdb');
const crossProduct = 'MATCH (a), (b), (c) RETURN count(*) AS n';

describe('runtime limits in the CLI', () => {
  test('setup', () => {
    ok(['query', db, 'UNWIND range(1, 800) AS i CREATE (:N {i: i})']);
  });

  test('--timeout ends a long query with the Neo4j timeout error', () => {
    const r = fails(['query', db, '--timeout', '50', crossProduct]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /Neo\.ClientError\.Transaction\.TransactionTimedOutClientConfiguration/);
    // A quick query under the same timeout succeeds.
    ok(['query', db, '--timeout', '60000', 'MATCH (n) RETURN count(n) AS c']);
  });

  test('Ctrl-C in the shell cancels the statement and the shell goes on', async () => {
    const child = spawn(quiverBin, ['shell', db, '--fail-at-end'], {
      env: { ...process.env, QUIVER_HISTORY: '/dev/null' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.stdin.write(`${crossProduct};\n`);
    await new Promise((r) => setTimeout(r, 1000));  // let the statement start (it would run for many seconds)
    child.kill('SIGINT');
    child.stdin.end('RETURN 6 * 7 AS answer;\n');
    const [code, signal] = await new Promise((r) => child.on('exit', (c, s) => r([c, s])));
    assert.equal(signal, null, stderr);
    assert.equal(code, 1);  // one statement failed
    assert.match(stderr, /Neo\.ClientError\.Transaction\.Terminated/);
    assert.match(stdout, /\| 42 +\|/);
  });
});
