// Shared by the Chromium tests and bench/browser: a loopback static server over the repository
// (node:http) and Debian's Chromium driven by playwright-core with a fresh profile directory.
//
// Pages: /tests/browser/page.html loads the package's browser entry (js/web/browser/index.js)
// exactly as a static site would and exposes it as window.quiverdb.

import { createServer } from 'node:http'
import { readFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve, extname, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { before, after } from 'node:test'
import { skipUnlessAvailable, missingFile } from '../support/prerequisite.mjs'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium'
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run']

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json'
}

/** Serves ROOT on 127.0.0.1 (a secure context, so OPFS and Web Locks exist); cache: let the
 * browser keep responses (cold-start benchmarks with the wasm cached); isolated: send COOP/COEP
 * so pages are cross-origin isolated (performance.now() then resolves 5 µs, not 100 µs). */
export function startServer ({ cache = false, isolated = false } = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname)
    const file = resolve(ROOT, '.' + path)
    if (!file.startsWith(ROOT + '/')) { res.writeHead(403).end(); return }
    try {
      const body = await readFile(file)
      const headers = { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': cache ? 'max-age=3600' : 'no-cache' }
      if (isolated) {
        headers['cross-origin-opener-policy'] = 'same-origin'
        headers['cross-origin-embedder-policy'] = 'require-corp'
      }
      res.writeHead(200, headers)
      res.end(body)
    } catch {
      res.writeHead(404).end('not found')
    }
  })
  return new Promise(resolvePromise => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      resolvePromise({ url: `http://127.0.0.1:${port}`, close: () => new Promise(r => server.close(r)) })
    })
  })
}

/** node:test's `skip` for the browser tests: false, or why they cannot run here (see support). */
export function missingPrerequisite (...more) {
  return skipUnlessAvailable(
    missingFile(CHROMIUM, 'apt-get install chromium'),
    missingFile(join(ROOT, 'js/dist/quiver.wasm'), 'scripts/build.sh wasm'),
    missingFile(join(ROOT, 'js/web/browser/index.js'), 'node scripts/build_web.mjs'),
    ...more)
}

/**
 * Registers the before/after hooks every browser test file needs: a static server for the
 * repository and a Chromium on a fresh profile, both closed after the file. Returns the `skip`
 * option and an object whose `server` and `browser` are set once the hooks ran.
 */
export function useBrowser ({ requires = [], isolated = false } = {}) {
  const skip = missingPrerequisite(...requires)
  const env = { skip, server: null, browser: null }
  before(async () => {
    if (skip) return
    env.server = await startServer({ isolated })
    env.browser = await launch()
  })
  after(async () => {
    if (env.browser) await env.browser.close()
    if (env.server) await env.server.close()
  })
  return env
}

/** A persistent Chromium context on a fresh profile directory; close() removes the profile. */
export async function launch (profileDir) {
  const { chromium } = await import('playwright-core')
  const dir = profileDir || await mkdtemp(join(tmpdir(), 'quiver-chromium-'))
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS
  })
  return {
    context,
    dir,
    async close ({ keepProfile = false } = {}) {
      await context.close().catch(() => {})
      if (!keepProfile) await rm(dir, { recursive: true, force: true })
    }
  }
}

/** Opens the test page and waits until window.quiverdb is loaded. */
export async function openPage (context, server) {
  const page = await context.newPage()
  page.on('pageerror', e => console.error('[page error]', e.message))
  await page.goto(server.url + '/tests/browser/page.html')
  await page.waitForFunction(() => window.quiverdb !== undefined || window.quiverdbError !== undefined)
  const err = await page.evaluate(() => window.quiverdbError)
  if (err) throw new Error('the page could not load quiverdb: ' + err)
  return page
}

/**
 * SIGKILLs the renderer processes of this profile's web pages (not Chromium's own UI), the way
 * a tab crashes: the page and its workers die mid-flight. Returns the pids killed.
 */
export async function killRenderers (profileDir) {
  const { readdirSync, readFileSync } = await import('node:fs')
  const killed = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    let args
    try {
      // Chromium rewrites its process title: arguments may be NUL- or space-separated.
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split(/[\0 ]/)
    } catch { continue }
    if (!args.includes('--type=renderer') || args.includes('--top-chrome-webui')) continue
    if (!args.includes('--user-data-dir=' + profileDir)) continue
    try { process.kill(Number(entry), 'SIGKILL'); killed.push(Number(entry)) } catch { /* gone */ }
  }
  return killed
}
