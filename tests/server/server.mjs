// Starts a real `quiver serve` on a free loopback port for tests, and stops it.
//
//   import { startServer } from '../server/server.mjs';
//   const server = await startServer();              // in-memory database, basic auth
//   const driver = neo4j.driver(server.url, neo4j.auth.basic(server.user, server.password));
//   ...
//   await server.stop();                              // SIGTERM, waits for a clean exit
//
// Other suites (e.g. tests/js/driver_api/, which reads a URL from the environment) can run
// against a server started from the command line:
//   node tests/server/server.mjs [--auth none] [DB]   prints QUIVER_TEST_URL=bolt://127.0.0.1:PORT,
//                                                      QUIVER_TEST_USER, QUIVER_TEST_PASSWORD and
//                                                      serves until killed
//   node tests/server/run_suite.mjs PATH...            runs a suite against a fresh server
// The binary comes from $QUIVER_BIN (default build/native/quiver).
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
export const quiverBin = process.env.QUIVER_BIN
  ? path.resolve(process.env.QUIVER_BIN)
  : path.join(repoRoot, 'build', 'native', 'quiver');

/**
 * A fresh self-signed certificate for 127.0.0.1 (openssl), removed when the process exits.
 * Returns { cert, key, args } where args are quiver serve's --tls-cert/--tls-key options.
 */
export function selfSignedCert () {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quiver-tls-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key,
    '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
  return { cert, key, args: ['--tls-cert', cert, '--tls-key', key] };
}

export async function startServer ({
  db = ':memory:',
  auth = 'basic',
  user = 'neo4j',
  password = 'test-password',
  args = [],
  env = {}
} = {}) {
  if (!fs.existsSync(quiverBin)) {
    throw new Error(`quiver binary not found at ${quiverBin}; build it or set QUIVER_BIN`);
  }
  // The HTTP API listens on a free port too unless the caller chose (or turned off) --http.
  const httpArgs = args.includes('--http') ? [] : ['--http', '127.0.0.1:0'];
  const wantHttp = !(args.includes('--http') && args[args.indexOf('--http') + 1] === 'off');
  const child = spawn(quiverBin, ['serve', db, '--bolt', '127.0.0.1:0', ...httpArgs, '--auth', auth, ...args], {
    env: { ...process.env, QUIVER_AUTH: `${user}/${password}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', d => { stderr += d });
  const exited = new Promise(resolve => child.on('exit', (code, signal) => resolve({ code, signal })));
  let httpPort = null;
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`quiver serve did not start:\n${stdout}${stderr}`)), 30000);
    child.stdout.on('data', d => {
      stdout += d;
      const m = /listening on bolt:\/\/[^:\s]+:(\d+)/.exec(stdout);
      const h = /listening on http:\/\/[^:\s]+:(\d+)/.exec(stdout);
      if (h) httpPort = Number(h[1]);
      if (m && (h || !wantHttp)) { clearTimeout(timer); resolve(Number(m[1])) }
    });
    exited.then(r => { clearTimeout(timer); reject(new Error(`quiver serve exited (${r.code ?? r.signal}):\n${stdout}${stderr}`)) });
  });
  return {
    host: '127.0.0.1',
    port,
    address: `127.0.0.1:${port}`,
    url: `bolt://127.0.0.1:${port}`,
    routingUrl: `neo4j://127.0.0.1:${port}`,
    httpUrl: httpPort === null ? null : `http://127.0.0.1:${httpPort}`,
    user,
    password,
    process: child,
    output: () => ({ stdout, stderr }),
    exited,
    async stop (signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    }
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const auth = argv.includes('--auth') ? argv[argv.indexOf('--auth') + 1] : 'basic';
  const db = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--auth') ?? ':memory:';
  const server = await startServer({ db, auth, password: 'password' });
  console.log(`QUIVER_TEST_URL=${server.url}`);
  console.log(`QUIVER_TEST_USER=${server.user}`);
  console.log(`QUIVER_TEST_PASSWORD=${server.password}`);
  const stop = () => server.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
