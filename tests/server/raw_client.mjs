// A raw Bolt client for conformance tests: writes exact bytes, reads exact replies, decodes
// messages with a minimal PackStream reader (structures as {tag, fields}). Also frames bytes
// as masked WebSocket frames for the same tests over WebSocket.
import net from 'node:net';
import crypto from 'node:crypto';

export const hex = s => Buffer.from(s.replace(/\s+/g, ''), 'hex');

// Requests the tests send as bytes: a handshake offering 5.8 down to 5.0 then 4.4 (as
// neo4j-driver 6 does), HELLO for 5.1+, PULL {n: -1}, RESET.
export const H_DRIVER6 = '6060B017 000001FF 00080805 00020404 00000003';
export const HELLO51 = '001E B101 A1 8A757365725F6167656E74 8F636F6E666F726D616E63652F312E30 0000';
export const PULLALL = '0006 B13F A1 816E FF 0000';
export const RESET = '0002 B00F 0000';

/** A PackStream string of up to 255 bytes. */
export const packString = t => {
  const b = Buffer.from(t);
  return Buffer.concat([b.length < 16 ? Buffer.from([0x80 + b.length]) : Buffer.from([0xd0, b.length]), b]);
};
/** One message body as a single chunk plus the end marker. */
export const chunk = body => Buffer.concat([Buffer.from([body.length >> 8, body.length & 255]), body, Buffer.from([0, 0])]);
/** LOGON with basic auth for user neo4j. */
export const logon = pw => chunk(Buffer.concat([hex('B16A A3'), packString('scheme'), packString('basic'),
  packString('principal'), packString('neo4j'), packString('credentials'), packString(pw)]));
/** RUN query {} {}. */
export const runMessage = query => chunk(Buffer.concat([hex('B310'), packString(query), hex('A0 A0')]));

export class RawClient {
  static connect (port) {
    return new Promise((resolve, reject) => {
      const sock = net.connect(port, '127.0.0.1', () => resolve(new RawClient(sock)));
      sock.once('error', reject);
    });
  }

  constructor (sock) {
    this.sock = sock;
    this.buf = Buffer.alloc(0);
    this.closed = false;
    this.waiters = [];
    sock.on('data', d => { this.buf = Buffer.concat([this.buf, d]); this.wake() });
    sock.on('close', () => { this.closed = true; this.wake() });
    sock.on('error', () => {});
  }

  wake () { for (const w of this.waiters.splice(0)) w() }
  write (bytes) { this.sock.write(typeof bytes === 'string' ? hex(bytes) : bytes) }
  end () { this.sock.destroy() }

  // Resolves with exactly n bytes, or rejects when the connection closes first / times out.
  async read (n, timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    while (this.buf.length < n) {
      if (this.closed) throw new Error(`closed after ${this.buf.length} of ${n} bytes`);
      if (Date.now() > deadline) throw new Error(`timeout waiting for ${n} bytes`);
      await new Promise(resolve => { this.waiters.push(resolve); setTimeout(resolve, 50) });
    }
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return Buffer.from(out);
  }

  // One dechunked message, decoded.
  async message (timeoutMs) {
    const parts = [];
    for (;;) {
      const size = (await this.read(2, timeoutMs)).readUInt16BE(0);
      if (size === 0) { if (parts.length) break; continue }
      parts.push(await this.read(size, timeoutMs));
    }
    return decode(Buffer.concat(parts));
  }

  // Resolves true when the server closes the connection (with no further bytes expected).
  async waitClosed (timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) return false;
      await new Promise(resolve => { this.waiters.push(resolve); setTimeout(resolve, 50) });
    }
    return true;
  }
}

export const SUCCESS = 0x70;
export const RECORD = 0x71;
export const IGNORED = 0x7e;
export const FAILURE = 0x7f;

export function decode (buf) {
  let pos = 0;
  const u8 = () => buf[pos++];
  const take = n => { const s = buf.subarray(pos, pos + n); pos += n; return s };
  const size = m => m === 0 ? u8() : m === 1 ? buf.readUInt16BE((pos += 2) - 2) : buf.readUInt32BE((pos += 4) - 4);
  const list = n => Array.from({ length: n }, () => value());
  const map = n => { const o = {}; for (let i = 0; i < n; i++) { const k = value(); o[k] = value() } return o };
  function value () {
    const m = u8();
    if (m < 0x80) return m;
    if (m >= 0xf0) return m - 0x100;
    const hi = m & 0xf0;
    if (hi === 0x80) return take(m & 0x0f).toString('utf8');
    if (hi === 0x90) return list(m & 0x0f);
    if (hi === 0xa0) return map(m & 0x0f);
    if (hi === 0xb0) { const n = m & 0x0f; const tag = u8(); return { tag, fields: list(n) } }
    switch (m) {
      case 0xc0: return null;
      case 0xc1: { const v = buf.readDoubleBE(pos); pos += 8; return v }
      case 0xc2: return false;
      case 0xc3: return true;
      case 0xc8: return buf.readInt8((pos += 1) - 1);
      case 0xc9: return buf.readInt16BE((pos += 2) - 2);
      case 0xca: return buf.readInt32BE((pos += 4) - 4);
      case 0xcb: return Number(buf.readBigInt64BE((pos += 8) - 8));
      case 0xcc: case 0xcd: case 0xce: return take(size(m - 0xcc));
      case 0xd0: case 0xd1: case 0xd2: return take(size(m - 0xd0)).toString('utf8');
      case 0xd4: case 0xd5: case 0xd6: return list(size(m - 0xd4));
      case 0xd8: case 0xd9: case 0xda: return map(size(m - 0xd8));
    }
    throw new Error(`unexpected marker ${m.toString(16)}`);
  }
  return value();
}

// ---- WebSocket -------------------------------------------------------------------------------

export function wsFrame (payload, { opcode = 2, fin = true, mask = true } = {}) {
  const len = payload.length;
  const head = [(fin ? 0x80 : 0) | opcode];
  if (len < 126) head.push((mask ? 0x80 : 0) | len);
  else if (len < 65536) head.push((mask ? 0x80 : 0) | 126, len >> 8, len & 255);
  else throw new Error('frame too large for this helper');
  if (!mask) return Buffer.concat([Buffer.from(head), payload]);
  const key = crypto.randomBytes(4);
  const body = Buffer.from(payload.map((b, i) => b ^ key[i % 4]));
  return Buffer.concat([Buffer.from(head), key, body]);
}

// Performs the HTTP upgrade; returns the raw client positioned after the 101 response headers.
export async function wsConnect (port, { path = '/', protocol } = {}) {
  const c = await RawClient.connect(port);
  const key = crypto.randomBytes(16).toString('base64');
  c.write(Buffer.from(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: Upgrade\r\n` +
    `Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${key}\r\n` +
    (protocol ? `Sec-WebSocket-Protocol: ${protocol}\r\n` : '') + '\r\n'));
  let head = '';
  while (!head.endsWith('\r\n\r\n')) head += (await c.read(1)).toString('latin1');
  c.httpHead = head;
  c.wsKey = key;
  return c;
}

// Reads one server WebSocket frame: {opcode, payload}.
export async function wsRead (c) {
  const [b0, b1] = await c.read(2);
  let len = b1 & 0x7f;
  if (len === 126) len = (await c.read(2)).readUInt16BE(0);
  else if (len === 127) len = Number((await c.read(8)).readBigUInt64BE(0));
  return { opcode: b0 & 0x0f, fin: !!(b0 & 0x80), masked: !!(b1 & 0x80), payload: await c.read(len) };
}
