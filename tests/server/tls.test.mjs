// TLS on the Bolt port with a freshly generated self-signed certificate: neo4j-driver 6 over
// bolt+ssc:// and neo4j+ssc://; plain bolt:// still works on the same port.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import neo4j from 'neo4j-driver';
import { startServer, selfSignedCert } from './server.mjs';

let server;
before(async () => {
  server = await startServer({ args: selfSignedCert().args });
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
