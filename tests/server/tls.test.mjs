// TLS on the Bolt port with a freshly generated self-signed certificate: neo4j-driver 6 over
// bolt+ssc:// and neo4j+ssc://; plain bolt:// still works on the same port.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { startServer } from './server.mjs';

let server;
before(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quiver-tls-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key,
    '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
  server = await startServer({ args: ['--tls-cert', cert, '--tls-key', key] });
});
after(async () => { await server.stop() });

for (const scheme of ['bolt+ssc', 'neo4j+ssc', 'bolt']) {
  test(`${scheme}:// connects and queries`, async () => {
    const driver = neo4j.driver(`${scheme}://127.0.0.1:${server.port}`,
      neo4j.auth.basic(server.user, server.password));
    try {
      const r = await driver.executeQuery('RETURN $x AS x', { x: 'over tls?' });
      assert.equal(r.records[0].get('x'), 'over tls?');
      const info = await driver.getServerInfo();
      assert.equal(String(info.protocolVersion), '5.8');
    } finally { await driver.close() }
  });
}

test('a wrong password over TLS is Unauthorized', async () => {
  const driver = neo4j.driver(`bolt+ssc://127.0.0.1:${server.port}`, neo4j.auth.basic(server.user, 'nope'));
  await assert.rejects(driver.verifyConnectivity(), e => e.code === 'Neo.ClientError.Security.Unauthorized');
  await driver.close();
});
