// The server's clocks on plain and TLS connections alike: an idle connection is closed after
// --idle-timeout, and an explicit transaction past its tx_timeout is rolled back while its
// client stays silent (so it stops holding the single writer); its next request then fails
// with Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration.
// Waits are bounded generously: a test fails by hanging (timeout), never by being slow.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import tls from 'node:tls';
import neo4j from 'neo4j-driver';
import { startServer, selfSignedCert } from './server.mjs';
import { RawClient, hex, SUCCESS, H_DRIVER6, HELLO51, logon } from './raw_client.mjs';


let server;      // --idle-timeout 1
let txServer;    // default idle timeout: its connections outlive the transactions' timeouts
before(async () => {
  const tlsArgs = selfSignedCert().args;
  server = await startServer({ user: 'neo4j', password: 'pw', args: [...tlsArgs, '--idle-timeout', '1'] });
  txServer = await startServer({ user: 'neo4j', password: 'pw', args: tlsArgs });
});
after(async () => {
  assert.equal((await server.stop()).code, 0);
  assert.equal((await txServer.stop()).code, 0);
});

const connectors = {
  plain: () => RawClient.connect(server.port),
  tls: () => new Promise((resolve, reject) => {
    const sock = tls.connect({ port: server.port, host: '127.0.0.1', rejectUnauthorized: false },
      () => resolve(new RawClient(sock)));
    sock.once('error', reject);
  })
};

for (const [name, connect] of Object.entries(connectors)) {
  test(`${name}: an idle authenticated connection is closed after --idle-timeout`, { timeout: 30000 }, async () => {
    const c = await connect();
    c.write(H_DRIVER6);
    await c.read(18);
    c.write(Buffer.concat([hex('0000080500'), hex(HELLO51), logon('pw')]));
    assert.equal((await c.message()).tag, SUCCESS);
    assert.equal((await c.message()).tag, SUCCESS);
    assert.equal(await c.waitClosed(20000), true);
  });
}

for (const scheme of ['bolt', 'bolt+ssc']) {
  test(`${scheme}: a silent transaction past its tx_timeout is rolled back and frees the writer`, { timeout: 30000 }, async () => {
    const url = `${scheme}://127.0.0.1:${txServer.port}`;
    const auth = neo4j.auth.basic('neo4j', 'pw');
    const holder = neo4j.driver(url, auth, { disableLosslessIntegers: true });
    const other = neo4j.driver(`bolt://127.0.0.1:${txServer.port}`, auth, { disableLosslessIntegers: true });
    const label = `Reaped_${scheme.replace('+', '_')}`;
    try {
      const session = holder.session();
      const tx = await session.beginTransaction({ timeout: 300 });
      await tx.run(`CREATE (:${label})`);
      // Blocks on the writer until the server rolls the silent transaction back.
      await other.executeQuery('CREATE (:AfterReap)');
      await assert.rejects(tx.run('RETURN 1'),
        e => e.code === 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration');
      await session.close();
      const r = await other.executeQuery(`MATCH (n:${label}) RETURN count(n) AS n`);
      assert.equal(r.records[0].get('n'), 0);
    } finally {
      await holder.close();
      await other.close();
    }
  });
}
