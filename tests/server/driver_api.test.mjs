// The driver-API conformance suite (tests/js/driver_api/, written only against the neo4j-driver
// API) run unchanged against a fresh `quiver serve` through the official neo4j-driver, over
// bolt:// and neo4j:// (routing) — the same assertions the in-process quiverdb passes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './server.mjs';

function runSuite (scheme) {
  // The nested `node --test` must report as a top-level runner, not as our child.
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const child = spawn(process.execPath, [
    path.join(repoRoot, 'tests', 'server', 'run_suite.mjs'), '--scheme', scheme,
    path.join(repoRoot, 'tests', 'js', 'driver_api')
  ], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', d => { output += d });
  child.stderr.on('data', d => { output += d });
  return new Promise(resolve => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 100_000);
    child.on('exit', (code, signal) => { clearTimeout(timer); resolve({ code, signal, output }) });
  });
}

describe('driver-API conformance suite through neo4j-driver', { concurrency: 2 }, () => {
  for (const scheme of ['bolt', 'neo4j']) {
    test(`over ${scheme}://`, async () => {
      const r = await runSuite(scheme);
      const failing = r.output.split('\n').filter(l => /^\s*not ok /.test(l)).join('\n');
      assert.equal(r.code, 0, `suite exit ${r.code ?? r.signal}\n${failing}\n${r.output.slice(-4000)}`);
      assert.match(r.output, /# fail 0/);
      assert.doesNotMatch(r.output, /# pass 0\b/);
    });
  }
});
