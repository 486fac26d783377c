// The real neo4j-driver browser bundle over WebSocket (the Bolt port serves WebSocket too),
// with bolt:// and neo4j:// URIs; a 5,000-character parameter spans several WebSocket messages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
let server;
before(async () => { server = await startServer() });
after(async () => { await server.stop() });

for (const scheme of ['bolt', 'neo4j']) {
  test(`browser bundle over ws with ${scheme}://`, () => {
    const url = `${scheme}://127.0.0.1:${server.port}`;
    const r = spawnSync(process.execPath,
      ['--experimental-websocket', path.join(here, 'ws_driver_client.cjs'), url, server.user, server.password],
      { encoding: 'utf8', timeout: 60000 });
    const line = r.stdout.trim().split('\n').pop();
    const out = JSON.parse(line || '{}');
    assert.equal(out.error, undefined, `${r.stdout}${r.stderr}`);
    assert.equal(out.protocolVersion, 5.8);
    assert.match(out.agent, /^Neo4j\//);
    assert.equal(out.len, 5000);
    assert.ok(out.count >= 1);
  });
}
