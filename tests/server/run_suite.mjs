// Runs a node:test suite against a fresh `quiver serve` (e.g. the driver-API conformance suite):
//   node tests/server/run_suite.mjs [--scheme bolt|neo4j] [--driver ALIAS] PATH...
// Starts the server on a free port, exports QUIVER_TEST_URL / QUIVER_TEST_USER /
// QUIVER_TEST_PASSWORD, runs `node --test --test-concurrency=1 PATH...`, stops the server and
// exits with the suite's status.
import { spawn } from 'node:child_process';
import { startServer } from './server.mjs';

const argv = process.argv.slice(2);
let scheme = 'bolt';
const paths = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--scheme') scheme = argv[++i];
  else paths.push(argv[i]);
}
const server = await startServer({ user: 'neo4j', password: 'password' });
const url = `${scheme}://127.0.0.1:${server.port}`;
console.log(`# running ${paths.join(' ')} against ${url}`);
const child = spawn(process.execPath, ['--test', '--test-concurrency=1', ...paths], {
  stdio: 'inherit',
  env: { ...process.env, QUIVER_TEST_URL: url, QUIVER_TEST_USER: 'neo4j', QUIVER_TEST_PASSWORD: 'password' }
});
const code = await new Promise(resolve => child.on('exit', c => resolve(c ?? 1)));
await server.stop();
process.exit(code);
