// Runs the driver-API conformance suite (tests/js/driver_api/) a second time, against file:
// databases (a fresh temporary file per driver), in a child test run.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { ROOT } from './helpers.mjs'

test('the driver-API conformance suite passes on file: databases', () => {
  const suite = path.join(ROOT, 'tests/js/driver_api')
  // Without the parent runner's NODE_TEST_CONTEXT, the child reports as a top-level run.
  const { NODE_TEST_CONTEXT, ...env } = process.env
  const child = spawnSync(process.execPath, ['--test', suite], {
    cwd: ROOT,
    env: { ...env, QUIVER_TEST_URL: 'file:' },
    encoding: 'utf8',
    timeout: 300000
  })
  const out = child.stdout + child.stderr
  const passed = Number((out.match(/^# pass (\d+)/m) || [])[1])
  const failed = Number((out.match(/^# fail (\d+)/m) || [])[1])
  assert.equal(child.status, 0, out.split('\n').filter(l => /not ok|error:|expected|actual/.test(l)).join('\n'))
  assert.equal(failed, 0)
  assert.ok(passed >= 40, `only ${passed} conformance tests ran`)
})
