// Raw-byte conformance (bolt.md §18): handshake and framing cases the drivers never trigger.
// Each gets the exact reply, the correct FAILURE or a clean close — and the server keeps
// serving afterwards (checked at the end by a normal query on a fresh connection).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { startServer } from './server.mjs';
import { RawClient, hex, SUCCESS, RECORD, IGNORED, FAILURE, wsConnect, wsFrame, wsRead, decode, H_DRIVER6, HELLO51, PULLALL, RESET, logon } from './raw_client.mjs';

const H_DRIVER527 = '6060B017 00070705 00020404 00000104 00000003';
const H_DRIVER44 = '6060B017 00020404 00000104 00000004 00000003';
const MANIFEST = '000001FF 03 00020805 00040405 00000404 00';
const RUN1 = '0012 B310 8D52455455524E2031204153206E A0 A0 0000';
const RUNFAIL = '0009 B310 844641494C A0 A0 0000';

let server;
before(async () => {
  server = await startServer({ user: 'neo4j', password: 'pw', args: ['--max-message-bytes', '4096'] });
});
after(async () => {
  const r = await server.stop();
  assert.equal(r.code, 0);
});

async function ready () {
  const c = await RawClient.connect(server.port);
  c.write(H_DRIVER6);
  assert.deepEqual(await c.read(18), hex(MANIFEST));
  c.write(Buffer.concat([hex('0000080500'), hex(HELLO51), logon('pw')]));
  assert.equal((await c.message()).tag, SUCCESS);
  assert.equal((await c.message()).tag, SUCCESS);
  return c;
}

