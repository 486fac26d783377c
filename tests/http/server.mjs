// Starts build/native/quiver-http (or $QUIVER_HTTP_BIN) on a free loopback port.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = process.env.QUIVER_HTTP_BIN
  ? path.resolve(process.env.QUIVER_HTTP_BIN)
  : path.join(root, 'build/native/quiver-http');

export function tempDb() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quiver-http-'));
  return path.join(dir, 'graph.qdb');
}

// Resolves to { url, stop() } once the server prints its address.
export function startServer(db, extraArgs = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, [db, '--http', '127.0.0.1:0', ...extraArgs], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => reject(new Error(`quiver-http exited with ${code}: ${err}`)));
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) {
        resolve({
          url: m[1],
          stop: () =>
            new Promise((done) => {
              child.removeAllListeners('exit');
              child.on('exit', (code) => done(code));
              child.kill('SIGTERM');
            }),
        });
      }
    });
  });
}

export async function post(url, body, headers = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

export async function del(url, headers = {}) {
  const res = await fetch(url, { method: 'DELETE', headers });
  return { status: res.status, headers: res.headers, json: JSON.parse(await res.text()) };
}

export const statements = (...list) => ({
  statements: list.map((s) => (typeof s === 'string' ? { statement: s } : s)),
});