test('H1/H12: manifest in one reply, choice + HELLO + LOGON pipelined', async () => {
  const c = await RawClient.connect(server.port);
  c.write(H_DRIVER6);
  assert.deepEqual(await c.read(18), hex(MANIFEST));
  c.write(Buffer.concat([hex('0000080500'), hex(HELLO51), logon('pw')]));
  const hello = await c.message();
  assert.equal(hello.tag, SUCCESS);
  assert.match(hello.fields[0].server, /^Neo4j\//);
  assert.equal(hello.fields[0].protocol_version, '5.8');
  assert.deepEqual(await c.message(), { tag: SUCCESS, fields: [{}] });
  c.end();
});

test('H3/H4: legacy handshakes of drivers 5.27 and 4.4', async () => {
  for (const [h, reply] of [[H_DRIVER527, '00000705'], [H_DRIVER44, '00000404']]) {
    const c = await RawClient.connect(server.port);
    c.write(h);
    assert.deepEqual(await c.read(4), hex(reply));
    c.end();
  }
});

test('H11: preamble dribbled one byte at a time', async () => {
  const c = await RawClient.connect(server.port);
  for (const b of hex(H_DRIVER6)) {
    c.write(Buffer.from([b]));
    await new Promise(resolve => setTimeout(resolve, 2));
  }
  assert.deepEqual(await c.read(18), hex(MANIFEST));
  c.end();
});

test('H7/H8: no common version → 00000000 and close', async () => {
  for (const h of ['6060B017 00000505 00000000 00000000 00000000', '6060B017 00000003 00000000 00000000 00000000']) {
    const c = await RawClient.connect(server.port);
    c.write(h);
    assert.deepEqual(await c.read(4), hex('00000000'));
    assert.ok(await c.waitClosed());
  }
});

test('H9: bad magic → closed without a byte', async () => {
  const c = await RawClient.connect(server.port);
  c.write('6060B018 00000805 00000000 00000000 00000000');
  assert.ok(await c.waitClosed());
  assert.equal(c.buf.length, 0);
});

test('H13/H14/H15: invalid manifest choices close the connection', async () => {
  for (const choice of ['0000050500', '0002080500', '0000080501']) {
    const c = await RawClient.connect(server.port);
    c.write(H_DRIVER6);
    await c.read(18);
    c.write(choice);
    assert.ok(await c.waitClosed(), choice);
  }
});

test('A2: wrong password → Unauthorized FAILURE, then close', async () => {
  const c = await RawClient.connect(server.port);
  c.write(H_DRIVER6);
  await c.read(18);
  c.write(Buffer.concat([hex('0000080500'), hex(HELLO51), logon('nope')]));
  assert.equal((await c.message()).tag, SUCCESS);
  const f = await c.message();
  assert.equal(f.tag, FAILURE);
  assert.equal(f.fields[0].neo4j_code, 'Neo.ClientError.Security.Unauthorized');
  assert.equal(f.fields[0].diagnostic_record._classification, 'CLIENT_ERROR');
  assert.ok(await c.waitClosed());
});

test('A4: RUN before LOGON is a protocol error', async () => {
  const c = await RawClient.connect(server.port);
  c.write(H_DRIVER6);
  await c.read(18);
  c.write(Buffer.concat([hex('0000080500'), hex(HELLO51), hex(RUN1)]));
  assert.equal((await c.message()).tag, SUCCESS);
  const f = await c.message();
  assert.equal(f.fields[0].neo4j_code, 'Neo.ClientError.Request.Invalid');
  assert.ok(await c.waitClosed());
});

test('Q1/Q2: RUN+PULL, failure → IGNORED → RESET → usable again', async () => {
  const c = await ready();
  c.write(RUNFAIL + PULLALL);
  const f = await c.message();
  assert.equal(f.tag, FAILURE);
  assert.equal(f.fields[0].neo4j_code, 'Neo.ClientError.Statement.SyntaxError');
  assert.equal(f.fields[0].gql_status, '42001');
  assert.deepEqual(await c.message(), { tag: IGNORED, fields: [] });
  c.write(RESET);
  assert.deepEqual(await c.message(), { tag: SUCCESS, fields: [{}] });
  c.write(RUN1 + PULLALL);
  assert.deepEqual((await c.message()).fields[0].fields, ['n']);
  assert.deepEqual(await c.message(), { tag: RECORD, fields: [[1]] });
  const summary = (await c.message()).fields[0];
  assert.equal(summary.type, 'r');
  assert.equal(summary.db, 'neo4j');
  assert.equal(typeof summary.bookmark, 'string');
  c.end();
});

test('Q4: RUN while a result is open → Request.Invalid and close', async () => {
  const c = await ready();
  c.write(RUN1 + RUN1);
  assert.equal((await c.message()).tag, SUCCESS);
  assert.equal((await c.message()).fields[0].neo4j_code, 'Neo.ClientError.Request.Invalid');
  assert.ok(await c.waitClosed());
});

test('Q11/Q12: NOOPs ignored, a message split into 1-byte chunks', async () => {
  const c = await ready();
  const body = hex(RUN1).subarray(2, -2);
  const chunks = Buffer.concat([...body].map(b => Buffer.from([0, 1, b])));
  c.write(Buffer.concat([hex('0000 0000'), chunks, hex('0000 0000'), hex(PULLALL)]));
  assert.equal((await c.message()).tag, SUCCESS);
  assert.deepEqual(await c.message(), { tag: RECORD, fields: [[1]] });
  assert.equal((await c.message()).tag, SUCCESS);
  c.end();
});

test('unknown message → Request.Invalid and close', async () => {
  const c = await ready();
  c.write('0002 B055 0000');
  assert.equal((await c.message()).fields[0].neo4j_code, 'Neo.ClientError.Request.Invalid');
  assert.ok(await c.waitClosed());
});

test('Q20: malformed PackStream → Request.Invalid and close', async () => {
  const c = await ready();
  c.write('0005 B310 C4A0A0 0000');
  assert.equal((await c.message()).fields[0].neo4j_code, 'Neo.ClientError.Request.Invalid');
  assert.ok(await c.waitClosed());
});

test('oversized message → Request.Invalid and close', async () => {
  const c = await ready();
  const chunk = Buffer.alloc(5000, 0x41);
  c.write(Buffer.concat([Buffer.from([0x13, 0x88]), chunk, hex('0000')]));
  const f = await c.message();
  assert.equal(f.fields[0].neo4j_code, 'Neo.ClientError.Request.Invalid');
  assert.match(f.fields[0].message, /maximum size/);
  assert.ok(await c.waitClosed());
});

test('Q13: GOODBYE closes without a reply', async () => {
  const c = await ready();
  c.write('0002 B002 0000');
  assert.ok(await c.waitClosed());
  assert.equal(c.buf.length, 0);
});

test('Q14: ROUTE answers a single-server routing table with the client address', async () => {
  const c = await ready();
  c.write('001C B366 A1 8761646472657373 8E3132372E302E302E313A37363837 90 A0 0000');
  const rt = (await c.message()).fields[0].rt;
  assert.equal(rt.db, 'neo4j');
  assert.equal(typeof rt.ttl, 'number');
  assert.deepEqual(rt.servers.map(s => s.role), ['ROUTE', 'READ', 'WRITE']);
  for (const s of rt.servers) assert.deepEqual(s.addresses, ['127.0.0.1:7687']);
  c.end();
});

test('W1/W2/W4: WebSocket upgrade and the handshake inside binary frames', async () => {
  const c = await wsConnect(server.port, { protocol: 'binary' });
  assert.match(c.httpHead, /^HTTP\/1\.1 101/);
  const accept = crypto.createHash('sha1').update(c.wsKey + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
  assert.match(c.httpHead, new RegExp(`sec-websocket-accept: ${accept.replace(/[+/]/g, '\\$&')}`, 'i'));
  assert.match(c.httpHead, /sec-websocket-protocol: binary/i);
  assert.doesNotMatch(c.httpHead, /sec-websocket-extensions/i);
  c.write(wsFrame(hex(H_DRIVER6).subarray(0, 10), { fin: false }));
  c.write(wsFrame(hex(H_DRIVER6).subarray(10), { opcode: 0 }));
  const f = await wsRead(c);
  assert.equal(f.opcode, 2);
  assert.equal(f.masked, false);
  assert.deepEqual(f.payload, hex(MANIFEST));
  c.write(wsFrame(Buffer.concat([hex('0000080500'), hex(HELLO51), logon('pw')])));
  c.write(wsFrame(hex(RUN1 + PULLALL)));
  // Collect frames until the PULL summary arrived.
  let bytes = Buffer.alloc(0);
  const tags = [];
  while (tags.length < 5) {
    bytes = Buffer.concat([bytes, (await wsRead(c)).payload]);
    for (;;) {
      let pos = 0; const parts = [];
      while (pos + 2 <= bytes.length) {
        const n = bytes.readUInt16BE(pos); pos += 2;
        if (n === 0) break;
        if (pos + n > bytes.length) { pos = -1; break }
        parts.push(bytes.subarray(pos, pos + n)); pos += n;
      }
      if (pos <= 0 || !parts.length || bytes.readUInt16BE(pos - 2) !== 0) break;
      tags.push(decode(Buffer.concat(parts)));
      bytes = bytes.subarray(pos);
    }
  }
  assert.deepEqual(tags.map(t => t.tag), [SUCCESS, SUCCESS, SUCCESS, RECORD, SUCCESS]);
  assert.deepEqual(tags[3].fields, [[1]]);
  c.end();
});

test('W3/W9: other paths 404, plain GET / answers discovery JSON', async () => {
  const c = await wsConnect(server.port, { path: '/foo' });
  assert.match(c.httpHead, /^HTTP\/1\.1 404/);
  c.end();
  const res = await fetch(`http://127.0.0.1:${server.port}/`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  const body = await res.json();
  assert.equal(body.bolt_direct, `bolt://127.0.0.1:${server.port}`);
});

test('W6: a text frame is refused with close 1003', async () => {
  const c = await wsConnect(server.port);
  c.write(wsFrame(Buffer.from('hello'), { opcode: 1 }));
  const f = await wsRead(c);
  assert.equal(f.opcode, 8);
  assert.equal(f.payload.readUInt16BE(0), 1003);
});

test('garbage on the port is closed without a reply; the server still serves', async () => {
  const c = await RawClient.connect(server.port);
  c.write(Buffer.from('HELLO WORLD'));
  assert.ok(await c.waitClosed());
  const ok = await ready();
  ok.write(RUN1 + PULLALL);
  assert.equal((await ok.message()).tag, SUCCESS);
  ok.end();
});
